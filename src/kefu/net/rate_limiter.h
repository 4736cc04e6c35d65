#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace kefu::net {

// Token buckets per client key. A bucket holds at most `per_minute` tokens (the burst) and
// refills at per_minute / 60 tokens per second, so a client may send `per_minute` requests
// at once and then `per_minute` per minute sustained. A key that was idle long enough for
// its bucket to be full is equivalent to a new key and may be evicted; at most `max_keys`
// buckets are kept (when full of busy keys, an arbitrary bucket is dropped, which only
// errs in the client's favour).
// Thread-safety: Acquire is safe to call concurrently; keys are spread over 64 shards,
// each with its own small mutex held for a hash-map lookup and a little arithmetic.
class RateLimiter {
 public:
  static constexpr std::size_t kDefaultMaxKeys = 100'000;

  // REQUIRES: per_minute > 0.
  explicit RateLimiter(int per_minute, std::size_t max_keys = kDefaultMaxKeys);
  ~RateLimiter();
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  struct Decision {
    bool allowed = true;
    int retry_after_seconds = 0;  // when refused: seconds until one token is back (>= 1)
  };
  // Takes one token from `key`'s bucket at time `now_ns` (any monotonic clock, in ns).
  Decision Acquire(std::uint64_t key, std::int64_t now_ns);

  // Keys are the first 8 bytes of SHA-256 over a tagged input, so bearer tokens are
  // never stored and a client cannot pick a key that collides with another's.
  static std::uint64_t KeyForBearer(std::string_view token);
  static std::uint64_t KeyForIp(std::string_view ip);
  // The token of an "Authorization: Bearer <token>" value (scheme case-insensitive), or "".
  static std::string_view BearerToken(std::string_view authorization);

  // Buckets currently kept (for tests and diagnostics).
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens;
    std::int64_t last_ns;
  };
  struct Shard;
  static constexpr std::size_t kShards = 64;

  void Evict(Shard& shard, std::int64_t now_ns);

  double capacity_;
  double tokens_per_ns_;
  std::size_t max_keys_per_shard_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace kefu::net
