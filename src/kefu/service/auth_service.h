#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "kefu/auth/jwt.h"
#include "kefu/auth/login_throttle.h"
#include "kefu/common/result.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/domain/org/org.h"
#include "kefu/service/context.h"
#include "kefu/storage/records.h"

namespace kefu::service {

struct LoginResult {
  std::string access_token;
  std::string refresh_token;
  int expires_in = 0;  // seconds until the access token expires
  domain::User user;
  domain::Principal principal;
};

// The caller of an API request once its bearer token checked out.
struct AuthContext {
  domain::Principal principal;
  std::string session_id;  // refresh family for JWT sessions; "" for API tokens
  domain::Id api_token_id = 0;
  TimeMs expires_at = 0;  // when the credential stops working; 0 for API tokens without expiry
};

struct ApiTokenCreated {
  storage::ApiTokenRecord record;
  std::string token;  // the secret, shown once
};

// Sign-in, sessions (JWT access + rotating refresh tokens), personal API tokens, and
// resolving a bearer token to a Principal. Thread-safe.
class AuthService {
 public:
  // `jwt_secret` must be at least 32 bytes.
  AuthService(ServiceContext& ctx, std::string jwt_secret);

  // kRateLimited (with retry_after_seconds) after too many failures for the account from
  // this IP; kUnauthenticated for a wrong email or password (one message for both).
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            const RequestMeta& meta);
  // Rotates a refresh token. Presenting an already-rotated token revokes its whole family
  // (someone copied it) and fails with kUnauthenticated.
  Result<LoginResult> Refresh(const std::string& refresh_token, const RequestMeta& meta);
  // Revokes the caller's session (its refresh family); its access tokens stop working.
  Status Logout(const AuthContext& caller, const RequestMeta& meta);
  // Resolves an Authorization header value ("Bearer <jwt|kfp_...>"). kUnauthenticated
  // when missing, malformed, expired, revoked or for a deactivated user.
  Result<AuthContext> Authenticate(std::string_view authorization);

  Result<ApiTokenCreated> CreateApiToken(const domain::Principal& caller, const std::string& name,
                                         const std::vector<std::string>& scopes,
                                         std::optional<int> expires_in_days,
                                         const RequestMeta& meta);
  // The caller's tokens; all tokens with users.manage and `all`.
  Result<std::vector<storage::ApiTokenRecord>> ListApiTokens(const domain::Principal& caller,
                                                             bool all);
  Status RevokeApiToken(const domain::Principal& caller, domain::Id token_id,
                        const RequestMeta& meta);

  Status ChangePassword(const domain::Principal& caller, const std::string& current_password,
                        const std::string& new_password, const RequestMeta& meta);

  // Loads (or returns the cached) principal of a user; kUnauthenticated if the user is
  // missing or deactivated.
  Result<domain::Principal> PrincipalFor(domain::Id user_id);

 private:
  struct CachedPrincipal {
    std::uint64_t generation = 0;
    domain::Principal principal;
  };
  Result<LoginResult> IssueSession(const domain::User& user, const std::string& family_id,
                                   const RequestMeta& meta, bool is_login);
  bool IsSessionRevoked(const std::string& session_id);
  void RevokeSessionInMemory(const std::string& session_id);

  ServiceContext& ctx_;
  auth::JwtCodec jwt_;
  auth::LoginThrottle throttle_;
  std::string dummy_hash_;  // verified against for unknown emails: equal timing

  std::shared_mutex cache_mu_;
  std::unordered_map<domain::Id, CachedPrincipal> principals_;
  std::mutex revoked_mu_;
  std::map<std::string, TimeMs> revoked_sessions_;  // session id -> forget after
};

}  // namespace kefu::service
