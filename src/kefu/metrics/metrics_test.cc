#include "kefu/metrics/metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace kefu::metrics {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MetricsTest, SameSeriesIsTheSameObject) {
  Registry registry;
  Counter& a = registry.Counter("kefu_x_total", "x", {{"op", "read"}});
  Counter& b = registry.Counter("kefu_x_total", "x", {{"op", "read"}});
  Counter& c = registry.Counter("kefu_x_total", "x", {{"op", "write"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
}

TEST(MetricsTest, RendersCountersAndGauges) {
  Registry registry;
  registry.Counter("kefu_requests_total", "Requests.\nSecond line \\", {{"route", "/a\"b"}})
      .Increment(3);
  registry.Counter("kefu_requests_total", "Requests.", {{"route", "/c\n\\"}}).Increment();
  Gauge& gauge = registry.Gauge("kefu_open_connections", "Open connections.");
  gauge.Increment();
  gauge.Increment();
  gauge.Decrement();
  registry.Gauge("kefu_ratio", "A ratio.").Set(0.25);

  std::string text = registry.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# HELP kefu_requests_total Requests.\\nSecond line \\\\\n")) << text;
  EXPECT_TRUE(Contains(text, "# TYPE kefu_requests_total counter\n")) << text;
  EXPECT_TRUE(Contains(text, "kefu_requests_total{route=\"/a\\\"b\"} 3\n")) << text;
  EXPECT_TRUE(Contains(text, "kefu_requests_total{route=\"/c\\n\\\\\"} 1\n")) << text;
  EXPECT_TRUE(Contains(text, "# TYPE kefu_open_connections gauge\nkefu_open_connections 1\n"))
      << text;
  EXPECT_TRUE(Contains(text, "kefu_ratio 0.25\n")) << text;
  // Families are sorted by name.
  EXPECT_LT(text.find("kefu_open_connections"), text.find("kefu_ratio"));
  EXPECT_LT(text.find("kefu_ratio"), text.find("kefu_requests_total"));
}

TEST(MetricsTest, RendersHistograms) {
  Registry registry;
  const double buckets[] = {0.001, 0.01, 0.1};
  Histogram& h =
      registry.Histogram("kefu_db_query_duration_seconds", "DB time.", {{"op", "commit"}}, buckets);
  h.Observe(0.0005);  // first bucket
  h.Observe(0.001);   // le is inclusive
  h.Observe(0.05);
  h.Observe(3.0);  // +Inf only
  std::string text = registry.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE kefu_db_query_duration_seconds histogram\n")) << text;
  EXPECT_TRUE(
      Contains(text, "kefu_db_query_duration_seconds_bucket{op=\"commit\",le=\"0.001\"} 2\n"))
      << text;
  EXPECT_TRUE(
      Contains(text, "kefu_db_query_duration_seconds_bucket{op=\"commit\",le=\"0.01\"} 2\n"))
      << text;
  EXPECT_TRUE(Contains(text, "kefu_db_query_duration_seconds_bucket{op=\"commit\",le=\"0.1\"} 3\n"))
      << text;
  EXPECT_TRUE(
      Contains(text, "kefu_db_query_duration_seconds_bucket{op=\"commit\",le=\"+Inf\"} 4\n"))
      << text;
  EXPECT_TRUE(Contains(text, "kefu_db_query_duration_seconds_sum{op=\"commit\"} 3.0515\n")) << text;
  EXPECT_TRUE(Contains(text, "kefu_db_query_duration_seconds_count{op=\"commit\"} 4\n")) << text;
}

TEST(MetricsTest, DefaultBucketsAndUnlabeled) {
  Registry registry;
  Histogram& h = registry.Histogram("kefu_latency_seconds", "Latency.");
  EXPECT_EQ(h.bounds().size(), DefaultLatencyBuckets().size());
  EXPECT_DOUBLE_EQ(h.bounds().front(), 0.0001);
  EXPECT_DOUBLE_EQ(h.bounds().back(), 10.0);
  h.ObserveDuration(std::chrono::milliseconds(2));
  std::string text = registry.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "kefu_latency_seconds_bucket{le=\"0.0001\"} 0\n")) << text;
  EXPECT_TRUE(Contains(text, "kefu_latency_seconds_bucket{le=\"0.0025\"} 1\n")) << text;
  EXPECT_TRUE(Contains(text, "kefu_latency_seconds_count 1\n")) << text;
}

TEST(MetricsTest, RejectsProgrammingErrors) {
  Registry registry;
  registry.Counter("kefu_a_total", "a", {{"op", "x"}});
  EXPECT_THROW(registry.Gauge("kefu_a_total", "a"), std::invalid_argument);
  EXPECT_THROW(registry.Counter("kefu_a_total", "a", {{"kind", "x"}}), std::invalid_argument);
  EXPECT_THROW(registry.Counter("9bad", "a"), std::invalid_argument);
  EXPECT_THROW(registry.Counter("kefu_b_total", "b", {{"__reserved", "x"}}), std::invalid_argument);
  EXPECT_THROW(registry.Histogram("kefu_h", "h", {{"le", "1"}}), std::invalid_argument);
  const double unsorted[] = {1.0, 0.5};
  EXPECT_THROW(registry.Histogram("kefu_h2", "h", {}, unsorted), std::invalid_argument);
  registry.Histogram("kefu_h3", "h");
  const double other[] = {1.0};
  EXPECT_THROW(registry.Histogram("kefu_h3", "h", {}, other), std::invalid_argument);
}

TEST(MetricsTest, ConcurrentRecordingLosesNothing) {
  Registry registry;
  Counter& counter = registry.Counter("kefu_c_total", "c");
  Gauge& gauge = registry.Gauge("kefu_g", "g");
  Histogram& histogram = registry.Histogram("kefu_h_seconds", "h");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 100'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        counter.Increment();
        gauge.Add(1.0);
        histogram.Observe(0.001 * (t + 1));
        // Series creation concurrently with recording and rendering.
        if (i % 20'000 == 0) {
          registry.Counter("kefu_dyn_total", "d", {{"t", std::to_string(t)}}).Increment();
          (void)registry.RenderPrometheus();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.Value(), static_cast<std::uint64_t>(kThreads) * kPerThread);
  EXPECT_DOUBLE_EQ(gauge.Value(), static_cast<double>(kThreads) * kPerThread);
  Histogram::Snapshot snapshot = histogram.Collect();
  EXPECT_EQ(snapshot.count, static_cast<std::uint64_t>(kThreads) * kPerThread);
  EXPECT_NEAR(snapshot.sum, 0.001 * kPerThread * (1 + 2 + 3 + 4), 1e-6);
  EXPECT_TRUE(Contains(registry.RenderPrometheus(), "kefu_dyn_total{t=\"3\"} 5\n"));
}

TEST(MetricsTest, DefaultRegistryIsShared) { EXPECT_EQ(&DefaultRegistry(), &DefaultRegistry()); }

}  // namespace
}  // namespace kefu::metrics
