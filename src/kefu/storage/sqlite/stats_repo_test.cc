#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "kefu/storage/sqlite/migrations.h"
#include "kefu/storage/sqlite/test_support.h"

namespace kefu::storage::sqlite {
namespace {

using domain::Channel;
using domain::Priority;
using domain::Ticket;
using domain::TicketStatus;

constexpr TimeMs kDay = 86'400'000;
constexpr std::int64_t kDay0 = 20'000;  // 2024-10-04
constexpr TimeMs kT0 = kDay0 * kDay;

class StatsRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TicketOwners owners = InsertTicketOwners(t_.store(), {"售后", "技术支持"});
    customer_ = owners.customer_id;
    after_sales_ = owners.department_ids[0];
    support_ = owners.department_ids[1];
  }

  Ticket Insert(TimeMs created, std::optional<Id> department, Channel channel,
                TicketStatus status = TicketStatus::kOpen, std::optional<TimeMs> resolved = {}) {
    Ticket t;
    t.subject = "无法登录";
    t.requester_id = customer_;
    t.created_at = t.updated_at = created;
    t.department_id = department;
    t.channel = channel;
    t.status = status;
    t.resolved_at = resolved;
    EXPECT_TRUE(t_.store().Write([&](Tx& tx) -> Status { return tx.tickets().Insert(t); }).ok());
    tickets_[t.id] = t;
    return t;
  }

  void Update(Ticket& t) {
    EXPECT_TRUE(
        t_.store().Write([&](Tx& tx) -> Status { return tx.tickets().Update(t, t.version); }).ok());
    tickets_[t.id] = t;
  }

  std::vector<DailyTicketCounts> Daily(std::optional<std::vector<Id>> departments,
                                       std::int64_t first, std::int64_t last) {
    std::vector<DailyTicketCounts> out;
    EXPECT_TRUE(t_.store()
                    .Read([&](Tx& tx) -> Status {
                      KEFU_ASSIGN_OR_RETURN(out, tx.stats().Daily(departments, first, last));
                      return OkStatus();
                    })
                    .ok());
    return out;
  }

  // What the counters must say: a GROUP BY over the tickets as they are now.
  std::vector<DailyTicketCounts> Expected(const std::optional<std::vector<Id>>& departments) {
    std::map<std::tuple<std::int64_t, std::string_view>, DailyTicketCounts> rows;
    for (const auto& [id, t] : tickets_) {
      Id department = t.department_id.value_or(0);
      if (departments &&
          std::find(departments->begin(), departments->end(), department) == departments->end()) {
        continue;
      }
      auto& created = rows[{t.created_at / kDay, domain::ToString(t.channel)}];
      created = {t.created_at / kDay, t.channel, created.created + 1, created.resolved};
      if (!t.resolved_at) continue;
      auto& resolved = rows[{*t.resolved_at / kDay, domain::ToString(t.channel)}];
      resolved = {*t.resolved_at / kDay, t.channel, resolved.created, resolved.resolved + 1};
    }
    std::vector<DailyTicketCounts> out;
    for (const auto& [key, row] : rows) out.push_back(row);
    return out;
  }

  void ExpectCountersMatch() {
    using Scope = std::optional<std::vector<Id>>;
    for (const Scope& scope :
         {Scope(), Scope(std::vector<Id>{after_sales_}), Scope(std::vector<Id>{support_, 0})}) {
      auto actual = Daily(scope, 0, kDay0 + 100);
      auto expected = Expected(scope);
      ASSERT_EQ(actual.size(), expected.size());
      for (std::size_t i = 0; i < actual.size(); ++i) {
        EXPECT_EQ(actual[i].day, expected[i].day) << i;
        EXPECT_EQ(actual[i].channel, expected[i].channel) << i;
        EXPECT_EQ(actual[i].created, expected[i].created) << i;
        EXPECT_EQ(actual[i].resolved, expected[i].resolved) << i;
      }
    }
  }

  UnresolvedCounts Unresolved(const CountScope& scope, TimeMs now) {
    UnresolvedCounts counts;
    EXPECT_TRUE(t_.store()
                    .Read([&](Tx& tx) -> Status {
                      KEFU_ASSIGN_OR_RETURN(counts, tx.stats().Unresolved(scope, now));
                      return OkStatus();
                    })
                    .ok());
    return counts;
  }

  TempStore t_;
  Id customer_ = 0;
  Id after_sales_ = 0, support_ = 0;
  std::map<Id, Ticket> tickets_;
};

