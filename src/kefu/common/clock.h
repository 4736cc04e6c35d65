#pragma once

#include <atomic>
#include <cstdint>

namespace kefu {

// Milliseconds since the Unix epoch, UTC. Kefu stores and compares times in this unit.
using TimeMs = std::int64_t;

// The one source of "now". Inject it so tests control time instead of sleeping.
// Thread-safety: implementations are safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs NowMs() const = 0;
};

// Wall-clock time from the system.
class SystemClock final : public Clock {
 public:
  TimeMs NowMs() const override;
  // A process-wide instance; never destroyed.
  static const SystemClock& Instance();
};

// A clock that only moves when told to: for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMs start) : now_(start) {}
  TimeMs NowMs() const override { return now_.load(); }
  void Advance(TimeMs delta) { now_ += delta; }
  void Set(TimeMs now) { now_ = now; }

 private:
  std::atomic<TimeMs> now_;
};

}  // namespace kefu
