#include <algorithm>
#include <cstdio>

#include "kefu/storage/sqlite/json_columns.h"
#include "kefu/storage/sqlite/query_builder.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

using domain::Ticket;
using domain::TicketStatus;

constexpr const char* kTicketColumns =
    "id, number, subject, description, requester_id, channel, category_id, priority, status, "
    "assignee_id, department_id, tags, custom_fields, followers, due_at, merged_into_id, "
    "first_response_at, resolved_at, closed_at, created_at, updated_at, version";

Ticket ReadTicket(const Statement& s) {
  Ticket t;
  t.id = s.Int(0);
  t.number = s.Text(1);
  t.subject = s.Text(2);
  t.description = s.Text(3);
  t.requester_id = s.Int(4);
  t.channel = domain::ParseChannel(s.TextView(5)).value_or(domain::Channel::kWeb);
  t.category_id = s.OptInt(6);
  t.priority = static_cast<domain::Priority>(s.Int(7));
  t.status = domain::ParseTicketStatus(s.TextView(8)).value_or(TicketStatus::kOpen);
  t.assignee_id = s.OptInt(9);
  t.department_id = s.OptInt(10);
  t.tags = StringsFromJson(s.TextView(11));
  t.custom_fields = ObjectFromJson(s.TextView(12));
  t.follower_ids = IdsFromJson(s.TextView(13));
  t.due_at = s.OptInt(14);
  t.merged_into_id = s.OptInt(15);
  t.first_response_at = s.OptInt(16);
  t.resolved_at = s.OptInt(17);
  t.closed_at = s.OptInt(18);
  t.created_at = s.Int(19);
  t.updated_at = s.Int(20);
  t.version = s.Int(21);
  return t;
}

// Binds every column but id, number and version, starting at `i`; returns the next index.
int BindTicketFields(Statement& s, const Ticket& t, int i) {
  s.Bind(i++, t.subject);
  s.Bind(i++, t.description);
  s.Bind(i++, t.requester_id);
  s.Bind(i++, domain::ToString(t.channel));
  s.Bind(i++, t.category_id);
  s.Bind(i++, static_cast<std::int64_t>(t.priority));
  s.Bind(i++, domain::ToString(t.status));
  s.Bind(i++, t.assignee_id);
  s.Bind(i++, t.department_id);
  s.Bind(i++, StringsToJson(t.tags));
  s.Bind(i++, ObjectToJson(t.custom_fields));
  s.Bind(i++, IdsToJson(t.follower_ids));
  s.Bind(i++, t.due_at);
  s.Bind(i++, t.merged_into_id);
  s.Bind(i++, t.first_response_at);
  s.Bind(i++, t.resolved_at);
  s.Bind(i++, t.closed_at);
  s.Bind(i++, t.created_at);
  s.Bind(i++, t.updated_at);
  return i;
}

std::string FormatNumber(const std::string& prefix, domain::Id id) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(id));
  return prefix + digits;
}

struct SortSpec {
  const char* column;
  bool descending;
};

SortSpec SpecFor(TicketSort sort) {
  switch (sort) {
    case TicketSort::kUpdatedAsc:
      return {"updated_at", false};
    case TicketSort::kCreatedDesc:
      return {"created_at", true};
    case TicketSort::kCreatedAsc:
      return {"created_at", false};
    case TicketSort::kPriorityDesc:
      return {"priority", true};
    case TicketSort::kDueAsc:
      return {"due_at", false};
    case TicketSort::kUpdatedDesc:
      break;
  }
  return {"updated_at", true};
}

std::int64_t SortValue(const Ticket& t, TicketSort sort) {
  switch (sort) {
    case TicketSort::kCreatedDesc:
    case TicketSort::kCreatedAsc:
      return t.created_at;
    case TicketSort::kPriorityDesc:
      return static_cast<std::int64_t>(t.priority);
    case TicketSort::kDueAsc:
      return t.due_at.value_or(0);
    default:
      return t.updated_at;
  }
}

}  // namespace

