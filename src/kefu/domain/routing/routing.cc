#include "kefu/domain/routing/routing.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "kefu/domain/customer/customer.h"

namespace kefu::domain {
namespace {

bool InDepartment(const ChatAgent& agent, Id department_id) {
  return std::find(agent.department_ids.begin(), agent.department_ids.end(), department_id) !=
         agent.department_ids.end();
}

// Online in the department with a capacity: could ever take one of its chats.
bool IsAvailable(const ChatAgent& agent, Id department_id) {
  return agent.presence == Presence::kOnline && agent.capacity > 0 &&
         InDepartment(agent, department_id);
}

bool HasRoom(const ChatAgent& agent) { return agent.open_chats < agent.capacity; }

bool IsVip(const QueuedChat& chat, const ChatRoutingConfig& config) {
  return config.vip_threshold && chat.membership_level >= *config.vip_threshold;
}

std::optional<int> SkillLevel(const ChatAgent& agent, const std::string& skill) {
  std::optional<int> level;
  for (const Skill& s : agent.skills) {
    if (s.name == skill && (!level || s.level > *level)) level = s.level;
  }
  return level;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string PrimarySubtag(const std::string& tag) {
  std::string primary = tag.substr(0, tag.find_first_of("-_"));
  std::transform(primary.begin(), primary.end(), primary.begin(), AsciiLower);
  return primary;
}

bool SpeaksLanguage(const ChatAgent& agent, const std::string& language) {
  if (language.empty()) return true;
  std::string wanted = PrimarySubtag(language);
  return std::any_of(agent.languages.begin(), agent.languages.end(),
                     [&](const std::string& l) { return PrimarySubtag(l) == wanted; });
}

bool HasNeeds(const QueuedChat& chat) {
  return !chat.required_skills.empty() || !chat.language.empty();
}

// A lower load ratio first; ratios compared by cross-multiplying to stay exact.
// REQUIRES: both capacities > 0.
bool LessLoaded(const ChatAgent& a, const ChatAgent& b) {
  std::int64_t lhs = std::int64_t{a.open_chats} * b.capacity;
  std::int64_t rhs = std::int64_t{b.open_chats} * a.capacity;
  if (lhs != rhs) return lhs < rhs;
  return std::tie(a.last_assigned_at, a.user_id) < std::tie(b.last_assigned_at, b.user_id);
}

bool AssignedLongerAgo(const ChatAgent& a, const ChatAgent& b) {
  return std::tie(a.last_assigned_at, a.user_id) < std::tie(b.last_assigned_at, b.user_id);
}

// REQUIRES: !pool.empty().
const ChatAgent& PickByPolicy(const std::vector<const ChatAgent*>& pool, ChatRoutingPolicy policy) {
  auto less = policy == ChatRoutingPolicy::kLeastBusy ? LessLoaded : AssignedLongerAgo;
  return **std::min_element(pool.begin(), pool.end(),
                            [&](const ChatAgent* a, const ChatAgent* b) { return less(*a, *b); });
}

// The customer's last agent, when within the window and free to take the chat.
const ChatAgent* StickyAgent(const QueuedChat& chat, const std::vector<const ChatAgent*>& free,
                             const ChatRoutingConfig& config, TimeMs now) {
  if (config.sticky_window_ms <= 0 || !chat.previous) return nullptr;
  if (now - chat.previous->ended_at > config.sticky_window_ms) return nullptr;
  auto it = std::find_if(free.begin(), free.end(),
                         [&](const ChatAgent* a) { return a->user_id == chat.previous->agent_id; });
  return it == free.end() ? nullptr : *it;
}

// Same-region agents when affinity applies and there are some; else `free`.
std::vector<const ChatAgent*> PreferRegion(const QueuedChat& chat,
                                           const std::vector<const ChatAgent*>& free,
                                           const ChatRoutingConfig& config) {
  if (!config.region_affinity || chat.region.empty()) return free;
  std::vector<const ChatAgent*> same;
  std::copy_if(free.begin(), free.end(), std::back_inserter(same),
               [&](const ChatAgent* a) { return a->region == chat.region; });
  return same.empty() ? free : same;
}

int OnlineCapacity(std::span<const ChatAgent> agents, Id department_id) {
  int total = 0;
  for (const ChatAgent& agent : agents) {
    if (IsAvailable(agent, department_id)) total += agent.capacity;
  }
  return total;
}

// ceil(average_handle_ms * position / online_capacity). REQUIRES: online_capacity > 0.
TimeMs EstimateWait(TimeMs average_handle_ms, int position, int online_capacity) {
  TimeMs total = average_handle_ms * position;
  return (total + online_capacity - 1) / online_capacity;
}

std::vector<const QueuedChat*> SortedDepartmentQueue(std::span<const QueuedChat> queue,
                                                     const ChatRoutingConfig& config) {
  std::vector<const QueuedChat*> sorted;
  for (const QueuedChat& chat : queue) {
    if (chat.department_id == config.department_id) sorted.push_back(&chat);
  }
  std::sort(sorted.begin(), sorted.end(), [&](const QueuedChat* a, const QueuedChat* b) {
    return QueueOrderLess(*a, *b, config);
  });
  return sorted;
}

}  // namespace

Status ValidateChatRoutingConfig(const ChatRoutingConfig& config) {
  std::vector<FieldError> errors;
  if (config.department_id <= 0) errors.push_back({"department_id", "must be positive"});
  if (config.vip_threshold &&
      (*config.vip_threshold < 0 || *config.vip_threshold > kMaxMembershipLevel)) {
    errors.push_back({"vip_threshold", "must be a membership level, 0..5"});
  }
  if (config.sticky_window_ms < 0) errors.push_back({"sticky_window_ms", "must not be negative"});
  if (config.overflow_wait_ms < 0) errors.push_back({"overflow_wait_ms", "must not be negative"});
  if (config.overflow_department_id && (*config.overflow_department_id <= 0 ||
                                        *config.overflow_department_id == config.department_id)) {
    errors.push_back({"overflow_department_id", "must be another department"});
  }
  if (config.average_handle_ms <= 0) errors.push_back({"average_handle_ms", "must be positive"});
  if (config.business_hours) {
    Status hours = ValidateBusinessHours(*config.business_hours);
    if (!hours.ok()) {
      for (const FieldError& e : hours.error().fields) {
        errors.push_back({"business_hours." + e.field, e.issue});
      }
    }
  }
  if (!errors.empty()) return InvalidArgument("invalid chat routing config", std::move(errors));
  return OkStatus();
}

bool QueueOrderLess(const QueuedChat& a, const QueuedChat& b, const ChatRoutingConfig& config) {
  // false < true, so the VIP (not-VIP == false) sorts first.
  return std::make_tuple(!IsVip(a, config), a.enqueued_at, a.id) <
         std::make_tuple(!IsVip(b, config), b.enqueued_at, b.id);
}

bool IsQualified(const ChatAgent& agent, const QueuedChat& chat, const ChatRoutingConfig& config) {
  if (!config.skill_match) return true;
  for (const SkillRequirement& need : chat.required_skills) {
    std::optional<int> level = SkillLevel(agent, need.name);
    if (!level || *level < need.min_level) return false;
  }
  return SpeaksLanguage(agent, chat.language);
}

Result<RouteDecision> Route(const QueuedChat& chat, std::span<const QueuedChat> queue,
                            std::span<const ChatAgent> agents, const ChatRoutingConfig& config,
                            TimeMs now) {
  KEFU_RETURN_IF_ERROR(ValidateChatRoutingConfig(config));
  if (chat.department_id != config.department_id) {
    return InvalidArgument("chat is not in the routed department",
                           {{"department_id", "must match the routing config"}});
  }
  if (config.business_hours && !IsOpen(*config.business_hours, now)) {
    return RouteDecision{Offline{OfflineReason::kClosed, NextOpening(*config.business_hours, now)}};
  }
  std::vector<const ChatAgent*> qualified;
  bool any_available = false;
  for (const ChatAgent& agent : agents) {
    if (!IsAvailable(agent, config.department_id)) continue;
    any_available = true;
    if (IsQualified(agent, chat, config)) qualified.push_back(&agent);
  }
  if (!any_available) return RouteDecision{Offline{OfflineReason::kNoAgentOnline, std::nullopt}};
  if (qualified.empty()) {
    return RouteDecision{Offline{OfflineReason::kNoQualifiedAgent, std::nullopt}};
  }

  std::vector<const ChatAgent*> free;
  std::copy_if(qualified.begin(), qualified.end(), std::back_inserter(free),
               [](const ChatAgent* a) { return HasRoom(*a); });
  bool by_skill = config.skill_match && HasNeeds(chat);
  if (const ChatAgent* sticky = StickyAgent(chat, free, config, now)) {
    return RouteDecision{Assigned{sticky->user_id, AssignReason::kSticky, by_skill, false}};
  }
  if (!free.empty()) {
    std::vector<const ChatAgent*> pool = PreferRegion(chat, free, config);
    AssignReason reason = config.policy == ChatRoutingPolicy::kLeastBusy
                              ? AssignReason::kLeastBusy
                              : AssignReason::kRoundRobin;
    return RouteDecision{
        Assigned{PickByPolicy(pool, config.policy).user_id, reason, by_skill, pool != free}};
  }

  if (config.overflow_department_id && now - chat.enqueued_at >= config.overflow_wait_ms) {
    return RouteDecision{Overflow{*config.overflow_department_id}};
  }
  int position = 1;
  for (const QueuedChat& other : queue) {
    if (other.department_id == chat.department_id && other.id != chat.id &&
        QueueOrderLess(other, chat, config)) {
      ++position;
    }
  }
  // Some qualified agent is online with a capacity, so the divisor is positive.
  int capacity = OnlineCapacity(agents, config.department_id);
  return RouteDecision{
      Queued{position, EstimateWait(config.average_handle_ms, position, capacity)}};
}

std::optional<Id> NextForFreedAgent(const ChatAgent& agent, std::span<const QueuedChat> queue,
                                    const ChatRoutingConfig& config) {
  if (!IsAvailable(agent, config.department_id) || !HasRoom(agent)) return std::nullopt;
  for (const QueuedChat* chat : SortedDepartmentQueue(queue, config)) {
    if (IsQualified(agent, *chat, config)) return chat->id;
  }
  return std::nullopt;
}

std::vector<QueuePosition> QueuePositions(std::span<const QueuedChat> queue,
                                          std::span<const ChatAgent> agents,
                                          const ChatRoutingConfig& config) {
  int capacity = OnlineCapacity(agents, config.department_id);
  std::vector<QueuePosition> positions;
  for (const QueuedChat* chat : SortedDepartmentQueue(queue, config)) {
    int position = static_cast<int>(positions.size()) + 1;
    std::optional<TimeMs> wait;
    if (capacity > 0) wait = EstimateWait(config.average_handle_ms, position, capacity);
    positions.push_back({chat->id, position, wait});
  }
  return positions;
}

std::vector<Id> DueOverflows(std::span<const QueuedChat> queue, const ChatRoutingConfig& config,
                             TimeMs now) {
  std::vector<Id> due;
  if (!config.overflow_department_id) return due;
  for (const QueuedChat* chat : SortedDepartmentQueue(queue, config)) {
    if (now - chat->enqueued_at >= config.overflow_wait_ms) due.push_back(chat->id);
  }
  return due;
}

}  // namespace kefu::domain
