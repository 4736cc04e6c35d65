#include "kefu/domain/assignment/assignment.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace kefu::domain {
namespace {

bool IsEligible(const AgentCandidate& agent) {
  if (!agent.active || agent.presence != Presence::kOnline) return false;
  return agent.capacity <= 0 || agent.open_tickets < agent.capacity;
}

// The agent's level in `skill`, or nullopt without it (duplicates: highest level).
std::optional<int> SkillLevel(const AgentCandidate& agent, const std::string& skill) {
  std::optional<int> level;
  for (const Skill& s : agent.skills) {
    if (s.name == skill && (!level || s.level > *level)) level = s.level;
  }
  return level;
}

// Total level over `required`, or nullopt when a skill is missing.
std::optional<int> SkillScore(const AgentCandidate& agent, const std::set<std::string>& required) {
  int total = 0;
  for (const std::string& skill : required) {
    std::optional<int> level = SkillLevel(agent, skill);
    if (!level) return std::nullopt;
    total += *level;
  }
  return total;
}

// Orders by the given key, smallest first; returns the best candidate's id.
template <class Key>
std::optional<Id> PickMin(const std::vector<const AgentCandidate*>& pool, Key key) {
  if (pool.empty()) return std::nullopt;
  auto best = std::min_element(
      pool.begin(), pool.end(),
      [&](const AgentCandidate* a, const AgentCandidate* b) { return key(*a) < key(*b); });
  return (*best)->user_id;
}

std::optional<Id> PickRoundRobin(const std::vector<const AgentCandidate*>& pool) {
  return PickMin(
      pool, [](const AgentCandidate& a) { return std::make_tuple(a.last_assigned_at, a.user_id); });
}

std::optional<Id> PickLeastLoaded(const std::vector<const AgentCandidate*>& pool) {
  return PickMin(pool, [](const AgentCandidate& a) {
    return std::make_tuple(a.open_tickets, a.last_assigned_at, a.user_id);
  });
}

std::optional<Id> PickSkillMatch(const AssignmentRequest& request,
                                 const std::vector<const AgentCandidate*>& pool) {
  std::set<std::string> required(request.required_skills.begin(), request.required_skills.end());
  std::vector<const AgentCandidate*> matching;
  for (const AgentCandidate* agent : pool) {
    if (SkillScore(*agent, required)) matching.push_back(agent);
  }
  if (matching.empty()) {
    if (request.priority == Priority::kUrgent) return PickLeastLoaded(pool);
    return std::nullopt;
  }
  return PickMin(matching, [&](const AgentCandidate& a) {
    // Negated score: higher skill first.
    return std::make_tuple(-*SkillScore(a, required), a.open_tickets, a.last_assigned_at,
                           a.user_id);
  });
}

}  // namespace

std::optional<Id> PickAssignee(const AssignmentRequest& request,
                               std::span<const AgentCandidate> candidates) {
  if (request.policy == AssignmentPolicy::kManual) return std::nullopt;
  std::vector<const AgentCandidate*> pool;
  for (const AgentCandidate& agent : candidates) {
    if (IsEligible(agent)) pool.push_back(&agent);
  }
  switch (request.policy) {
    case AssignmentPolicy::kManual:
      return std::nullopt;
    case AssignmentPolicy::kRoundRobin:
      return PickRoundRobin(pool);
    case AssignmentPolicy::kLeastLoaded:
      return PickLeastLoaded(pool);
    case AssignmentPolicy::kSkillMatch:
      return PickSkillMatch(request, pool);
  }
  return std::nullopt;
}

}  // namespace kefu::domain