Result<Ticket> SqliteTicketRepo::Get(Id id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kTicketColumns +
                                              " FROM tickets WHERE id = ?"));
  s.Bind(1, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("ticket " + std::to_string(id) + " not found");
  return ReadTicket(s);
}

Status SqliteTicketRepo::Insert(Ticket& ticket) {
  // The number is derived from the id, so the id is chosen first (the writer is the only
  // inserter, inside its transaction) and row and number go in with one INSERT rather
  // than an INSERT and an UPDATE of the fresh row and its unique index.
  {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT ifnull(max(id), 0) + 1 FROM tickets"));
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Internal("could not choose a ticket id");
    ticket.id = s.Int(0);
  }
  ticket.version = 1;
  ticket.number = FormatNumber(number_prefix_, ticket.id);
  {
    KEFU_ASSIGN_OR_RETURN(
        auto s,
        conn_.Prepare(
            "INSERT INTO tickets (subject, description, requester_id, channel, category_id, "
            "priority, status, assignee_id, department_id, tags, custom_fields, followers, "
            "due_at, merged_into_id, first_response_at, resolved_at, closed_at, created_at, "
            "updated_at, version, id, number) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)"));
    int i = BindTicketFields(s, ticket, 1);
    s.Bind(i++, ticket.id);
    s.Bind(i++, ticket.number);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  return SyncTags(ticket);
}

Status SqliteTicketRepo::Update(Ticket& ticket, std::int64_t expected_version) {
  {
    KEFU_ASSIGN_OR_RETURN(
        auto s,
        conn_.Prepare("UPDATE tickets SET subject=?, description=?, requester_id=?, channel=?, "
                      "category_id=?, priority=?, status=?, assignee_id=?, department_id=?, "
                      "tags=?, custom_fields=?, followers=?, due_at=?, merged_into_id=?, "
                      "first_response_at=?, resolved_at=?, closed_at=?, created_at=?, "
                      "updated_at=?, version = version + 1 WHERE id = ? AND version = ?"));
    int i = BindTicketFields(s, ticket, 1);
    s.Bind(i++, ticket.id);
    s.Bind(i++, expected_version);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  if (conn_.Changes() == 0) {
    KEFU_ASSIGN_OR_RETURN(Ticket current, Get(ticket.id));
    Error e(ErrorCode::kPreconditionFailed,
            "ticket " + current.number + " was changed by someone else (version " +
                std::to_string(current.version) + ", you sent " + std::to_string(expected_version) +
                "); reload and retry");
    return e;
  }
  ticket.version = expected_version + 1;
  return SyncTags(ticket);
}

Status SqliteTicketRepo::SyncTags(const Ticket& ticket) {
  {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("DELETE FROM ticket_tags WHERE ticket_id = ?"));
    s.Bind(1, ticket.id);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  for (const auto& tag : ticket.tags) {
    KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT OR IGNORE INTO ticket_tags VALUES (?, ?)"));
    s.Bind(1, tag).Bind(2, ticket.id);
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  return OkStatus();
}

Result<Page<Ticket>> SqliteTicketRepo::List(const TicketQuery& q) {
  WhereBuilder where;
  if (!q.include_merged) where.Add("merged_into_id IS NULL");
  if (!q.statuses.empty()) {
    std::vector<WhereBuilder::Value> names;
    for (auto st : q.statuses) names.emplace_back(std::string(domain::ToString(st)));
    where.AddIn("status", names);
  }
  if (q.assignee_id) where.Add("assignee_id = ?", {*q.assignee_id});
  if (q.unassigned) where.Add("assignee_id IS NULL");
  if (!q.department_ids.empty()) where.AddIn("department_id", IdValues(q.department_ids));
  if (!q.priorities.empty()) {
    std::vector<WhereBuilder::Value> values;
    for (auto p : q.priorities) values.emplace_back(static_cast<std::int64_t>(p));
    where.AddIn("priority", values);
  }
  if (q.category_id) where.Add("category_id = ?", {*q.category_id});
  if (q.tag) where.Add("id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)", {*q.tag});
  if (q.requester_id) where.Add("requester_id = ?", {*q.requester_id});
  if (q.channel) where.Add("channel = ?", {std::string(domain::ToString(*q.channel))});
  if (q.created_from) where.Add("created_at >= ?", {*q.created_from});
  if (q.created_to) where.Add("created_at < ?", {*q.created_to});
  if (q.updated_from) where.Add("updated_at >= ?", {*q.updated_from});
  if (q.updated_to) where.Add("updated_at < ?", {*q.updated_to});
  if (q.subject_contains) {
    where.Add("subject LIKE ? ESCAPE '\\'", {"%" + EscapeLike(*q.subject_contains) + "%"});
  }
  if (q.visible_departments || q.visible_user) {
    std::string clause;
    std::vector<WhereBuilder::Value> values;
    if (q.visible_departments && !q.visible_departments->empty()) {
      clause = "department_id IN (";
      for (size_t i = 0; i < q.visible_departments->size(); ++i) {
        clause += i == 0 ? "?" : ",?";
        values.emplace_back((*q.visible_departments)[i]);
      }
      clause += ")";
    }
    // Tickets not yet routed to a department are the shared triage queue.
    clause += clause.empty() ? "department_id IS NULL" : " OR department_id IS NULL";
    if (q.visible_user) {
      clause += " OR ";
      clause += "assignee_id = ?";
      values.emplace_back(*q.visible_user);
    }
    where.Add(clause.empty() ? "0" : clause, values);
  }
  SortSpec spec = SpecFor(q.sort);
  if (q.sort == TicketSort::kDueAsc) where.Add("due_at IS NOT NULL");
  if (!q.cursor.empty()) {
    KEFU_ASSIGN_OR_RETURN(auto cursor, DecodeCursor(q.cursor));
    where.Add(std::string("(") + spec.column + ", id) " + (spec.descending ? "<" : ">") + " (?, ?)",
              {cursor.first, cursor.second});
  }
  int limit = std::clamp(q.limit, 1, 200);
  std::string dir = spec.descending ? " DESC" : " ASC";
  std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets" + where.Sql() +
                    " ORDER BY " + spec.column + dir + ", id" + dir + " LIMIT ?";
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(sql));
  int next = where.BindAll(s);
  s.Bind(next, static_cast<std::int64_t>(limit + 1));
  Page<Ticket> page;
  page.items.reserve(static_cast<std::size_t>(limit) + 1);
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    page.items.push_back(ReadTicket(s));
  }
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    const Ticket& last = page.items.back();
    page.next_cursor = EncodeCursor(SortValue(last, q.sort), last.id);
  }
  return page;
}

