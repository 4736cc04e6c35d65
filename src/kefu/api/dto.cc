#include "kefu/api/dto.h"

#include <boost/json/parse.hpp>

#include "kefu/common/time_format.h"
#include "kefu/domain/customer/contact.h"
#include "kefu/domain/ticket/workflow.h"

namespace kefu::api {
namespace {

boost::json::value OptId(const std::optional<domain::Id>& id) {
  return id ? boost::json::value(*id) : boost::json::value(nullptr);
}

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

boost::json::array Ids(const std::vector<domain::Id>& values) {
  boost::json::array out;
  for (auto v : values) out.emplace_back(v);
  return out;
}

}  // namespace

boost::json::value TimeJson(std::optional<TimeMs> time) {
  return time ? boost::json::value(FormatTimestamp(*time)) : boost::json::value(nullptr);
}

void WriteTicket(JsonWriter& w, const domain::Ticket& t) {
  w.BeginObject();
  w.Field("id", t.id);
  w.Field("number", t.number);
  w.Field("subject", t.subject);
  w.Field("description", t.description);
  w.Field("requester_id", t.requester_id);
  w.Field("channel", domain::ToString(t.channel));
  w.Field("category_id", t.category_id);
  w.Field("priority", domain::ToString(t.priority));
  w.Field("status", domain::ToString(t.status));
  // The workflow's next steps, so clients offer only changes the server accepts; a merged
  // ticket changes no more.
  w.Key("allowed_statuses");
  w.BeginArray();
  if (!t.merged_into_id) {
    for (auto next : domain::AllowedTransitions(t.status)) w.String(domain::ToString(next));
  }
  w.EndArray();
  w.Field("assignee_id", t.assignee_id);
  w.Field("department_id", t.department_id);
  w.Key("tags");
  w.BeginArray();
  for (const auto& tag : t.tags) w.String(tag);
  w.EndArray();
  w.Key("custom_fields");
  w.Value(t.custom_fields);
  w.Key("follower_ids");
  w.BeginArray();
  for (auto id : t.follower_ids) w.Int(id);
  w.EndArray();
  w.TimeField("due_at", t.due_at);
  w.Field("merged_into_id", t.merged_into_id);
  w.TimeField("first_response_at", t.first_response_at);
  w.TimeField("resolved_at", t.resolved_at);
  w.TimeField("closed_at", t.closed_at);
  w.TimeField("created_at", t.created_at);
  w.TimeField("updated_at", t.updated_at);
  w.Field("version", t.version);
  w.EndObject();
}

std::string TicketJsonText(const domain::Ticket& ticket) {
  std::string out;
  out.reserve(512 + ticket.description.size());
  JsonWriter w(out);
  WriteTicket(w, ticket);
  return out;
}

std::string TicketPageJsonText(const storage::Page<domain::Ticket>& page) {
  std::string out;
  std::size_t estimate = 64;
  for (const auto& t : page.items) estimate += 512 + t.subject.size() + t.description.size();
  out.reserve(estimate);
  JsonWriter w(out);
  w.BeginObject();
  w.Key("items");
  w.BeginArray();
  for (const auto& t : page.items) WriteTicket(w, t);
  w.EndArray();
  w.Key("next_cursor");
  if (page.next_cursor.empty()) {
    w.Null();
  } else {
    w.String(page.next_cursor);
  }
  w.EndObject();
  return out;
}

boost::json::object TicketJson(const domain::Ticket& t) {
  // One definition of a ticket's JSON (WriteTicket); documents that embed a ticket parse it.
  return boost::json::parse(TicketJsonText(t)).as_object();
}

boost::json::object MessageJson(const domain::TicketMessage& m) {
  return {{"id", m.id},
          {"ticket_id", m.ticket_id},
          {"kind", domain::ToString(m.kind)},
          {"author_type", domain::ToString(m.author_type)},
          {"author_id", m.author_id},
          {"body", m.body},
          {"attachment_ids", Ids(m.attachment_ids)},
          {"created_at", TimeJson(m.created_at)}};
}

boost::json::object EventJson(const domain::DomainEvent& e) {
  return {
      {"id", e.id},
      {"type", e.type},
      {"entity_type", e.entity_type},
      {"entity_id", e.entity_id},
      {"actor_id", e.actor_id == 0 ? boost::json::value(nullptr) : boost::json::value(e.actor_id)},
      {"payload", e.payload},
      {"created_at", TimeJson(e.created_at)}};
}

boost::json::object LinkJson(const storage::TicketLink& l) {
  return {{"ticket_id", l.ticket_id},
          {"other_id", l.other_id},
          {"type", domain::ToString(l.type)},
          {"created_at", TimeJson(l.created_at)}};
}

boost::json::object CustomerJson(const domain::Customer& c, ContactView view) {
  boost::json::array phones, emails;
  for (const auto& p : c.phones) {
    phones.emplace_back(view == ContactView::kRevealed ? p : domain::MaskPhone(p));
  }
  for (const auto& e : c.emails) {
    emails.emplace_back(view == ContactView::kRevealed ? e : domain::MaskEmail(e));
  }
  return {{"id", c.id},
          {"name", c.name},
          {"gender", domain::ToString(c.gender)},
          {"birthday", c.birthday ? boost::json::value(*c.birthday) : boost::json::value(nullptr)},
          {"province", c.province},
          {"city", c.city},
          {"phones", std::move(phones)},
          {"emails", std::move(emails)},
          {"contact_masked", view == ContactView::kMasked},
          {"membership_level", c.membership_level},
          {"interests", Strings(c.interests)},
          {"source_channel", domain::ToString(c.source_channel)},
          {"custom_fields", c.custom_fields},
          {"tags", Strings(c.tags)},
          {"notes", c.notes},
          {"merged_into_id", OptId(c.merged_into_id)},
          {"created_at", TimeJson(c.created_at)},
          {"updated_at", TimeJson(c.updated_at)},
          {"version", c.version}};
}

boost::json::object IdentityJson(const domain::CustomerIdentity& i, ContactView view) {
  std::string value = i.value;
  if (view == ContactView::kMasked) {
    if (i.type == domain::IdentityType::kPhone) value = domain::MaskPhone(i.value);
    if (i.type == domain::IdentityType::kEmail) value = domain::MaskEmail(i.value);
  }
  return {{"id", i.id},
          {"customer_id", i.customer_id},
          {"type", domain::ToString(i.type)},
          {"value", value},
          {"created_at", TimeJson(i.created_at)}};
}

boost::json::object UserJson(const domain::User& u) {
  boost::json::array departments, skills;
  for (const auto& m : u.departments) {
    departments.push_back(
        boost::json::object{{"department_id", m.department_id}, {"is_lead", m.is_lead}});
  }
  for (const auto& s : u.skills) {
    skills.push_back(boost::json::object{{"name", s.name}, {"level", s.level}});
  }
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", u.role},
          {"active", u.active},
          {"language", u.language},
          {"departments", std::move(departments)},
          {"skills", std::move(skills)},
          {"languages", Strings(u.languages)},
          {"max_concurrent_chats", u.max_concurrent_chats},
          {"presence", domain::ToString(u.presence)},
          {"created_at", TimeJson(u.created_at)},
          {"updated_at", TimeJson(u.updated_at)}};
}