TEST_F(StatsRepoTest, DailyCountersFollowInsertsAndUpdates) {
  Ticket a = Insert(kT0 + 1000, after_sales_, Channel::kWeb);
  Ticket b = Insert(kT0 + kDay - 1, support_, Channel::kEmail, TicketStatus::kResolved,
                    kT0 + kDay + 3600'000);
  Ticket c = Insert(kT0 + kDay, std::nullopt, Channel::kPhone);
  auto rows = Daily(std::nullopt, kDay0, kDay0 + 1);
  ASSERT_EQ(rows.size(), 4u);  // by day, then channel name
  EXPECT_EQ(rows[0].day, kDay0);
  EXPECT_EQ(rows[0].channel, Channel::kEmail);
  EXPECT_EQ(rows[0].created, 1);
  EXPECT_EQ(rows[1].channel, Channel::kWeb);
  EXPECT_EQ(rows[2].day, kDay0 + 1);
  EXPECT_EQ(rows[2].channel, Channel::kEmail);
  EXPECT_EQ(rows[2].created, 0);
  EXPECT_EQ(rows[2].resolved, 1);
  EXPECT_EQ(rows[3].channel, Channel::kPhone);
  EXPECT_TRUE(Daily(std::nullopt, kDay0 + 2, kDay0 + 9).empty());
  ExpectCountersMatch();

  a.status = TicketStatus::kResolved;  // resolved the next day
  a.resolved_at = kT0 + kDay + 5;
  Update(a);
  ExpectCountersMatch();
  a.status = TicketStatus::kOpen;  // reopened: no longer resolved
  a.resolved_at.reset();
  Update(a);
  ExpectCountersMatch();
  b.department_id = after_sales_;  // transferred: its counts move along
  Update(b);
  ExpectCountersMatch();
  c.channel = Channel::kWechat;
  c.department_id = support_;
  c.resolved_at = kT0 + 3 * kDay;
  c.status = TicketStatus::kResolved;
  Update(c);
  ExpectCountersMatch();
  c.subject = "改了标题";  // nothing counted changes
  Update(c);
  ExpectCountersMatch();
  EXPECT_TRUE(Daily(std::vector<Id>{}, 0, kDay0 + 100).empty());
}

TEST_F(StatsRepoTest, UnresolvedCountsReadTheScope) {
  const TimeMs now = kT0 + 10 * kDay;
  Id agent = 0;
  ASSERT_TRUE(t_.store()
                  .Write([&](Tx& tx) -> Status {
                    domain::User u;
                    u.email = "agent@kefu.test";
                    u.name = "agent";
                    u.role = "agent";
                    KEFU_RETURN_IF_ERROR(tx.users().Insert(u));
                    agent = u.id;
                    return OkStatus();
                  })
                  .ok());
  auto make = [&](std::optional<Id> department, Priority priority, TicketStatus status,
                  std::optional<TimeMs> due, std::optional<Id> assignee = {}) {
    Ticket t = Insert(kT0, department, Channel::kWeb, status);
    t.priority = priority;
    t.due_at = due;
    t.assignee_id = assignee;
    Update(t);
    return t;
  };
  make(after_sales_, Priority::kUrgent, TicketStatus::kOpen, now - 1);        // urgent, overdue
  make(after_sales_, Priority::kUrgent, TicketStatus::kResolved, now - 1);    // resolved
  make(support_, Priority::kUrgent, TicketStatus::kPending, now + 1, agent);  // urgent
  make(after_sales_, Priority::kHigh, TicketStatus::kEscalated, now + 1);     // neither
  make(std::nullopt, Priority::kNormal, TicketStatus::kNew, now - kDay);      // overdue
  make(support_, Priority::kLow, TicketStatus::kClosed, now - kDay);          // closed
  make(support_, Priority::kLow, TicketStatus::kInProgress, std::nullopt);    // no due date
  Ticket merged = make(support_, Priority::kUrgent, TicketStatus::kOpen, now - 1);
  merged.merged_into_id = tickets_.begin()->first;
  Update(merged);

  UnresolvedCounts all = Unresolved({}, now);
  EXPECT_EQ(all.urgent, 2);
  EXPECT_EQ(all.overdue, 2);
  CountScope after_sales;
  after_sales.department_ids = std::vector<Id>{after_sales_, 0};
  UnresolvedCounts own = Unresolved(after_sales, now);
  EXPECT_EQ(own.urgent, 1);
  EXPECT_EQ(own.overdue, 2);
  after_sales.or_assigned_to = agent;  // plus what is assigned to the agent elsewhere
  EXPECT_EQ(Unresolved(after_sales, now).urgent, 2);
  CountScope nothing_but_mine;
  nothing_but_mine.department_ids = std::vector<Id>{};
  nothing_but_mine.or_assigned_to = agent;
  EXPECT_EQ(Unresolved(nothing_but_mine, now).urgent, 1);
  EXPECT_EQ(Unresolved(nothing_but_mine, now).overdue, 0);
  CountScope unassigned;
  unassigned.unassigned_only = true;
  EXPECT_EQ(Unresolved(unassigned, now).urgent, 1);
  EXPECT_EQ(Unresolved({}, now + 2).overdue, 4);  // two more were due at now + 1

  CountScope visible = after_sales;  // the status counters take the same scope
  StatusCounts counts;
  ASSERT_TRUE(t_.store()
                  .Read([&](Tx& tx) -> Status {
                    KEFU_ASSIGN_OR_RETURN(counts, tx.tickets().CountByStatus(visible));
                    return OkStatus();
                  })
                  .ok());
  EXPECT_EQ(counts[TicketStatus::kPending], 1);  // support's, assigned to the agent
  EXPECT_EQ(counts[TicketStatus::kInProgress], 0);
  EXPECT_EQ(counts[TicketStatus::kNew], 1);
}

TEST_F(StatsRepoTest, StaffingCountsActiveAndOnlineMembers) {
  ASSERT_TRUE(
      t_.store()
          .Write([&](Tx& tx) -> Status {
            struct Spec {
              const char* name;
              domain::Presence presence;
              bool active;
              std::vector<Id> departments;
            };
            for (const Spec& spec :
                 {Spec{"online", domain::Presence::kOnline, true, {after_sales_}},
                  Spec{"offline", domain::Presence::kOffline, true, {after_sales_}},
                  Spec{"away", domain::Presence::kAway, true, {after_sales_}},
                  Spec{"left", domain::Presence::kOnline, false, {after_sales_}},
                  Spec{"both", domain::Presence::kOnline, true, {after_sales_, support_}}}) {
              domain::User u;
              u.email = std::string(spec.name) + "@kefu.test";
              u.name = spec.name;
              u.role = "agent";
              u.presence = spec.presence;
              u.active = spec.active;
              for (Id d : spec.departments) u.departments.push_back({d, false});
              KEFU_RETURN_IF_ERROR(tx.users().Insert(u));
            }
            domain::Department empty;
            empty.name = "财务";
            return tx.org().InsertDepartment(empty);
          })
          .ok());
  auto staffing = [&](std::optional<std::vector<Id>> departments) {
    std::vector<DepartmentStaffing> out;
    EXPECT_TRUE(t_.store()
                    .Read([&](Tx& tx) -> Status {
                      KEFU_ASSIGN_OR_RETURN(out, tx.stats().Staffing(departments));
                      return OkStatus();
                    })
                    .ok());
    return out;
  };
  auto all = staffing(std::nullopt);
  ASSERT_EQ(all.size(), 3u);  // by name: 售后, 技术支持, 财务 (UTF-8 byte order)
  std::map<std::string, DepartmentStaffing> by_name;
  for (const auto& d : all) by_name[d.name] = d;
  EXPECT_EQ(by_name["售后"].department_id, after_sales_);
  EXPECT_EQ(by_name["售后"].total, 4);
  EXPECT_EQ(by_name["售后"].online, 2);
  EXPECT_EQ(by_name["技术支持"].total, 1);
  EXPECT_EQ(by_name["技术支持"].online, 1);
  EXPECT_EQ(by_name["财务"].total, 0);
  EXPECT_EQ(by_name["财务"].online, 0);
  auto one = staffing(std::vector<Id>{support_});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].name, "技术支持");
  EXPECT_TRUE(staffing(std::vector<Id>{}).empty());
}