Result<StatusCounts> SqliteTicketRepo::CountByStatus(const CountScope& scope) {
  WhereBuilder where;
  AddCountScope(where, scope, NoneIs::kZero);
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT status, sum(n) FROM ticket_counts" +
                                              where.Sql() + " GROUP BY status"));
  where.BindAll(s);
  StatusCounts counts;
  for (auto st : domain::kAllTicketStatuses) counts[st] = 0;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    if (auto st = domain::ParseTicketStatus(s.TextView(0))) counts[*st] = s.Int(1);
  }
  return counts;
}

Result<std::int64_t> SqliteTicketRepo::ReassignRequester(Id from, Id to) {
  KEFU_ASSIGN_OR_RETURN(auto s,
                        conn_.Prepare("UPDATE tickets SET requester_id = ?, version = version + 1 "
                                      "WHERE requester_id = ?"));
  s.Bind(1, to).Bind(2, from);
  KEFU_RETURN_IF_ERROR(s.Run());
  return static_cast<std::int64_t>(conn_.Changes());
}

Result<std::vector<Ticket>> SqliteTicketRepo::ListByRequester(Id customer_id, int limit) {
  KEFU_ASSIGN_OR_RETURN(
      auto s,
      conn_.Prepare(std::string("SELECT ") + kTicketColumns +
                    " FROM tickets WHERE requester_id = ? ORDER BY created_at DESC LIMIT ?"));
  s.Bind(1, customer_id).Bind(2, limit);
  return ReadAll<Ticket>(s, ReadTicket);
}

