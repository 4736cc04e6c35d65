// /api/v1/customers: search, create, read, update, merge, timeline, identities, reveal,
// export.
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
constexpr std::string_view kChannels = "web, email, phone, chat, wechat, api";
constexpr int kExportLimit = 10'000;

service::CustomerInput ReadCustomer(JsonReader& r) {
  service::CustomerInput in;
  in.name = r.String("name", false, 400);
  in.gender = r.Enum("gender", domain::ParseGender, "unknown, male, female");
  in.birthday = r.NullableString("birthday");
  in.province = r.String("province", false, 200);
  in.city = r.String("city", false, 200);
  in.phones = r.StringArray("phones", 10);
  in.emails = r.StringArray("emails", 10);
  if (auto level = r.Int("membership_level", false, 0, domain::kMaxMembershipLevel)) {
    in.membership_level = static_cast<int>(*level);
  }
  in.interests = r.StringArray("interests", 50);
  in.source_channel = r.Enum("source_channel", domain::ParseChannel, kChannels);
  in.custom_fields = r.Object("custom_fields");
  in.tags = r.StringArray("tags", 50);
  in.notes = r.String("notes", false, 40'000);
  return in;
}

HttpResponse CustomerResponse(int status, const domain::Customer& c, ContactView view) {
  auto response = JsonResponse(status, CustomerJson(c, view));
  response.SetHeader("ETag", "\"" + std::to_string(c.version) + "\"");
  return response;
}

Result<HttpResponse> Search(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  service::CustomerSearch s;
  if (auto q = req.Query("q"); q && !q->empty()) s.q = std::string(*q);
  if (auto tag = req.Query("tag"); tag && !tag->empty()) s.tag = std::string(*tag);
  KEFU_ASSIGN_OR_RETURN(auto level, QueryInt(req, "min_membership_level", 0, 5));
  if (level) s.min_membership_level = static_cast<int>(*level);
  KEFU_ASSIGN_OR_RETURN(auto limit, QueryInt(req, "limit", 1, 200));
  s.limit = static_cast<int>(limit.value_or(50));
  if (auto cursor = req.Query("cursor")) s.cursor = std::string(*cursor);
  KEFU_ASSIGN_OR_RETURN(auto page, deps.customers.Search(caller.principal, s));
  return JsonResponse(200, PageJson(page, [](const domain::Customer& c) {
                        return CustomerJson(c, ContactView::kMasked);
                      }));
}

Result<HttpResponse> Create(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto in = ReadCustomer(r);
  if (!in.name) r.AddError("name", "is required");
  KEFU_RETURN_IF_ERROR(r.Finish("invalid customer"));
  KEFU_ASSIGN_OR_RETURN(auto c,
                        deps.customers.Create(caller.principal, std::move(in), MetaOf(req)));
  auto response = CustomerResponse(201, c, ContactView::kMasked);
  response.SetHeader("Location", "/api/v1/customers/" + std::to_string(c.id));
  return response;
}

Result<HttpResponse> Get(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "customer"));
  KEFU_ASSIGN_OR_RETURN(auto c, deps.customers.Get(caller.principal, id));
  return CustomerResponse(200, c, ContactView::kMasked);
}

Result<HttpResponse> Patch(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "customer"));
  KEFU_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto in = ReadCustomer(r);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid customer update"));
  KEFU_ASSIGN_OR_RETURN(
      auto c, deps.customers.Update(caller.principal, id, std::move(in), if_match, MetaOf(req)));
  return CustomerResponse(200, c, ContactView::kMasked);
}

Result<HttpResponse> Merge(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "customer"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto source = r.Int("source_id", true, 1);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid merge"));
  KEFU_ASSIGN_OR_RETURN(auto result,
                        deps.customers.Merge(caller.principal, id, *source, MetaOf(req)));
  return JsonResponse(
      200, boost::json::object{{"customer", CustomerJson(result.customer, ContactView::kMasked)},
                               {"moved_tickets", result.moved_tickets},
                               {"moved_identities", result.moved_identities}});
}

