#include "kefu/domain/assignment/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kefu::domain {
namespace {

using enum AssignmentPolicy;

AgentCandidate Agent(Id id, int open_tickets = 0, TimeMs last_assigned_at = 0,
                     std::vector<Skill> skills = {}) {
  AgentCandidate a;
  a.user_id = id;
  a.presence = Presence::kOnline;
  a.open_tickets = open_tickets;
  a.capacity = 0;
  a.skills = std::move(skills);
  a.last_assigned_at = last_assigned_at;
  a.active = true;
  return a;
}

AssignmentRequest Request(AssignmentPolicy policy, std::vector<std::string> skills = {},
                          Priority priority = Priority::kNormal) {
  return {policy, std::move(skills), priority};
}

// Checks the pick and that it does not depend on the candidates' order.
void ExpectPick(const AssignmentRequest& request, std::vector<AgentCandidate> candidates,
                std::optional<Id> expected, const std::string& name) {
  EXPECT_EQ(PickAssignee(request, candidates), expected) << name;
  std::reverse(candidates.begin(), candidates.end());
  EXPECT_EQ(PickAssignee(request, candidates), expected) << name << " (reversed)";
  if (candidates.size() > 2) {
    std::rotate(candidates.begin(), candidates.begin() + 1, candidates.end());
    EXPECT_EQ(PickAssignee(request, candidates), expected) << name << " (rotated)";
  }
}

TEST(PickAssigneeTest, ManualNeverPicks) {
  ExpectPick(Request(kManual), {Agent(1), Agent(2)}, std::nullopt, "manual");
  ExpectPick(Request(kManual, {}, Priority::kUrgent), {Agent(1)}, std::nullopt, "manual urgent");
}

TEST(PickAssigneeTest, EligibilityForEveryPolicy) {
  AgentCandidate away = Agent(1);
  away.presence = Presence::kAway;
  AgentCandidate offline = Agent(2);
  offline.presence = Presence::kOffline;
  AgentCandidate inactive = Agent(3);
  inactive.active = false;
  AgentCandidate full = Agent(4, 5);
  full.capacity = 5;
  AgentCandidate over = Agent(5, 7);
  over.capacity = 5;
  const std::vector<AgentCandidate> nobody = {away, offline, inactive, full, over};
  for (AssignmentPolicy policy : {kRoundRobin, kLeastLoaded, kSkillMatch}) {
    for (Priority priority : {Priority::kLow, Priority::kUrgent}) {
      std::string name = std::string(ToString(policy)) + "/" + std::string(ToString(priority));
      ExpectPick(Request(policy, {}, priority), nobody, std::nullopt, name + " nobody eligible");
      ExpectPick(Request(policy, {}, priority), {}, std::nullopt, name + " empty");
      AgentCandidate below = Agent(9, 4, 500);  // one below capacity, busiest, latest
      below.capacity = 5;
      std::vector<AgentCandidate> with_one = nobody;
      with_one.push_back(below);
      ExpectPick(Request(policy, {}, priority), with_one, 9, name + " only eligible");
      AgentCandidate unlimited = Agent(10, 1000, 900);  // capacity 0 = unlimited
      ExpectPick(Request(policy, {}, priority), {offline, unlimited}, 10, name + " unlimited");
    }
  }
}

TEST(PickAssigneeTest, RoundRobinTable) {
  struct Case {
    const char* name;
    std::vector<AgentCandidate> candidates;
    std::optional<Id> expected;
  };
  const Case cases[] = {
      {"single", {Agent(7, 0, 100)}, 7},
      {"longest ago wins", {Agent(1, 0, 300), Agent(2, 0, 100), Agent(3, 0, 200)}, 2},
      {"never assigned first", {Agent(1, 0, 100), Agent(2, 0, 0)}, 2},
      {"ties by lowest id", {Agent(9, 0, 100), Agent(4, 0, 100), Agent(6, 0, 100)}, 4},
      {"load is ignored", {Agent(1, 50, 100), Agent(2, 0, 200)}, 1},
  };
  for (const Case& c : cases) ExpectPick(Request(kRoundRobin), c.candidates, c.expected, c.name);
}

TEST(PickAssigneeTest, RoundRobinRotatesThroughTheTeam) {
  std::vector<AgentCandidate> team = {Agent(1, 0, 0), Agent(2, 0, 0), Agent(3, 0, 0)};
  std::vector<Id> picks;
  for (TimeMs now = 1000; now < 7000; now += 1000) {
    std::optional<Id> pick = PickAssignee(Request(kRoundRobin), team);
    ASSERT_TRUE(pick);
    picks.push_back(*pick);
    for (AgentCandidate& a : team) {
      if (a.user_id == *pick) a.last_assigned_at = now;
    }
  }
  EXPECT_EQ(picks, (std::vector<Id>{1, 2, 3, 1, 2, 3}));
}

TEST(PickAssigneeTest, LeastLoadedTable) {
  struct Case {
    const char* name;
    std::vector<AgentCandidate> candidates;
    std::optional<Id> expected;
  };
  const Case cases[] = {
      {"fewest open", {Agent(1, 3, 0), Agent(2, 1, 900), Agent(3, 2, 0)}, 2},
      {"tie: longest since last", {Agent(1, 2, 500), Agent(2, 2, 100), Agent(3, 4, 0)}, 2},
      {"tie: then lowest id", {Agent(8, 2, 100), Agent(5, 2, 100), Agent(6, 2, 100)}, 5},
      {"zero load", {Agent(1, 0, 900), Agent(2, 1, 0)}, 1},
      {"skills are ignored", {Agent(1, 1, 0, {{"vip", 5}}), Agent(2, 0, 0)}, 2},
  };
  for (const Case& c : cases) {
    ExpectPick(Request(kLeastLoaded, {"vip"}), c.candidates, c.expected, c.name);
  }
}

TEST(PickAssigneeTest, SkillMatchTable) {
  struct Case {
    const char* name;
    std::vector<std::string> required;
    std::vector<AgentCandidate> candidates;
    std::optional<Id> expected;
  };
  const Case cases[] = {
      {"needs every skill",
       {"refund", "english"},
       {Agent(1, 0, 0, {{"refund", 5}}), Agent(2, 9, 900, {{"refund", 1}, {"english", 1}}),
        Agent(3, 0, 0, {{"english", 5}})},
       2},
      {"best total level",
       {"refund", "english"},
       {Agent(1, 0, 0, {{"refund", 2}, {"english", 2}}),
        Agent(2, 5, 0, {{"refund", 4}, {"english", 1}}),
        Agent(3, 0, 0, {{"refund", 1}, {"english", 3}})},
       2},
      {"unrelated skills do not count",
       {"refund"},
       {Agent(1, 0, 0, {{"refund", 2}, {"sales", 5}, {"english", 5}}),
        Agent(2, 0, 0, {{"refund", 3}})},
       2},
      {"equal level: least loaded",
       {"refund"},
       {Agent(1, 3, 0, {{"refund", 3}}), Agent(2, 1, 500, {{"refund", 3}})},
       2},
      {"equal level and load: longest since last",
       {"refund"},
       {Agent(1, 1, 500, {{"refund", 3}}), Agent(2, 1, 100, {{"refund", 3}})},
       2},
      {"all equal: lowest id",
       {"refund"},
       {Agent(7, 1, 100, {{"refund", 3}}), Agent(3, 1, 100, {{"refund", 3}})},
       3},
      {"duplicate skill counts once, highest level",
       {"refund"},
       {Agent(1, 0, 0, {{"refund", 1}, {"refund", 4}}), Agent(2, 0, 0, {{"refund", 3}})},
       1},
      {"duplicate requirement counts once",
       {"refund", "refund"},
       {Agent(1, 0, 0, {{"refund", 4}}), Agent(2, 0, 0, {{"refund", 3}})},
       1},
      {"names match exactly", {"Refund"}, {Agent(1, 0, 0, {{"refund", 5}})}, std::nullopt},
      {"no skills required: least loaded",
       {},
       {Agent(1, 2, 0, {{"refund", 5}}), Agent(2, 1, 0)},
       2},
      {"nobody qualified, normal priority: queue",
       {"legal"},
       {Agent(1, 0, 0, {{"refund", 5}}), Agent(2, 0, 0)},
       std::nullopt},
  };
  for (const Case& c : cases) {
    ExpectPick(Request(kSkillMatch, c.required), c.candidates, c.expected, c.name);
  }
}

TEST(PickAssigneeTest, SkillMatchSkipsIneligibleExperts) {
  AgentCandidate expert_offline = Agent(1, 0, 0, {{"legal", 5}});
  expert_offline.presence = Presence::kOffline;
  AgentCandidate expert_full = Agent(2, 3, 0, {{"legal", 5}});
  expert_full.capacity = 3;
  AgentCandidate junior = Agent(3, 2, 0, {{"legal", 1}});
  ExpectPick(Request(kSkillMatch, {"legal"}), {expert_offline, expert_full, junior}, 3,
             "junior is the only eligible match");
}

TEST(PickAssigneeTest, SkillMatchUrgentFallsBackToLeastLoaded) {
  const std::vector<AgentCandidate> team = {Agent(1, 3, 0, {{"refund", 5}}), Agent(2, 1, 0),
                                            Agent(3, 1, 200)};
  for (Priority priority : {Priority::kLow, Priority::kNormal, Priority::kHigh}) {
    ExpectPick(Request(kSkillMatch, {"legal"}, priority), team, std::nullopt,
               std::string(ToString(priority)));
  }
  ExpectPick(Request(kSkillMatch, {"legal"}, Priority::kUrgent), team, 2, "urgent fallback");
  // A qualified agent still wins over the fallback.
  std::vector<AgentCandidate> with_expert = team;
  with_expert.push_back(Agent(4, 9, 900, {{"legal", 1}}));
  ExpectPick(Request(kSkillMatch, {"legal"}, Priority::kUrgent), with_expert, 4,
             "urgent with a qualified agent");
  // The fallback still respects eligibility.
  AgentCandidate away = Agent(5, 0, 0);
  away.presence = Presence::kAway;
  ExpectPick(Request(kSkillMatch, {"legal"}, Priority::kUrgent), {away}, std::nullopt,
             "urgent, nobody online");
}

}  // namespace
}  // namespace kefu::domain
