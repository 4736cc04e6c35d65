#include "kefu/api/dto.h"

#include "kefu/common/time_format.h"
#include "kefu/domain/customer/contact.h"

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

boost::json::object TicketJson(const domain::Ticket& t) {
  return {{"id", t.id},
          {"number", t.number},
          {"subject", t.subject},
          {"description", t.description},
          {"requester_id", t.requester_id},
          {"channel", domain::ToString(t.channel)},
          {"category_id", OptId(t.category_id)},
          {"priority", domain::ToString(t.priority)},
          {"status", domain::ToString(t.status)},
          {"assignee_id", OptId(t.assignee_id)},
          {"department_id", OptId(t.department_id)},
          {"tags", Strings(t.tags)},
          {"custom_fields", t.custom_fields},
          {"follower_ids", Ids(t.follower_ids)},
          {"due_at", TimeJson(t.due_at)},
          {"merged_into_id", OptId(t.merged_into_id)},
          {"first_response_at", TimeJson(t.first_response_at)},
          {"resolved_at", TimeJson(t.resolved_at)},
          {"closed_at", TimeJson(t.closed_at)},
          {"created_at", TimeJson(t.created_at)},
          {"updated_at", TimeJson(t.updated_at)},
          {"version", t.version}};
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
