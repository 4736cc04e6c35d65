#pragma once

#include "kefu/common/result.h"
#include "kefu/domain/event.h"
#include "kefu/events/event_bus.h"
#include "kefu/storage/store.h"

namespace kefu::events {

// Appends `event` to the durable event table inside `tx` and publishes it on `bus`
// once (and only if) the transaction commits. Every domain change goes through here.
Status Emit(storage::Tx& tx, const EventBus& bus, domain::DomainEvent event);

}  // namespace kefu::events
