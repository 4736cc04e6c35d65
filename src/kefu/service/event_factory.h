#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "kefu/domain/event.h"
#include "kefu/service/context.h"

namespace kefu::service {

// A domain event caused by `actor_id` from `meta.ip` (kept in the payload for the audit
// log; APIs strip it before showing events).
inline domain::DomainEvent MakeEvent(std::string_view type, std::string entity_type,
                                     domain::Id entity_id, domain::Id actor_id,
                                     const RequestMeta& meta, TimeMs now,
                                     boost::json::object payload = {}) {
  domain::DomainEvent e;
  e.type = std::string(type);
  e.entity_type = std::move(entity_type);
  e.entity_id = entity_id;
  e.actor_id = actor_id;
  payload["ip"] = meta.ip;
  e.payload = std::move(payload);
  e.created_at = now;
  return e;
}

}  // namespace kefu::service
