#include "kefu/events/emit.h"

namespace kefu::events {

Status Emit(storage::Tx& tx, const EventBus& bus, domain::DomainEvent event) {
  KEFU_RETURN_IF_ERROR(tx.events().Append(event));
  tx.AfterCommit([&bus, committed = std::move(event)] { bus.Publish(committed); });
  return OkStatus();
}

}  // namespace kefu::events
