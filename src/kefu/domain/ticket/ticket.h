#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/domain/ids.h"

namespace kefu::domain {

enum class TicketStatus { kNew, kOpen, kInProgress, kPending, kResolved, kClosed, kEscalated };
enum class Priority { kLow, kNormal, kHigh, kUrgent };
// Where a ticket or a customer first came from.
enum class Channel { kWeb, kEmail, kPhone, kChat, kWechat, kApi };

// Wire names ("in_progress", "urgent", "wechat"); Parse* returns nullopt for unknown names.
std::string_view ToString(TicketStatus status);
std::string_view ToString(Priority priority);
std::string_view ToString(Channel channel);
std::optional<TicketStatus> ParseTicketStatus(std::string_view name);
std::optional<Priority> ParsePriority(std::string_view name);
std::optional<Channel> ParseChannel(std::string_view name);

inline constexpr TicketStatus kAllTicketStatuses[] = {
    TicketStatus::kNew,      TicketStatus::kOpen,     TicketStatus::kInProgress,
    TicketStatus::kPending,  TicketStatus::kResolved, TicketStatus::kClosed,
    TicketStatus::kEscalated};

inline constexpr Channel kAllChannels[] = {Channel::kWeb,  Channel::kEmail,  Channel::kPhone,
                                           Channel::kChat, Channel::kWechat, Channel::kApi};

struct Ticket {
  Id id = 0;
  std::string number;  // human-readable, e.g. "T-000123"; derived from id by storage
  std::string subject;
  std::string description;
  Id requester_id = 0;  // a customer
  Channel channel = Channel::kWeb;
  std::optional<Id> category_id;
  Priority priority = Priority::kNormal;
  TicketStatus status = TicketStatus::kNew;
  std::optional<Id> assignee_id;  // a user
  std::optional<Id> department_id;
  std::vector<std::string> tags;
  boost::json::object custom_fields;
  std::vector<Id> follower_ids;  // users
  std::optional<TimeMs> due_at;
  std::optional<Id> merged_into_id;
  std::optional<TimeMs> first_response_at;
  std::optional<TimeMs> resolved_at;
  std::optional<TimeMs> closed_at;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::int64_t version = 1;  // bumped by every update; compared against If-Match
};

enum class MessageKind { kPublicReply, kInternalNote };
enum class AuthorType { kAgent, kCustomer, kSystem };
std::string_view ToString(MessageKind kind);
std::string_view ToString(AuthorType type);
std::optional<MessageKind> ParseMessageKind(std::string_view name);

struct TicketMessage {
  Id id = 0;
  Id ticket_id = 0;
  MessageKind kind = MessageKind::kPublicReply;
  AuthorType author_type = AuthorType::kAgent;
  Id author_id = 0;  // user id for agents, customer id for customers, 0 for system
  std::string body;
  std::vector<Id> attachment_ids;
  TimeMs created_at = 0;
};

enum class LinkType { kRelated, kParent, kChild };
std::string_view ToString(LinkType type);
std::optional<LinkType> ParseLinkType(std::string_view name);

// One changed field in a ticket's history: values are JSON (null when unset).
struct FieldChange {
  std::string field;
  boost::json::value from;
  boost::json::value to;
};

}  // namespace kefu::domain
