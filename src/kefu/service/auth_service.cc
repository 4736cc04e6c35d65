#include "kefu/service/auth_service.h"

#include <algorithm>
#include <mutex>

#include "kefu/auth/opaque_token.h"
#include "kefu/auth/password.h"
#include "kefu/domain/customer/contact.h"
#include "kefu/domain/event.h"
#include "kefu/events/emit.h"
#include "kefu/service/event_factory.h"

namespace kefu::service {
namespace {

using domain::DomainEvent;

constexpr std::string_view kBearer = "Bearer ";
constexpr std::size_t kMaxTokenNameLength = 100;
constexpr int kMaxTokenDays = 3650;

DomainEvent AuthEvent(std::string_view type, domain::Id user_id, const RequestMeta& meta,
                      TimeMs now, boost::json::object payload = {}) {
  if (!meta.user_agent.empty()) payload["user_agent"] = meta.user_agent;
  return MakeEvent(type, "user", user_id, user_id, meta, now, std::move(payload));
}

auth::PasswordCost CostFor(const ServiceSettings& settings) {
  return settings.fast_password_hashing ? auth::PasswordCost::kMinimumForTests
                                        : auth::PasswordCost::kInteractive;
}

}  // namespace

AuthService::AuthService(ServiceContext& ctx, std::string jwt_secret)
    : ctx_(ctx),
      jwt_(std::move(jwt_secret)),
      throttle_(ctx.settings.login_max_failures, std::chrono::seconds(ctx.settings.login_window_s),
                ctx.clock) {
  auto dummy = auth::HashPassword(auth::GeneratePassword(), CostFor(ctx.settings));
  if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
}

Result<domain::Principal> AuthService::PrincipalFor(domain::Id user_id) {
  std::uint64_t generation = ctx_.access_generation.load();
  {
    std::shared_lock lock(cache_mu_);
    auto it = principals_.find(user_id);
    if (it != principals_.end() && it->second.generation == generation) {
      return it->second.principal;
    }
  }
  domain::Principal principal;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    auto user = tx.users().Get(user_id);
    if (!user.ok() || !user->active) return Unauthenticated("this account is not active");
    KEFU_ASSIGN_OR_RETURN(domain::Role role, tx.org().GetRole(user->role));
    principal = domain::MakePrincipal(*user, role);
    return OkStatus();
  }));
  std::unique_lock lock(cache_mu_);
  principals_[user_id] = {generation, principal};
  return principal;
}

Result<LoginResult> AuthService::Login(const std::string& raw_email, const std::string& password,
                                       const RequestMeta& meta) {
  std::vector<FieldError> missing;
  if (raw_email.empty()) missing.push_back({"email", "is required"});
  if (password.empty()) missing.push_back({"password", "is required"});
  if (!missing.empty()) return InvalidArgument("email and password are required", missing);
  std::string email = raw_email;
  std::transform(email.begin(), email.end(), email.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });

  if (auto wait = throttle_.RetryAfterSeconds(email, meta.ip)) {
    Error e(ErrorCode::kRateLimited, "too many failed sign-in attempts; try again later");
    e.retry_after_seconds = *wait;
    return e;
  }
  std::optional<domain::User> user;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    auto found = tx.users().GetByEmail(email);
    if (found.ok()) user = std::move(found).value();
    return OkStatus();
  }));
  bool password_ok = user ? auth::VerifyPassword(user->password_hash, password)
                          : (auth::VerifyPassword(dummy_hash_, password), false);
  if (!user || !password_ok || !user->active) {
    throttle_.RecordFailure(email, meta.ip);
    TimeMs now = ctx_.clock.NowMs();
    std::string reason = !user ? "unknown_email" : !password_ok ? "wrong_password" : "inactive";
    (void)ctx_.store.Write([&](storage::Tx& tx) {
      return events::Emit(tx, ctx_.bus,
                          AuthEvent(domain::kEventAuthLoginFailed, user ? user->id : 0, meta, now,
                                    {{"email", email}, {"reason", reason}}));
    });
    if (user && password_ok && !user->active) {
      return Unauthenticated("this account has been deactivated");
    }
    return Unauthenticated("wrong email or password");
  }
  throttle_.RecordSuccess(email, meta.ip);
  return IssueSession(*user, auth::RandomHex(16), meta, /*is_login=*/true);
}

Result<LoginResult> AuthService::IssueSession(const domain::User& user,
                                              const std::string& family_id, const RequestMeta& meta,
                                              bool is_login) {
  KEFU_ASSIGN_OR_RETURN(domain::Principal principal, PrincipalFor(user.id));
  TimeMs now = ctx_.clock.NowMs();
  LoginResult result;
  result.refresh_token = auth::GenerateToken(auth::kRefreshTokenPrefix);
  storage::RefreshTokenRecord record;
  record.token_hash = auth::HashToken(result.refresh_token);
  record.family_id = family_id;
  record.user_id = user.id;
  record.expires_at = now + ctx_.settings.refresh_token_ttl_ms;
  record.created_at = now;
  record.ip = meta.ip;
  record.user_agent = meta.user_agent.substr(0, 256);
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(tx.auth().InsertRefreshToken(record));
    if (!is_login) return OkStatus();
    return events::Emit(tx, ctx_.bus, AuthEvent(domain::kEventAuthLogin, user.id, meta, now));
  }));
  auth::AccessClaims claims;
  claims.user_id = user.id;
  claims.role = user.role;
  claims.session_id = family_id;
  claims.issued_at = now;
  claims.expires_at = now + ctx_.settings.access_token_ttl_ms;
  result.access_token = jwt_.Encode(claims);
  result.expires_in = static_cast<int>(ctx_.settings.access_token_ttl_ms / 1000);
  result.user = user;
  result.principal = std::move(principal);
  return result;
}

