#include "kefu/events/dispatcher.h"

#include <spdlog/spdlog.h>

namespace kefu::events {
namespace {
constexpr int kBatchSize = 256;
}

Dispatcher::Dispatcher(storage::Store& store, EventBus& bus,
                       std::chrono::milliseconds poll_interval)
    : store_(store), poll_interval_(poll_interval) {
  bus.Subscribe([this](const domain::DomainEvent&) {
    {
      std::lock_guard lock(mu_);
      wake_ = true;
    }
    cv_.notify_one();
  });
}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::AddListener(std::unique_ptr<Listener> listener) {
  listeners_.push_back(std::move(listener));
}

void Dispatcher::Start() {
  if (worker_.joinable()) return;
  worker_ = std::thread([this] { Loop(); });
}

void Dispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (worker_.joinable()) worker_.join();
}

Result<bool> Dispatcher::RunOnce(Listener& listener) {
  std::vector<domain::DomainEvent> batch;
  std::string name = listener.name();
  KEFU_RETURN_IF_ERROR(store_.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(domain::Id position, tx.events().GetConsumerPosition(name));
    KEFU_ASSIGN_OR_RETURN(batch, tx.events().ListAfter(position, kBatchSize));
    return OkStatus();
  }));
  if (batch.empty()) return false;
  KEFU_RETURN_IF_ERROR(store_.Write([&](storage::Tx& tx) -> Status {
    // Re-check the position inside the write: another round may have advanced it.
    KEFU_ASSIGN_OR_RETURN(domain::Id position, tx.events().GetConsumerPosition(name));
    domain::Id last = position;
    for (const auto& event : batch) {
      if (event.id <= position) continue;
      KEFU_RETURN_IF_ERROR(listener.Handle(event, tx));
      last = event.id;
    }
    return tx.events().SetConsumerPosition(name, last);
  }));
  return true;
}

Status Dispatcher::RunUntilIdle() {
  std::lock_guard run_lock(run_mu_);
  for (auto& listener : listeners_) {
    for (;;) {
      KEFU_ASSIGN_OR_RETURN(bool handled, RunOnce(*listener));
      if (!handled) break;
    }
  }
  return OkStatus();
}

void Dispatcher::Loop() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, poll_interval_, [&] { return wake_ || stop_; });
      if (stop_) return;
      wake_ = false;
    }
    Status st = RunUntilIdle();
    if (!st.ok()) {
      spdlog::warn("event dispatcher: {} (will retry)", st.error().message);
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, poll_interval_, [&] { return stop_; });
      if (stop_) return;
    }
  }
}

}  // namespace kefu::events