TEST(StatsMigrationTest, BackfillsDailyCountersFromExistingTickets) {
  TempDir dir;
  Connection::Options options;
  auto conn = Connection::Open(dir.path() / "kefu.db", options);
  ASSERT_TRUE(conn.ok()) << conn.error().message;
  ASSERT_TRUE(Migrate(**conn, 2).ok());
  ASSERT_TRUE((*conn)
                  ->Exec("INSERT INTO customers (id, name, created_at, updated_at) "
                         "VALUES (1, 'c', 0, 0);"
                         "INSERT INTO departments (id, name, created_at) VALUES (7, 'd', 0);"
                         "INSERT INTO tickets (subject, requester_id, channel, priority, status, "
                         "department_id, created_at, updated_at, resolved_at) VALUES "
                         "('a', 1, 'web', 1, 'open', 7, 86400000 * 5 + 1, 0, NULL),"
                         "('b', 1, 'web', 1, 'resolved', 7, 86400000 * 5 + 2, 0, "
                         "86400000 * 6),"
                         "('c', 1, 'chat', 3, 'new', NULL, 86400000 * 6, 0, NULL);")
                  .ok());
  ASSERT_TRUE(Migrate(**conn).ok());
  auto s = (*conn)->Prepare(
      "SELECT day, department_id, channel, created, resolved FROM ticket_daily "
      "ORDER BY day, department_id, channel");
  ASSERT_TRUE(s.ok());
  std::vector<std::string> rows;
  for (;;) {
    auto row = s->Step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    rows.push_back(std::to_string(s->Int(0)) + " " + std::to_string(s->Int(1)) + " " + s->Text(2) +
                   " " + std::to_string(s->Int(3)) + " " + std::to_string(s->Int(4)));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{"5 7 web 2 0", "6 0 chat 1 0", "6 7 web 0 1"}));
}

}  // namespace
}  // namespace kefu::storage::sqlite
