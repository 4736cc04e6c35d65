#pragma once

#include "kefu/events/dispatcher.h"

namespace kefu::events {

// Copies security-relevant events into the audit log: logins and failures, refresh
// token reuse, user and role (permission) changes, API tokens, exports, unmasked views
// of contact details, merges, settings changes. Idempotent per event id.
class AuditListener final : public Listener {
 public:
  std::string name() const override { return "audit"; }
  Status Handle(const domain::DomainEvent& event, storage::Tx& tx) override;

  // True for the event types this listener records.
  static bool IsAudited(std::string_view type);
};

}  // namespace kefu::events