boost::json::object RoleJson(const domain::Role& r) {
  boost::json::array permissions;
  for (const auto& p : r.permissions) permissions.emplace_back(p);
  return {{"key", r.key},
          {"name", r.name},
          {"permissions", std::move(permissions)},
          {"builtin", r.builtin}};
}

boost::json::object DepartmentJson(const domain::Department& d) {
  return {{"id", d.id},
          {"name", d.name},
          {"description", d.description},
          {"assignment_policy", domain::ToString(d.assignment_policy)},
          {"created_at", TimeJson(d.created_at)}};
}

boost::json::object CategoryJson(const domain::Category& c) {
  return {{"id", c.id},
          {"parent_id", OptId(c.parent_id)},
          {"name", c.name},
          {"default_department_id", OptId(c.default_department_id)},
          {"default_priority", domain::ToString(c.default_priority)},
          {"required_skills", Strings(c.required_skills)},
          {"created_at", TimeJson(c.created_at)}};
}

boost::json::object CustomFieldJson(const domain::CustomFieldDef& f) {
  return {{"id", f.id},
          {"entity", domain::ToString(f.entity)},
          {"key", f.key},
          {"label", f.label},
          {"type", domain::ToString(f.type)},
          {"options", Strings(f.options)},
          {"required", f.required},
          {"active", f.active}};
}

boost::json::object FaqJson(const domain::Faq& f) {
  return {{"id", f.id},
          {"question", f.question},
          {"alternatives", Strings(f.alternatives)},
          {"answer", f.answer},
          {"category_id", OptId(f.category_id)},
          {"language", f.language},
          {"active", f.active},
          {"version", f.version},
          {"created_by", f.created_by > 0 ? boost::json::value(f.created_by) : nullptr},
          {"created_at", FormatTimestamp(f.created_at)},
          {"updated_at", FormatTimestamp(f.updated_at)}};
}

boost::json::object AuditJson(const storage::AuditEntry& a) {
  return {
      {"id", a.id},
      {"actor_id", a.actor_id == 0 ? boost::json::value(nullptr) : boost::json::value(a.actor_id)},
      {"action", a.action},
      {"target_type", a.target_type},
      {"target_id", a.target_id},
      {"ip", a.ip},
      {"details", a.details},
      {"created_at", TimeJson(a.created_at)}};
}

boost::json::object ApiTokenJson(const storage::ApiTokenRecord& t) {
  return {{"id", t.id},
          {"user_id", t.user_id},
          {"name", t.name},
          {"prefix", t.display_prefix},
          {"scopes", Strings(t.scopes)},
          {"expires_at", TimeJson(t.expires_at)},
          {"last_used_at", TimeJson(t.last_used_at)},
          {"revoked_at", TimeJson(t.revoked_at)},
          {"created_at", TimeJson(t.created_at)}};
}

boost::json::object AttachmentJson(const storage::Attachment& a) {
  return {{"id", a.id},
          {"filename", a.filename},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"url", "/api/v1/attachments/" + std::to_string(a.id)},
          {"created_at", TimeJson(a.created_at)}};
}

boost::json::object StatusCountsJson(const storage::StatusCounts& counts) {
  boost::json::object out;
  std::int64_t total = 0;
  for (const auto& [status, n] : counts) {
    out[domain::ToString(status)] = n;
    total += n;
  }
  out["total"] = total;
  return out;
}

}  // namespace kefu::api
