// Random scenarios with a fixed seed, checking the invariants that must hold whatever
// the input: capacity, presence, skills, queue order, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "kefu/domain/routing/routing.h"

namespace kefu::domain {
namespace {

constexpr Id kDept = 1;
constexpr Id kOtherDept = 2;
constexpr TimeMs kNow = 1'704'081'600'000;  // Monday noon, China time
constexpr TimeMs kMinute = 60'000;
constexpr int kScenarios = 1000;
constexpr std::uint64_t kSeed = 20240101;

class Scenario {
 public:
  explicit Scenario(std::mt19937_64& rng) : rng_(rng) {
    int agents = Int(0, 8);
    for (int i = 1; i <= agents; ++i) agents_.push_back(RandomAgent(i));
    std::shuffle(agents_.begin(), agents_.end(), rng_);
    config_ = RandomConfig();
    int chats = Int(0, 8);
    for (int i = 0; i < chats; ++i) queue_.push_back(RandomChat(100 + i));
    chat_ = RandomChat(99);
    chat_.department_id = kDept;
    chat_.enqueued_at = kNow;
  }

  std::vector<ChatAgent> agents_;
  std::vector<QueuedChat> queue_;
  QueuedChat chat_;
  ChatRoutingConfig config_;

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Coin(double p = 0.5) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& OneOf(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(Int(0, static_cast<int>(items.size()) - 1))];
  }

  ChatAgent RandomAgent(Id id) {
    ChatAgent a;
    a.user_id = id;
    a.presence = OneOf<Presence>(
        {Presence::kOnline, Presence::kOnline, Presence::kAway, Presence::kOffline});
    if (Coin(0.85)) a.department_ids.push_back(kDept);
    if (Coin(0.3)) a.department_ids.push_back(kOtherDept);
    for (const char* skill : {"refund", "billing", "tech"}) {
      if (Coin()) a.skills.push_back({skill, Int(1, 5)});
    }
    for (const char* language : {"zh", "en"}) {
      if (Coin(0.6)) a.languages.push_back(language);
    }
    a.region = OneOf<std::string>({"", "北京", "广东"});
    a.capacity = Int(0, 4);
    a.open_chats = Int(0, a.capacity + 1);  // sometimes over, after manual transfers
    a.last_assigned_at = Coin(0.2) ? 0 : kNow - Int(0, 3) * kMinute;  // ties on purpose
    return a;
  }

  ChatRoutingConfig RandomConfig() {
    ChatRoutingConfig c;
    c.department_id = kDept;
    c.policy = Coin() ? ChatRoutingPolicy::kRoundRobin : ChatRoutingPolicy::kLeastBusy;
    c.skill_match = Coin();
    if (Coin(0.7)) c.vip_threshold = Int(0, 5);
    c.sticky_window_ms = Coin() ? 0 : Int(1, 30) * kMinute;
    c.region_affinity = Coin();
    if (Coin(0.3)) {
      c.overflow_department_id = kOtherDept;
      c.overflow_wait_ms = Int(0, 10) * kMinute;
    }
    if (Coin(0.2)) {
      c.business_hours = BusinessHours{8 * 60, {{Weekday::kMonday, 9 * 60, 18 * 60}}, {}};
      if (Coin()) c.business_hours->holidays.push_back({2024, 1, 1});
    }
    c.average_handle_ms = Int(1, 10) * kMinute;
    return c;
  }

  QueuedChat RandomChat(Id id) {
    QueuedChat c;
    c.id = id;
    c.department_id = Coin(0.9) ? kDept : kOtherDept;
    c.enqueued_at = kNow - Int(0, 5) * kMinute;  // ties on purpose
    c.membership_level = Int(0, 5);
    for (const char* skill : {"refund", "billing", "tech"}) {
      if (Coin(0.25)) c.required_skills.push_back({skill, Int(1, 3)});
    }
    c.language = OneOf<std::string>({"", "", "zh-CN", "en"});
    c.region = OneOf<std::string>({"", "北京", "广东"});
    if (Coin(0.4)) c.previous = PreviousConversation{Int(1, 8), kNow - Int(0, 40) * kMinute};
    return c;
  }

