#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "kefu/common/clock.h"
#include "kefu/domain/ids.h"

namespace kefu::domain {

// A fact that happened, written to the durable event table in the same transaction as
// the change it describes. Listeners (audit, realtime, webhooks, SLA, reports) consume
// these in id order and keep their own positions.
struct DomainEvent {
  Id id = 0;                // assigned by storage, strictly increasing
  std::string type;         // one of the kEvent* names below
  std::string entity_type;  // "ticket", "customer", "user", ...
  Id entity_id = 0;
  Id actor_id = 0;  // the user who caused it; 0 for the system or a customer
  boost::json::object payload;
  TimeMs created_at = 0;
};

// The event catalog. Payload shapes are documented in docs/events.md.
inline constexpr std::string_view kEventTicketCreated = "ticket.created";
inline constexpr std::string_view kEventTicketUpdated = "ticket.updated";  // {"changes":[...]}
inline constexpr std::string_view kEventTicketMerged = "ticket.merged";
inline constexpr std::string_view kEventTicketLinked = "ticket.linked";
inline constexpr std::string_view kEventTicketTransferred = "ticket.transferred";
inline constexpr std::string_view kEventMessageCreated = "message.created";
inline constexpr std::string_view kEventCustomerCreated = "customer.created";
inline constexpr std::string_view kEventCustomerUpdated = "customer.updated";
inline constexpr std::string_view kEventCustomerMerged = "customer.merged";
inline constexpr std::string_view kEventCustomerContactRevealed = "customer.contact_revealed";
inline constexpr std::string_view kEventCustomersExported = "customers.exported";
inline constexpr std::string_view kEventUserCreated = "user.created";
inline constexpr std::string_view kEventUserUpdated = "user.updated";
inline constexpr std::string_view kEventRoleChanged = "role.changed";
inline constexpr std::string_view kEventAuthLogin = "auth.login";
inline constexpr std::string_view kEventAuthLoginFailed = "auth.login_failed";
inline constexpr std::string_view kEventAuthLogout = "auth.logout";
inline constexpr std::string_view kEventAuthRefreshReuse = "auth.refresh_reuse_detected";
inline constexpr std::string_view kEventApiTokenCreated = "api_token.created";
inline constexpr std::string_view kEventApiTokenRevoked = "api_token.revoked";
inline constexpr std::string_view kEventSettingsChanged = "settings.changed";
inline constexpr std::string_view kEventFaqCreated = "faq.created";
inline constexpr std::string_view kEventFaqUpdated = "faq.updated";
inline constexpr std::string_view kEventFaqDeleted = "faq.deleted";

}  // namespace kefu::domain
