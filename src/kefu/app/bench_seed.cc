// `kefu seed-demo --bench-tickets N`: bulk data for load benchmarks. Tickets go straight
// through the storage repositories in large transactions (no services, no events), with
// distributions close enough to a real help desk that filtered list queries touch
// realistic numbers of rows: a two-year history, mostly closed, a few percent open,
// assignees from each department's members, skewed requesters.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kefu/app/demo_seed.h"
#include "kefu/app/seed_calendar.h"
#include "kefu/domain/ticket/workflow.h"

namespace kefu::app {
namespace {

using domain::Channel;
using domain::Id;
using domain::Priority;
using domain::TicketStatus;

// Time units, China-time days and the hourly shape of the queue, shared with seed-demo.
using namespace seed;  // NOLINT(google-build-using-namespace): small helper namespace

constexpr int kHistoryDays = 730;
constexpr TimeMs kCustomerAgeDays = 1095;  // customers joined over 3 years
constexpr TimeMs kCustomerAge = kCustomerAgeDays * kDay;
constexpr std::int64_t kCustomerPool = 20'000;
// Small write callbacks: each runs in its own SAVEPOINT, and SQLite's in-memory
// sub-journal makes every statement cost O(pages touched in the savepoint so far).
// Measured on 2 cores for 200k tickets: 5,000 per callback 3.3-4.7k tickets/s,
// 1,000 5k/s, 500 7k/s, 250 11k/s, 100 13k/s.
constexpr std::int64_t kTicketsPerTransaction = 100;
constexpr std::int64_t kCustomersPerTransaction = 100;
constexpr std::int64_t kProgressEvery = 100'000;
constexpr std::uint32_t kBenchSeed = 20261124;
constexpr TimeMs kAutoCloseAfter = 3 * kDay;
constexpr double kUnassignedShare = 0.03;
constexpr double kTransferredShare = 0.05;
// Tickets go in untagged; this share of them is tagged once all are inserted.
constexpr double kTaggedShare = 0.01;

constexpr std::array<Channel, 6> kChannels = {Channel::kWeb,  Channel::kEmail,  Channel::kPhone,
                                              Channel::kChat, Channel::kWechat, Channel::kApi};
constexpr std::array<double, 6> kChannelWeights = {25, 15, 12, 18, 25, 5};
constexpr std::array<double, 4> kPriorityWeights = {15, 60, 20, 5};  // low..urgent
// Status mix by age: kAllTicketStatuses order (new, open, in_progress, pending,
// resolved, closed, escalated).
constexpr std::array<double, 7> kStatusUnderADay = {30, 30, 25, 10, 0, 0, 5};
constexpr std::array<double, 7> kStatusUnderAWeek = {3, 15, 20, 15, 30, 14, 3};
constexpr std::array<double, 7> kStatusOlder = {0.5, 2.5, 2, 2.5, 4, 88, 0.5};

constexpr std::array<const char*, 12> kSubjectsZh = {
    "订单 {order} 申请退款",    "收不到短信验证码",
    "支付成功但订单显示未支付", "申请开具增值税专用发票",
    "会员权益没有生效",         "App 打开白屏",
    "更换绑定手机号",           "快递一直没有更新",
    "优惠券无法使用",           "账号被锁定",
    "退款显示成功但未到账",     "想了解企业版的价格"};
constexpr std::array<const char*, 4> kSubjectsEn = {
    "Refund request for order {order}", "Can't log in: no verification code",
    "Payment failed but money was deducted", "Need a VAT invoice for order {order}"};
constexpr std::array<const char*, 6> kDescriptions = {
    "您好，订单 {order} 有问题，麻烦尽快帮忙处理一下，谢谢。已经等了两天了。",
    "按照帮助中心的步骤操作过了，还是不行，截图已经上传，请帮忙看看是什么原因。",
    "今天下午开始出现这个问题，换了手机和网络也一样，影响比较大，请优先处理。",
    "上次反馈过一次，没有收到回复，这次再提交一下，订单号 {order}。",
    "Hello, please look into order {order}. I've attached screenshots of the error.",
    "This started after the latest update. Reinstalling did not help."};
constexpr std::array<const char*, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                   "赵", "吴", "周", "徐", "孙", "马", "朱",
                                                   "胡", "郭", "何", "高", "林", "罗"};
constexpr std::array<const char*, 20> kGivenNames = {
    "伟", "芳", "娜",   "敏",   "静",   "磊",   "强",   "洋",   "艳",   "杰",
    "婷", "涛", "浩然", "欣怡", "子轩", "梓涵", "宇航", "雨萱", "俊杰", "思琪"};
constexpr std::array<const char*, 5> kTags = {"VIP", "退款", "加急", "投诉", "English"};

struct Org {
  struct Category {
    Id id = 0;
    Id department_id = 0;
    Priority priority = Priority::kNormal;
  };
  std::vector<Category> categories;  // leaf categories with a department
  std::vector<Id> department_ids;
  std::map<Id, std::vector<Id>> members;  // department -> active users
};

std::string Expand(std::string_view text, const std::string& order) {
  std::string out(text);
  for (auto at = out.find("{order}"); at != std::string::npos; at = out.find("{order}")) {
    out.replace(at, 7, order);
  }
  return out;
}

Result<Org> LoadOrg(storage::Store& store) {
  Org org;
  KEFU_RETURN_IF_ERROR(store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(auto departments, tx.org().ListDepartments());
    for (const auto& d : departments) org.department_ids.push_back(d.id);
    KEFU_ASSIGN_OR_RETURN(auto categories, tx.org().ListCategories());
    for (const auto& c : categories) {
      bool is_parent = std::any_of(categories.begin(), categories.end(),
                                   [&](const auto& other) { return other.parent_id == c.id; });
      if (is_parent || !c.default_department_id) continue;
      org.categories.push_back({c.id, *c.default_department_id, c.default_priority});
    }
    KEFU_ASSIGN_OR_RETURN(auto users, tx.users().List());
    for (const auto& u : users) {
      if (!u.active) continue;
      for (const auto& m : u.departments) org.members[m.department_id].push_back(u.id);
    }
    return OkStatus();
  }));
  if (org.department_ids.empty()) return Internal("no departments to spread bench tickets over");
  return org;
}

