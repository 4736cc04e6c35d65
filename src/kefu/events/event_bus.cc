#include "kefu/events/event_bus.h"

namespace kefu::events {

void EventBus::Subscribe(Subscriber subscriber) {
  std::lock_guard lock(mu_);
  auto next = std::make_shared<std::vector<Subscriber>>(*subscribers_);
  next->push_back(std::move(subscriber));
  subscribers_ = std::move(next);
}

void EventBus::Publish(const domain::DomainEvent& event) const {
  std::shared_ptr<const std::vector<Subscriber>> current;
  {
    std::lock_guard lock(mu_);
    current = subscribers_;
  }
  for (const auto& subscriber : *current) subscriber(event);
}

}  // namespace kefu::events
