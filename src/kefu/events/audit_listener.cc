#include "kefu/events/audit_listener.h"

#include <array>

namespace kefu::events {

bool AuditListener::IsAudited(std::string_view type) {
  using namespace domain;  // NOLINT(google-build-using-namespace): event names only
  static constexpr std::array kAudited = {
      kEventAuthLogin,
      kEventAuthLoginFailed,
      kEventAuthLogout,
      kEventAuthRefreshReuse,
      kEventUserCreated,
      kEventUserUpdated,
      kEventRoleChanged,
      kEventApiTokenCreated,
      kEventApiTokenRevoked,
      kEventCustomersExported,
      kEventFaqCreated,
      kEventFaqUpdated,
      kEventFaqDeleted,
      kEventCustomerContactRevealed,
      kEventCustomerMerged,
      kEventTicketMerged,
      kEventSettingsChanged,
  };
  for (auto name : kAudited) {
    if (name == type) return true;
  }
  return false;
}

Status AuditListener::Handle(const domain::DomainEvent& event, storage::Tx& tx) {
  if (!IsAudited(event.type)) return OkStatus();
  storage::AuditEntry entry;
  entry.actor_id = event.actor_id;
  entry.action = event.type;
  entry.target_type = event.entity_type;
  entry.target_id = event.entity_id;
  if (const auto* ip = event.payload.if_contains("ip"); ip != nullptr && ip->is_string()) {
    entry.ip = std::string(ip->get_string());
  }
  entry.details = event.payload;
  entry.details.erase("ip");
  entry.event_id = event.id;
  entry.created_at = event.created_at;
  return tx.audit().Insert(entry);
}

}  // namespace kefu::events
