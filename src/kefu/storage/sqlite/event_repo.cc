#include <algorithm>

#include "kefu/storage/sqlite/json_columns.h"
#include "kefu/storage/sqlite/query_builder.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

constexpr const char* kEventColumns =
    "id, type, entity_type, entity_id, actor_id, payload, created_at";

domain::DomainEvent ReadEvent(const Statement& s) {
  domain::DomainEvent e;
  e.id = s.Int(0);
  e.type = s.Text(1);
  e.entity_type = s.Text(2);
  e.entity_id = s.Int(3);
  e.actor_id = s.Int(4);
  e.payload = ObjectFromJson(s.TextView(5));
  e.created_at = s.Int(6);
  return e;
}

Result<std::vector<domain::DomainEvent>> ReadEvents(Statement& s) {
  return ReadAll<domain::DomainEvent>(s, ReadEvent);
}

}  // namespace

Status SqliteEventRepo::Append(domain::DomainEvent& e) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO events (type, entity_type, entity_id, "
                                              "actor_id, payload, created_at) VALUES "
                                              "(?,?,?,?,?,?)"));
  s.Bind(1, e.type)
      .Bind(2, e.entity_type)
      .Bind(3, e.entity_id)
      .Bind(4, e.actor_id)
      .Bind(5, ObjectToJson(e.payload))
      .Bind(6, e.created_at);
  KEFU_RETURN_IF_ERROR(s.Run());
  e.id = conn_.LastInsertId();
  return OkStatus();
}

Result<std::vector<domain::DomainEvent>> SqliteEventRepo::ListAfter(Id after_id, int limit) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kEventColumns +
                                              " FROM events WHERE id > ? ORDER BY id LIMIT ?"));
  s.Bind(1, after_id).Bind(2, limit);
  return ReadEvents(s);
}

Result<std::vector<domain::DomainEvent>> SqliteEventRepo::ListForEntity(
    const std::string& entity_type, Id entity_id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare(std::string("SELECT ") + kEventColumns +
                                              " FROM events WHERE entity_type = ? AND "
                                              "entity_id = ? ORDER BY id"));
  s.Bind(1, entity_type).Bind(2, entity_id);
  return ReadEvents(s);
}

Result<Id> SqliteEventRepo::GetConsumerPosition(const std::string& consumer) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT position FROM consumer_positions WHERE consumer = ?"));
  s.Bind(1, consumer);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : Id{0};
}

Status SqliteEventRepo::SetConsumerPosition(const std::string& consumer, Id position) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("INSERT INTO consumer_positions VALUES (?, ?) ON CONFLICT(consumer) "
                            "DO UPDATE SET position = excluded.position"));
  s.Bind(1, consumer).Bind(2, position);
  return s.Run();
}

Status SqliteAuditRepo::Insert(AuditEntry& a) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("INSERT INTO audit_log (actor_id, action, target_type, target_id, ip, "
                            "details, event_id, created_at) VALUES (?,?,?,?,?,?,?,?) "
                            "ON CONFLICT(event_id) DO NOTHING"));
  s.Bind(1, a.actor_id)
      .Bind(2, a.action)
      .Bind(3, a.target_type)
      .Bind(4, a.target_id)
      .Bind(5, a.ip)
      .Bind(6, ObjectToJson(a.details));
  if (a.event_id != 0) {
    s.Bind(7, a.event_id);
  } else {
    s.BindNull(7);
  }
  s.Bind(8, a.created_at);
  KEFU_RETURN_IF_ERROR(s.Run());
  a.id = conn_.LastInsertId();
  return OkStatus();
}

Result<Page<AuditEntry>> SqliteAuditRepo::List(const AuditQuery& q) {
  WhereBuilder where;
  if (q.actor_id) where.Add("actor_id = ?", {*q.actor_id});
  if (q.action) where.Add("action = ?", {*q.action});
  if (q.target_type) where.Add("target_type = ?", {*q.target_type});
  if (q.target_id) where.Add("target_id = ?", {*q.target_id});
  if (q.from) where.Add("created_at >= ?", {*q.from});
  if (q.to) where.Add("created_at < ?", {*q.to});
  if (!q.cursor.empty()) {
    KEFU_ASSIGN_OR_RETURN(auto cursor, DecodeCursor(q.cursor));
    where.Add("id < ?", {cursor.second});
  }
  int limit = std::clamp(q.limit, 1, 200);
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT id, actor_id, action, target_type, target_id, ip, details, "
                            "ifnull(event_id, 0), created_at FROM audit_log" +
                            where.Sql() + " ORDER BY id DESC LIMIT ?"));
  int next = where.BindAll(s);
  s.Bind(next, static_cast<std::int64_t>(limit + 1));
  Page<AuditEntry> page;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    AuditEntry a;
    a.id = s.Int(0);
    a.actor_id = s.Int(1);
    a.action = s.Text(2);
    a.target_type = s.Text(3);
    a.target_id = s.Int(4);
    a.ip = s.Text(5);
    a.details = ObjectFromJson(s.TextView(6));
    a.event_id = s.Int(7);
    a.created_at = s.Int(8);
    page.items.push_back(std::move(a));
  }
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = EncodeCursor(0, page.items.back().id);
  }
  return page;
}

Status SqliteAttachmentRepo::Insert(Attachment& a) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT INTO attachments (sha256, size, "
                                              "content_type, filename, uploaded_by, created_at) "
                                              "VALUES (?,?,?,?,?,?)"));
  s.Bind(1, a.sha256)
      .Bind(2, a.size)
      .Bind(3, a.content_type)
      .Bind(4, a.filename)
      .Bind(5, a.uploaded_by)
      .Bind(6, a.created_at);
  KEFU_RETURN_IF_ERROR(s.Run());
  a.id = conn_.LastInsertId();
  return OkStatus();
}

Result<Attachment> SqliteAttachmentRepo::Get(Id id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT id, sha256, size, content_type, filename, "
                                              "uploaded_by, created_at FROM attachments WHERE "
                                              "id = ?"));
  s.Bind(1, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("attachment " + std::to_string(id) + " not found");
  Attachment a;
  a.id = s.Int(0);
  a.sha256 = s.Text(1);
  a.size = s.Int(2);
  a.content_type = s.Text(3);
  a.filename = s.Text(4);
  a.uploaded_by = s.Int(5);
  a.created_at = s.Int(6);
  return a;
}

Status SqliteAttachmentRepo::LinkToTicket(Id attachment_id, Id ticket_id) {
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("INSERT OR IGNORE INTO attachment_tickets "
                                              "(attachment_id, ticket_id) VALUES (?, ?)"));
  s.Bind(1, attachment_id).Bind(2, ticket_id);
  return s.Run();
}

Result<std::vector<Id>> SqliteAttachmentRepo::TicketsOf(Id attachment_id) {
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT ticket_id FROM attachment_tickets WHERE attachment_id = ?"));
  s.Bind(1, attachment_id);
  return ReadAll<Id>(s, [](const Statement& row) { return row.Int(0); });
}

}  // namespace kefu::storage::sqlite
