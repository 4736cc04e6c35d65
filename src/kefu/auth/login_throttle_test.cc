#include "kefu/auth/login_throttle.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace kefu::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr TimeMs kStart = 1'800'000'000'000;
constexpr TimeMs kSecond = 1000;

class LoginThrottleTest : public ::testing::Test {
 protected:
  ManualClock clock_{kStart};
  LoginThrottle throttle_{5, minutes(15), clock_};

  void FailTimes(int n, std::string_view account, std::string_view ip, TimeMs step = kSecond) {
    for (int i = 0; i < n; ++i) {
      throttle_.RecordFailure(account, ip);
      clock_.Advance(step);
    }
  }
};

TEST_F(LoginThrottleTest, SixthAttemptIsBlockedUntilOldestFailureLeavesWindow) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1")) << i;
    throttle_.RecordFailure("ann@example.com", "10.0.0.1");
    clock_.Advance(10 * kSecond);
  }
  // First failure at kStart, now kStart + 50 s: it leaves the window at kStart + 900 s.
  EXPECT_EQ(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"), 850);
  clock_.Advance(849 * kSecond + 500);
  EXPECT_EQ(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"), 1);  // rounds up
  clock_.Advance(500);
  EXPECT_FALSE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"));
  // One more failure blocks again until the second-oldest leaves the window.
  throttle_.RecordFailure("ann@example.com", "10.0.0.1");
  EXPECT_EQ(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"), 10);
}

TEST_F(LoginThrottleTest, AccountIsCaseInsensitive) {
  FailTimes(5, "Ann@Example.COM", "10.0.0.1");
  EXPECT_TRUE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"));
}

TEST_F(LoginThrottleTest, OtherIpOrAccountUnaffected) {
  FailTimes(5, "ann@example.com", "10.0.0.1");
  EXPECT_TRUE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"));
  EXPECT_FALSE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.2"));
  EXPECT_FALSE(throttle_.RetryAfterSeconds("bob@example.com", "10.0.0.1"));
}

TEST_F(LoginThrottleTest, SuccessClears) {
  FailTimes(4, "ann@example.com", "10.0.0.1");
  throttle_.RecordSuccess("ann@example.com", "10.0.0.1");
  FailTimes(4, "ann@example.com", "10.0.0.1");
  EXPECT_FALSE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"));
  throttle_.RecordFailure("ann@example.com", "10.0.0.1");
  EXPECT_TRUE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"));
  throttle_.RecordSuccess("ann@example.com", "10.0.0.1");
  EXPECT_FALSE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1"));
  EXPECT_EQ(throttle_.TrackedPairs(), 0u);
}

TEST_F(LoginThrottleTest, FailuresSpreadBeyondWindowNeverBlock) {
  // One failure every 4 minutes: never 5 inside 15 minutes.
  for (int i = 0; i < 20; ++i) {
    throttle_.RecordFailure("ann@example.com", "10.0.0.1");
    EXPECT_FALSE(throttle_.RetryAfterSeconds("ann@example.com", "10.0.0.1")) << i;
    clock_.Advance(240 * kSecond);
  }
}

TEST_F(LoginThrottleTest, StaleEntriesArePruned) {
  FailTimes(3, "ann@example.com", "10.0.0.1");
  FailTimes(3, "bob@example.com", "10.0.0.1");
  EXPECT_EQ(throttle_.TrackedPairs(), 2u);
  clock_.Advance(900 * kSecond);
  throttle_.RecordFailure("cat@example.com", "10.0.0.1");
  EXPECT_EQ(throttle_.TrackedPairs(), 1u);
}

TEST(LoginThrottleCapTest, MapSizeIsCapped) {
  ManualClock clock(kStart);
  LoginThrottle throttle(2, seconds(60), clock, /*max_entries=*/3);
  for (int i = 0; i < 10; ++i) {
    throttle.RecordFailure("user" + std::to_string(i) + "@example.com", "10.0.0.1");
    throttle.RecordFailure("user" + std::to_string(i) + "@example.com", "10.0.0.1");
  }
  EXPECT_EQ(throttle.TrackedPairs(), 3u);
  EXPECT_TRUE(throttle.RetryAfterSeconds("user9@example.com", "10.0.0.1"));
  EXPECT_FALSE(throttle.RetryAfterSeconds("user0@example.com", "10.0.0.1"));  // evicted
}

TEST(LoginThrottleConcurrencyTest, ManyThreads) {
  ManualClock clock(kStart);
  LoginThrottle throttle(5, seconds(900), clock, 50);
  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string account = "u" + std::to_string((i * 7 + t) % 100);
        throttle.RecordFailure(account, "ip");
        (void)throttle.RetryAfterSeconds(account, "ip");
        if (i % 3 == 0) throttle.RecordSuccess(account, "ip");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(throttle.TrackedPairs(), 50u);
}

}  // namespace
}  // namespace kefu::auth