Status SqliteTicketRepo::InsertMessage(domain::TicketMessage& m) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("INSERT INTO ticket_messages (ticket_id, kind, author_type, "
                            "author_id, body, attachment_ids, created_at) VALUES (?,?,?,?,?,?,?)"));
  s.Bind(1, m.ticket_id)
      .Bind(2, domain::ToString(m.kind))
      .Bind(3, domain::ToString(m.author_type))
      .Bind(4, m.author_id)
      .Bind(5, m.body)
      .Bind(6, IdsToJson(m.attachment_ids))
      .Bind(7, m.created_at);
  KEFU_RETURN_IF_ERROR(s.Run());
  m.id = conn_.LastInsertId();
  return OkStatus();
}

Result<std::vector<domain::TicketMessage>> SqliteTicketRepo::ListMessages(Id ticket_id,
                                                                          bool include_internal) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT id, ticket_id, kind, author_type, author_id, body, "
                            "attachment_ids, created_at FROM ticket_messages WHERE ticket_id = ? "
                            "AND (? OR kind = 'public_reply') ORDER BY id"));
  s.Bind(1, ticket_id).Bind(2, include_internal ? 1 : 0);
  std::vector<domain::TicketMessage> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    domain::TicketMessage m;
    m.id = s.Int(0);
    m.ticket_id = s.Int(1);
    m.kind = domain::ParseMessageKind(s.TextView(2)).value_or(domain::MessageKind::kInternalNote);
    auto author = s.TextView(3);
    m.author_type = author == "customer" ? domain::AuthorType::kCustomer
                    : author == "system" ? domain::AuthorType::kSystem
                                         : domain::AuthorType::kAgent;
    m.author_id = s.Int(4);
    m.body = s.Text(5);
    m.attachment_ids = IdsFromJson(s.TextView(6));
    m.created_at = s.Int(7);
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::int64_t> SqliteTicketRepo::MoveMessages(Id from_ticket, Id to_ticket) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("UPDATE ticket_messages SET ticket_id = ? WHERE ticket_id = ?"));
  s.Bind(1, to_ticket).Bind(2, from_ticket);
  KEFU_RETURN_IF_ERROR(s.Run());
  auto moved = static_cast<std::int64_t>(conn_.Changes());
  // The moved messages' attachments are now shown on the target ticket too.
  KEFU_ASSIGN_OR_RETURN(auto links, conn_.Prepare("INSERT OR IGNORE INTO attachment_tickets "
                                                  "SELECT attachment_id, ? FROM attachment_tickets "
                                                  "WHERE ticket_id = ?"));
  links.Bind(1, to_ticket).Bind(2, from_ticket);
  KEFU_RETURN_IF_ERROR(links.Run());
  return moved;
}

Status SqliteTicketRepo::InsertLink(const TicketLink& link) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO ticket_links VALUES (?, ?, ?, ?)"));
  s.Bind(1, link.ticket_id)
      .Bind(2, link.other_id)
      .Bind(3, domain::ToString(link.type))
      .Bind(4, link.created_at);
  Status st = s.Run();
  if (!st.ok() && st.error().code == ErrorCode::kConflict) {
    return Conflict("these tickets are already linked");
  }
  return st;
}

Result<std::vector<TicketLink>> SqliteTicketRepo::ListLinks(Id ticket_id) {
  KEFU_ASSIGN_OR_RETURN(auto s,
                        conn_.Prepare("SELECT ticket_id, other_id, type, created_at FROM "
                                      "ticket_links WHERE ticket_id = ? ORDER BY created_at"));
  s.Bind(1, ticket_id);
  std::vector<TicketLink> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.Int(0), s.Int(1),
                   domain::ParseLinkType(s.TextView(2)).value_or(domain::LinkType::kRelated),
                   s.Int(3)});
  }
  return out;
}

}  // namespace kefu::storage::sqlite
