#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "kefu/domain/event.h"

namespace kefu::events {

// In-process publication of committed events. Subscribers are called synchronously on
// the publishing thread (the thread whose write just committed), so they must be quick
// and must not block: wake a worker, enqueue, or fan out to sockets.
// Thread-safe. Durable processing is the Dispatcher's job, not the bus's: the bus may
// drop nothing but a crashed process never published, which the dispatcher replays.
class EventBus {
 public:
  using Subscriber = std::function<void(const domain::DomainEvent&)>;

  // Adds a subscriber for the bus's lifetime.
  void Subscribe(Subscriber subscriber);
  // Calls every subscriber. The subscriber list is copied under the lock and called
  // outside it, so a subscriber may Subscribe without deadlock.
  void Publish(const domain::DomainEvent& event) const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const std::vector<Subscriber>> subscribers_ =
      std::make_shared<std::vector<Subscriber>>();
};

}  // namespace kefu::events
