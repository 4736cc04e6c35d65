#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/access/permissions.h"
#include "kefu/domain/ticket/ticket.h"
#include "kefu/service/context.h"
#include "kefu/storage/records.h"

namespace kefu::service {

// Days cover UTC midnight to midnight: the configuration has no time zone yet.
inline constexpr TimeMs kStatsDayMs = 86'400'000;
inline constexpr int kDashboardDays = 14;         // Dashboard::daily
inline constexpr int kDashboardChannelDays = 30;  // Dashboard::by_channel

struct DashboardDay {
  std::int64_t day = 0;  // days since 1970-01-01 (UTC)
  std::int64_t created = 0;
  std::int64_t resolved = 0;
};

// The agent console's home page, as the caller may see it. "Unresolved" means any status
// but resolved and closed; merged tickets never count.
struct Dashboard {
  TimeMs generated_at = 0;
  std::int64_t my_open = 0;                            // unresolved, assigned to the caller
  std::int64_t unassigned_in_my_departments = 0;       // unresolved, unassigned, caller's depts
  std::int64_t urgent_open = 0;                        // unresolved, urgent, visible
  std::int64_t overdue = 0;                            // unresolved, due_at < now, visible
  DashboardDay today;                                  // day = today
  storage::StatusCounts by_status;                     // visible, every status
  std::map<domain::Channel, std::int64_t> by_channel;  // created in the last 30 days
  std::vector<DashboardDay> daily;                     // the last 14 days, oldest first
  std::vector<storage::DepartmentStaffing> agents_online;
};

// Statistics for dashboards, from maintained counters and index-only counts (never a scan
// of tickets). Visibility follows the ticket list: with tickets.read_all everything;
// otherwise tickets in the caller's departments, without a department, or assigned to
// the caller. The per-day figures (today, daily, by_channel) are counted per department
// only, so for such callers they cover their departments and unrouted tickets, not
// tickets assigned to them elsewhere; agents_online lists their own departments.
// Thread-safe.
class StatsService {
 public:
  explicit StatsService(ServiceContext& ctx) : ctx_(ctx) {}

  // kPermissionDenied without tickets.read / tickets.read_all.
  Result<Dashboard> GetDashboard(const domain::Principal& caller);

 private:
  ServiceContext& ctx_;
};

}  // namespace kefu::service
