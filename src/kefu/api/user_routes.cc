// /api/v1/users, /api/v1/roles, /api/v1/permissions.
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

std::optional<std::vector<domain::DepartmentMembership>> ReadMemberships(JsonReader& r) {
  const auto* raw = r.Raw("departments");
  if (raw == nullptr || raw->is_null()) return std::nullopt;
  std::vector<domain::DepartmentMembership> out;
  if (!raw->is_array()) {
    r.AddError("departments", "must be an array of {department_id, is_lead}");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < raw->get_array().size(); ++i) {
    const auto& item = raw->get_array()[i];
    const auto* o = item.if_object();
    const auto* id = o ? o->if_contains("department_id") : nullptr;
    const auto* lead = o ? o->if_contains("is_lead") : nullptr;
    if (id == nullptr || !id->is_int64() || id->get_int64() < 1 ||
        (lead != nullptr && !lead->is_bool())) {
      r.AddError("departments[" + std::to_string(i) + "]",
                 "must be {\"department_id\": <id>, \"is_lead\": <bool>}");
      return std::nullopt;
    }
    out.push_back({id->get_int64(), lead != nullptr && lead->get_bool()});
  }
  return out;
}

std::optional<std::vector<domain::Skill>> ReadSkills(JsonReader& r) {
  const auto* raw = r.Raw("skills");
  if (raw == nullptr || raw->is_null()) return std::nullopt;
  std::vector<domain::Skill> out;
  if (!raw->is_array()) {
    r.AddError("skills", "must be an array of {name, level}");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < raw->get_array().size(); ++i) {
    const auto* o = raw->get_array()[i].if_object();
    const auto* name = o ? o->if_contains("name") : nullptr;
    const auto* level = o ? o->if_contains("level") : nullptr;
    if (name == nullptr || !name->is_string() || level == nullptr || !level->is_int64()) {
      r.AddError("skills[" + std::to_string(i) + "]", "must be {\"name\": <text>, \"level\": 1-5}");
      return std::nullopt;
    }
    out.push_back({std::string(name->get_string()), static_cast<int>(level->get_int64())});
  }
  return out;
}

Result<HttpResponse> ListUsers(ApiDeps& deps, HttpRequest&, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto users, deps.org.ListUsers(caller.principal));
  return JsonResponse(200, ItemsJson(users, UserJson));
}

Result<HttpResponse> CreateUser(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::NewUser in;
  in.email = r.String("email", true, 320).value_or("");
  in.name = r.String("name", true, 400).value_or("");
  in.role = r.String("role", false, 64).value_or("agent");
  in.password = r.String("password", false, 1024);
  in.language = r.String("language", false, 16).value_or("zh-CN");
  in.departments = ReadMemberships(r).value_or(std::vector<domain::DepartmentMembership>{});
  in.skills = ReadSkills(r).value_or(std::vector<domain::Skill>{});
  in.languages = r.StringArray("languages", 20).value_or(std::vector<std::string>{});
  in.max_concurrent_chats =
      static_cast<int>(r.Int("max_concurrent_chats", false, 0, 50).value_or(5));
  KEFU_RETURN_IF_ERROR(r.Finish("invalid user"));
  KEFU_ASSIGN_OR_RETURN(auto created,
                        deps.org.CreateUser(caller.principal, std::move(in), MetaOf(req)));
  boost::json::object out = UserJson(created.user);
  if (created.generated_password) out["generated_password"] = *created.generated_password;
  auto response = JsonResponse(201, out);
  response.SetHeader("Location", "/api/v1/users/" + std::to_string(created.user.id));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<HttpResponse> GetUser(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "user"));
  KEFU_ASSIGN_OR_RETURN(auto user, deps.org.GetUser(caller.principal, id));
  return JsonResponse(200, UserJson(user));
}

Result<HttpResponse> PatchUser(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "user"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::UserPatch p;
  p.name = r.String("name", false, 400);
  p.email = r.String("email", false, 320);
  p.role = r.String("role", false, 64);
  p.active = r.Bool("active");
  p.language = r.String("language", false, 16);
  p.departments = ReadMemberships(r);
  p.skills = ReadSkills(r);
  p.languages = r.StringArray("languages", 20);
  if (auto n = r.Int("max_concurrent_chats", false, 0, 50))
    p.max_concurrent_chats = static_cast<int>(*n);
  p.presence = r.Enum("presence", domain::ParsePresence, "online, away, offline");
  KEFU_RETURN_IF_ERROR(r.Finish("invalid user update"));
  KEFU_ASSIGN_OR_RETURN(auto user,
                        deps.org.UpdateUser(caller.principal, id, std::move(p), MetaOf(req)));
  return JsonResponse(200, UserJson(user));
}

Result<HttpResponse> ListRoles(ApiDeps& deps, HttpRequest&, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto roles, deps.org.ListRoles(caller.principal));
  return JsonResponse(200, ItemsJson(roles, RoleJson));
}

Result<HttpResponse> PutRole(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  domain::Role role;
  role.key = std::string(req.Param("key"));
  role.name = r.String("name", true, 200).value_or("");
  for (auto& p : r.StringArray("permissions", 100).value_or(std::vector<std::string>{})) {
    role.permissions.insert(std::move(p));
  }
  KEFU_RETURN_IF_ERROR(r.Finish("invalid role"));
  KEFU_ASSIGN_OR_RETURN(auto saved,
                        deps.org.PutRole(caller.principal, std::move(role), MetaOf(req)));
  return JsonResponse(200, RoleJson(saved));
}

Result<HttpResponse> DeleteRole(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_RETURN_IF_ERROR(
      deps.org.DeleteRole(caller.principal, std::string(req.Param("key")), MetaOf(req)));
  return HttpResponse::NoContent();
}

Result<HttpResponse> ListPermissions(ApiDeps&, HttpRequest&, const AuthContext&) {
  boost::json::array items;
  for (const auto& p : domain::AllPermissions()) {
    items.push_back(
        boost::json::object{{"name", p}, {"description", domain::PermissionDescription(p)}});
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void AddUserRoutes(net::Router& router, ApiDeps& deps) {
  router.Add(Method::kGet, "/api/v1/users", Bind(deps, ListUsers));
  router.Add(Method::kPost, "/api/v1/users", Bind(deps, CreateUser), kBlocking);
  router.Add(Method::kGet, "/api/v1/users/{id}", Bind(deps, GetUser));
  router.Add(Method::kPatch, "/api/v1/users/{id}", Bind(deps, PatchUser), kBlocking);
  router.Add(Method::kGet, "/api/v1/roles", Bind(deps, ListRoles));
  router.Add(Method::kPut, "/api/v1/roles/{key}", Bind(deps, PutRole), kBlocking);
  router.Add(Method::kDelete, "/api/v1/roles/{key}", Bind(deps, DeleteRole), kBlocking);
  router.Add(Method::kGet, "/api/v1/permissions", Bind(deps, ListPermissions));
}

}  // namespace kefu::api
