#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/domain/ids.h"
#include "kefu/domain/org/org.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::domain {

// One agent of the department, as the assignment rule sees it. The service fills it
// from users, presence and ticket counts.
struct AgentCandidate {
  Id user_id = 0;
  Presence presence = Presence::kOffline;
  int open_tickets = 0;  // assigned tickets with IsUnresolved(status)
  int capacity = 0;      // max open tickets considered, 0 = unlimited
  std::vector<Skill> skills;
  TimeMs last_assigned_at = 0;  // 0 = never assigned
  bool active = true;
};

// What is being assigned: the department's policy and the ticket's needs.
struct AssignmentRequest {
  AssignmentPolicy policy = AssignmentPolicy::kManual;
  std::vector<std::string> required_skills;  // skill names, e.g. Category::required_skills
  Priority priority = Priority::kNormal;
};

// Picks the agent for a new or unassigned ticket, or nullopt to leave it in the
// department queue. Only eligible candidates are considered: active, presence
// kOnline, and below capacity (capacity == 0 or open_tickets < capacity). Then:
// - kManual: always nullopt;
// - kRoundRobin: the one assigned longest ago (smallest last_assigned_at; never
//   assigned first), ties by lowest user_id;
// - kLeastLoaded: fewest open_tickets, then longest since last assignment, then
//   lowest user_id;
// - kSkillMatch: candidates having every required skill (exact name match; an empty
//   list matches everyone), best total level over the required skills (a duplicated
//   skill counts with its highest level), then as kLeastLoaded. When nobody has all
//   the skills, an kUrgent ticket falls back to kLeastLoaded over all eligible
//   candidates so it is not left waiting; other priorities get nullopt.
// Deterministic: with unique user ids the result does not depend on the order of
// `candidates`.
std::optional<Id> PickAssignee(const AssignmentRequest& request,
                               std::span<const AgentCandidate> candidates);

}  // namespace kefu::domain