// Inserts `count` customers with unique mobile numbers; returns their ids.
Result<std::vector<Id>> InsertCustomers(storage::Store& store, std::int64_t count, TimeMs now,
                                        std::mt19937& gen) {
  std::vector<Id> ids;
  ids.reserve(static_cast<std::size_t>(count));
  std::uniform_int_distribution<std::size_t> surname(0, kSurnames.size() - 1);
  std::uniform_int_distribution<std::size_t> given(0, kGivenNames.size() - 1);
  std::uniform_int_distribution<TimeMs> joined(now - kCustomerAge, now - kHistoryDays * kDay);
  std::uniform_int_distribution<int> level(0, 99);
  // 199xxxxxxxx numbers (China Telecom) keep bench customers apart from demo ones.
  std::int64_t next_number = std::uniform_int_distribution<std::int64_t>(0, 50'000'000)(gen);
  while (static_cast<std::int64_t>(ids.size()) < count) {
    KEFU_RETURN_IF_ERROR(store.Write([&](storage::Tx& tx) -> Status {
      for (std::int64_t n = 0;
           n < kCustomersPerTransaction && static_cast<std::int64_t>(ids.size()) < count;) {
        std::string phone = "+86199" + std::to_string(10'000'000 + next_number++ % 90'000'000);
        KEFU_ASSIGN_OR_RETURN(auto owner,
                              tx.customers().FindByIdentity(domain::IdentityType::kPhone, phone));
        if (owner) continue;
        domain::Customer c;
        c.name = std::string(kSurnames[surname(gen)]) + kGivenNames[given(gen)];
        c.phones = {phone};
        int roll = level(gen);
        c.membership_level = roll < 50   ? 0
                             : roll < 75 ? 1
                             : roll < 90 ? 2
                             : roll < 96 ? 3
                             : roll < 99 ? 4
                                         : 5;
        if (c.membership_level >= 4) c.tags = {"VIP"};
        c.created_at = c.updated_at = joined(gen);
        KEFU_RETURN_IF_ERROR(tx.customers().Insert(c));
        domain::CustomerIdentity identity;
        identity.customer_id = c.id;
        identity.type = domain::IdentityType::kPhone;
        identity.value = phone;
        identity.created_at = c.created_at;
        KEFU_RETURN_IF_ERROR(tx.customers().AddIdentity(identity));
        ids.push_back(c.id);
        ++n;
      }
      return OkStatus();
    }));
  }
  return ids;
}

