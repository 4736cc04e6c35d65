#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kefu/common/clock.h"

namespace kefu::auth {

// Slows down password guessing: after `max_failures` failed logins for one account from
// one IP address within `window`, further attempts for that pair are refused until the
// oldest counted failure leaves the window. Other IPs and other accounts are unaffected.
// Accounts (e-mail addresses) are compared ASCII-case-insensitively on their first 320
// bytes; IPs verbatim.
//
// State is in memory and per process. Memory is bounded: pairs whose failures have all
// left the window are dropped, and beyond `max_entries` pairs the one that failed least
// recently is forgotten.
//
// Thread-safety: all methods may be called concurrently (one internal mutex).
// `clock` is borrowed and must outlive the throttle.
class LoginThrottle {
 public:
  static constexpr std::size_t kDefaultMaxEntries = 100'000;

  // REQUIRES: max_failures >= 1, window > 0s, max_entries >= 1.
  LoginThrottle(int max_failures, std::chrono::seconds window, const Clock& clock,
                std::size_t max_entries = kDefaultMaxEntries);

  // Whole seconds (>= 1) to wait before the next attempt for this pair, or nullopt if an
  // attempt is allowed now. Call before checking the password.
  std::optional<int> RetryAfterSeconds(std::string_view account, std::string_view ip) const;

  // Counts one failed login for the pair (wrong password or unknown account alike).
  void RecordFailure(std::string_view account, std::string_view ip);

  // Forgets all failures of the pair after a successful login.
  void RecordSuccess(std::string_view account, std::string_view ip);

  // Number of pairs currently tracked; for tests and metrics.
  std::size_t TrackedPairs() const;

 private:
  struct Entry {
    std::string key;
    std::vector<TimeMs> failures;  // oldest first; at most max_failures_ kept
  };
  using EntryList = std::list<Entry>;

  static std::string MakeKey(std::string_view account, std::string_view ip);
  // REQUIRES: mu_ held. Drops entries whose newest failure has left the window.
  void PruneLocked(TimeMs now);

  const std::size_t max_failures_;
  const TimeMs window_ms_;
  const Clock& clock_;
  const std::size_t max_entries_;

  mutable std::mutex mu_;
  EntryList entries_;                                                // least recently failed first
  std::unordered_map<std::string_view, EntryList::iterator> index_;  // keys point into entries_
};

}  // namespace kefu::auth
