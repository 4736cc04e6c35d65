// /api/v1/departments, /api/v1/categories, /api/v1/custom-fields.
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
constexpr std::string_view kPolicies = "manual, round_robin, least_loaded, skill_match";
constexpr std::string_view kPriorities = "low, normal, high, urgent";

Result<HttpResponse> ListDepartments(ApiDeps& deps, HttpRequest&, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto items, deps.org.ListDepartments(caller.principal));
  return JsonResponse(200, ItemsJson(items, DepartmentJson));
}

Result<HttpResponse> CreateDepartment(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  domain::Department d;
  d.name = r.String("name", true, 400).value_or("");
  d.description = r.String("description", false, 4000).value_or("");
  d.assignment_policy = r.Enum("assignment_policy", domain::ParseAssignmentPolicy, kPolicies)
                            .value_or(domain::AssignmentPolicy::kManual);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid department"));
  KEFU_ASSIGN_OR_RETURN(auto created,
                        deps.org.CreateDepartment(caller.principal, std::move(d), MetaOf(req)));
  auto response = JsonResponse(201, DepartmentJson(created));
  response.SetHeader("Location", "/api/v1/departments/" + std::to_string(created.id));
  return response;
}

Result<HttpResponse> GetDepartment(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "department"));
  KEFU_ASSIGN_OR_RETURN(auto d, deps.org.GetDepartment(caller.principal, id));
  return JsonResponse(200, DepartmentJson(d));
}

Result<HttpResponse> PatchDepartment(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "department"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::DepartmentPatch p;
  p.name = r.String("name", false, 400);
  p.description = r.String("description", false, 4000);
  p.assignment_policy = r.Enum("assignment_policy", domain::ParseAssignmentPolicy, kPolicies);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid department update"));
  KEFU_ASSIGN_OR_RETURN(auto d,
                        deps.org.UpdateDepartment(caller.principal, id, std::move(p), MetaOf(req)));
  return JsonResponse(200, DepartmentJson(d));
}

Result<HttpResponse> ListCategories(ApiDeps& deps, HttpRequest&, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto items, deps.org.ListCategories(caller.principal));
  return JsonResponse(200, ItemsJson(items, CategoryJson));
}

Result<HttpResponse> CreateCategory(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  domain::Category c;
  c.name = r.String("name", true, 400).value_or("");
  if (auto parent = r.NullableId("parent_id")) c.parent_id = *parent;
  if (auto dept = r.NullableId("default_department_id")) c.default_department_id = *dept;
  c.default_priority = r.Enum("default_priority", domain::ParsePriority, kPriorities)
                           .value_or(domain::Priority::kNormal);
  c.required_skills = r.StringArray("required_skills", 20).value_or(std::vector<std::string>{});
  KEFU_RETURN_IF_ERROR(r.Finish("invalid category"));
  KEFU_ASSIGN_OR_RETURN(auto created,
                        deps.org.CreateCategory(caller.principal, std::move(c), MetaOf(req)));
  auto response = JsonResponse(201, CategoryJson(created));
  return response;
}

Result<HttpResponse> PatchCategory(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "category"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::CategoryPatch p;
  p.parent_id = r.NullableId("parent_id");
  p.name = r.String("name", false, 400);
  p.default_department_id = r.NullableId("default_department_id");
  p.default_priority = r.Enum("default_priority", domain::ParsePriority, kPriorities);
  p.required_skills = r.StringArray("required_skills", 20);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid category update"));
  KEFU_ASSIGN_OR_RETURN(auto c,
                        deps.org.UpdateCategory(caller.principal, id, std::move(p), MetaOf(req)));
  return JsonResponse(200, CategoryJson(c));
}

Result<HttpResponse> ListFields(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  std::optional<domain::CustomFieldEntity> entity;
  if (auto raw = req.Query("entity"); raw && !raw->empty()) {
    entity = domain::ParseCustomFieldEntity(*raw);
    if (!entity) {
      return InvalidArgument("invalid query parameter", {{"entity", "must be ticket or customer"}});
    }
  }
  KEFU_ASSIGN_OR_RETURN(auto items, deps.org.ListCustomFields(caller.principal, entity));
  return JsonResponse(200, ItemsJson(items, CustomFieldJson));
}

Result<HttpResponse> CreateField(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  domain::CustomFieldDef f;
  f.entity = r.Enum("entity", domain::ParseCustomFieldEntity, "ticket, customer", true)
                 .value_or(domain::CustomFieldEntity::kTicket);
  f.key = r.String("key", true, 100).value_or("");
  f.label = r.String("label", true, 400).value_or("");
  f.type =
      r.Enum("type", domain::ParseCustomFieldType, "text, number, select, date, checkbox", true)
          .value_or(domain::CustomFieldType::kText);
  f.options = r.StringArray("options", 200).value_or(std::vector<std::string>{});
  f.required = r.Bool("required").value_or(false);
  f.active = r.Bool("active").value_or(true);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid custom field"));
  KEFU_ASSIGN_OR_RETURN(auto created,
                        deps.org.CreateCustomField(caller.principal, std::move(f), MetaOf(req)));
  auto response = JsonResponse(201, CustomFieldJson(created));
  return response;
}

Result<HttpResponse> PatchField(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "custom field"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::CustomFieldPatch p;
  p.label = r.String("label", false, 400);
  p.options = r.StringArray("options", 200);
  p.required = r.Bool("required");
  p.active = r.Bool("active");
  KEFU_RETURN_IF_ERROR(r.Finish("invalid custom field update"));
  KEFU_ASSIGN_OR_RETURN(
      auto f, deps.org.UpdateCustomField(caller.principal, id, std::move(p), MetaOf(req)));
  return JsonResponse(200, CustomFieldJson(f));
}

}  // namespace

void AddOrgRoutes(net::Router& router, ApiDeps& deps) {
  router.Add(Method::kGet, "/api/v1/departments", Bind(deps, ListDepartments));
  router.Add(Method::kPost, "/api/v1/departments", Bind(deps, CreateDepartment), kWrite);
  router.Add(Method::kGet, "/api/v1/departments/{id}", Bind(deps, GetDepartment));
  router.Add(Method::kPatch, "/api/v1/departments/{id}", Bind(deps, PatchDepartment), kWrite);
  router.Add(Method::kGet, "/api/v1/categories", Bind(deps, ListCategories));
  router.Add(Method::kPost, "/api/v1/categories", Bind(deps, CreateCategory), kWrite);
  router.Add(Method::kPatch, "/api/v1/categories/{id}", Bind(deps, PatchCategory), kWrite);
  router.Add(Method::kGet, "/api/v1/custom-fields", Bind(deps, ListFields));
  router.Add(Method::kPost, "/api/v1/custom-fields", Bind(deps, CreateField), kWrite);
  router.Add(Method::kPatch, "/api/v1/custom-fields/{id}", Bind(deps, PatchField), kWrite);
}

}  // namespace kefu::api
