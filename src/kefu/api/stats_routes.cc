// GET /api/v1/stats/dashboard: the agent console's home page figures.
#include <boost/json/array.hpp>

#include "kefu/api/handler_util.h"
#include "kefu/api/routes.h"
#include "kefu/common/time_format.h"

namespace kefu::api {
namespace {

using net::HttpRequest;
using net::HttpResponse;
using service::AuthContext;

constexpr std::size_t kDateLength = 10;  // "2026-11-10"

std::string DateOf(std::int64_t day) {
  return FormatTimestamp(day * service::kStatsDayMs).substr(0, kDateLength);
}

boost::json::object DashboardJson(const service::Dashboard& board) {
  boost::json::object by_status;
  for (const auto& [status, n] : board.by_status) by_status[domain::ToString(status)] = n;
  boost::json::object by_channel;
  for (const auto& [channel, n] : board.by_channel) by_channel[domain::ToString(channel)] = n;
  boost::json::array daily;
  for (const auto& day : board.daily) {
    daily.push_back(
        {{"date", DateOf(day.day)}, {"created", day.created}, {"resolved", day.resolved}});
  }
  boost::json::array agents;
  for (const auto& d : board.agents_online) {
    agents.push_back({{"department_id", d.department_id},
                      {"name", d.name},
                      {"online", d.online},
                      {"total", d.total}});
  }
  return {{"generated_at", FormatTimestamp(board.generated_at)},
          {"time_zone", "UTC"},
          {"my_open", board.my_open},
          {"unassigned_in_my_departments", board.unassigned_in_my_departments},
          {"urgent_open", board.urgent_open},
          {"overdue", board.overdue},
          {"today", {{"created", board.today.created}, {"resolved", board.today.resolved}}},
          {"by_status", std::move(by_status)},
          {"by_channel", std::move(by_channel)},
          {"daily", std::move(daily)},
          {"agents_online", std::move(agents)}};
}

Result<HttpResponse> Dashboard(ApiDeps& deps, HttpRequest&, const AuthContext& caller) {
  KEFU_ASSIGN_OR_RETURN(auto board, deps.stats.GetDashboard(caller.principal));
  return JsonResponse(200, DashboardJson(board));
}

}  // namespace

void AddStatsRoutes(net::Router& router, ApiDeps& deps) {
  // About a millisecond of index counting at a million tickets: off the I/O threads.
  router.Add(net::Method::kGet, "/api/v1/stats/dashboard", Bind(deps, Dashboard),
             {.blocking = true});
}

}  // namespace kefu::api
