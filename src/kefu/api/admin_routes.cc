// /api/v1/audit-log, /api/v1/api-tokens, /api/v1/attachments.
#include <fstream>
#include <sstream>

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

const net::RouteOptions kWrite{.blocking = true};

Result<HttpResponse> ListAudit(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  storage::AuditQuery q;
  KEFU_ASSIGN_OR_RETURN(q.actor_id, QueryInt(req, "actor_id", 1, INT64_MAX));
  if (auto action = req.Query("action"); action && !action->empty())
    q.action = std::string(*action);
  if (auto t = req.Query("target_type"); t && !t->empty()) q.target_type = std::string(*t);
  KEFU_ASSIGN_OR_RETURN(q.target_id, QueryInt(req, "target_id", 1, INT64_MAX));
  KEFU_ASSIGN_OR_RETURN(q.from, QueryTime(req, "from"));
  KEFU_ASSIGN_OR_RETURN(q.to, QueryTime(req, "to"));
  KEFU_ASSIGN_OR_RETURN(auto limit, QueryInt(req, "limit", 1, 200));
  q.limit = static_cast<int>(limit.value_or(50));
  if (auto cursor = req.Query("cursor")) q.cursor = std::string(*cursor);
  KEFU_ASSIGN_OR_RETURN(auto page, deps.org.ListAudit(caller.principal, q));
  return JsonResponse(200, PageJson(page, AuditJson));
}

Result<HttpResponse> ListTokens(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  bool all = req.Query("all").value_or("") == "true";
  KEFU_ASSIGN_OR_RETURN(auto tokens, deps.auth.ListApiTokens(caller.principal, all));
  return JsonResponse(200, ItemsJson(tokens, ApiTokenJson));
}

Result<HttpResponse> CreateToken(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto name = r.String("name", true, 400).value_or("");
  auto scopes = r.StringArray("scopes", 50).value_or(std::vector<std::string>{});
  std::optional<int> days;
  if (auto d = r.Int("expires_in_days", false, 1, 3650)) days = static_cast<int>(*d);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid API token"));
  KEFU_ASSIGN_OR_RETURN(
      auto created, deps.auth.CreateApiToken(caller.principal, name, scopes, days, MetaOf(req)));
  boost::json::object out = ApiTokenJson(created.record);
  out["token"] = created.token;  // shown once
  auto response = JsonResponse(201, out);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<HttpResponse> RevokeToken(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "api token"));
  KEFU_RETURN_IF_ERROR(deps.auth.RevokeApiToken(caller.principal, id, MetaOf(req)));
  return HttpResponse::NoContent();
}

// Upload: the raw file is the request body; its name comes from ?filename= (UTF-8,
// percent-encoded in the URL). The type is sniffed from the bytes.
Result<HttpResponse> Upload(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  auto filename = req.Query("filename");
  if (!filename || filename->empty()) {
    return InvalidArgument("name the file", {{"filename", "pass ?filename=<name> in the URL"}});
  }
  KEFU_ASSIGN_OR_RETURN(auto a, deps.attachments.Store(caller.principal, req.body, *filename));
  auto response = JsonResponse(201, AttachmentJson(a));
  response.SetHeader("Location", "/api/v1/attachments/" + std::to_string(a.id));
  return response;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

Result<HttpResponse> Download(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "attachment"));
  KEFU_ASSIGN_OR_RETURN(auto file, deps.attachments.Open(caller.principal, id));
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return Internal("attachment " + std::to_string(id) + " is missing from disk");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto response = HttpResponse::Text(200, bytes.str(), file.attachment.content_type);
  // Always a download, never rendered by the browser in our origin.
  response.SetHeader("Content-Disposition",
                     "attachment; filename*=UTF-8''" + PercentEncode(file.attachment.filename));
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Cache-Control", "private, max-age=31536000, immutable");
  return response;
}

}  // namespace

void AddAdminRoutes(net::Router& router, ApiDeps& deps) {
  router.Add(Method::kGet, "/api/v1/audit-log", Bind(deps, ListAudit));
  router.Add(Method::kGet, "/api/v1/api-tokens", Bind(deps, ListTokens));
  router.Add(Method::kPost, "/api/v1/api-tokens", Bind(deps, CreateToken), kWrite);
  router.Add(Method::kDelete, "/api/v1/api-tokens/{id}", Bind(deps, RevokeToken), kWrite);
}

void AddAttachmentRoutes(net::Router& router, ApiDeps& deps, std::size_t max_upload_bytes) {
  router.Add(Method::kPost, "/api/v1/attachments", Bind(deps, Upload),
             {.blocking = true, .body_limit = max_upload_bytes});
  router.Add(Method::kGet, "/api/v1/attachments/{id}", Bind(deps, Download), kWrite);
}

}  // namespace kefu::api
