#include "kefu/storage/sqlite/json_columns.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

constexpr const char* kRefreshColumns =
    "id, token_hash, family_id, user_id, expires_at, rotated_at, revoked_at, created_at, ip, "
    "user_agent";
constexpr const char* kApiTokenColumns =
    "id, user_id, name, token_hash, display_prefix, scopes, expires_at, last_used_at, "
    "revoked_at, created_at";

RefreshTokenRecord ReadRefresh(const Statement& s) {
  RefreshTokenRecord r;
  r.id = s.Int(0);
  r.token_hash = s.Text(1);
  r.family_id = s.Text(2);
  r.user_id = s.Int(3);
  r.expires_at = s.Int(4);
  r.rotated_at = s.OptInt(5);
  r.revoked_at = s.OptInt(6);
  r.created_at = s.Int(7);
  r.ip = s.Text(8);
  r.user_agent = s.Text(9);
  return r;
}

ApiTokenRecord ReadApiToken(const Statement& s) {
  ApiTokenRecord r;
  r.id = s.Int(0);
  r.user_id = s.Int(1);
  r.name = s.Text(2);
  r.token_hash = s.Text(3);
  r.display_prefix = s.Text(4);
  r.scopes = StringsFromJson(s.TextView(5));
  r.expires_at = s.OptInt(6);
  r.last_used_at = s.OptInt(7);
  r.revoked_at = s.OptInt(8);
  r.created_at = s.Int(9);
  return r;
}

}  // namespace

Status SqliteAuthRepo::InsertRefreshToken(RefreshTokenRecord& r) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("INSERT INTO refresh_tokens (token_hash, family_id, user_id, "
                            "expires_at, rotated_at, revoked_at, created_at, ip, user_agent) "
                            "VALUES (?,?,?,?,?,?,?,?,?)"));
  s.Bind(1, r.token_hash)
      .Bind(2, r.family_id)
      .Bind(3, r.user_id)
      .Bind(4, r.expires_at)
      .Bind(5, r.rotated_at)
      .Bind(6, r.revoked_at)
      .Bind(7, r.created_at)
      .Bind(8, r.ip)
      .Bind(9, r.user_agent);
  KEFU_RETURN_IF_ERROR(s.Run());
  r.id = conn_.LastInsertId();
  return OkStatus();
}

Result<RefreshTokenRecord> SqliteAuthRepo::FindRefreshToken(const std::string& token_hash) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kRefreshColumns +
                                              " FROM refresh_tokens WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("refresh token not found");
  return ReadRefresh(s);
}

Status SqliteAuthRepo::MarkRefreshRotated(Id id, TimeMs at) {
  KEFU_ASSIGN_OR_RETURN(auto s,
                        conn_.Prepare("UPDATE refresh_tokens SET rotated_at = ? WHERE id = ?"));
  s.Bind(1, at).Bind(2, id);
  return s.Run();
}

Status SqliteAuthRepo::RevokeRefreshFamily(const std::string& family_id, TimeMs at) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE "
                                              "family_id = ? AND revoked_at IS NULL"));
  s.Bind(1, at).Bind(2, family_id);
  return s.Run();
}

Status SqliteAuthRepo::RevokeRefreshTokensOfUser(Id user_id, TimeMs at) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE "
                                              "user_id = ? AND revoked_at IS NULL"));
  s.Bind(1, at).Bind(2, user_id);
  return s.Run();
}

Status SqliteAuthRepo::InsertApiToken(ApiTokenRecord& r) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("INSERT INTO api_tokens (user_id, name, token_hash, display_prefix, "
                            "scopes, expires_at, last_used_at, revoked_at, created_at) VALUES "
                            "(?,?,?,?,?,?,?,?,?)"));
  s.Bind(1, r.user_id)
      .Bind(2, r.name)
      .Bind(3, r.token_hash)
      .Bind(4, r.display_prefix)
      .Bind(5, StringsToJson(r.scopes))
      .Bind(6, r.expires_at)
      .Bind(7, r.last_used_at)
      .Bind(8, r.revoked_at)
      .Bind(9, r.created_at);
  KEFU_RETURN_IF_ERROR(s.Run());
  r.id = conn_.LastInsertId();
  return OkStatus();
}

Result<ApiTokenRecord> SqliteAuthRepo::FindApiToken(const std::string& token_hash) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kApiTokenColumns +
                                              " FROM api_tokens WHERE token_hash = ?"));
  s.Bind(1, token_hash);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("api token not found");
  return ReadApiToken(s);
}

Result<std::vector<ApiTokenRecord>> SqliteAuthRepo::ListApiTokens(std::optional<Id> user_id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kApiTokenColumns +
                                              " FROM api_tokens WHERE ? IS NULL OR user_id = ? "
                                              "ORDER BY id DESC"));
  s.Bind(1, user_id).Bind(2, user_id);
  return ReadAll<ApiTokenRecord>(s, ReadApiToken);
}

Result<ApiTokenRecord> SqliteAuthRepo::GetApiToken(Id id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kApiTokenColumns +
                                              " FROM api_tokens WHERE id = ?"));
  s.Bind(1, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("api token " + std::to_string(id) + " not found");
  return ReadApiToken(s);
}

Status SqliteAuthRepo::RevokeApiToken(Id id, TimeMs at) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? "
                                              "AND revoked_at IS NULL"));
  s.Bind(1, at).Bind(2, id);
  return s.Run();
}

}  // namespace kefu::storage::sqlite
