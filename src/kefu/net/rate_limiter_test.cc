#include "kefu/net/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace kefu::net {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

TEST(RateLimiterTest, BurstThenRefill) {
  RateLimiter limiter(60);  // burst 60, one token per second
  std::uint64_t key = RateLimiter::KeyForIp("192.0.2.1");
  for (int i = 0; i < 60; ++i) EXPECT_TRUE(limiter.Acquire(key, 0).allowed) << i;
  RateLimiter::Decision refused = limiter.Acquire(key, 0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);
  EXPECT_FALSE(limiter.Acquire(key, kSecond / 2).allowed);
  EXPECT_TRUE(limiter.Acquire(key, kSecond + kSecond / 10).allowed);
  EXPECT_FALSE(limiter.Acquire(key, kSecond + kSecond / 10).allowed);
  // Other keys are independent.
  EXPECT_TRUE(limiter.Acquire(RateLimiter::KeyForIp("192.0.2.2"), 0).allowed);
}

TEST(RateLimiterTest, RetryAfterForSlowRates) {
  RateLimiter limiter(2);  // one token every 30 s
  std::uint64_t key = RateLimiter::KeyForBearer("token");
  EXPECT_TRUE(limiter.Acquire(key, 0).allowed);
  EXPECT_TRUE(limiter.Acquire(key, 0).allowed);
  RateLimiter::Decision refused = limiter.Acquire(key, 0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 30);
}

TEST(RateLimiterTest, KeysAndBearerParsing) {
  EXPECT_NE(RateLimiter::KeyForBearer("abc"), RateLimiter::KeyForIp("abc"));
  EXPECT_EQ(RateLimiter::KeyForBearer("abc"), RateLimiter::KeyForBearer("abc"));
  EXPECT_EQ(RateLimiter::BearerToken("Bearer abc.def"), "abc.def");
  EXPECT_EQ(RateLimiter::BearerToken("bearer   xyz "), "xyz");
  EXPECT_EQ(RateLimiter::BearerToken("Basic dXNlcjpwYXNz"), "");
  EXPECT_EQ(RateLimiter::BearerToken("Bearer"), "");
  EXPECT_EQ(RateLimiter::BearerToken(""), "");
  std::string long_token(2000, 't');
  EXPECT_EQ(RateLimiter::KeyForBearer(long_token), RateLimiter::KeyForBearer(long_token));
}

TEST(RateLimiterTest, MemoryIsBounded) {
  RateLimiter limiter(10, /*max_keys=*/640);
  for (std::uint64_t key = 0; key < 100'000; ++key) {
    (void)limiter.Acquire(key * 0x9e3779b97f4a7c15ULL, 0);
  }
  EXPECT_LE(limiter.size(), 640u);
  // Idle buckets that are full again are swept once a shard fills up.
  for (std::uint64_t key = 0; key < 1000; ++key) {
    (void)limiter.Acquire(key * 0xbf58476d1ce4e5b9ULL, 120 * kSecond);
  }
  EXPECT_LE(limiter.size(), 640u);
}

TEST(RateLimiterTest, ConcurrentAcquireCountsExactly) {
  RateLimiter limiter(1000);
  std::uint64_t key = RateLimiter::KeyForIp("198.51.100.7");
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.Acquire(key, 0).allowed) ++allowed;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 1000);
}

}  // namespace
}  // namespace kefu::net
