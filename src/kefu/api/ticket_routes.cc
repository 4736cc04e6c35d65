// /api/v1/tickets: list, create, read, update, messages, history, transfer, merge,
// links, bulk and sidebar counts.
#include <boost/json/array.hpp>
#include <charconv>

#include "kefu/api/dto.h"
#include "kefu/api/handler_util.h"
#include "kefu/api/json_reader.h"
#include "kefu/api/routes.h"
#include "kefu/domain/customer/customer.h"

namespace kefu::api {
namespace {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;
using service::AuthContext;

constexpr std::string_view kStatuses =
    "new, open, in_progress, pending, resolved, closed, escalated";
constexpr std::string_view kPriorities = "low, normal, high, urgent";
constexpr std::string_view kChannels = "web, email, phone, chat, wechat, api";
const net::RouteOptions kWrite{.blocking = true};

std::vector<std::string_view> SplitComma(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto part = text.substr(0, comma);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

// Parses a comma-separated list of enum names ("open,pending") into `out`, adding one
// field error per unknown name.
template <class E>
void ParseEnumList(const HttpRequest& req, std::string_view key,
                   std::optional<E> (*parse)(std::string_view), std::string_view allowed,
                   std::vector<E>& out, std::vector<FieldError>& errors) {
  auto raw = req.Query(key);
  if (!raw) return;
  for (auto name : SplitComma(*raw)) {
    if (auto value = parse(name)) {
      out.push_back(*value);
    } else {
      errors.push_back({std::string(key), "must be among " + std::string(allowed)});
    }
  }
}

Result<storage::TicketQuery> ParseListQuery(const HttpRequest& req, domain::Id me) {
  storage::TicketQuery q;
  std::vector<FieldError> errors;
  ParseEnumList(req, "status", domain::ParseTicketStatus, kStatuses, q.statuses, errors);
  ParseEnumList(req, "priority", domain::ParsePriority, kPriorities, q.priorities, errors);
  if (auto v = req.Query("assignee")) {
    if (*v == "me") {
      q.assignee_id = me;
    } else if (*v == "unassigned") {
      q.unassigned = true;
    } else if (!v->empty()) {
      KEFU_ASSIGN_OR_RETURN(auto id, QueryInt(req, "assignee", 1, INT64_MAX));
      q.assignee_id = id;
    }
  }
  if (auto v = req.Query("department_id")) {
    for (auto part : SplitComma(*v)) {
      domain::Id id = 0;
      auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
      if (ec != std::errc() || ptr != part.data() + part.size() || id < 1) {
        errors.push_back({"department_id", "must be ids separated by commas"});
      } else {
        q.department_ids.push_back(id);
      }
    }
  }
  if (auto v = req.Query("channel"); v && !v->empty()) {
    q.channel = domain::ParseChannel(*v);
    if (!q.channel) errors.push_back({"channel", "must be one of " + std::string(kChannels)});
  }
  if (auto v = req.Query("tag"); v && !v->empty()) q.tag = std::string(*v);
  if (auto v = req.Query("q"); v && !v->empty()) q.subject_contains = std::string(*v);
  if (auto v = req.Query("sort"); v && !v->empty()) {
    static const std::pair<std::string_view, storage::TicketSort> kSorts[] = {
        {"-updated_at", storage::TicketSort::kUpdatedDesc},
        {"updated_at", storage::TicketSort::kUpdatedAsc},
        {"-created_at", storage::TicketSort::kCreatedDesc},
        {"created_at", storage::TicketSort::kCreatedAsc},
        {"-priority", storage::TicketSort::kPriorityDesc},
        {"due_at", storage::TicketSort::kDueAsc}};
    bool found = false;
    for (const auto& [name, sort] : kSorts) {
      if (*v == name) {
        q.sort = sort;
        found = true;
      }
    }
    if (!found) {
      errors.push_back({"sort",
                        "must be one of -updated_at, updated_at, -created_at, "
                        "created_at, -priority, due_at"});
    }
  }
  if (!errors.empty()) return InvalidArgument("invalid ticket filter", errors);
  KEFU_ASSIGN_OR_RETURN(auto category, QueryInt(req, "category_id", 1, INT64_MAX));
  q.category_id = category;
  KEFU_ASSIGN_OR_RETURN(auto requester, QueryInt(req, "customer_id", 1, INT64_MAX));
  q.requester_id = requester;
  KEFU_ASSIGN_OR_RETURN(q.created_from, QueryTime(req, "created_from"));
  KEFU_ASSIGN_OR_RETURN(q.created_to, QueryTime(req, "created_to"));
  KEFU_ASSIGN_OR_RETURN(q.updated_from, QueryTime(req, "updated_from"));
  KEFU_ASSIGN_OR_RETURN(q.updated_to, QueryTime(req, "updated_to"));
  KEFU_ASSIGN_OR_RETURN(auto limit, QueryInt(req, "limit", 1, 200));
  q.limit = static_cast<int>(limit.value_or(50));
  if (auto v = req.Query("cursor")) q.cursor = std::string(*v);
  return q;
}

// Reads the updatable fields shared by PATCH and bulk.
service::TicketPatch ReadPatch(JsonReader& r) {
  service::TicketPatch p;
  p.subject = r.String("subject", false, 2000);
  p.description = r.String("description", false, 200'000);
  p.status = r.Enum("status", domain::ParseTicketStatus, kStatuses);
  p.priority = r.Enum("priority", domain::ParsePriority, kPriorities);
  p.assignee_id = r.NullableId("assignee_id");
  p.department_id = r.NullableId("department_id");
  p.category_id = r.NullableId("category_id");
  p.tags = r.StringArray("tags");
  p.custom_fields = r.Object("custom_fields");
  p.due_at = r.NullableTime("due_at");
  p.follower_ids = r.IdArray("follower_ids");
  return p;
}

service::CustomerInput ReadRequester(const boost::json::object& o, JsonReader& parent) {
  JsonReader r(o);
  service::CustomerInput in;
  in.name = r.String("name", false, 400);
  if (auto phone = r.String("phone", false, 64)) in.phones = std::vector<std::string>{*phone};
  if (auto email = r.String("email", false, 300)) in.emails = std::vector<std::string>{*email};
  Status st = r.Finish();
  if (!st.ok()) {
    for (const auto& f : st.error().fields) parent.AddError("requester." + f.field, f.issue);
  }
  return in;
}

Result<HttpResponse> ListTickets(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto query, ParseListQuery(req, caller.principal.user_id));
  KEFU_ASSIGN_OR_RETURN(auto page, deps.tickets.List(caller.principal, std::move(query)));
  return HttpResponse::Json(200, TicketPageJsonText(page));
}

Result<HttpResponse> CreateTicket(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::NewTicket t;
  t.subject = r.String("subject", true, 2000).value_or("");
  t.description = r.String("description", false, 200'000).value_or("");
  if (auto id = r.NullableId("requester_id"); id && *id) t.requester_id = **id;
  if (auto requester = r.Object("requester")) t.requester = ReadRequester(*requester, r);
  if (t.requester_id && t.requester) {
    r.AddError("requester", "give either requester_id or requester, not both");
  }
  t.channel =
      r.Enum("channel", domain::ParseChannel, kChannels)
          .value_or(caller.api_token_id != 0 ? domain::Channel::kApi : domain::Channel::kWeb);
  if (auto id = r.NullableId("category_id"); id && *id) t.category_id = **id;
  t.priority = r.Enum("priority", domain::ParsePriority, kPriorities);
  if (auto id = r.NullableId("department_id"); id && *id) t.department_id = **id;
  if (auto id = r.NullableId("assignee_id"); id && *id) t.assignee_id = **id;
  t.tags = r.StringArray("tags").value_or(std::vector<std::string>{});
  t.custom_fields = r.Object("custom_fields").value_or(boost::json::object{});
  if (auto due = r.NullableTime("due_at"); due && *due) t.due_at = **due;
  KEFU_RETURN_IF_ERROR(r.Finish("invalid ticket"));
  KEFU_ASSIGN_OR_RETURN(auto ticket,
                        deps.tickets.Create(caller.principal, std::move(t), MetaOf(req)));
  auto response = HttpResponse::Json(201, TicketJsonText(ticket));
  response.SetHeader("Location", "/api/v1/tickets/" + std::to_string(ticket.id));
  response.SetHeader("ETag", "\"" + std::to_string(ticket.version) + "\"");
  return response;
}

HttpResponse TicketWithETag(const domain::Ticket& ticket) {
  auto response = HttpResponse::Json(200, TicketJsonText(ticket));
  response.SetHeader("ETag", "\"" + std::to_string(ticket.version) + "\"");
  return response;
}

Result<HttpResponse> GetTicket(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto ticket, deps.tickets.Get(caller.principal, id));
  return TicketWithETag(ticket);
}

Result<HttpResponse> PatchTicket(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto if_match, IfMatchVersion(req));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::TicketPatch patch = ReadPatch(r);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid ticket update"));
  KEFU_ASSIGN_OR_RETURN(auto ticket, deps.tickets.Update(caller.principal, id, std::move(patch),
                                                         if_match, MetaOf(req)));
  return TicketWithETag(ticket);
}

Result<HttpResponse> ListMessages(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto messages, deps.tickets.Messages(caller.principal, id));
  return JsonResponse(200, ItemsJson(messages, MessageJson));
}

Result<HttpResponse> PostMessage(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  service::NewMessage m;
  m.kind = r.Enum("kind", domain::ParseMessageKind, "public_reply, internal_note")
               .value_or(domain::MessageKind::kPublicReply);
  m.body = r.String("body", false, 200'000).value_or("");
  m.attachment_ids = r.IdArray("attachment_ids", 20).value_or(std::vector<domain::Id>{});
  if (auto author = r.String("author_type", false, 16)) {
    if (*author == "customer") {
      m.from_customer = true;
    } else if (*author != "agent") {
      r.AddError("author_type", "must be agent or customer");
    }
  }
  KEFU_RETURN_IF_ERROR(r.Finish("invalid message"));
  KEFU_ASSIGN_OR_RETURN(auto added,
                        deps.tickets.AddMessage(caller.principal, id, std::move(m), MetaOf(req)));
  boost::json::object out = MessageJson(added.message);
  out["ticket"] = TicketJson(added.ticket);
  out["created_follow_up"] = added.created_follow_up;
  return JsonResponse(201, out);
}

Result<HttpResponse> ListEvents(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto events, deps.tickets.History(caller.principal, id));
  return JsonResponse(200, ItemsJson(events, EventJson));
}

Result<HttpResponse> Transfer(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto department = r.Int("department_id", true, 1);
  auto reason = r.String("reason", true, 2000);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid transfer"));
  KEFU_ASSIGN_OR_RETURN(
      auto ticket, deps.tickets.Transfer(caller.principal, id, *department, *reason, MetaOf(req)));
  return TicketWithETag(ticket);
}

Result<HttpResponse> Merge(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto target = r.Int("target_id", true, 1);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid merge"));
  KEFU_ASSIGN_OR_RETURN(auto ticket,
                        deps.tickets.Merge(caller.principal, id, *target, MetaOf(req)));
  return TicketWithETag(ticket);
}

Result<HttpResponse> AddLink(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto other = r.Int("other_id", true, 1);
  auto type = r.Enum("type", domain::ParseLinkType, "related, parent, child")
                  .value_or(domain::LinkType::kRelated);
  KEFU_RETURN_IF_ERROR(r.Finish("invalid link"));
  KEFU_RETURN_IF_ERROR(deps.tickets.Link(caller.principal, id, *other, type, MetaOf(req)));
  KEFU_ASSIGN_OR_RETURN(auto links, deps.tickets.Links(caller.principal, id));
  return JsonResponse(201, ItemsJson(links, LinkJson));
}

Result<HttpResponse> ListLinks(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto id, PathId(req, "id", "ticket"));
  KEFU_ASSIGN_OR_RETURN(auto links, deps.tickets.Links(caller.principal, id));
  return JsonResponse(200, ItemsJson(links, LinkJson));
}

