#include "kefu/storage/sqlite/migrations.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kefu::storage::sqlite {
namespace {

// Append-only: never edit a migration that has shipped; add a new one.
const std::vector<const char*>& AllMigrations() {
  static const std::vector<const char*> migrations = {
      // 1: the core schema.
      R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'zh-CN',
  skills TEXT NOT NULL DEFAULT '[]',
  languages TEXT NOT NULL DEFAULT '[]',
  max_concurrent_chats INTEGER NOT NULL DEFAULT 5,
  presence TEXT NOT NULL DEFAULT 'offline',
  last_assigned_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE roles (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  permissions TEXT NOT NULL DEFAULT '[]',
  builtin INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  assignment_policy TEXT NOT NULL DEFAULT 'manual',
  created_at INTEGER NOT NULL
);
CREATE TABLE department_members (
  department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  is_lead INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (department_id, user_id)
) WITHOUT ROWID;
CREATE INDEX department_members_by_user ON department_members(user_id);
CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES categories(id),
  name TEXT NOT NULL,
  default_department_id INTEGER REFERENCES departments(id),
  default_priority TEXT NOT NULL DEFAULT 'normal',
  required_skills TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX categories_unique_name ON categories(ifnull(parent_id, 0), name);
CREATE TABLE custom_fields (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  type TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '[]',
  required INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (entity, key)
);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT 'unknown',
  birthday TEXT,
  province TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  phones TEXT NOT NULL DEFAULT '[]',
  emails TEXT NOT NULL DEFAULT '[]',
  membership_level INTEGER NOT NULL DEFAULT 0,
  interests TEXT NOT NULL DEFAULT '[]',
  source_channel TEXT NOT NULL DEFAULT 'web',
  custom_fields TEXT NOT NULL DEFAULT '{}',
  tags TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  merged_into_id INTEGER REFERENCES customers(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_by_name ON customers(name);
CREATE TABLE customer_identities (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (type, value)
);
CREATE INDEX customer_identities_by_customer ON customer_identities(customer_id);
CREATE TABLE customer_tags (
  tag TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  PRIMARY KEY (tag, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_tags_by_customer ON customer_tags(customer_id);
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  number TEXT UNIQUE,
  subject TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  requester_id INTEGER NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL,
  category_id INTEGER REFERENCES categories(id),
  priority INTEGER NOT NULL,
  status TEXT NOT NULL,
  assignee_id INTEGER REFERENCES users(id),
  department_id INTEGER REFERENCES departments(id),
  tags TEXT NOT NULL DEFAULT '[]',
  custom_fields TEXT NOT NULL DEFAULT '{}',
  followers TEXT NOT NULL DEFAULT '[]',
  due_at INTEGER,
  merged_into_id INTEGER REFERENCES tickets(id),
  first_response_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tickets_by_updated ON tickets(updated_at, id);
CREATE INDEX tickets_by_created ON tickets(created_at, id);
CREATE INDEX tickets_by_status ON tickets(status, updated_at, id);
CREATE INDEX tickets_by_assignee ON tickets(assignee_id, status, updated_at, id);
CREATE INDEX tickets_by_department ON tickets(department_id, status, updated_at, id);
CREATE INDEX tickets_by_requester ON tickets(requester_id, created_at);
CREATE INDEX tickets_by_category ON tickets(category_id, updated_at);
CREATE INDEX tickets_by_priority ON tickets(priority, updated_at, id);
CREATE INDEX tickets_by_due ON tickets(due_at, id) WHERE due_at IS NOT NULL;
CREATE TABLE ticket_tags (
  tag TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  PRIMARY KEY (tag, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_by_ticket ON ticket_tags(ticket_id);
-- Sidebar counters maintained by triggers so counts never scan tickets.
-- 0 stands for "none" in department_id / assignee_id.
CREATE TABLE ticket_counts (
  department_id INTEGER NOT NULL,
  assignee_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (department_id, assignee_id, status)
) WITHOUT ROWID;
CREATE INDEX ticket_counts_by_assignee ON ticket_counts(assignee_id, status);
CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets
WHEN NEW.merged_into_id IS NULL BEGIN
  INSERT INTO ticket_counts VALUES (ifnull(NEW.department_id, 0), ifnull(NEW.assignee_id, 0), NEW.status, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ticket_counts_update AFTER UPDATE OF status, department_id, assignee_id, merged_into_id ON tickets
BEGIN
  UPDATE ticket_counts SET n = n - 1
   WHERE OLD.merged_into_id IS NULL AND department_id = ifnull(OLD.department_id, 0)
     AND assignee_id = ifnull(OLD.assignee_id, 0) AND status = OLD.status;
  INSERT INTO ticket_counts SELECT ifnull(NEW.department_id, 0), ifnull(NEW.assignee_id, 0), NEW.status, 1
   WHERE NEW.merged_into_id IS NULL
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TABLE ticket_messages (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  kind TEXT NOT NULL,
  author_type TEXT NOT NULL,
  author_id INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  attachment_ids TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE INDEX ticket_messages_by_ticket ON ticket_messages(ticket_id, id);
CREATE TABLE ticket_links (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  other_id INTEGER NOT NULL REFERENCES tickets(id),
  type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, other_id)
) WITHOUT ROWID;
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  filename TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  actor_id INTEGER NOT NULL DEFAULT 0,
  payload TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE INDEX events_by_entity ON events(entity_type, entity_id, id);
CREATE TABLE consumer_positions (
  consumer TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor_id INTEGER NOT NULL DEFAULT 0,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL DEFAULT '',
  target_id INTEGER NOT NULL DEFAULT 0,
  ip TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}',
  event_id INTEGER UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_by_actor ON audit_log(actor_id, id);
CREATE INDEX audit_log_by_action ON audit_log(action, id);
CREATE INDEX audit_log_by_target ON audit_log(target_type, target_id, id);
CREATE TABLE refresh_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  family_id TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  expires_at INTEGER NOT NULL,
  rotated_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens(user_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  display_prefix TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '[]',
  expires_at INTEGER,
  last_used_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
)sql",
      // 2: the tickets an attachment is shown on, so that downloads follow ticket
      // visibility (backfilled from the messages that reference attachments).
      R"sql(
CREATE TABLE attachment_tickets (
  attachment_id INTEGER NOT NULL REFERENCES attachments(id),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  PRIMARY KEY (attachment_id, ticket_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO attachment_tickets (attachment_id, ticket_id)
  SELECT j.value, m.ticket_id FROM ticket_messages m, json_each(m.attachment_ids) j
  WHERE json_valid(m.attachment_ids) AND typeof(j.value) = 'integer'
    AND j.value IN (SELECT id FROM attachments);
)sql",
      // 3: dashboard statistics. ticket_daily counts tickets created and resolved per UTC
      // day (ms / 86400000), department (0 = none) and channel: the same figures as a
      // GROUP BY over the ticket rows (merged ones included), kept by triggers and
      // backfilled here. tickets_unresolved indexes the unresolved, unmerged tickets
      // with every column the urgent and overdue counts read (index-only).
      R"sql(
CREATE TABLE ticket_daily (
  day INTEGER NOT NULL,
  department_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  created INTEGER NOT NULL DEFAULT 0,
  resolved INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, department_id, channel)
) WITHOUT ROWID;
INSERT INTO ticket_daily (day, department_id, channel, created, resolved)
  SELECT day, dept, channel, sum(created), sum(resolved) FROM (
    SELECT created_at / 86400000 AS day, ifnull(department_id, 0) AS dept, channel,
           1 AS created, 0 AS resolved FROM tickets
    UNION ALL
    SELECT resolved_at / 86400000, ifnull(department_id, 0), channel, 0, 1 FROM tickets
     WHERE resolved_at IS NOT NULL)
  GROUP BY day, dept, channel;
CREATE TRIGGER ticket_daily_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_daily VALUES (NEW.created_at / 86400000, ifnull(NEW.department_id, 0), NEW.channel, 1, 0)
  ON CONFLICT DO UPDATE SET created = created + 1;
  INSERT INTO ticket_daily SELECT NEW.resolved_at / 86400000, ifnull(NEW.department_id, 0), NEW.channel, 0, 1
   WHERE NEW.resolved_at IS NOT NULL
  ON CONFLICT DO UPDATE SET resolved = resolved + 1;
END;
CREATE TRIGGER ticket_daily_update AFTER UPDATE OF created_at, resolved_at, department_id, channel ON tickets
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.resolved_at IS NOT NEW.resolved_at
  OR OLD.department_id IS NOT NEW.department_id OR OLD.channel IS NOT NEW.channel
BEGIN
  UPDATE ticket_daily SET created = created - 1
   WHERE day = OLD.created_at / 86400000 AND department_id = ifnull(OLD.department_id, 0)
     AND channel = OLD.channel;
  UPDATE ticket_daily SET resolved = resolved - 1
   WHERE OLD.resolved_at IS NOT NULL AND day = OLD.resolved_at / 86400000
     AND department_id = ifnull(OLD.department_id, 0) AND channel = OLD.channel;
  INSERT INTO ticket_daily VALUES (NEW.created_at / 86400000, ifnull(NEW.department_id, 0), NEW.channel, 1, 0)
  ON CONFLICT DO UPDATE SET created = created + 1;
  INSERT INTO ticket_daily SELECT NEW.resolved_at / 86400000, ifnull(NEW.department_id, 0), NEW.channel, 0, 1
   WHERE NEW.resolved_at IS NOT NULL
  ON CONFLICT DO UPDATE SET resolved = resolved + 1;
END;
CREATE INDEX tickets_unresolved
  ON tickets(priority, due_at, department_id, assignee_id, status, merged_into_id)
  WHERE status NOT IN ('resolved', 'closed') AND merged_into_id IS NULL;
)sql",
      // 4: the FAQ the bot answers from (its full-text index lives in <data>/search/faq).
      R"sql(
CREATE TABLE faqs (
  id INTEGER PRIMARY KEY,
  question TEXT NOT NULL,
  alternatives TEXT NOT NULL DEFAULT '[]',
  answer TEXT NOT NULL,
  category_id INTEGER REFERENCES categories(id),
  language TEXT NOT NULL DEFAULT 'zh-CN',
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX faqs_by_category ON faqs(category_id);
)sql",
  };
  return migrations;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(AllMigrations().size()); }

Status Migrate(Connection& conn, std::optional<int> up_to) {
  KEFU_RETURN_IF_ERROR(
      conn.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "applied_at INTEGER NOT NULL)"));
  int current = 0;
  {
    KEFU_ASSIGN_OR_RETURN(auto stmt,
                          conn.Prepare("SELECT ifnull(max(version), 0) FROM schema_migrations"));
    KEFU_RETURN_IF_ERROR(stmt.Step());
    current = static_cast<int>(stmt.Int(0));
  }
  const auto& all = AllMigrations();
  if (current > static_cast<int>(all.size())) {
    return Error(ErrorCode::kConflict, "database schema version " + std::to_string(current) +
                                           " is newer than this kefu (" +
                                           std::to_string(all.size()) + "); upgrade kefu");
  }
  const int target = std::min(up_to.value_or(LatestSchemaVersion()), LatestSchemaVersion());
  for (int v = current + 1; v <= target; ++v) {
    KEFU_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
    Status applied = conn.Exec(all[v - 1]);
    if (applied.ok()) {
      applied = conn.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(v) +
                          ", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
    }
    if (!applied.ok()) {
      (void)conn.Exec("ROLLBACK");
      return applied;
    }
    KEFU_RETURN_IF_ERROR(conn.Exec("COMMIT"));
    spdlog::info("applied schema migration {}", v);
  }
  return OkStatus();
}

}  // namespace kefu::storage::sqlite
