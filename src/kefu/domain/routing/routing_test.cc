#include "kefu/domain/routing/routing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace kefu::domain {
namespace {

constexpr Id kDept = 10;
constexpr Id kFallbackDept = 20;
constexpr TimeMs kNow = 1'704'081'600'000;  // 2024-01-01 12:00 China time, a Monday
constexpr TimeMs kMinute = 60'000;

ChatAgent Agent(Id id, int open_chats = 0, int capacity = 3, TimeMs last_assigned_at = 0) {
  ChatAgent a;
  a.user_id = id;
  a.presence = Presence::kOnline;
  a.department_ids = {kDept};
  a.capacity = capacity;
  a.open_chats = open_chats;
  a.last_assigned_at = last_assigned_at;
  return a;
}

QueuedChat Chat(Id id, TimeMs enqueued_at = kNow, int membership_level = 0) {
  QueuedChat c;
  c.id = id;
  c.department_id = kDept;
  c.enqueued_at = enqueued_at;
  c.membership_level = membership_level;
  return c;
}

ChatRoutingConfig Config(ChatRoutingPolicy policy = ChatRoutingPolicy::kRoundRobin) {
  ChatRoutingConfig config;
  config.department_id = kDept;
  config.policy = policy;
  return config;
}

RouteDecision RouteOk(const QueuedChat& chat, const std::vector<ChatAgent>& agents,
                      const ChatRoutingConfig& config, const std::vector<QueuedChat>& queue = {},
                      TimeMs now = kNow) {
  Result<RouteDecision> decision = Route(chat, queue, agents, config, now);
  EXPECT_TRUE(decision.ok());
  return decision.ok() ? *decision : RouteDecision{};
}

// The agent picked, checking that neither reversing nor rotating the agents changes it.
std::optional<Id> AssignedTo(const QueuedChat& chat, std::vector<ChatAgent> agents,
                             const ChatRoutingConfig& config, AssignReason* reason = nullptr) {
  RouteDecision first = RouteOk(chat, agents, config);
  std::reverse(agents.begin(), agents.end());
  EXPECT_EQ(RouteOk(chat, agents, config), first) << "reversed";
  if (agents.size() > 2) {
    std::rotate(agents.begin(), agents.begin() + 1, agents.end());
    EXPECT_EQ(RouteOk(chat, agents, config), first) << "rotated";
  }
  const Assigned* assigned = std::get_if<Assigned>(&first);
  if (!assigned) return std::nullopt;
  if (reason) *reason = assigned->reason;
  return assigned->agent_id;
}

TEST(ChatRoutingConfigTest, Validation) {
  EXPECT_TRUE(ValidateChatRoutingConfig(Config()).ok());
  struct Case {
    const char* name;
    void (*mutate)(ChatRoutingConfig&);
    std::string field;
  };
  const Case cases[] = {
      {"no department", [](ChatRoutingConfig& c) { c.department_id = 0; }, "department_id"},
      {"vip -1", [](ChatRoutingConfig& c) { c.vip_threshold = -1; }, "vip_threshold"},
      {"vip 6", [](ChatRoutingConfig& c) { c.vip_threshold = 6; }, "vip_threshold"},
      {"sticky < 0", [](ChatRoutingConfig& c) { c.sticky_window_ms = -1; }, "sticky_window_ms"},
      {"overflow wait < 0", [](ChatRoutingConfig& c) { c.overflow_wait_ms = -1; },
       "overflow_wait_ms"},
      {"overflow to itself", [](ChatRoutingConfig& c) { c.overflow_department_id = kDept; },
       "overflow_department_id"},
      {"overflow to 0", [](ChatRoutingConfig& c) { c.overflow_department_id = 0; },
       "overflow_department_id"},
      {"handle time 0", [](ChatRoutingConfig& c) { c.average_handle_ms = 0; }, "average_handle_ms"},
      {"bad hours",
       [](ChatRoutingConfig& c) {
         c.business_hours = BusinessHours{900, {}, {}};
       },
       "business_hours.utc_offset_minutes"},
  };
  for (const Case& c : cases) {
    ChatRoutingConfig config = Config();
    c.mutate(config);
    Status status = ValidateChatRoutingConfig(config);
    ASSERT_FALSE(status.ok()) << c.name;
    ASSERT_EQ(status.error().fields.size(), 1u) << c.name;
    EXPECT_EQ(status.error().fields[0].field, c.field) << c.name;
    EXPECT_FALSE(Route(Chat(1), {}, std::vector{Agent(1)}, config, kNow).ok()) << c.name;
  }
  for (int level = 0; level <= 5; ++level) {
    ChatRoutingConfig config = Config();
    config.vip_threshold = level;
    EXPECT_TRUE(ValidateChatRoutingConfig(config).ok()) << level;
  }
}

TEST(RouteTest, RejectsAChatOfAnotherDepartment) {
  QueuedChat chat = Chat(1);
  chat.department_id = kFallbackDept;
  Result<RouteDecision> decision = Route(chat, {}, std::vector{Agent(1)}, Config(), kNow);
  ASSERT_FALSE(decision.ok());
  EXPECT_EQ(decision.error().code, ErrorCode::kInvalidArgument);
}

TEST(RouteTest, OnlyOnlineDepartmentAgentsWithRoomGetChats) {
  ChatAgent away = Agent(1);
  away.presence = Presence::kAway;
  ChatAgent offline = Agent(2);
  offline.presence = Presence::kOffline;
  ChatAgent elsewhere = Agent(3);
  elsewhere.department_ids = {kFallbackDept};
  ChatAgent no_capacity = Agent(4, 0, 0);
  for (auto policy : {ChatRoutingPolicy::kRoundRobin, ChatRoutingPolicy::kLeastBusy}) {
    EXPECT_EQ(RouteOk(Chat(1), {away, offline, elsewhere, no_capacity}, Config(policy)),
              RouteDecision(Offline{OfflineReason::kNoAgentOnline, std::nullopt}));
    EXPECT_EQ(RouteOk(Chat(1), {}, Config(policy)),
              RouteDecision(Offline{OfflineReason::kNoAgentOnline, std::nullopt}));
    ChatAgent full = Agent(5, 3, 3);
    ChatAgent over = Agent(6, 5, 3);  // over capacity after manual transfers
    EXPECT_TRUE(std::holds_alternative<Queued>(
        RouteOk(Chat(1), {away, offline, elsewhere, no_capacity, full, over}, Config(policy))));
    ChatAgent last_seat = Agent(7, 2, 3, kNow);
    EXPECT_EQ(
        AssignedTo(Chat(1), {away, offline, elsewhere, full, over, last_seat}, Config(policy)), 7);
  }
}

struct PolicyCase {
  const char* name;
  std::vector<ChatAgent> agents;
  Id expected;
};

void ExpectPolicyPicks(std::span<const PolicyCase> cases, ChatRoutingPolicy policy,
                       AssignReason expected_reason) {
  for (const PolicyCase& c : cases) {
    AssignReason reason{};
    EXPECT_EQ(AssignedTo(Chat(1), c.agents, Config(policy), &reason), c.expected) << c.name;
    EXPECT_EQ(reason, expected_reason) << c.name;
  }
}

TEST(RouteTest, RoundRobinTakesTheLeastRecentlyAssigned) {
  const PolicyCase cases[] = {
      {"oldest assignment", {Agent(1, 0, 3, 300), Agent(2, 2, 3, 100), Agent(3, 0, 3, 200)}, 2},
      {"never assigned first", {Agent(1, 0, 3, 100), Agent(2, 0, 3, 0)}, 2},
      {"ties by id", {Agent(3, 0, 3, 100), Agent(2, 1, 3, 100), Agent(4, 0, 3, 100)}, 2},
      {"load does not matter", {Agent(1, 0, 3, 500), Agent(2, 2, 3, 400)}, 2},
      {"full ones skipped", {Agent(1, 3, 3, 0), Agent(2, 0, 3, 400)}, 2},
  };
  ExpectPolicyPicks(cases, ChatRoutingPolicy::kRoundRobin, AssignReason::kRoundRobin);
}

TEST(RouteTest, RoundRobinRotatesThroughEveryone) {
  std::vector<ChatAgent> agents = {Agent(3, 0, 10), Agent(1, 0, 10), Agent(2, 0, 10)};
  std::vector<Id> order;
  for (int i = 0; i < 9; ++i) {
    TimeMs now = kNow + i;
    RouteDecision d = RouteOk(Chat(i + 1, now), agents, Config(), {}, now);
    Id id = std::get<Assigned>(d).agent_id;
    order.push_back(id);
    for (ChatAgent& a : agents) {
      if (a.user_id != id) continue;
      a.last_assigned_at = now;
      ++a.open_chats;
    }
  }
  EXPECT_EQ(order, (std::vector<Id>{1, 2, 3, 1, 2, 3, 1, 2, 3}));
}

TEST(RouteTest, LeastBusyTakesTheLowestLoadRatio) {
  const PolicyCase cases[] = {
      {"fewest open", {Agent(1, 2, 4), Agent(2, 1, 4), Agent(3, 3, 4)}, 2},
      {"ratio, not count: 2/5 < 1/2", {Agent(1, 1, 2), Agent(2, 2, 5)}, 2},
      {"ratio ties by last assigned", {Agent(1, 1, 2, 500), Agent(2, 2, 4, 100)}, 2},
      {"then by id", {Agent(4, 1, 2, 100), Agent(3, 2, 4, 100)}, 3},
      {"equal zero load ties by id", {Agent(9, 0, 2, 7), Agent(8, 0, 5, 7)}, 8},
      {"over capacity skipped", {Agent(1, 4, 3), Agent(2, 2, 3)}, 2},
  };
  ExpectPolicyPicks(cases, ChatRoutingPolicy::kLeastBusy, AssignReason::kLeastBusy);
}

ChatAgent Skilled(Id id, std::vector<Skill> skills, std::vector<std::string> languages = {"zh"},
                  int open_chats = 0) {
  ChatAgent a = Agent(id, open_chats);
  a.skills = std::move(skills);
  a.languages = std::move(languages);
  return a;
}

QueuedChat Needs(Id id, std::vector<SkillRequirement> skills, std::string language = "") {
  QueuedChat c = Chat(id);
  c.required_skills = std::move(skills);
  c.language = std::move(language);
  return c;
}

TEST(RouteTest, SkillMatchRequiresEverySkillAtItsLevelAndTheLanguage) {
  ChatRoutingConfig config = Config();
  config.skill_match = true;
  struct Case {
    const char* name;
    std::vector<SkillRequirement> skills;
    std::string language;
    std::vector<std::string> agent_languages;
    std::vector<Skill> agent_skills;
    bool qualified;
  };
  const Case cases[] = {
      {"no needs", {}, "", {}, {}, true},
      {"has it", {{"refund", 1}}, "", {}, {{"refund", 1}}, true},
      {"level too low", {{"refund", 3}}, "", {}, {{"refund", 2}}, false},
      {"level above", {{"refund", 3}}, "", {}, {{"refund", 5}}, true},
      {"duplicate: highest counts", {{"refund", 3}}, "", {}, {{"refund", 1}, {"refund", 4}}, true},
      {"missing one of two", {{"refund", 1}, {"billing", 1}}, "", {}, {{"refund", 5}}, false},
      {"both", {{"refund", 1}, {"billing", 2}}, "", {}, {{"billing", 2}, {"refund", 1}}, true},
      {"name is exact", {{"Refund", 1}}, "", {}, {{"refund", 5}}, false},
      {"language primary subtag", {}, "zh-CN", {"zh"}, {}, true},
      {"language case-insensitive", {}, "EN_us", {"en-GB"}, {}, true},
      {"language missing", {}, "en", {"zh"}, {}, false},
      {"language and skill", {{"refund", 1}}, "en", {"zh", "en"}, {{"refund", 1}}, true},
  };
  for (const Case& c : cases) {
    ChatAgent agent = Skilled(1, c.agent_skills, c.agent_languages);
    QueuedChat chat = Needs(1, c.skills, c.language);
    EXPECT_EQ(IsQualified(agent, chat, config), c.qualified) << c.name;
    EXPECT_TRUE(IsQualified(agent, chat, Config())) << c.name << ": skill match off";
    RouteDecision d = RouteOk(chat, {agent}, config);
    if (c.qualified) {
      ASSERT_TRUE(std::holds_alternative<Assigned>(d)) << c.name;
      EXPECT_EQ(std::get<Assigned>(d).by_skill, !c.skills.empty() || !c.language.empty());
    } else {
      EXPECT_EQ(d, RouteDecision(Offline{OfflineReason::kNoQualifiedAgent, std::nullopt}))
          << c.name;
    }
  }
}

TEST(RouteTest, SkillMatchNeverPicksTheUnskilledWhenASkilledAgentIsFree) {
  ChatRoutingConfig config = Config(ChatRoutingPolicy::kLeastBusy);
  config.skill_match = true;
  QueuedChat chat = Needs(1, {{"refund", 2}}, "en");
  // The skilled one is busier and was assigned more recently: it still gets the chat.
  ChatAgent skilled = Skilled(5, {{"refund", 2}}, {"en"}, 2);
  skilled.last_assigned_at = kNow;
  std::vector<ChatAgent> agents = {Agent(1), Agent(2), Skilled(3, {{"refund", 1}}, {"en"}),
                                   Skilled(4, {{"refund", 2}}, {"zh"}), skilled};
  EXPECT_EQ(AssignedTo(chat, agents, config), 5);
  // Skilled but full: the chat waits for it rather than going to the unskilled.
  agents.back().open_chats = 3;
  EXPECT_EQ(RouteOk(chat, agents, config),
            RouteDecision(Queued{1, (kDefaultAverageHandleMs * 1 + 14) / 15}));
  // Nobody skilled online: the offline form, so the customer is not left waiting.
  agents.back().presence = Presence::kAway;
  EXPECT_EQ(RouteOk(chat, agents, config),
            RouteDecision(Offline{OfflineReason::kNoQualifiedAgent, std::nullopt}));
  // Skill match off: anyone free.
  EXPECT_EQ(AssignedTo(chat, agents, Config(ChatRoutingPolicy::kLeastBusy)), 1);
}

TEST(RouteTest, StickyOnlyWithinTheWindowAndWithRoom) {
  ChatRoutingConfig config = Config();
  config.sticky_window_ms = 30 * kMinute;
  std::vector<ChatAgent> agents = {Agent(1, 0, 3, 0), Agent(2, 2, 3, kNow)};
  QueuedChat chat = Chat(1);
  chat.previous = PreviousConversation{2, kNow - 10 * kMinute};
  AssignReason reason{};
  EXPECT_EQ(AssignedTo(chat, agents, config, &reason), 2);
  EXPECT_EQ(reason, AssignReason::kSticky);
  chat.previous->ended_at = kNow - 30 * kMinute;  // the window's edge is inside
  EXPECT_EQ(AssignedTo(chat, agents, config, &reason), 2);
  chat.previous->ended_at = kNow - 30 * kMinute - 1;
  EXPECT_EQ(AssignedTo(chat, agents, config, &reason), 1);
  EXPECT_EQ(reason, AssignReason::kRoundRobin);

  chat.previous->ended_at = kNow - kMinute;
  ChatRoutingConfig off = config;
  off.sticky_window_ms = 0;
  EXPECT_EQ(AssignedTo(chat, agents, off), 1) << "window 0 = off";
  agents[1].presence = Presence::kAway;
  EXPECT_EQ(AssignedTo(chat, agents, config, &reason), 1) << "away";
  agents[1].presence = Presence::kOnline;
  agents[1].open_chats = 3;
  EXPECT_EQ(AssignedTo(chat, agents, config, &reason), 1) << "full";
  agents[0].open_chats = 3;
  EXPECT_TRUE(std::holds_alternative<Queued>(RouteOk(chat, agents, config))) << "all full";
  agents = {Agent(1), Agent(2)};
  agents[1].department_ids = {kFallbackDept};
  EXPECT_EQ(AssignedTo(chat, agents, config), 1) << "last agent not in this department";
  agents = {Agent(1), Skilled(2, {}, {"zh"})};
  config.skill_match = true;
  chat.language = "en";
  agents[0].languages = {"en"};
  EXPECT_EQ(AssignedTo(chat, agents, config), 1) << "last agent lacks the language";
}

TEST(RouteTest, RegionAffinityPrefersTheSameRegionButFallsBack) {
  ChatRoutingConfig config = Config(ChatRoutingPolicy::kLeastBusy);
  config.region_affinity = true;
  std::vector<ChatAgent> agents = {Agent(1, 0), Agent(2, 2), Agent(3, 1)};
  agents[0].region = "北京";
  agents[1].region = "广东";
  agents[2].region = "广东";
  QueuedChat chat = Chat(1);
  chat.region = "广东";
  RouteDecision d = RouteOk(chat, agents, config);
  EXPECT_EQ(d, RouteDecision(Assigned{3, AssignReason::kLeastBusy, false, true}));
  EXPECT_EQ(AssignedTo(chat, agents, config), 3);
  agents[2].open_chats = 3;
  EXPECT_EQ(AssignedTo(chat, agents, config), 2) << "one same-region left";
  agents[1].open_chats = 3;
  EXPECT_EQ(RouteOk(chat, agents, config),
            RouteDecision(Assigned{1, AssignReason::kLeastBusy, false, false}))
      << "falls back";
  agents[1].open_chats = 2;
  config.region_affinity = false;
  EXPECT_EQ(AssignedTo(chat, agents, config), 1) << "off";
  config.region_affinity = true;
  chat.region.clear();
  EXPECT_EQ(AssignedTo(chat, agents, config), 1) << "unknown region";
}

TEST(RouteTest, BusinessHoursSendClosedChatsToTheOfflineForm) {
  ChatRoutingConfig config = Config();
  config.business_hours = BusinessHours{8 * 60, {{Weekday::kMonday, 9 * 60, 18 * 60}}, {}};
  EXPECT_EQ(AssignedTo(Chat(1), {Agent(1)}, config), 1) << "Monday noon";
  TimeMs evening = kNow + 7 * 60 * kMinute;  // 19:00
  EXPECT_EQ(RouteOk(Chat(1, evening), {Agent(1)}, config, {}, evening),
            RouteDecision(
                Offline{OfflineReason::kClosed, kNow + 7 * 24 * 60 * kMinute - 3 * 60 * kMinute}));
  config.business_hours->holidays = {{2024, 1, 1}};
  EXPECT_EQ(RouteOk(Chat(1), {Agent(1)}, config),
            RouteDecision(
                Offline{OfflineReason::kClosed, kNow + 7 * 24 * 60 * kMinute - 3 * 60 * kMinute}));
}

TEST(RouteTest, QueuedChatsLearnTheirPositionAndWait) {
  ChatRoutingConfig config = Config();
  config.vip_threshold = 3;
  config.average_handle_ms = 6 * kMinute;
  std::vector<ChatAgent> agents = {Agent(1, 3, 3), Agent(2, 2, 2), Agent(3, 0, 5)};
  agents[2].presence = Presence::kAway;  // away capacity does not count
  std::vector<QueuedChat> queue = {Chat(7, kNow - 5 * kMinute, 0), Chat(8, kNow - kMinute, 4),
                                   Chat(9, kNow, 0)};
  queue.push_back(Chat(50, kNow - 9 * kMinute));
  queue.back().department_id = kFallbackDept;  // another department's: ignored
  // Regular chat: behind the VIP, the older one and the same-age lower id: 4 * 6 min
  // over 5 online seats.
  EXPECT_EQ(RouteOk(Chat(10), agents, config, queue),
            RouteDecision(Queued{4, 4 * 6 * kMinute / 5}));
  // A VIP chat jumps the regular ones but not the older VIP.
  EXPECT_EQ(RouteOk(Chat(11, kNow, 5), agents, config, queue),
            RouteDecision(Queued{2, (2 * 6 * kMinute + 4) / 5}));
  // Re-routing a chat that is in the queue does not count it twice.
  EXPECT_EQ(RouteOk(queue[0], agents, config, queue),
            RouteDecision(Queued{2, (2 * 6 * kMinute + 4) / 5}));
  // The estimate rounds up: 1000 ms over 3 seats is 334 ms.
  config.average_handle_ms = 1000;
  agents = {Agent(1, 3, 3)};
  EXPECT_EQ(RouteOk(Chat(10), agents, config), RouteDecision(Queued{1, 334}));
}

TEST(RouteTest, OverflowAfterTheWait) {
  ChatRoutingConfig config = Config();
  config.overflow_department_id = kFallbackDept;
  config.overflow_wait_ms = 2 * kMinute;
  std::vector<ChatAgent> full = {Agent(1, 3, 3)};
  EXPECT_TRUE(std::holds_alternative<Queued>(RouteOk(Chat(1), full, config)));
  EXPECT_TRUE(
      std::holds_alternative<Queued>(RouteOk(Chat(1, kNow - 2 * kMinute + 1), full, config)));
  EXPECT_EQ(RouteOk(Chat(1, kNow - 2 * kMinute), full, config),
            RouteDecision(Overflow{kFallbackDept}));
  // A free agent still takes an old chat.
  EXPECT_EQ(AssignedTo(Chat(1, kNow - 60 * kMinute), {Agent(2)}, config), 2);
  config.overflow_wait_ms = 0;
  EXPECT_EQ(RouteOk(Chat(1), full, config), RouteDecision(Overflow{kFallbackDept}))
      << "wait 0: at once";
  config.overflow_department_id.reset();
  EXPECT_TRUE(std::holds_alternative<Queued>(RouteOk(Chat(1, kNow - 60 * kMinute), full, config)));
}

TEST(DueOverflowsTest, ChatsPastTheWaitInPriorityOrder) {
  ChatRoutingConfig config = Config();
  config.vip_threshold = 2;
  config.overflow_wait_ms = 3 * kMinute;
  std::vector<QueuedChat> queue = {Chat(1, kNow - 5 * kMinute), Chat(2, kNow - 3 * kMinute, 2),
                                   Chat(3, kNow - 3 * kMinute + 1), Chat(4, kNow - 9 * kMinute)};
  queue.push_back(Chat(5, kNow - 60 * kMinute));
  queue.back().department_id = kFallbackDept;
  EXPECT_TRUE(DueOverflows(queue, config, kNow).empty()) << "no overflow department";
  config.overflow_department_id = kFallbackDept;
  EXPECT_EQ(DueOverflows(queue, config, kNow), (std::vector<Id>{2, 4, 1}));
  EXPECT_EQ(DueOverflows(queue, config, kNow + 1), (std::vector<Id>{2, 4, 1, 3}));
  EXPECT_TRUE(DueOverflows({}, config, kNow).empty());
}

TEST(QueueTest, VipJumpsTheQueueAndTiesGoByAge) {
  ChatRoutingConfig config = Config();
  config.vip_threshold = 3;
  std::vector<QueuedChat> queue = {
      Chat(1, kNow - 10 * kMinute, 0), Chat(2, kNow - kMinute, 3),
      Chat(3, kNow - 2 * kMinute, 5),  Chat(4, kNow - 10 * kMinute, 2),
      Chat(5, kNow - 20 * kMinute, 1), Chat(6, kNow - kMinute, 4),
  };
  std::vector<ChatAgent> agents = {Agent(1, 0, 4)};
  auto ids = [&](const std::vector<QueuePosition>& positions) {
    std::vector<Id> out;
    for (const QueuePosition& p : positions) out.push_back(p.chat_id);
    return out;
  };
  // VIPs 3 (oldest), then 2 and 6 (same age, by id); then the rest by age, 1 and 4 by id.
  std::vector<QueuePosition> positions = QueuePositions(queue, agents, config);
  EXPECT_EQ(ids(positions), (std::vector<Id>{3, 2, 6, 5, 1, 4}));
  for (std::size_t i = 0; i < positions.size(); ++i) {
    EXPECT_EQ(positions[i].position, static_cast<int>(i) + 1);
    EXPECT_EQ(positions[i].estimated_wait_ms,
              (kDefaultAverageHandleMs * positions[i].position + 3) / 4);
  }
  std::reverse(queue.begin(), queue.end());
  EXPECT_EQ(ids(QueuePositions(queue, agents, config)), (std::vector<Id>{3, 2, 6, 5, 1, 4}));
  config.vip_threshold.reset();
  EXPECT_EQ(ids(QueuePositions(queue, agents, config)), (std::vector<Id>{5, 1, 4, 3, 2, 6}));
  config.vip_threshold = 0;  // everyone is a VIP: age order again
  EXPECT_EQ(ids(QueuePositions(queue, agents, config)), (std::vector<Id>{5, 1, 4, 3, 2, 6}));
  // Nobody online: positions without an estimate.
  agents[0].presence = Presence::kOffline;
  for (const QueuePosition& p : QueuePositions(queue, agents, config)) {
    EXPECT_EQ(p.estimated_wait_ms, std::nullopt);
  }
}

TEST(NextForFreedAgentTest, TakesTheFirstChatItQualifiesFor) {
  ChatRoutingConfig config = Config();
  config.vip_threshold = 3;
  config.skill_match = true;
  QueuedChat vip_english = Needs(1, {}, "en");
  vip_english.membership_level = 5;
  vip_english.enqueued_at = kNow - 2 * kMinute;
  QueuedChat old = Chat(2, kNow - 30 * kMinute);
  QueuedChat vip = Chat(3, kNow - kMinute, 3);
  QueuedChat elsewhere = Chat(4, kNow - 60 * kMinute, 5);
  elsewhere.department_id = kFallbackDept;
  std::vector<QueuedChat> queue = {old, vip, vip_english, elsewhere};
  ChatAgent agent = Skilled(1, {}, {"zh"}, 2);
  EXPECT_EQ(NextForFreedAgent(agent, queue, config), 3) << "VIP before the older regular";
  agent.languages.push_back("en");
  EXPECT_EQ(NextForFreedAgent(agent, queue, config), 1) << "the VIP it could not serve before";
  EXPECT_EQ(NextForFreedAgent(agent, std::vector{old}, config), 2);
  EXPECT_EQ(NextForFreedAgent(agent, std::vector{elsewhere}, config), std::nullopt);
  EXPECT_EQ(NextForFreedAgent(agent, {}, config), std::nullopt);
  agent.open_chats = 3;
  EXPECT_EQ(NextForFreedAgent(agent, queue, config), std::nullopt) << "full";
  agent.open_chats = 0;
  agent.presence = Presence::kAway;
  EXPECT_EQ(NextForFreedAgent(agent, queue, config), std::nullopt) << "away";
  agent.presence = Presence::kOnline;
  agent.department_ids = {kFallbackDept};
  EXPECT_EQ(NextForFreedAgent(agent, queue, config), std::nullopt) << "other department";
}

}  // namespace
}  // namespace kefu::domain