// Creation times for `count` tickets over the history, in increasing order (ids then
// follow time, as in a real database, and the time indexes grow at their ends).
std::vector<TimeMs> CreationTimes(std::int64_t count, TimeMs now, std::mt19937& gen) {
  std::discrete_distribution<int> hour(kHourWeights.begin(), kHourWeights.end());
  TimeMs today = ChinaMidnight(now);
  // Slow growth: recent days get more tickets than old ones.
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<TimeMs> within_hour(0, kHour - 1);
  std::vector<TimeMs> times;
  times.reserve(static_cast<std::size_t>(count));
  while (static_cast<std::int64_t>(times.size()) < count) {
    double age = 1.0 - std::sqrt(unit(gen));  // density rising towards today
    auto day = static_cast<TimeMs>(age * kHistoryDays);
    TimeMs t = today - day * kDay + hour(gen) * kHour + within_hour(gen);
    if (t < now - kMinute) times.push_back(t);
  }
  std::sort(times.begin(), times.end());
  return times;
}

class TicketFactory {
 public:
  TicketFactory(const Org& org, const std::vector<Id>& customers, TimeMs now, std::mt19937& gen)
      : org_(org), customers_(customers), now_(now), gen_(gen) {}

  domain::Ticket Make(TimeMs created) {
    domain::Ticket t;
    t.created_at = created;
    const auto& category = org_.categories.empty()
                               ? Org::Category{}
                               : org_.categories[Uniform(org_.categories.size())];
    if (category.id != 0) {
      t.category_id = category.id;
      t.department_id = category.department_id;
    } else {
      t.department_id = org_.department_ids[Uniform(org_.department_ids.size())];
    }
    if (Chance(kTransferredShare)) {
      t.department_id = org_.department_ids[Uniform(org_.department_ids.size())];
    }
    t.priority = static_cast<Priority>(priority_(gen_));
    t.channel = kChannels[static_cast<std::size_t>(channel_(gen_))];
    // Requesters: a power law, a few customers write very often.
    double u = unit_(gen_);
    t.requester_id =
        customers_[static_cast<std::size_t>(u * u * u * static_cast<double>(customers_.size()))];
    std::string order = "DD" + std::to_string(created / 1000);
    bool english = Chance(0.12);
    t.subject = Expand(english ? kSubjectsEn[Uniform(kSubjectsEn.size())]
                               : kSubjectsZh[Uniform(kSubjectsZh.size())],
                       order);
    t.description = Expand(kDescriptions[Uniform(kDescriptions.size())], order);
    if (t.priority == Priority::kUrgent) t.due_at = created + 4 * kHour;
    if (t.priority == Priority::kHigh) t.due_at = created + kDay;
    Walk(t);
    return t;
  }

 private:
  // Picks a status by age and fills the timestamps that go with it.
  void Walk(domain::Ticket& t) {
    TimeMs age = now_ - t.created_at;
    const auto& weights = age < kDay       ? kStatusUnderADay
                          : age < 7 * kDay ? kStatusUnderAWeek
                                           : kStatusOlder;
    std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
    t.status = domain::kAllTicketStatuses[pick(gen_)];
    auto within = [&](TimeMs from, TimeMs median) {
      std::exponential_distribution<double> wait(1.0 / static_cast<double>(median));
      return std::min(from + static_cast<TimeMs>(wait(gen_)) + kMinute, now_);
    };
    t.updated_at = t.created_at;
    if (t.status == TicketStatus::kNew) return;  // new means nobody has it yet
    const auto& members = MembersOf(t.department_id);
    if (!members.empty() && !Chance(kUnassignedShare))
      t.assignee_id = members[Uniform(members.size())];
    t.first_response_at = within(t.created_at, 2 * kHour);
    t.updated_at = *t.first_response_at;
    if (domain::IsUnresolved(t.status)) {
      t.updated_at = within(t.updated_at, 6 * kHour);
      return;
    }
    t.resolved_at = within(t.updated_at, 20 * kHour);
    t.updated_at = *t.resolved_at;
    if (t.status == TicketStatus::kClosed) {
      TimeMs closed = *t.resolved_at + kAutoCloseAfter;
      if (closed > now_) {
        t.status = TicketStatus::kResolved;
        return;
      }
      t.closed_at = closed;
      t.updated_at = closed;
    }
  }

  const std::vector<Id>& MembersOf(const std::optional<Id>& department) {
    static const std::vector<Id> nobody;
    if (!department) return nobody;
    auto it = org_.members.find(*department);
    return it == org_.members.end() ? nobody : it->second;
  }
  std::size_t Uniform(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(gen_);
  }
  bool Chance(double p) { return unit_(gen_) < p; }

