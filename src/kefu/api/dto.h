#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "kefu/api/json_writer.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/domain/custom_field/custom_field.h"
#include "kefu/domain/customer/customer.h"
#include "kefu/domain/event.h"
#include "kefu/domain/faq/faq.h"
#include "kefu/domain/org/org.h"
#include "kefu/domain/ticket/ticket.h"
#include "kefu/storage/records.h"

// Domain objects → JSON for responses. Times are RFC 3339 UTC strings; ids are numbers.
// Secrets (password hashes, token hashes) never appear.
namespace kefu::api {

enum class ContactView { kMasked, kRevealed };

// A ticket as the API shows it. The text forms write straight to a string (the hot
// paths); TicketJson is for documents that embed a ticket.
void WriteTicket(JsonWriter& writer, const domain::Ticket& ticket);
std::string TicketJsonText(const domain::Ticket& ticket);
// {"items": [tickets], "next_cursor": "..." | null}
std::string TicketPageJsonText(const storage::Page<domain::Ticket>& page);
boost::json::object TicketJson(const domain::Ticket& ticket);
boost::json::object MessageJson(const domain::TicketMessage& message);
boost::json::object EventJson(const domain::DomainEvent& event);
boost::json::object LinkJson(const storage::TicketLink& link);
boost::json::object CustomerJson(const domain::Customer& customer, ContactView view);
boost::json::object IdentityJson(const domain::CustomerIdentity& identity, ContactView view);
boost::json::object UserJson(const domain::User& user);
boost::json::object RoleJson(const domain::Role& role);
boost::json::object DepartmentJson(const domain::Department& department);
boost::json::object CategoryJson(const domain::Category& category);
boost::json::object CustomFieldJson(const domain::CustomFieldDef& field);
boost::json::object FaqJson(const domain::Faq& faq);
boost::json::object AuditJson(const storage::AuditEntry& entry);
boost::json::object ApiTokenJson(const storage::ApiTokenRecord& token);
boost::json::object AttachmentJson(const storage::Attachment& attachment);
boost::json::object StatusCountsJson(const storage::StatusCounts& counts);
boost::json::value TimeJson(std::optional<TimeMs> time);

// {"items": [...]} for an unpaged list.
template <class T, class F>
boost::json::object ItemsJson(const std::vector<T>& items, F&& to_json) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(to_json(item));
  return {{"items", std::move(out)}};
}

// {"items": [...], "next_cursor": "..." | null}
template <class T, class F>
boost::json::object PageJson(const storage::Page<T>& page, F&& to_json) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.push_back(to_json(item));
  boost::json::object out;
  out["items"] = std::move(items);
  out["next_cursor"] =
      page.next_cursor.empty() ? boost::json::value(nullptr) : boost::json::value(page.next_cursor);
  return out;
}

}  // namespace kefu::api
