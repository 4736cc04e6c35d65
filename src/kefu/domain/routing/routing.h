#pragma once

#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/common/result.h"
#include "kefu/domain/ids.h"
#include "kefu/domain/org/org.h"
#include "kefu/domain/routing/business_hours.h"

// Live-chat routing: which agent takes a chat, or where the chat waits. Pure and
// deterministic: `now` is passed in, nothing is stored, and with unique ids no
// result depends on the order of the agents or of the queue. Rules: docs/routing.md.
namespace kefu::domain {

enum class ChatRoutingPolicy { kRoundRobin, kLeastBusy };

// One agent as routing sees it; the chat service fills it from User, presence and
// its count of open chats.
struct ChatAgent {
  Id user_id = 0;
  Presence presence = Presence::kOffline;
  std::vector<Id> department_ids;
  std::vector<Skill> skills;
  std::vector<std::string> languages;  // e.g. "zh", "en"; see SpeaksLanguage
  std::string region;                  // e.g. "广东"; empty = unknown
  // Max concurrent chats. Unlike ticket assignment, 0 means "takes no chats", never
  // "unlimited": auto-assignment must not exceed a capacity.
  int capacity = 0;
  int open_chats = 0;           // may exceed capacity after manual transfers
  TimeMs last_assigned_at = 0;  // 0 = never assigned
};

// A skill the chat needs (from the channel or category), at `min_level` or above.
struct SkillRequirement {
  std::string name;
  int min_level = 1;
};

// The customer's previous conversation, for sticky routing.
struct PreviousConversation {
  Id agent_id = 0;
  TimeMs ended_at = 0;
};

struct QueuedChat {
  Id id = 0;
  Id department_id = 0;
  TimeMs enqueued_at = 0;  // for a chat being routed for the first time: now
  int membership_level = 0;
  std::vector<SkillRequirement> required_skills;
  std::string language;  // BCP 47, e.g. "zh-CN"; empty = any
  std::string region;    // empty = unknown
  std::optional<PreviousConversation> previous;
};

inline constexpr TimeMs kDefaultAverageHandleMs = 5 * 60'000;

// One department's routing settings.
struct ChatRoutingConfig {
  Id department_id = 0;
  ChatRoutingPolicy policy = ChatRoutingPolicy::kRoundRobin;
  // On: only agents with every required skill (at its min level) and the chat's
  // language may take it. Off: requirements are ignored.
  bool skill_match = false;
  std::optional<int> vip_threshold;  // membership_level >= this jumps the queue
  TimeMs sticky_window_ms = 0;       // 0 = no sticky routing
  bool region_affinity = false;
  std::optional<Id> overflow_department_id;
  TimeMs overflow_wait_ms = 0;                         // 0 with a department: overflow at once
  std::optional<BusinessHours> business_hours;         // nullopt = open around the clock
  TimeMs average_handle_ms = kDefaultAverageHandleMs;  // for the wait estimate
};

// kInvalidArgument with one FieldError per problem: "department_id" > 0;
// "vip_threshold" 0..kMaxMembershipLevel; "sticky_window_ms", "overflow_wait_ms" >= 0;
// "overflow_department_id" > 0 and not the department itself; "average_handle_ms" > 0;
// "business_hours.*" as ValidateBusinessHours.
Status ValidateChatRoutingConfig(const ChatRoutingConfig& config);

// Why an agent was picked. kSticky: the customer's last agent; otherwise the policy.
enum class AssignReason { kSticky, kRoundRobin, kLeastBusy };

struct Assigned {
  Id agent_id = 0;
  AssignReason reason = AssignReason::kRoundRobin;
  bool by_skill = false;   // skill_match narrowed the candidates (the chat had needs)
  bool by_region = false;  // region affinity narrowed the candidates
  bool operator==(const Assigned&) const = default;
};

struct Queued {
  int position = 0;  // 1 = next to be served
  TimeMs estimated_wait_ms = 0;
  bool operator==(const Queued&) const = default;
};

enum class OfflineReason {
  kClosed,            // outside business hours or on a holiday
  kNoAgentOnline,     // no department agent online with a capacity above 0
  kNoQualifiedAgent,  // agents online, but none with the skills and language
};

// Show the offline form; what the customer leaves becomes a ticket.
struct Offline {
  OfflineReason reason = OfflineReason::kNoAgentOnline;
  std::optional<TimeMs> next_open_at;  // for kClosed: NextOpening
  bool operator==(const Offline&) const = default;
};

struct Overflow {
  Id department_id = 0;  // route again there
  bool operator==(const Overflow&) const = default;
};

using RouteDecision = std::variant<Assigned, Queued, Offline, Overflow>;

// Decides what happens to `chat` now. `queue` is the department's waiting chats other
// than `chat` (those of other departments and `chat` itself are ignored), for the
// position. In order: closed hours -> Offline; no available agent -> Offline;
// none qualified -> Offline; sticky; region affinity; the policy; nobody free ->
// Overflow once the chat has waited overflow_wait_ms, else Queued.
// kInvalidArgument when the config is invalid or chat.department_id differs.
// REQUIRES: queued chats a free agent could take have been given out
// (NextForFreedAgent), so a new chat taking a free agent jumps nobody.
Result<RouteDecision> Route(const QueuedChat& chat, std::span<const QueuedChat> queue,
                            std::span<const ChatAgent> agents, const ChatRoutingConfig& config,
                            TimeMs now);

// The chat `agent` should take now that it has room: the first in priority order
// (QueueOrderLess) that it qualifies for. nullopt when the agent is not online, not
// in the department, at capacity, or qualifies for none. Hours are not checked:
// chats already waiting are served after closing time.
// REQUIRES: ValidateChatRoutingConfig(config).ok().
std::optional<Id> NextForFreedAgent(const ChatAgent& agent, std::span<const QueuedChat> queue,
                                    const ChatRoutingConfig& config);

struct QueuePosition {
  Id chat_id = 0;
  int position = 0;                         // 1-based, in QueueOrderLess order
  std::optional<TimeMs> estimated_wait_ms;  // nullopt when no capacity is online
};

// Positions of the department's chats (others are ignored), in priority order, with
// estimated_wait_ms = ceil(average_handle_ms * position / online_capacity), where
// online_capacity is the sum of the capacities of the department's online agents.
// REQUIRES: ValidateChatRoutingConfig(config).ok().
std::vector<QueuePosition> QueuePositions(std::span<const QueuedChat> queue,
                                          std::span<const ChatAgent> agents,
                                          const ChatRoutingConfig& config);

// The department's chats that have waited at least overflow_wait_ms
// (now - enqueued_at), in priority order; empty without an overflow department.
// REQUIRES: ValidateChatRoutingConfig(config).ok().
std::vector<Id> DueOverflows(std::span<const QueuedChat> queue, const ChatRoutingConfig& config,
                             TimeMs now);

// Priority order: VIPs (vip_threshold set and membership_level >= it) first, then
// earliest enqueued_at, then lowest id.
bool QueueOrderLess(const QueuedChat& a, const QueuedChat& b, const ChatRoutingConfig& config);

// Whether `agent` meets the chat's needs under skill_match: every required skill at
// min_level or above (duplicates: the highest level counts) and, when the chat has a
// language, one of the agent's languages with the same primary subtag (ASCII case-
// insensitive: "zh" serves "zh-CN"). Always true when skill_match is off.
bool IsQualified(const ChatAgent& agent, const QueuedChat& chat, const ChatRoutingConfig& config);

}  // namespace kefu::domain
