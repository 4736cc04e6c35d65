// /api/v1/auth/* and /api/v1/me: sign in, refresh, sign out, the current user.
#include "kefu/api/dto.h"
#include "kefu/api/handler_util.h"
#include "kefu/api/json_reader.h"
#include "kefu/api/routes.h"

namespace kefu::api {
namespace {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;
using service::AuthContext;

const net::RouteOptions kBlocking{.blocking = true};

boost::json::object MeJson(const domain::User& user, const domain::Principal& principal) {
  boost::json::object out = UserJson(user);
  boost::json::array permissions;
  for (const auto& p : principal.permissions) {
    if (principal.Has(p)) permissions.emplace_back(p);
  }
  out["permissions"] = std::move(permissions);
  return out;
}

HttpResponse SessionResponse(const service::LoginResult& result) {
  auto response =
      JsonResponse(200, boost::json::object{{"access_token", result.access_token},
                                            {"refresh_token", result.refresh_token},
                                            {"token_type", "Bearer"},
                                            {"expires_in", result.expires_in},
                                            {"user", MeJson(result.user, result.principal)}});
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<HttpResponse> Login(ApiDeps& deps, HttpRequest& req) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto email = r.String("email", true, 320);
  auto password = r.String("password", true, 1024);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid sign-in request"));
  KEFU_ASSIGN_OR_RETURN(auto result, deps.auth.Login(*email, *password, MetaOf(req)));
  return SessionResponse(result);
}

Result<HttpResponse> Refresh(ApiDeps& deps, HttpRequest& req) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto token = r.String("refresh_token", true, 256);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid refresh request"));
  KEFU_ASSIGN_OR_RETURN(auto result, deps.auth.Refresh(*token, MetaOf(req)));
  return SessionResponse(result);
}

Result<HttpResponse> Logout(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_RETURN_IF_ERROR(deps.auth.Logout(caller, MetaOf(req)));
  return HttpResponse::NoContent();
}

Result<HttpResponse> Me(ApiDeps& deps, HttpRequest&, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto user, deps.org.GetUser(caller.principal, caller.principal.user_id));
  return JsonResponse(200, MeJson(user, caller.principal));
}

Result<HttpResponse> PatchMe(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::UserPatch patch;
  patch.name = r.String("name", false, 400);
  patch.language = r.String("language", false, 16);
  patch.presence = r.Enum("presence", domain::ParsePresence, "online, away, offline");
  auto current = r.String("current_password", false, 1024);
  auto next = r.String("new_password", false, 1024);
  if (next && !current) r.AddError("current_password", "is required to change the password");
  KEFU_RETURN_IF_ERROR(r.Finish("invalid profile update"));
  if (next) {
    KEFU_RETURN_IF_ERROR(deps.auth.ChangePassword(caller.principal, *current, *next, MetaOf(req)));
  }
  domain::User user;
  if (patch.name || patch.language || patch.presence) {
    KEFU_ASSIGN_OR_RETURN(user, deps.org.UpdateUser(caller.principal, caller.principal.user_id,
                                                    std::move(patch), MetaOf(req)));
  } else {
    KEFU_ASSIGN_OR_RETURN(user, deps.org.GetUser(caller.principal, caller.principal.user_id));
  }
  return JsonResponse(200, MeJson(user, caller.principal));
}

}  // namespace

void AddAuthRoutes(net::Router& router, ApiDeps& deps) {
  // Password hashing takes tens of milliseconds: never on an io thread.
  router.Add(Method::kPost, "/api/v1/auth/login",
             Public([&deps](HttpRequest& req) { return Login(deps, req); }), kBlocking);
  router.Add(Method::kPost, "/api/v1/auth/refresh",
             Public([&deps](HttpRequest& req) { return Refresh(deps, req); }), kBlocking);
  router.Add(Method::kPost, "/api/v1/auth/logout", Bind(deps, Logout), kBlocking);
  router.Add(Method::kGet, "/api/v1/me", Bind(deps, Me));
  router.Add(Method::kPatch, "/api/v1/me", Bind(deps, PatchMe), kBlocking);
}

}  // namespace kefu::api