Result<LoginResult> AuthService::Refresh(const std::string& refresh_token,
                                         const RequestMeta& meta) {
  if (refresh_token.empty()) {
    return InvalidArgument("refresh_token is required", {{"refresh_token", "is required"}});
  }
  std::string hash = auth::HashToken(refresh_token);
  TimeMs now = ctx_.clock.NowMs();
  bool reuse = false;
  std::optional<storage::RefreshTokenRecord> current;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    auto record = tx.auth().FindRefreshToken(hash);
    if (!record.ok()) return Unauthenticated("invalid refresh token");
    if (record->revoked_at) return Unauthenticated("this session has been signed out");
    if (record->rotated_at) {
      // A rotated token came back: it was copied. End the whole session.
      reuse = true;
      KEFU_RETURN_IF_ERROR(tx.auth().RevokeRefreshFamily(record->family_id, now));
      return events::Emit(tx, ctx_.bus,
                          AuthEvent(domain::kEventAuthRefreshReuse, record->user_id, meta, now,
                                    {{"session", record->family_id}}));
    }
    if (record->expires_at <= now) return Unauthenticated("refresh token expired");
    KEFU_RETURN_IF_ERROR(tx.auth().MarkRefreshRotated(record->id, now));
    current = std::move(record).value();
    return OkStatus();
  }));
  if (reuse) {
    return Unauthenticated("refresh token was already used; the session has been revoked");
  }
  domain::User user;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(user, tx.users().Get(current->user_id));
    return OkStatus();
  }));
  if (!user.active) return Unauthenticated("this account has been deactivated");
  return IssueSession(user, current->family_id, meta, /*is_login=*/false);
}

Status AuthService::Logout(const AuthContext& caller, const RequestMeta& meta) {
  TimeMs now = ctx_.clock.NowMs();
  if (!caller.session_id.empty()) RevokeSessionInMemory(caller.session_id);
  return ctx_.store.Write([&](storage::Tx& tx) -> Status {
    if (!caller.session_id.empty()) {
      KEFU_RETURN_IF_ERROR(tx.auth().RevokeRefreshFamily(caller.session_id, now));
    }
    return events::Emit(tx, ctx_.bus,
                        AuthEvent(domain::kEventAuthLogout, caller.principal.user_id, meta, now));
  });
}

bool AuthService::IsSessionRevoked(const std::string& session_id) {
  std::lock_guard lock(revoked_mu_);
  return revoked_sessions_.count(session_id) != 0;
}

void AuthService::RevokeSessionInMemory(const std::string& session_id) {
  TimeMs now = ctx_.clock.NowMs();
  std::lock_guard lock(revoked_mu_);
  // Access tokens outlive a logout by at most their TTL; forget entries after that.
  for (auto it = revoked_sessions_.begin(); it != revoked_sessions_.end();) {
    it = it->second < now ? revoked_sessions_.erase(it) : std::next(it);
  }
  revoked_sessions_[session_id] = now + ctx_.settings.access_token_ttl_ms + 60'000;
}

Result<AuthContext> AuthService::Authenticate(std::string_view authorization) {
  if (authorization.empty()) return Unauthenticated("sign in required: missing bearer token");
  if (authorization.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), authorization.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    return Unauthenticated("Authorization header must be 'Bearer <token>'");
  }
  std::string_view token = authorization.substr(kBearer.size());
  AuthContext context;
  if (token.starts_with(auth::kPersonalTokenPrefix)) {
    std::string hash = auth::HashToken(token);
    storage::ApiTokenRecord record;
    KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
      auto found = tx.auth().FindApiToken(hash);
      if (!found.ok()) return Unauthenticated("invalid API token");
      record = std::move(found).value();
      return OkStatus();
    }));
    TimeMs now = ctx_.clock.NowMs();
    if (record.revoked_at) return Unauthenticated("this API token has been revoked");
    if (record.expires_at && *record.expires_at <= now) {
      return Unauthenticated("this API token has expired");
    }
    KEFU_ASSIGN_OR_RETURN(context.principal, PrincipalFor(record.user_id));
    context.principal.token_scopes =
        std::set<std::string>(record.scopes.begin(), record.scopes.end());
    context.api_token_id = record.id;
    context.expires_at = record.expires_at.value_or(0);
    return context;
  }
  KEFU_ASSIGN_OR_RETURN(auth::AccessClaims claims, jwt_.Decode(token, ctx_.clock.NowMs()));
  if (IsSessionRevoked(claims.session_id)) {
    return Unauthenticated("this session has been signed out");
  }
  KEFU_ASSIGN_OR_RETURN(context.principal, PrincipalFor(claims.user_id));
  context.session_id = std::move(claims.session_id);
  context.expires_at = claims.expires_at;
  return context;
}

