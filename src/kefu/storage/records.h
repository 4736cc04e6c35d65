#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/domain/ids.h"
#include "kefu/domain/ticket/ticket.h"

// Records that only storage and services deal with (not domain concepts), and the
// query shapes repositories accept. No SQL here: drivers translate these.
namespace kefu::storage {

using domain::Id;

// One page of a listing. `next_cursor` is opaque to callers; empty when there is no more.
template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

enum class TicketSort {
  kUpdatedDesc,
  kUpdatedAsc,
  kCreatedDesc,
  kCreatedAsc,
  kPriorityDesc,
  kDueAsc
};

// Filters for listing tickets. Unset fields do not filter. Visibility (which tickets a
// principal may see) is expressed with `visible_departments` / `visible_user`.
struct TicketQuery {
  std::vector<domain::TicketStatus> statuses;
  std::optional<Id> assignee_id;
  bool unassigned = false;
  std::vector<Id> department_ids;
  std::vector<domain::Priority> priorities;
  std::optional<Id> category_id;
  std::optional<std::string> tag;
  std::optional<Id> requester_id;
  std::optional<domain::Channel> channel;
  std::optional<TimeMs> created_from, created_to, updated_from, updated_to;
  std::optional<std::string> subject_contains;
  bool include_merged = false;
  // Restrict to tickets in these departments OR assigned to visible_user; unset = no limit.
  std::optional<std::vector<Id>> visible_departments;
  std::optional<Id> visible_user;
  TicketSort sort = TicketSort::kUpdatedDesc;
  int limit = 50;
  std::string cursor;
};

// Which tickets a count covers: all, one assignee, or a set of departments (0 stands for
// "no department"). Merged tickets are never counted.
struct CountScope {
  std::optional<Id> assignee_id;
  bool unassigned_only = false;
  std::optional<std::vector<Id>> department_ids;
  // With department_ids: tickets assigned to this user count too, in any department
  // (the ticket list's visibility rule for agents).
  std::optional<Id> or_assigned_to;
};
using StatusCounts = std::map<domain::TicketStatus, std::int64_t>;

// Unresolved tickets (status neither resolved nor closed) by urgency.
struct UnresolvedCounts {
  std::int64_t urgent = 0;   // priority urgent
  std::int64_t overdue = 0;  // due_at before the time asked about
};

// Tickets created and resolved on one UTC day through one channel. A ticket counts as
// resolved on the day of its resolved_at (a reopened ticket no longer counts).
struct DailyTicketCounts {
  std::int64_t day = 0;  // days since 1970-01-01 (UTC)
  domain::Channel channel = domain::Channel::kWeb;
  std::int64_t created = 0;
  std::int64_t resolved = 0;
};

// A department's active members and how many of them are online.
struct DepartmentStaffing {
  Id department_id = 0;
  std::string name;
  std::int64_t online = 0;
  std::int64_t total = 0;
};

struct TicketLink {
  Id ticket_id = 0;
  Id other_id = 0;
  domain::LinkType type = domain::LinkType::kRelated;
  TimeMs created_at = 0;
};

struct CustomerQuery {
  std::optional<std::string> name_contains;
  std::optional<std::string> phone;  // E.164 or a digits fragment
  std::optional<std::string> email;  // exact, lower-cased
  std::optional<std::string> tag;
  std::optional<int> min_membership_level;
  int limit = 50;
  std::string cursor;
};

struct RefreshTokenRecord {
  Id id = 0;
  std::string token_hash;
  std::string family_id;
  Id user_id = 0;
  TimeMs expires_at = 0;
  std::optional<TimeMs> rotated_at;
  std::optional<TimeMs> revoked_at;
  TimeMs created_at = 0;
  std::string ip;
  std::string user_agent;
};

struct ApiTokenRecord {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string token_hash;
  std::string display_prefix;  // first characters, to recognise a token in lists
  std::vector<std::string> scopes;
  std::optional<TimeMs> expires_at;
  std::optional<TimeMs> last_used_at;
  std::optional<TimeMs> revoked_at;
  TimeMs created_at = 0;
};

struct AuditEntry {
  Id id = 0;
  Id actor_id = 0;
  std::string action;       // e.g. "auth.login", "customer.contact_revealed"
  std::string target_type;  // "user", "customer", "ticket", ...
  Id target_id = 0;
  std::string ip;
  boost::json::object details;
  Id event_id = 0;  // the domain event it came from (unique), 0 if none
  TimeMs created_at = 0;
};

struct AuditQuery {
  std::optional<Id> actor_id;
  std::optional<std::string> action;
  std::optional<std::string> target_type;
  std::optional<Id> target_id;
  std::optional<TimeMs> from, to;
  int limit = 50;
  std::string cursor;
};

struct Attachment {
  Id id = 0;
  std::string sha256;  // hex; the file lives under <data>/attachments/ab/cd/<sha256>
  std::int64_t size = 0;
  std::string content_type;
  std::string filename;
  Id uploaded_by = 0;
  TimeMs created_at = 0;
};

// Filters for listing FAQ entries (all optional), newest first.
struct FaqQuery {
  std::optional<domain::Id> category_id;
  std::optional<std::string> language;
  std::optional<bool> active;
  int limit = 50;
  std::string cursor;  // from Page::next_cursor
};

}  // namespace kefu::storage
