#include "kefu/auth/login_throttle.h"

#include <algorithm>
#include <cassert>
#include <iterator>

namespace kefu::auth {
namespace {

constexpr TimeMs kMsPerSecond = 1000;
// Longer than any valid e-mail address (254); longer inputs are cut so that huge bogus
// account names cannot inflate memory. They can never log in anyway.
constexpr std::size_t kMaxAccountBytes = 320;

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

LoginThrottle::LoginThrottle(int max_failures, std::chrono::seconds window, const Clock& clock,
                             std::size_t max_entries)
    : max_failures_(static_cast<std::size_t>(std::max(max_failures, 1))),
      window_ms_(std::chrono::duration_cast<std::chrono::milliseconds>(window).count()),
      clock_(clock),
      max_entries_(std::max<std::size_t>(max_entries, 1)) {
  assert(max_failures >= 1 && window.count() > 0);
}

std::string LoginThrottle::MakeKey(std::string_view account, std::string_view ip) {
  // An IP never contains NUL, so splitting at the last NUL recovers the pair: keys are
  // unique per (account, ip).
  account = account.substr(0, kMaxAccountBytes);
  std::string key;
  key.reserve(account.size() + 1 + ip.size());
  std::transform(account.begin(), account.end(), std::back_inserter(key), AsciiLower);
  key.push_back('\0');
  key.append(ip);
  return key;
}

std::optional<int> LoginThrottle::RetryAfterSeconds(std::string_view account,
                                                    std::string_view ip) const {
  const std::string key = MakeKey(account, ip);
  const TimeMs now = clock_.NowMs();
  std::lock_guard lock(mu_);
  const auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  const std::vector<TimeMs>& failures = it->second->failures;
  const auto in_window = std::count_if(failures.begin(), failures.end(),
                                       [&](TimeMs t) { return t > now - window_ms_; });
  if (static_cast<std::size_t>(in_window) < max_failures_) return std::nullopt;
  // All kept failures are in the window; the block ends when the oldest leaves it.
  const TimeMs wait_ms = failures.front() + window_ms_ - now;
  return static_cast<int>(std::max<TimeMs>(1, (wait_ms + kMsPerSecond - 1) / kMsPerSecond));
}

void LoginThrottle::RecordFailure(std::string_view account, std::string_view ip) {
  std::string key = MakeKey(account, ip);
  const TimeMs now = clock_.NowMs();
  std::lock_guard lock(mu_);
  PruneLocked(now);
  auto it = index_.find(key);
  if (it == index_.end()) {
    if (index_.size() >= max_entries_) {
      index_.erase(entries_.front().key);
      entries_.pop_front();
    }
    entries_.push_back(Entry{std::move(key), {}});
    it = index_.emplace(entries_.back().key, std::prev(entries_.end())).first;
  } else {
    entries_.splice(entries_.end(), entries_, it->second);  // now the most recent
  }
  std::vector<TimeMs>& failures = it->second->failures;
  std::erase_if(failures, [&](TimeMs t) { return t <= now - window_ms_; });
  if (failures.size() == max_failures_) failures.erase(failures.begin());
  failures.push_back(now);
}

void LoginThrottle::RecordSuccess(std::string_view account, std::string_view ip) {
  const std::string key = MakeKey(account, ip);
  std::lock_guard lock(mu_);
  const auto it = index_.find(key);
  if (it == index_.end()) return;
  const EntryList::iterator entry = it->second;
  index_.erase(it);  // before the entry, whose string the map key views
  entries_.erase(entry);
}

std::size_t LoginThrottle::TrackedPairs() const {
  std::lock_guard lock(mu_);
  return index_.size();
}

void LoginThrottle::PruneLocked(TimeMs now) {
  // entries_ is ordered by newest failure, so stale entries are all at the front.
  while (!entries_.empty() && entries_.front().failures.back() <= now - window_ms_) {
    index_.erase(entries_.front().key);
    entries_.pop_front();
  }
}

}  // namespace kefu::auth