Result<ApiTokenCreated> AuthService::CreateApiToken(const domain::Principal& caller,
                                                    const std::string& name,
                                                    const std::vector<std::string>& scopes,
                                                    std::optional<int> expires_in_days,
                                                    const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kApiTokensManage));
  std::vector<FieldError> errors;
  if (name.empty() || name.size() > kMaxTokenNameLength) {
    errors.push_back({"name", "must be 1 to 100 characters"});
  }
  if (scopes.empty()) errors.push_back({"scopes", "name at least one permission"});
  for (const auto& scope : scopes) {
    if (!domain::IsKnownPermission(scope)) {
      errors.push_back({"scopes", "unknown permission " + scope});
    } else if (!caller.Has(scope)) {
      errors.push_back({"scopes", "you do not have " + scope + " yourself"});
    }
  }
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > kMaxTokenDays)) {
    errors.push_back({"expires_in_days", "must be from 1 to 3650"});
  }
  if (!errors.empty()) return InvalidArgument("invalid API token request", errors);
  TimeMs now = ctx_.clock.NowMs();
  ApiTokenCreated created;
  created.token = auth::GenerateToken(auth::kPersonalTokenPrefix);
  auto& r = created.record;
  r.user_id = caller.user_id;
  r.name = name;
  r.token_hash = auth::HashToken(created.token);
  r.display_prefix = created.token.substr(0, 10);
  r.scopes = scopes;
  if (expires_in_days) r.expires_at = now + *expires_in_days * 86'400'000LL;
  r.created_at = now;
  KEFU_RETURN_IF_ERROR(ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_RETURN_IF_ERROR(tx.auth().InsertApiToken(r));
    boost::json::array scope_list;
    for (const auto& s : scopes) scope_list.emplace_back(s);
    DomainEvent e = AuthEvent(domain::kEventApiTokenCreated, caller.user_id, meta, now,
                              {{"token_id", r.id}, {"name", name}, {"scopes", scope_list}});
    e.entity_type = "api_token";
    e.entity_id = r.id;
    return events::Emit(tx, ctx_.bus, std::move(e));
  }));
  return created;
}

Result<std::vector<storage::ApiTokenRecord>> AuthService::ListApiTokens(
    const domain::Principal& caller, bool all) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kApiTokensManage));
  if (all) KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kUsersManage));
  std::vector<storage::ApiTokenRecord> tokens;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(
        tokens, tx.auth().ListApiTokens(all ? std::nullopt : std::optional(caller.user_id)));
    return OkStatus();
  }));
  return tokens;
}

Status AuthService::RevokeApiToken(const domain::Principal& caller, domain::Id token_id,
                                   const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller, domain::kApiTokensManage));
  TimeMs now = ctx_.clock.NowMs();
  return ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(auto token, tx.auth().GetApiToken(token_id));
    if (token.user_id != caller.user_id && !caller.Has(domain::kUsersManage)) {
      return NotFound("api token " + std::to_string(token_id) + " not found");
    }
    if (token.revoked_at) return OkStatus();
    KEFU_RETURN_IF_ERROR(tx.auth().RevokeApiToken(token_id, now));
    DomainEvent e = AuthEvent(domain::kEventApiTokenRevoked, caller.user_id, meta, now,
                              {{"token_id", token_id}, {"owner_id", token.user_id}});
    e.entity_type = "api_token";
    e.entity_id = token_id;
    return events::Emit(tx, ctx_.bus, std::move(e));
  });
}

Status AuthService::ChangePassword(const domain::Principal& caller,
                                   const std::string& current_password,
                                   const std::string& new_password, const RequestMeta& meta) {
  KEFU_RETURN_IF_ERROR(auth::ValidatePasswordStrength(new_password));
  KEFU_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(new_password, CostFor(ctx_.settings)));
  TimeMs now = ctx_.clock.NowMs();
  return ctx_.store.Write([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(domain::User user, tx.users().Get(caller.user_id));
    if (!auth::VerifyPassword(user.password_hash, current_password)) {
      return InvalidArgument("current password is wrong", {{"current_password", "does not match"}});
    }
    user.password_hash = hash;
    user.updated_at = now;
    KEFU_RETURN_IF_ERROR(tx.users().Update(user));
    // Every session ends, this one included: whoever had the old password is locked out
    // and this browser signs in again with the new one.
    KEFU_RETURN_IF_ERROR(tx.auth().RevokeRefreshTokensOfUser(user.id, now));
    return events::Emit(tx, ctx_.bus,
                        AuthEvent(domain::kEventUserUpdated, user.id, meta, now,
                                  {{"changes", boost::json::array{"password"}}}));
  });
}

}  // namespace kefu::service