  std::mt19937_64& rng_;
};

bool InDept(const ChatAgent& a) {
  return std::count(a.department_ids.begin(), a.department_ids.end(), kDept) > 0;
}

bool CanTake(const ChatAgent& a, const QueuedChat& chat, const ChatRoutingConfig& config) {
  return a.presence == Presence::kOnline && InDept(a) && a.open_chats < a.capacity &&
         IsQualified(a, chat, config);
}

// The policy's key, recomputed here independently: smaller is better.
std::tuple<double, TimeMs, Id> PolicyKey(const ChatAgent& a, ChatRoutingPolicy policy) {
  double load = policy == ChatRoutingPolicy::kLeastBusy
                    ? static_cast<double>(a.open_chats) / a.capacity
                    : 0.0;
  return {load, a.last_assigned_at, a.user_id};
}

void CheckDecision(const Scenario& s, const RouteDecision& decision) {
  bool anyone_free = std::any_of(s.agents_.begin(), s.agents_.end(), [&](const ChatAgent& a) {
    return CanTake(a, s.chat_, s.config_);
  });
  bool open = !s.config_.business_hours || IsOpen(*s.config_.business_hours, kNow);
  if (const auto* assigned = std::get_if<Assigned>(&decision)) {
    auto it = std::find_if(s.agents_.begin(), s.agents_.end(),
                           [&](const ChatAgent& a) { return a.user_id == assigned->agent_id; });
    ASSERT_NE(it, s.agents_.end());
    EXPECT_TRUE(CanTake(*it, s.chat_, s.config_)) << "capacity, presence, department, skills";
    EXPECT_TRUE(open);
    if (assigned->reason == AssignReason::kSticky) {
      ASSERT_TRUE(s.chat_.previous.has_value());
      EXPECT_EQ(s.chat_.previous->agent_id, assigned->agent_id);
      EXPECT_LE(kNow - s.chat_.previous->ended_at, s.config_.sticky_window_ms);
    } else if (!assigned->by_region) {
      for (const ChatAgent& a : s.agents_) {
        if (!CanTake(a, s.chat_, s.config_)) continue;
        EXPECT_LE(PolicyKey(*it, s.config_.policy), PolicyKey(a, s.config_.policy))
            << "a better free agent: " << a.user_id;
      }
    } else {
      EXPECT_EQ(it->region, s.chat_.region);
    }
    return;
  }
  EXPECT_FALSE(open && anyone_free) << "a free qualified agent was left idle";
  if (const auto* queued = std::get_if<Queued>(&decision)) {
    EXPECT_GE(queued->position, 1);
    EXPECT_LE(queued->position, static_cast<int>(s.queue_.size()) + 1);
    EXPECT_GT(queued->estimated_wait_ms, 0);
  }
  if (const auto* offline = std::get_if<Offline>(&decision)) {
    if (offline->reason == OfflineReason::kClosed) {
      EXPECT_FALSE(open);
    }
    if (offline->reason == OfflineReason::kNoAgentOnline) {
      for (const ChatAgent& a : s.agents_) {
        EXPECT_FALSE(a.presence == Presence::kOnline && InDept(a) && a.capacity > 0);
      }
    }
  }
  if (std::holds_alternative<Overflow>(decision)) {
    EXPECT_EQ(s.config_.overflow_department_id, kOtherDept);
  }
}

void CheckQueueOrder(const Scenario& s) {
  std::vector<QueuePosition> positions = QueuePositions(s.queue_, s.agents_, s.config_);
  std::map<Id, const QueuedChat*> by_id;
  for (const QueuedChat& c : s.queue_) by_id[c.id] = &c;
  for (std::size_t i = 1; i < positions.size(); ++i) {
    const QueuedChat& before = *by_id[positions[i - 1].chat_id];
    const QueuedChat& after = *by_id[positions[i].chat_id];
    auto vip = [&](const QueuedChat& c) {
      return s.config_.vip_threshold && c.membership_level >= *s.config_.vip_threshold;
    };
    EXPECT_TRUE(vip(before) || !vip(after)) << "a VIP behind a regular chat";
    if (vip(before) == vip(after)) {
      EXPECT_LE(before.enqueued_at, after.enqueued_at);
    }
  }
}

// Free and fill seats for a while; nobody is ever pushed over capacity.
void Simulate(Scenario& s, std::mt19937_64& rng) {
  std::map<Id, int> start_open;
  for (const ChatAgent& a : s.agents_) start_open[a.user_id] = a.open_chats;
  std::vector<QueuedChat> queue = s.queue_;
  for (int step = 0; step < 20 && !s.agents_.empty(); ++step) {
    ChatAgent& agent = s.agents_[rng() % s.agents_.size()];
    if (agent.open_chats > 0 && rng() % 2 == 0) --agent.open_chats;
    std::optional<Id> next = NextForFreedAgent(agent, queue, s.config_);
    if (!next) continue;
    auto it = std::find_if(queue.begin(), queue.end(),
                           [&](const QueuedChat& c) { return c.id == *next; });
    ASSERT_NE(it, queue.end());
    EXPECT_TRUE(CanTake(agent, *it, s.config_));
    // Every chat ahead of it is one this agent cannot serve.
    for (const QueuedChat& other : queue) {
      if (other.department_id == kDept && QueueOrderLess(other, *it, s.config_)) {
        EXPECT_FALSE(IsQualified(agent, other, s.config_)) << "skipped chat " << other.id;
      }
    }
    ++agent.open_chats;
    queue.erase(it);
  }
  for (const ChatAgent& a : s.agents_) {
    EXPECT_LE(a.open_chats, std::max(a.capacity, start_open[a.user_id]));
    if (a.presence != Presence::kOnline) {
      EXPECT_LE(a.open_chats, start_open[a.user_id]);
    }
  }
}

TEST(RoutingPropertyTest, InvariantsHoldInRandomScenarios) {
  std::mt19937_64 rng(kSeed);
  // How often each outcome came up, so the scenarios are known to reach them all.
  std::map<std::size_t, int> outcomes;
  int sticky = 0;
  int by_region = 0;
  for (int i = 0; i < kScenarios; ++i) {
    SCOPED_TRACE("scenario " + std::to_string(i));
    Scenario s(rng);
    Result<RouteDecision> decision = Route(s.chat_, s.queue_, s.agents_, s.config_, kNow);
    ASSERT_TRUE(decision.ok());
    CheckDecision(s, *decision);
    ++outcomes[decision->index()];
    if (const auto* assigned = std::get_if<Assigned>(&*decision)) {
      sticky += assigned->reason == AssignReason::kSticky;
      by_region += assigned->by_region;
    }
    CheckQueueOrder(s);

    // Determinism: the same inputs in another order give the same answers.
    Scenario shuffled = s;
    std::shuffle(shuffled.agents_.begin(), shuffled.agents_.end(), rng);
    std::shuffle(shuffled.queue_.begin(), shuffled.queue_.end(), rng);
    Result<RouteDecision> again =
        Route(shuffled.chat_, shuffled.queue_, shuffled.agents_, shuffled.config_, kNow);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *decision);
    EXPECT_EQ(DueOverflows(shuffled.queue_, s.config_, kNow),
              DueOverflows(s.queue_, s.config_, kNow));
    std::vector<QueuePosition> p1 = QueuePositions(s.queue_, s.agents_, s.config_);
    std::vector<QueuePosition> p2 = QueuePositions(shuffled.queue_, shuffled.agents_, s.config_);
    ASSERT_EQ(p1.size(), p2.size());
    for (std::size_t k = 0; k < p1.size(); ++k) {
      EXPECT_EQ(p1[k].chat_id, p2[k].chat_id);
      EXPECT_EQ(p1[k].estimated_wait_ms, p2[k].estimated_wait_ms);
    }
    for (const ChatAgent& a : s.agents_) {
      EXPECT_EQ(NextForFreedAgent(a, s.queue_, s.config_),
                NextForFreedAgent(a, shuffled.queue_, s.config_));
    }
    Simulate(s, rng);
  }
  for (std::size_t outcome = 0; outcome < std::variant_size_v<RouteDecision>; ++outcome) {
    EXPECT_GT(outcomes[outcome], 0) << "outcome " << outcome << " never came up";
  }
  EXPECT_GT(sticky, 0);
  EXPECT_GT(by_region, 0);
}

}  // namespace
}  // namespace kefu::domain