  const Org& org_;
  const std::vector<Id>& customers_;
  TimeMs now_;
  std::mt19937& gen_;
  std::uniform_real_distribution<double> unit_{0.0, 1.0};
  std::discrete_distribution<int> priority_{kPriorityWeights.begin(), kPriorityWeights.end()};
  std::discrete_distribution<int> channel_{kChannelWeights.begin(), kChannelWeights.end()};
};

Result<std::int64_t> CountTickets(storage::Store& store) {
  std::int64_t total = 0;
  KEFU_RETURN_IF_ERROR(store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(auto counts, tx.tickets().CountByStatus({}));
    for (const auto& [status, n] : counts) total += n;
    return OkStatus();
  }));
  return total;
}

}  // namespace

Result<std::int64_t> SeedBenchTickets(KefuApp& app, std::int64_t count) {
  if (count <= 0) return InvalidArgument("invalid bench seed", {{"count", "must be positive"}});
  using Clock = std::chrono::steady_clock;
  auto started = Clock::now();
  storage::Store& store = app.store();
  bool has_org = false;
  KEFU_RETURN_IF_ERROR(store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(auto departments, tx.org().ListDepartments());
    has_org = !departments.empty();
    return OkStatus();
  }));
  if (!has_org) {
    // Departments, categories, agents and a few hundred rich customers, the demo way.
    DemoSeedOptions demo;
    demo.tickets = 0;
    KEFU_ASSIGN_OR_RETURN(auto seeded, SeedDemo(app, demo));
    spdlog::info("bench org created; admin login: {} / {}", seeded.admin_email,
                 seeded.admin_password);
  }
  KEFU_ASSIGN_OR_RETURN(Org org, LoadOrg(store));
  TimeMs now = SystemClock::Instance().NowMs();
  std::mt19937 gen(kBenchSeed);

  auto customers_started = Clock::now();
  KEFU_ASSIGN_OR_RETURN(std::vector<Id> customers, InsertCustomers(store, kCustomerPool, now, gen));
  spdlog::info("bench: {} customers inserted in {:.1f} s", customers.size(),
               std::chrono::duration<double>(Clock::now() - customers_started).count());

  std::vector<TimeMs> times = CreationTimes(count, now, gen);
  TicketFactory factory(org, customers, now, gen);
  auto tickets_started = Clock::now();
  std::int64_t inserted = 0;
  std::int64_t next_progress = kProgressEvery;
  std::vector<Id> tagged;
  std::uniform_real_distribution<double> tag_pick(0.0, 1.0);
  while (inserted < count) {
    std::int64_t batch_end = std::min(count, inserted + kTicketsPerTransaction);
    KEFU_RETURN_IF_ERROR(store.Write([&](storage::Tx& tx) -> Status {
      for (std::int64_t i = inserted; i < batch_end; ++i) {
        domain::Ticket ticket = factory.Make(times[static_cast<std::size_t>(i)]);
        KEFU_RETURN_IF_ERROR(tx.tickets().Insert(ticket));
        if (tag_pick(gen) < kTaggedShare) tagged.push_back(ticket.id);
      }
      return OkStatus();
    }));
    inserted = batch_end;
    if (inserted >= next_progress || inserted == count) {
      double seconds = std::chrono::duration<double>(Clock::now() - tickets_started).count();
      spdlog::info("bench: {} / {} tickets ({:.0f} tickets/s)", inserted, count,
                   static_cast<double>(inserted) / std::max(seconds, 1e-3));
      while (next_progress <= inserted) next_progress += kProgressEvery;
    }
  }
  for (std::size_t i = 0; i < tagged.size();
       i += static_cast<std::size_t>(kTicketsPerTransaction)) {
    std::size_t end = std::min(tagged.size(), i + static_cast<std::size_t>(kTicketsPerTransaction));
    KEFU_RETURN_IF_ERROR(store.Write([&](storage::Tx& tx) -> Status {
      for (std::size_t k = i; k < end; ++k) {
        KEFU_ASSIGN_OR_RETURN(domain::Ticket ticket, tx.tickets().Get(tagged[k]));
        ticket.tags = {kTags[k % kTags.size()]};
        KEFU_RETURN_IF_ERROR(tx.tickets().Update(ticket, ticket.version));
      }
      return OkStatus();
    }));
  }
  spdlog::info("bench: {} tickets tagged", tagged.size());
  KEFU_ASSIGN_OR_RETURN(std::int64_t total, CountTickets(store));
  spdlog::info("bench: seeding took {:.1f} s",
               std::chrono::duration<double>(Clock::now() - started).count());
  return total;
}

}  // namespace kefu::app
