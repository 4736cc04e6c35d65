// Dashboard read models: the ticket_daily counters and the index of unresolved tickets
// (tickets_unresolved), both from migration 3 (migrations.cc).
#include "kefu/storage/sqlite/query_builder.h"
#include "kefu/storage/sqlite/repos.h"

namespace kefu::storage::sqlite {
namespace {

// These two terms repeat the WHERE of the partial index tickets_unresolved word for word:
// SQLite only uses a partial index for queries whose WHERE contains its terms.
constexpr const char* kUnresolvedTerms[] = {"status NOT IN ('resolved', 'closed')",
                                            "merged_into_id IS NULL"};
constexpr const char* kAnyPriority = "priority IN (0, 1, 2, 3)";

}  // namespace

Result<std::int64_t> SqliteStatsRepo::CountUnresolved(const std::string& condition,
                                                      const CountScope& scope,
                                                      std::optional<TimeMs> due_before) {
  WhereBuilder where;
  for (const char* term : kUnresolvedTerms) where.Add(term);
  where.Add(condition);
  if (due_before) where.Add("due_at < ?", {*due_before});
  AddCountScope(where, scope, NoneIs::kNull);
  KEFU_ASSIGN_OR_RETURN(auto s, conn_.Prepare("SELECT count(*) FROM tickets INDEXED BY "
                                              "tickets_unresolved" +
                                              where.Sql()));
  where.BindAll(s);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Result<UnresolvedCounts> SqliteStatsRepo::Unresolved(const CountScope& scope, TimeMs now) {
  UnresolvedCounts counts;
  KEFU_ASSIGN_OR_RETURN(
      counts.urgent,
      CountUnresolved("priority = " + std::to_string(static_cast<int>(domain::Priority::kUrgent)),
                      scope, std::nullopt));
  // The priority list lets SQLite seek to each priority's due_at range in the index
  // instead of reading all of it.
  KEFU_ASSIGN_OR_RETURN(counts.overdue, CountUnresolved(kAnyPriority, scope, now));
  return counts;
}

Result<std::vector<DailyTicketCounts>> SqliteStatsRepo::Daily(
    const std::optional<std::vector<Id>>& department_ids, std::int64_t first_day,
    std::int64_t last_day) {
  WhereBuilder where;
  where.Add("day BETWEEN ? AND ?", {first_day, last_day});
  if (department_ids) where.AddIn("department_id", IdValues(*department_ids));
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT day, channel, sum(created), sum(resolved) FROM ticket_daily" +
                            where.Sql() +
                            " GROUP BY day, channel HAVING sum(created) > 0 OR sum(resolved) > 0"
                            " ORDER BY day, channel"));
  where.BindAll(s);
  std::vector<DailyTicketCounts> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    auto channel = domain::ParseChannel(s.TextView(1));
    if (!channel) continue;  // not a channel this version knows
    out.push_back({s.Int(0), *channel, s.Int(2), s.Int(3)});
  }
  return out;
}

Result<std::vector<DepartmentStaffing>> SqliteStatsRepo::Staffing(
    const std::optional<std::vector<Id>>& department_ids) {
  WhereBuilder where;
  if (department_ids) where.AddIn("d.id", IdValues(*department_ids));
  // The presence name is a constant of ours, not input: it may stand in the SQL text.
  KEFU_ASSIGN_OR_RETURN(
      auto s, conn_.Prepare("SELECT d.id, d.name, count(u.id), ifnull(sum(u.presence = '" +
                            std::string(domain::ToString(domain::Presence::kOnline)) +
                            "'), 0) FROM departments d "
                            "LEFT JOIN department_members m ON m.department_id = d.id "
                            "LEFT JOIN users u ON u.id = m.user_id AND u.active = 1" +
                            where.Sql() + " GROUP BY d.id ORDER BY d.name, d.id"));
  where.BindAll(s);
  std::vector<DepartmentStaffing> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.Int(0), s.Text(1), s.Int(3), s.Int(2)});
  }
  return out;
}

}  // namespace kefu::storage::sqlite
