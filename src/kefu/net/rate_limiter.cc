#include "kefu/net/rate_limiter.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "kefu/net/http_types.h"

namespace kefu::net {
namespace {

constexpr double kNsPerSecond = 1e9;
constexpr double kSecondsPerMinute = 60.0;
// A full shard sweeps for idle buckets at most this often; in between it drops one.
constexpr std::int64_t kMinSweepIntervalNs = 1'000'000'000;

std::uint64_t TaggedHash(std::string_view tag, std::string_view value) {
  // Short inputs (IPs, typical tokens) hash from the stack; long ones allocate.
  constexpr std::size_t kStackInput = 512;
  char stack_input[kStackInput];
  std::string heap_input;
  const char* data = stack_input;
  std::size_t size = tag.size() + value.size();
  if (size <= kStackInput) {
    std::memcpy(stack_input, tag.data(), tag.size());
    std::memcpy(stack_input + tag.size(), value.data(), value.size());
  } else {
    heap_input.append(tag).append(value);
    data = heap_input.data();
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data), size, digest);
  std::uint64_t key = 0;
  std::memcpy(&key, digest, sizeof key);
  return key;
}

}  // namespace

struct alignas(64) RateLimiter::Shard {
  std::mutex mutex;
  std::unordered_map<std::uint64_t, Bucket> buckets;
  bool swept = false;
  std::int64_t last_sweep_ns = 0;
};

RateLimiter::RateLimiter(int per_minute, std::size_t max_keys)
    : capacity_(std::max(1, per_minute)),
      tokens_per_ns_(capacity_ / kSecondsPerMinute / kNsPerSecond),
      max_keys_per_shard_(std::max<std::size_t>(1, max_keys / kShards)),
      shards_(std::make_unique<Shard[]>(kShards)) {}

RateLimiter::~RateLimiter() = default;

void RateLimiter::Evict(Shard& shard, std::int64_t now_ns) {
  if (!shard.swept || now_ns - shard.last_sweep_ns >= kMinSweepIntervalNs) {
    shard.swept = true;
    shard.last_sweep_ns = now_ns;
    std::erase_if(shard.buckets, [&](const auto& entry) {
      const Bucket& bucket = entry.second;
      return bucket.tokens + static_cast<double>(now_ns - bucket.last_ns) * tokens_per_ns_ >=
             capacity_;
    });
  }
  if (shard.buckets.size() >= max_keys_per_shard_) shard.buckets.erase(shard.buckets.begin());
}

RateLimiter::Decision RateLimiter::Acquire(std::uint64_t key, std::int64_t now_ns) {
  Shard& shard = shards_[(key >> 32 ^ key) % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_keys_per_shard_) Evict(shard, now_ns);
    it = shard.buckets.emplace(key, Bucket{capacity_, now_ns}).first;
  } else {
    Bucket& bucket = it->second;
    if (now_ns > bucket.last_ns) {
      bucket.tokens = std::min(
          capacity_, bucket.tokens + static_cast<double>(now_ns - bucket.last_ns) * tokens_per_ns_);
      bucket.last_ns = now_ns;
    }
  }
  Bucket& bucket = it->second;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {};
  }
  double wait_seconds = (1.0 - bucket.tokens) / (tokens_per_ns_ * kNsPerSecond);
  return {.allowed = false,
          .retry_after_seconds = std::max(1, static_cast<int>(std::ceil(wait_seconds)))};
}

std::uint64_t RateLimiter::KeyForBearer(std::string_view token) {
  return TaggedHash("bearer:", token);
}

std::uint64_t RateLimiter::KeyForIp(std::string_view ip) { return TaggedHash("ip:", ip); }

std::string_view RateLimiter::BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      !EqualsIgnoreCase(authorization.substr(0, kScheme.size()), kScheme)) {
    return {};
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

std::size_t RateLimiter::size() const {
  std::size_t total = 0;
  for (std::size_t i = 0; i < kShards; ++i) {
    std::lock_guard lock(shards_[i].mutex);
    total += shards_[i].buckets.size();
  }
  return total;
}

}  // namespace kefu::net