Result<HttpResponse> Bulk(ApiDeps& deps, HttpRequest& req, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto body, BodyObject(req));
  JsonReader r(body);
  auto ids = r.IdArray("ids", service::kMaxBulkTickets);
  service::TicketPatch patch;
  if (auto changes = r.Object("changes")) {
    JsonReader c(*changes);
    patch.status = c.Enum("status", domain::ParseTicketStatus, kStatuses);
    patch.priority = c.Enum("priority", domain::ParsePriority, kPriorities);
    patch.assignee_id = c.NullableId("assignee_id");
    patch.department_id = c.NullableId("department_id");
    patch.add_tags = c.StringArray("add_tags").value_or(std::vector<std::string>{});
    patch.remove_tags = c.StringArray("remove_tags").value_or(std::vector<std::string>{});
    Status st = c.Finish();
    if (!st.ok()) {
      for (const auto& f : st.error().fields) r.AddError("changes." + f.field, f.issue);
    }
  } else {
    r.AddError("changes", "is required");
  }
  if (!ids || ids->empty()) r.AddError("ids", "give 1 to 200 ticket ids");
  if (patch.IsEmpty() && body.contains("changes"))
    r.AddError("changes", "change at least one field");
  KEFU_RETURN_IF_ERROR(r.Finish("invalid bulk update"));
  KEFU_ASSIGN_OR_RETURN(auto results,
                        deps.tickets.Bulk(caller.principal, *ids, patch, MetaOf(req)));
  boost::json::array items;
  int failed = 0;
  for (const auto& item : results) {
    boost::json::object o{{"id", item.id}, {"ok", !item.error.has_value()}};
    if (item.error) {
      ++failed;
      o["error"] = {{"code", ErrorCodeName(item.error->code)}, {"message", item.error->message}};
    } else {
      o["ticket"] = TicketJson(*item.ticket);
    }
    items.push_back(std::move(o));
  }
  return JsonResponse(200,
                      boost::json::object{{"items", std::move(items)},
                                          {"updated", static_cast<int>(results.size()) - failed},
                                          {"failed", failed}});
}