Result<HttpResponse> Timeline(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "customer"));
  KEFU_ASSIGN_OR_RETURN(auto entries, deps.customers.Timeline(caller.principal, id));
  boost::json::array items;
  for (const auto& e : entries) {
    boost::json::object o{{"at", TimeJson(e.at)}, {"kind", e.kind}};
    if (e.ticket) o["ticket"] = TicketJson(*e.ticket);
    if (e.event) o["event"] = EventJson(*e.event);
    items.push_back(std::move(o));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

Result<HttpResponse> Identities(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "customer"));
  KEFU_ASSIGN_OR_RETURN(auto identities, deps.customers.Identities(caller.principal, id));
  boost::json::array items;
  for (const auto& i : identities) items.push_back(IdentityJson(i, ContactView::kMasked));
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

Result<HttpResponse> Reveal(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "customer"));
  KEFU_ASSIGN_OR_RETURN(auto c, deps.customers.RevealContact(caller.principal, id, MetaOf(req)));
  auto response = CustomerResponse(200, c, ContactView::kRevealed);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

std::string CsvField(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  if (!value.empty() &&
      (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    out.insert(1, "'");
  }
  return out + "\"";
}

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ";") + v;
  return out;
}

Result<HttpResponse> Export(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_RETURN_IF_ERROR(domain::Require(caller.principal, domain::kCustomersExport));
  bool unmasked = caller.principal.Has(domain::kCustomersViewContact);
  service::CustomerSearch s;
  if (auto tag = req.Query("tag"); tag && !tag->empty()) s.tag = std::string(*tag);
  if (auto q = req.Query("q"); q && !q->empty()) s.q = std::string(*q);
  s.limit = 200;
  std::string csv =
      "\xEF\xBB\xBFid,name,gender,province,city,phones,emails,membership_level,tags,created_at\r\n";
  std::int64_t count = 0;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(auto page, deps.customers.Search(caller.principal, s));
    for (const auto& c : page.items) {
      auto json = CustomerJson(c, unmasked ? ContactView::kRevealed : ContactView::kMasked);
      std::vector<std::string> phones, emails;
      for (const auto& p : json["phones"].as_array()) phones.emplace_back(p.as_string());
      for (const auto& e : json["emails"].as_array()) emails.emplace_back(e.as_string());
      csv += std::to_string(c.id) + "," + CsvField(c.name) + "," +
             std::string(domain::ToString(c.gender)) + "," + CsvField(c.province) + "," +
             CsvField(c.city) + "," + CsvField(Join(phones)) + "," + CsvField(Join(emails)) + "," +
             std::to_string(c.membership_level) + "," + CsvField(Join(c.tags)) + "," +
             std::string(json["created_at"].as_string()) + "\r\n";
      ++count;
    }
    if (page.next_cursor.empty() || count >= kExportLimit) break;
    s.cursor = page.next_cursor;
  }
  KEFU_RETURN_IF_ERROR(deps.customers.RecordExport(caller.principal, count, unmasked, MetaOf(req)));
  auto response = HttpResponse::Text(200, std::move(csv), "text/csv; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"customers.csv\"");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddCustomerRoutes(net::Router& router, ApiDeps& deps) {
  auto bind = [&deps](auto fn) { return Bind(deps, fn); };
  router.Add(Method::kGet, "/api/v1/customers", bind(Search));
  router.Add(Method::kPost, "/api/v1/customers", bind(Create), kWrite);
  router.Add(Method::kGet, "/api/v1/customers/export", bind(Export), kWrite);
  router.Add(Method::kGet, "/api/v1/customers/{id}", bind(Get));
  router.Add(Method::kPatch, "/api/v1/customers/{id}", bind(Patch), kWrite);
  router.Add(Method::kPost, "/api/v1/customers/{id}/merge", bind(Merge), kWrite);
  router.Add(Method::kGet, "/api/v1/customers/{id}/timeline", bind(Timeline));
  router.Add(Method::kGet, "/api/v1/customers/{id}/identities", bind(Identities));
  router.Add(Method::kPost, "/api/v1/customers/{id}/reveal", bind(Reveal), kWrite);
}

}  // namespace kefu::api
