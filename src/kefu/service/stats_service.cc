#include "kefu/service/stats_service.h"

#include "kefu/domain/ticket/workflow.h"
#include "kefu/service/ticket_service.h"
#include "kefu/storage/store.h"

namespace kefu::service {
namespace {

std::int64_t SumUnresolved(const storage::StatusCounts& counts) {
  std::int64_t total = 0;
  for (const auto& [status, n] : counts) {
    if (domain::IsUnresolved(status)) total += n;
  }
  return total;
}

}  // namespace

Result<Dashboard> StatsService::GetDashboard(const domain::Principal& caller) {
  KEFU_RETURN_IF_ERROR(RequireTicketRead(caller));
  Dashboard board;
  board.generated_at = ctx_.clock.NowMs();
  const std::int64_t today = board.generated_at / kStatsDayMs;
  const bool sees_all = caller.Has(domain::kTicketsReadAll);
  // Without read_all: the caller's departments and the unrouted queue (department 0).
  std::optional<std::vector<domain::Id>> departments;
  if (!sees_all) {
    departments = caller.department_ids;
    departments->push_back(0);
  }
  storage::CountScope visible;
  visible.department_ids = departments;
  if (!sees_all) visible.or_assigned_to = caller.user_id;
  storage::CountScope mine;
  mine.assignee_id = caller.user_id;
  storage::CountScope unassigned;
  unassigned.unassigned_only = true;
  unassigned.department_ids = caller.department_ids;

  std::vector<storage::DailyTicketCounts> days;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(board.by_status, tx.tickets().CountByStatus(visible));
    KEFU_ASSIGN_OR_RETURN(auto assigned, tx.tickets().CountByStatus(mine));
    board.my_open = SumUnresolved(assigned);
    KEFU_ASSIGN_OR_RETURN(auto waiting, tx.tickets().CountByStatus(unassigned));
    board.unassigned_in_my_departments = SumUnresolved(waiting);
    KEFU_ASSIGN_OR_RETURN(auto unresolved, tx.stats().Unresolved(visible, board.generated_at));
    board.urgent_open = unresolved.urgent;
    board.overdue = unresolved.overdue;
    KEFU_ASSIGN_OR_RETURN(days,
                          tx.stats().Daily(departments, today - kDashboardChannelDays + 1, today));
    KEFU_ASSIGN_OR_RETURN(
        board.agents_online,
        tx.stats().Staffing(sees_all ? std::nullopt : std::optional(caller.department_ids)));
    return OkStatus();
  }));

  for (domain::Channel channel : domain::kAllChannels) board.by_channel[channel] = 0;
  const std::int64_t first_daily = today - kDashboardDays + 1;
  for (std::int64_t day = first_daily; day <= today; ++day) board.daily.push_back({day, 0, 0});
  for (const auto& row : days) {
    board.by_channel[row.channel] += row.created;
    if (row.day < first_daily || row.day > today) continue;
    DashboardDay& slot = board.daily[static_cast<std::size_t>(row.day - first_daily)];
    slot.created += row.created;
    slot.resolved += row.resolved;
  }
  board.today = board.daily.back();
  return board;
}

}  // namespace kefu::service
