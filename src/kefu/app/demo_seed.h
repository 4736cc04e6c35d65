#pragma once

#include <cstdint>
#include <string>

#include "kefu/app/kefu_app.h"
#include "kefu/common/result.h"

namespace kefu::app {

struct DemoSeedOptions {
  int agents = 12;
  int customers = 300;
  int tickets = 1000;
  int history_days = 60;
  std::uint32_t random_seed = 20261123;  // the same seed gives the same data
  std::string admin_email = "admin@kefu.local";
  std::string admin_password;  // generated when empty
};

struct DemoSeedResult {
  std::string admin_email;
  std::string admin_password;
  int departments = 0;
  int agents = 0;
  int customers = 0;
  int tickets = 0;
};

// Fills an empty database with believable bilingual demo data through the services (so
// every ticket has real events and history): 4 departments (售前咨询, 会员服务, 技术支持, 财务)
// with categories, 12 agents with skills, 300 customers with Chinese names, cities and
// membership levels, and tickets across channels and statuses spread over the last
// `history_days` days. kConflict if the database already has tickets.
Result<DemoSeedResult> SeedDemo(KefuApp& app, const DemoSeedOptions& options);

// Inserts `count` tickets (and the customers they need) straight through the storage
// layer in large transactions, without events: for load benchmarks only. Returns how
// many tickets the database holds afterwards.
Result<std::int64_t> SeedBenchTickets(KefuApp& app, std::int64_t count);

}  // namespace kefu::app
