#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kefu::metrics {

// Label pairs in a fixed order, e.g. {{"route", "/api/v1/tickets"}, {"method", "GET"}}.
using Labels = std::vector<std::pair<std::string, std::string>>;

// Latency buckets in seconds, 100 µs .. 10 s; the default for Registry::Histogram.
std::span<const double> DefaultLatencyBuckets();

// A monotonically increasing count. Recording is one relaxed atomic add.
// Thread-safety: every member is safe to call concurrently.
class Counter {
 public:
  void Increment(std::uint64_t delta = 1) noexcept {
    value_.fetch_add(delta, std::memory_order_relaxed);
  }
  std::uint64_t Value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  alignas(64) std::atomic<std::uint64_t> value_{0};  // own cache line: no false sharing
};

// A value that goes up and down. Thread-safety: every member is safe to call concurrently;
// Add is a compare-and-swap loop, Set is a store.
class Gauge {
 public:
  void Set(double value) noexcept { value_.store(value, std::memory_order_relaxed); }
  void Add(double delta) noexcept { value_.fetch_add(delta, std::memory_order_relaxed); }
  void Increment() noexcept { Add(1.0); }
  void Decrement() noexcept { Add(-1.0); }
  double Value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  alignas(64) std::atomic<double> value_{0.0};
};

// A distribution over fixed buckets (upper bounds, inclusive, plus an implicit +Inf).
// Observe is a short bucket search, one relaxed atomic add and one CAS loop for the sum.
// Thread-safety: every member is safe to call concurrently; Collect may see an
// observation's bucket before its sum (no torn counts).
class Histogram {
 public:
  // REQUIRES: `bounds` finite and strictly increasing (checked by Registry).
  explicit Histogram(std::span<const double> bounds);

  void Observe(double value) noexcept;
  // Records a duration in seconds.
  void ObserveDuration(std::chrono::nanoseconds duration) noexcept {
    Observe(std::chrono::duration<double>(duration).count());
  }

  struct Snapshot {
    std::vector<std::uint64_t> cumulative;  // per bound, then +Inf (== count)
    double sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot Collect() const;
  std::span<const double> bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1
  alignas(64) std::atomic<double> sum_{0.0};
};

// Owns every metric and renders them in Prometheus text format 0.0.4.
// A family is one metric name with one type, help text and list of label names; a series
// is one label-value combination inside it. Getting a series takes a mutex: do it at
// set-up (e.g. route registration) and keep the reference, which stays valid for the
// registry's lifetime. Recording on that reference never locks.
// Programming errors (invalid metric or label name, the same name with another type,
// other label names or other buckets) throw std::invalid_argument.
// Thread-safety: every member is safe to call concurrently.
class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  metrics::Counter& Counter(std::string_view name, std::string_view help,
                            const Labels& labels = {});
  metrics::Gauge& Gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  // `buckets` empty means DefaultLatencyBuckets().
  metrics::Histogram& Histogram(std::string_view name, std::string_view help,
                                const Labels& labels = {}, std::span<const double> buckets = {});

  // Every family sorted by name, each series sorted by label values, with HELP and TYPE
  // lines. Locks the registry (not the recorders) while rendering.
  std::string RenderPrometheus() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Family {
    Type type;
    std::string help;
    std::vector<std::string> label_names;
    std::vector<double> buckets;  // histograms only
    std::map<std::vector<std::string>, std::unique_ptr<metrics::Counter>> counters;
    std::map<std::vector<std::string>, std::unique_ptr<metrics::Gauge>> gauges;
    std::map<std::vector<std::string>, std::unique_ptr<metrics::Histogram>> histograms;
  };

  // REQUIRES: mutex_ held. Returns the family, creating it; checks type and label names.
  Family& FamilyFor(std::string_view name, std::string_view help, Type type, const Labels& labels);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// A process-wide registry, never destroyed. Thread-safe.
Registry& DefaultRegistry();

}  // namespace kefu::metrics
