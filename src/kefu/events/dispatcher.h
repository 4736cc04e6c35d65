#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/event.h"
#include "kefu/events/event_bus.h"
#include "kefu/storage/store.h"

namespace kefu::events {

// A durable consumer of the event table that owns one concern (audit, realtime,
// webhooks, SLA, reports...).
class Listener {
 public:
  virtual ~Listener() = default;
  // Stable name; the consumer position is stored under it.
  virtual std::string name() const = 0;
  // Handles one event inside `tx`, the same write transaction that advances this
  // listener's position, so database side effects happen exactly once. An error rolls
  // the batch back; it is retried on the next round.
  virtual Status Handle(const domain::DomainEvent& event, storage::Tx& tx) = 0;
};

// Feeds every listener the events after its stored position, in id order. Wakes when
// the bus publishes and also polls, so events written by another process (the CLI) or
// left over from a crash are handled too. Thread-safe.
class Dispatcher {
 public:
  Dispatcher(storage::Store& store, EventBus& bus,
             std::chrono::milliseconds poll_interval = std::chrono::seconds(2));
  ~Dispatcher();  // stops the worker

  // REQUIRES: before Start().
  void AddListener(std::unique_ptr<Listener> listener);
  void Start();
  void Stop();
  // Processes everything currently in the table on the calling thread ("run now").
  // For tests and the CLI; returns the first error, if any.
  Status RunUntilIdle();

 private:
  Result<bool> RunOnce(Listener& listener);  // true if it handled something
  void Loop();

  storage::Store& store_;
  std::chrono::milliseconds poll_interval_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::mutex run_mu_;  // one round at a time
  std::mutex mu_;
  std::condition_variable cv_;
  bool wake_ = false;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace kefu::events