Result<HttpResponse> Counts(ApiDeps& deps, HttpRequest&, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto counts, deps.tickets.Counts(caller.principal));
  return JsonResponse(200,
                      boost::json::object{{"visible", StatusCountsJson(counts.visible)},
                                          {"mine", StatusCountsJson(counts.mine)},
                                          {"unassigned", StatusCountsJson(counts.unassigned)}});
}

}  // namespace

void AddTicketRoutes(net::Router& router, ApiDeps& deps) {
  auto bind = [&deps](auto fn) { return Bind(deps, fn); };
  router.Add(Method::kGet, "/api/v1/tickets", bind(ListTickets));
  router.Add(Method::kPost, "/api/v1/tickets", bind(CreateTicket), kWrite);
  router.Add(Method::kGet, "/api/v1/tickets/counts", bind(Counts));
  router.Add(Method::kPost, "/api/v1/tickets/bulk", bind(Bulk), kWrite);
  router.Add(Method::kGet, "/api/v1/tickets/{id}", bind(GetTicket));
  router.Add(Method::kPatch, "/api/v1/tickets/{id}", bind(PatchTicket), kWrite);
  router.Add(Method::kGet, "/api/v1/tickets/{id}/messages", bind(ListMessages));
  router.Add(Method::kPost, "/api/v1/tickets/{id}/messages", bind(PostMessage), kWrite);
  router.Add(Method::kGet, "/api/v1/tickets/{id}/events", bind(ListEvents));
  router.Add(Method::kPost, "/api/v1/tickets/{id}/transfer", bind(Transfer), kWrite);
  router.Add(Method::kPost, "/api/v1/tickets/{id}/merge", bind(Merge), kWrite);
  router.Add(Method::kGet, "/api/v1/tickets/{id}/links", bind(ListLinks));
  router.Add(Method::kPost, "/api/v1/tickets/{id}/links", bind(AddLink), kWrite);
}

}  // namespace kefu::api
