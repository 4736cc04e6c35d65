// `kefu seed-demo`: believable bilingual demo data, written through the services with a
// manual clock so every ticket's events and history carry realistic timestamps.
//
// How it works: the seeder first plans everything (customers, tickets and each ticket's
// life: replies, notes, status changes, transfers, merges, links) with times spread over
// the last `history_days` days, then sorts all planned actions by time and performs them
// one by one, setting the manual clock before each. Actions planned after "now" are
// dropped, so recent tickets naturally stop half-way (new, open, in progress, pending,
// escalated) while older ones are resolved or closed. Who acts is decided at execution
// time from the ticket's current state (auto-assignment picks real assignees).
#include "kefu/app/demo_seed.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/app/demo_content.h"
#include "kefu/app/seed_calendar.h"
#include "kefu/auth/password.h"
#include "kefu/common/clock.h"
#include "kefu/domain/customer/contact.h"
#include "kefu/domain/ticket/workflow.h"

namespace kefu::app {
namespace {

using domain::Channel;
using domain::Id;
using domain::Priority;
using domain::TicketStatus;
// Time, calendar and randomness helpers shared with the bench seeder.
using namespace seed;  // NOLINT(google-build-using-namespace): small helper namespace

// The organisation exists a year before the demo window; customers join over that year.
constexpr int kOrgAgeDays = 400;
constexpr int kCustomerHistoryDays = 365;
constexpr double kCustomersJoiningInWindow = 0.25;
constexpr double kEnglishSpeakingCustomers = 0.14;
constexpr double kEnglishTicketsOfEnglishSpeakers = 0.85;
constexpr double kEnglishTicketsOfOthers = 0.03;
constexpr double kDuplicateTickets = 0.025;
constexpr double kLinkedTickets = 0.08;  // of tickets whose customer wrote before
constexpr TimeMs kAutoCloseAfter = 3 * kDay;
constexpr double kBusyQueueShare = 0.15;
constexpr TimeMs kBusyQueueSlowdown = 6;
constexpr TimeMs kManualQueueSlowdown = 4;
constexpr TimeMs kNoReplyResolveAfter = 7 * kDay;
constexpr TimeMs kNewestTicketAge = 5 * kMinute;
constexpr int kMinAgents = 4;  // one lead per department
constexpr int kMaxAgents = 60;

// The data set lives in demo_content.h.
using namespace demo;  // NOLINT(google-build-using-namespace): data tables only

// ---------------------------------------------------------------- plans

// The shape of a ticket's life.
enum class Flow {
  kStandard,          // reply, work, resolve, close
  kNeedsInfo,         // ask the customer (pending), answer, resolve, close
  kQuick,             // answered and resolved in the first reply
  kEscalated,         // escalated to the lead, who resolves it
  kEscalatedWaiting,  // escalated and still waiting for the lead / another team
  kReopened,          // resolved, the customer says it is not fixed, resolved again
  kTransferred,       // handed to another department
  kAbandoned,         // asked the customer, no answer within 7 days, resolved anyway
  kStalled,           // picked up and then left in progress (the backlog)
  kInvalid,           // spam or test, closed without work
};
constexpr std::array<Flow, 10> kFlows = {
    Flow::kStandard,         Flow::kNeedsInfo, Flow::kQuick,       Flow::kEscalated,
    Flow::kEscalatedWaiting, Flow::kReopened,  Flow::kTransferred, Flow::kAbandoned,
    Flow::kStalled,          Flow::kInvalid};
constexpr std::array<double, 10> kFlowWeights = {38, 20, 12, 4, 0.6, 6, 6, 4, 2, 3};

enum class Step {
  kCreateCustomer,
  kCreateTicket,
  kFirstReply,
  kAskCustomer,
  kStartWork,
  kNote,
  kCustomerAnswer,
  kCustomerThanks,
  kFollowUp,
  kEscalate,
  kLeadTakesOver,
  kTransfer,
  kResolve,
  kResolveNoReply,
  kCustomerReopens,
  kAgentClose,
  kAutoClose,
  kCloseInvalid,
  kMerge,
  kLink,
};

const char* StepName(Step step) {
  switch (step) {
    case Step::kCreateCustomer:
      return "create customer";
    case Step::kCreateTicket:
      return "create ticket";
    case Step::kFirstReply:
      return "first reply";
    case Step::kAskCustomer:
      return "ask the customer";
    case Step::kStartWork:
      return "start work";
    case Step::kNote:
      return "internal note";
    case Step::kCustomerAnswer:
      return "customer answer";
    case Step::kCustomerThanks:
      return "customer thanks";
    case Step::kFollowUp:
      return "follow-up";
    case Step::kEscalate:
      return "escalate";
    case Step::kLeadTakesOver:
      return "lead takes over";
    case Step::kTransfer:
      return "transfer";
    case Step::kResolve:
      return "resolve";
    case Step::kResolveNoReply:
      return "resolve without reply";
    case Step::kCustomerReopens:
      return "customer reopens";
    case Step::kAgentClose:
      return "agent closes";
    case Step::kAutoClose:
      return "auto-close";
    case Step::kCloseInvalid:
      return "close invalid";
    case Step::kMerge:
      return "merge";
    case Step::kLink:
      return "link";
  }
  return "step";
}

struct Action {
  TimeMs at = 0;
  std::int64_t seq = 0;  // plan order breaks ties
  Step step = Step::kCreateTicket;
  int index = 0;  // customer or ticket plan
};

struct CustomerPlan {
  service::CustomerInput input;
  TimeMs created_at = 0;
  double activity = 1;  // relative share of tickets
  bool english = false;
  std::string salutation_zh, salutation_en;
  Id id = 0;
};

struct TicketPlan {
  int customer = 0;
  int category = -1;  // -1: no category (spam)
  Flow flow = Flow::kStandard;
  bool english = false;
  Channel channel = Channel::kWeb;
  Priority priority = Priority::kNormal;
  TimeMs created_at = 0;
  std::string subject, description;
  std::map<std::string, std::string> vars;  // fixed placeholders of this ticket
  int duplicate_of = -1;                    // plan index of the original (after sorting)
  int link_to = -1;                         // plan index of an earlier ticket of the same customer
  int key = 0;                              // stable id across the sort
  int duplicate_of_key = -1;
  int resolutions = 0;
  domain::Ticket current;  // the ticket as last returned by the services
  bool created = false;
};

// Replaces {name} placeholders using `lookup`; unknown names are left as they are.
template <class Lookup>
std::string Fill(std::string_view text, const Lookup& lookup) {
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    std::string key(text.substr(open + 1, close - open - 1));
    if (auto value = lookup(key)) {
      out += *value;
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

// ---------------------------------------------------------------- the seeder

class DemoSeeder {
 public:
  DemoSeeder(KefuApp& app, const DemoSeedOptions& options, TimeMs now)
      : app_(app),
        options_(options),
        now_(now),
        dice_(options.random_seed),
        clock_(now - static_cast<TimeMs>(options.history_days + kOrgAgeDays) * kDay),
        ctx_{app.store(), app.bus(), clock_, app.context().settings},
        org_(ctx_),
        customers_(ctx_),
        tickets_(ctx_, customers_) {}

  Result<DemoSeedResult> Run();

 private:
  struct Agent {
    domain::User user;
    domain::Principal principal;
    Dept department = kPresales;
    bool lead = false;
    bool english = false;
  };

  Status CreateOrganisation();
  Status CreateStaff();
  Status CreateAgent(const AgentSpec& spec, const std::string& password);
  void PlanCustomers();
  void PlanTickets();
  void PlanTicketText(TicketPlan& t);
  void PlanSteps(int index, std::vector<Action>& actions);
  Status Perform(const Action& action);

  Status CreateCustomer(CustomerPlan& c);
  Status CreateTicket(TicketPlan& t);
  // Makes sure the ticket has an assignee (triage by the lead or a self-assignment) and
  // returns that agent.
  Result<const Agent*> EnsureAssignee(TicketPlan& t);
  Status Reply(TicketPlan& t, const Agent& agent, domain::MessageKind kind, std::string body);
  Status CustomerSays(TicketPlan& t, std::string body);
  Status SetStatus(TicketPlan& t, const domain::Principal& actor, TicketStatus status,
                   const service::RequestMeta& meta);
  Status Merge(TicketPlan& t);
  Status Link(TicketPlan& t);

  std::string Text(const TicketPlan& t, const CommonText& text, const Agent* agent);
  std::string Text(const TicketPlan& t, std::span<const char* const> options, const Agent* agent);
  std::string ExpandFor(const TicketPlan& t, std::string_view text, const Agent* agent,
                        const std::string& target = "");
  const Agent& LeadOf(Dept department) const;
  Dept DepartmentOf(const domain::Ticket& ticket) const;
  const Agent* AgentById(Id id) const;
  service::RequestMeta MetaOf(const Agent& agent) const;
  void Advance(TimeMs min, TimeMs max) { clock_.Advance(dice_.Int(min, max)); }

  KefuApp& app_;
  DemoSeedOptions options_;
  TimeMs now_;
  Dice dice_;
  ManualClock clock_;
  service::ServiceContext ctx_;
  service::OrgService org_;
  service::CustomerService customers_;
  service::TicketService tickets_;
  const domain::Principal system_ = service::OrgService::SystemPrincipal();
  const service::RequestMeta system_meta_{"127.0.0.1", "kefu seed-demo"};

  std::array<Id, kDeptCount> department_ids_{};
  std::vector<Id> category_ids_;  // parallel to Categories()
  std::vector<Agent> agents_;
  std::string admin_password_;
  std::vector<CustomerPlan> customer_plans_;
  std::vector<TicketPlan> ticket_plans_;
};

Result<DemoSeedResult> DemoSeeder::Run() {
  auto started = std::chrono::steady_clock::now();
  spdlog::info("seeding demo data: {} agents, {} customers, {} tickets over {} days (seed {})",
               options_.agents, options_.customers, options_.tickets, options_.history_days,
               options_.random_seed);
  KEFU_RETURN_IF_ERROR(CreateOrganisation());
  KEFU_RETURN_IF_ERROR(CreateStaff());
  PlanCustomers();
  PlanTickets();

  std::vector<Action> actions;
  std::int64_t seq = 0;
  for (std::size_t i = 0; i < customer_plans_.size(); ++i) {
    actions.push_back(
        {customer_plans_[i].created_at, seq++, Step::kCreateCustomer, static_cast<int>(i)});
  }
  for (std::size_t i = 0; i < ticket_plans_.size(); ++i) PlanSteps(static_cast<int>(i), actions);
  std::stable_sort(actions.begin(), actions.end(), [](const Action& a, const Action& b) {
    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
  });
  std::size_t performed = 0;
  for (const Action& action : actions) {
    if (action.at > now_) break;  // the future has not happened yet
    clock_.Set(action.at);
    Status st = Perform(action);
    if (!st.ok()) {
      Error e = std::move(st).error();
      e.message = std::string("demo seeding failed (") + StepName(action.step) + "): " + e.message;
      return e;
    }
    ++performed;
  }
  app_.context().access_generation.fetch_add(1);  // staff changed behind the app's back

  DemoSeedResult result;
  result.admin_email = options_.admin_email;
  result.admin_password = admin_password_;
  result.departments = kDeptCount;
  result.agents = static_cast<int>(agents_.size());
  for (const auto& c : customer_plans_) result.customers += c.id != 0 ? 1 : 0;
  std::map<TicketStatus, int> mix;
  int merged = 0;
  for (const auto& t : ticket_plans_) {
    if (!t.created) continue;
    ++result.tickets;
    ++mix[t.current.status];
    merged += t.current.merged_into_id ? 1 : 0;
  }
  std::string mix_text;
  for (const auto& [status, n] : mix) {
    mix_text += fmt::format("{}{} {}", mix_text.empty() ? "" : ", ", domain::ToString(status), n);
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("demo data ready in {:.1f} s: {} actions; tickets by status: {} ({} merged)",
               seconds, performed, mix_text, merged);
  spdlog::info("demo agents (e.g. {}@kefu.local) sign in with the admin password",
               AgentSpecs().front().email_local);
  return result;
}

Status DemoSeeder::CreateOrganisation() {
  for (int d = 0; d < kDeptCount; ++d) {
    domain::Department department;
    department.name = kDepartments[d].name;
    department.description = kDepartments[d].description;
    department.assignment_policy = kDepartments[d].policy;
    KEFU_ASSIGN_OR_RETURN(auto created, org_.CreateDepartment(system_, department, system_meta_));
    department_ids_[d] = created.id;
  }
  // The tree: one top-level category per department, the topics below it.
  std::array<Id, kDeptCount> roots{};
  for (int d = 0; d < kDeptCount; ++d) {
    domain::Category root;
    root.name = kDepartments[d].name;
    root.default_department_id = department_ids_[d];
    KEFU_ASSIGN_OR_RETURN(auto created, org_.CreateCategory(system_, root, system_meta_));
    roots[d] = created.id;
  }
  for (const auto& spec : Categories()) {
    domain::Category category;
    category.parent_id = roots[spec.department];
    category.name = spec.name;
    category.default_department_id = department_ids_[spec.department];
    category.default_priority = spec.priority;
    category.required_skills = spec.skills;
    KEFU_ASSIGN_OR_RETURN(auto created, org_.CreateCategory(system_, category, system_meta_));
    category_ids_.push_back(created.id);
  }
  domain::CustomFieldDef order_no;
  order_no.entity = domain::CustomFieldEntity::kTicket;
  order_no.key = "order_no";
  order_no.label = "订单号 / Order number";
  order_no.type = domain::CustomFieldType::kText;
  return org_.CreateCustomField(system_, order_no, system_meta_).ok()
             ? OkStatus()
             : Status(Internal("cannot create the order_no custom field"));
}

Status DemoSeeder::CreateStaff() {
  admin_password_ =
      options_.admin_password.empty() ? auth::GeneratePassword() : options_.admin_password;
  // Staff join early in the organisation's life; everyone shares the admin password so
  // the one printed credential opens every demo account.
  TimeMs at = clock_.NowMs();
  bool admin_exists = false;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    admin_exists = tx.users().GetByEmail(options_.admin_email).ok();
    return OkStatus();
  }));
  if (admin_exists) {
    spdlog::warn("{} already exists; its password is left unchanged", options_.admin_email);
  } else {
    service::NewUser admin;
    admin.email = options_.admin_email;
    admin.name = "系统管理员";
    admin.role = std::string(domain::kRoleAdmin);
    admin.password = admin_password_;
    admin.languages = {"zh", "en"};
    KEFU_RETURN_IF_ERROR(org_.CreateUser(system_, std::move(admin), system_meta_));
  }
  const auto& specs = AgentSpecs();
  for (int i = 0; i < options_.agents; ++i) {
    clock_.Set(at + static_cast<TimeMs>(i + 1) * 2 * kDay + dice_.Int(0, kDay));
    if (static_cast<std::size_t>(i) < specs.size()) {
      KEFU_RETURN_IF_ERROR(CreateAgent(specs[static_cast<std::size_t>(i)], admin_password_));
      continue;
    }
    // More agents than named ones: generated names, the department's usual skills.
    const AgentSpec& model = specs[static_cast<std::size_t>(i) % kDeptCount];
    const Surname& surname = kSurnames[dice_.Index(kSurnames.size())];
    bool male = dice_.Chance(0.5);
    std::string name =
        std::string(surname.zh) + (male ? dice_.Pick(kMaleGiven) : dice_.Pick(kFemaleGiven));
    std::string email = "agent" + TwoDigits(i + 1);
    AgentSpec extra{nullptr, nullptr, model.department, false, model.skills, dice_.Chance(0.2)};
    extra.name = name.c_str();
    extra.email_local = email.c_str();
    KEFU_RETURN_IF_ERROR(CreateAgent(extra, admin_password_));
  }
  return OkStatus();
}

Status DemoSeeder::CreateAgent(const AgentSpec& spec, const std::string& password) {
  service::NewUser input;
  input.email = std::string(spec.email_local) + "@kefu.local";
  input.name = spec.name;
  input.role = std::string(spec.lead ? domain::kRoleSupervisor : domain::kRoleAgent);
  input.password = password;
  input.departments = {{department_ids_[spec.department], spec.lead}};
  input.skills = spec.skills;
  input.languages =
      spec.speaks_english ? std::vector<std::string>{"zh", "en"} : std::vector<std::string>{"zh"};
  input.max_concurrent_chats = spec.lead ? 3 : 6;
  KEFU_ASSIGN_OR_RETURN(auto created, org_.CreateUser(system_, std::move(input), system_meta_));
  clock_.Advance(kMinute);
  service::UserPatch online;
  online.presence = domain::Presence::kOnline;
  KEFU_ASSIGN_OR_RETURN(domain::User user,
                        org_.UpdateUser(system_, created.user.id, std::move(online), system_meta_));
  Agent agent;
  KEFU_RETURN_IF_ERROR(ctx_.store.Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(domain::Role role, tx.org().GetRole(user.role));
    agent.principal = domain::MakePrincipal(user, role);
    return OkStatus();
  }));
  agent.user = std::move(user);
  agent.department = spec.department;
  agent.lead = spec.lead;
  agent.english = spec.speaks_english;
  agents_.push_back(std::move(agent));
  return OkStatus();
}

void DemoSeeder::PlanCustomers() {
  std::set<std::string> phones, emails;
  TimeMs window_start = now_ - static_cast<TimeMs>(options_.history_days) * kDay;
  std::vector<double> surname_weights, region_weights;
  for (const auto& s : kSurnames) surname_weights.push_back(s.weight);
  for (const auto& r : kRegions) region_weights.push_back(r.weight);
  for (int i = 0; i < options_.customers; ++i) {
    CustomerPlan c;
    service::CustomerInput& in = c.input;
    const Surname& surname = kSurnames[dice_.Weighted(surname_weights)];
    double g = dice_.Real();
    domain::Gender gender = g < 0.47   ? domain::Gender::kMale
                            : g < 0.94 ? domain::Gender::kFemale
                                       : domain::Gender::kUnknown;
    bool male = gender == domain::Gender::kMale ||
                (gender == domain::Gender::kUnknown && dice_.Chance(0.5));
    c.english = dice_.Chance(kEnglishSpeakingCustomers);
    if (c.english && dice_.Chance(0.5)) {
      std::string given = male ? dice_.Pick(kEnglishMale) : dice_.Pick(kEnglishFemale);
      in.name = given + " " + surname.pinyin;
      c.salutation_zh = c.salutation_en = given;
    } else {
      in.name =
          std::string(surname.zh) + (male ? dice_.Pick(kMaleGiven) : dice_.Pick(kFemaleGiven));
      bool known = gender != domain::Gender::kUnknown;
      c.salutation_zh = known ? std::string(surname.zh) + (male ? "先生" : "女士") : *in.name;
      c.salutation_en = known ? std::string(male ? "Mr. " : "Ms. ") + surname.pinyin : *in.name;
    }
    in.gender = gender;
    if (dice_.Chance(0.85)) {
      int year = static_cast<int>(dice_.Int(1962, 2005));
      int month = static_cast<int>(dice_.Int(1, 12));
      int day = static_cast<int>(dice_.Int(1, 28));
      in.birthday = std::optional<std::string>(std::to_string(year) + "-" + TwoDigits(month) + "-" +
                                               TwoDigits(day));
    }
    if (dice_.Chance(0.96)) {
      const Region& region = kRegions[dice_.Weighted(region_weights)];
      in.province = region.province;
      in.city = region.city;
    }
    std::vector<std::string> contact_phones;
    for (int n = dice_.Chance(0.08) ? 2 : 1; n > 0;) {
      std::string digits = std::to_string(kMobilePrefixes[dice_.Index(kMobilePrefixes.size())]);
      for (int d = 0; d < 8; ++d) digits += static_cast<char>('0' + dice_.Int(0, 9));
      auto normalized = domain::NormalizePhone(digits);
      if (!normalized.ok() || !phones.insert(*normalized).second) continue;
      // People type numbers in all sorts of ways; the service normalizes them.
      double style = dice_.Real();
      if (style < 0.2) {
        digits = digits.substr(0, 3) + " " + digits.substr(3, 4) + " " + digits.substr(7);
      } else if (style < 0.35) {
        digits = "+86 " + digits.substr(0, 3) + "-" + digits.substr(3, 4) + "-" + digits.substr(7);
      }
      contact_phones.push_back(digits);
      --n;
    }
    in.phones = std::move(contact_phones);
    if (dice_.Chance(c.english ? 0.9 : 0.4)) {
      const std::string domain_name = dice_.Pick(kEmailDomains);
      std::string local;
      if (domain_name == "qq.com") {
        local = std::to_string(dice_.Int(10'000'000, 2'999'999'999));
      } else {
        std::string pinyin = surname.pinyin;
        std::transform(pinyin.begin(), pinyin.end(), pinyin.begin(),
                       [](char ch) { return static_cast<char>(std::tolower(ch)); });
        local = std::move(pinyin);
        local += dice_.Chance(0.5) ? "." : "_";
        local += std::to_string(dice_.Int(1, 9999));
      }
      std::string email = local;
      email += "@";
      email += domain_name;
      if (emails.insert(email).second) in.emails = std::vector<std::string>{email};
    }
    int level = static_cast<int>(dice_.Weighted(kMembershipWeights));
    in.membership_level = level;
    std::vector<std::string> interests;
    for (int n = static_cast<int>(dice_.Int(0, 3)); n > 0; --n) {
      std::string interest = dice_.Pick(kInterests);
      if (std::find(interests.begin(), interests.end(), interest) == interests.end()) {
        interests.push_back(interest);
      }
    }
    in.interests = std::move(interests);
    in.source_channel = kChannels[dice_.Weighted(kSourceChannelWeights)];

    bool joins_in_window = dice_.Chance(kCustomersJoiningInWindow);
    c.created_at = joins_in_window
                       ? dice_.Int(window_start, now_ - kDay)
                       : dice_.Int(window_start - kCustomerHistoryDays * kDay, window_start - kDay);
    std::vector<std::string> tags;
    if (level >= 4) tags.push_back("VIP");
    if (!joins_in_window && now_ - c.created_at > 180 * kDay && dice_.Chance(0.6)) {
      tags.push_back("老客户");
    }
    if (joins_in_window) tags.push_back("新客户");
    if (dice_.Chance(0.07)) tags.push_back("投诉倾向");
    if (dice_.Chance(0.10)) tags.push_back("价格敏感");
    if (dice_.Chance(0.05)) tags.push_back("企业客户");
    in.tags = std::move(tags);
    if (dice_.Chance(0.08)) in.notes = std::string(dice_.Pick(kMemberNotes));
    // A few customers write often; most write once or twice.
    c.activity = dice_.LogNormal(0.9) * (level >= 3 ? 1.5 : 1.0);
    customer_plans_.push_back(std::move(c));
  }
  std::sort(
      customer_plans_.begin(), customer_plans_.end(),
      [](const CustomerPlan& a, const CustomerPlan& b) { return a.created_at < b.created_at; });
}

void DemoSeeder::PlanTickets() {
  if (options_.tickets == 0 || customer_plans_.empty()) return;
  // Creation times: weighted (day, hour) slots over the window, weekends quieter, a slow
  // growth towards today, never in the last few minutes.
  TimeMs today = ChinaMidnight(now_);
  std::vector<double> slot_weights;
  std::vector<TimeMs> slot_starts;
  for (int d = 0; d < options_.history_days; ++d) {
    TimeMs day = today - static_cast<TimeMs>(d) * kDay;
    double day_weight = (ChinaWeekday(day) == 0 || ChinaWeekday(day) == 6) ? kWeekendWeight : 1.0;
    day_weight *= 1.0 + 0.3 * (1.0 - static_cast<double>(d) / options_.history_days);
    for (int h = 0; h < 24; ++h) {
      TimeMs start = day + h * kHour;
      if (start + kHour > now_ - kNewestTicketAge) continue;
      slot_starts.push_back(start);
      slot_weights.push_back(day_weight * kHourWeights[static_cast<std::size_t>(h)]);
    }
  }
  std::vector<double> category_weights, flow_weights(kFlowWeights.begin(), kFlowWeights.end());
  for (const auto& c : Categories()) category_weights.push_back(c.weight);
  int duplicates = static_cast<int>(std::lround(options_.tickets * kDuplicateTickets));
  int originals = options_.tickets - duplicates;
  if (originals < 1) {
    originals = options_.tickets;
    duplicates = 0;
  }
  std::vector<TimeMs> customer_times;
  for (const auto& c : customer_plans_) customer_times.push_back(c.created_at);

  auto pick_customer = [&](TimeMs at) {
    // Customers who joined at least an hour earlier, weighted by how much they write.
    auto eligible = static_cast<std::size_t>(
        std::upper_bound(customer_times.begin(), customer_times.end(), at - kHour) -
        customer_times.begin());
    if (eligible == 0) eligible = 1;
    std::vector<double> weights;
    for (std::size_t i = 0; i < eligible; ++i) weights.push_back(customer_plans_[i].activity);
    return static_cast<int>(dice_.Weighted(weights));
  };

  for (int i = 0; i < originals; ++i) {
    TicketPlan t;
    t.key = i;
    std::size_t slot = dice_.Weighted(slot_weights);
    t.created_at = slot_starts[slot] + dice_.Int(0, kHour - kSecond);
    t.customer = pick_customer(t.created_at);
    const CustomerPlan& customer = customer_plans_[static_cast<std::size_t>(t.customer)];
    t.flow = kFlows[dice_.Weighted(flow_weights)];
    t.english =
        dice_.Chance(customer.english ? kEnglishTicketsOfEnglishSpeakers : kEnglishTicketsOfOthers);
    if (t.flow != Flow::kInvalid) {
      t.category = static_cast<int>(dice_.Weighted(category_weights));
      if (t.flow == Flow::kTransferred &&
          Categories()[static_cast<std::size_t>(t.category)].transfer_to < 0) {
        t.flow = Flow::kStandard;
      }
    }
    t.channel =
        kChannels[dice_.Weighted(t.english ? kEnglishTicketChannelWeights : kTicketChannelWeights)];
    PlanTicketText(t);
    ticket_plans_.push_back(std::move(t));
  }
  // Duplicates: the same customer submits the same problem again shortly after.
  constexpr int kAttemptsPerDuplicate = 20;
  int made = 0;
  for (int attempt = 0; made < duplicates && attempt < duplicates * kAttemptsPerDuplicate;
       ++attempt) {
    const TicketPlan& original = ticket_plans_[dice_.Index(static_cast<std::size_t>(originals))];
    if (original.flow == Flow::kInvalid || original.flow == Flow::kQuick ||
        original.created_at + kHour > now_ - kNewestTicketAge) {
      continue;
    }
    TicketPlan t = original;
    t.key = originals + made++;
    t.duplicate_of_key = original.key;
    t.created_at = original.created_at + dice_.Int(5 * kMinute, 50 * kMinute);
    t.flow = Flow::kStandard;
    t.description = (t.english ? "Sending this again as I haven't heard back.\n\n"
                               : "刚才提交过一次，没有收到回复，再发一次。\n\n") +
                    original.description;
    ticket_plans_.push_back(std::move(t));
  }
  std::stable_sort(
      ticket_plans_.begin(), ticket_plans_.end(),
      [](const TicketPlan& a, const TicketPlan& b) { return a.created_at < b.created_at; });
  std::map<int, int> index_of_key;
  std::map<int, std::vector<int>> earlier_of_customer;
  for (std::size_t i = 0; i < ticket_plans_.size(); ++i) {
    TicketPlan& t = ticket_plans_[i];
    index_of_key[t.key] = static_cast<int>(i);
    if (t.duplicate_of_key >= 0) {
      t.duplicate_of = index_of_key.at(t.duplicate_of_key);
      continue;
    }
    auto& earlier = earlier_of_customer[t.customer];
    if (!earlier.empty() && t.flow != Flow::kInvalid && dice_.Chance(kLinkedTickets)) {
      t.link_to = earlier[dice_.Index(earlier.size())];
    }
    if (t.flow != Flow::kInvalid) earlier.push_back(static_cast<int>(i));
  }
}

void DemoSeeder::PlanTicketText(TicketPlan& t) {
  const CustomerPlan& customer = customer_plans_[static_cast<std::size_t>(t.customer)];
  TimeMs purchase = t.created_at - dice_.Int(kHour, 10 * kDay);
  std::string order = "DD";
  LocalDate d = ChinaDate(purchase);
  order += std::to_string(d.year) + TwoDigits(d.month) + TwoDigits(d.day);
  for (int i = 0; i < 6; ++i) order += static_cast<char>('0' + dice_.Int(0, 9));
  std::size_t plan = dice_.Index(kPlansZh.size());
  std::size_t device = dice_.Index(kDevicesZh.size());
  std::size_t company = dice_.Index(kCompaniesZh.size());
  t.vars = {{"order", order},
            {"amount", dice_.Pick(kAmounts)},
            {"date", t.english ? FormatDateEn(purchase) : FormatDateZh(purchase)},
            {"plan", t.english ? kPlansEn[plan] : kPlansZh[plan]},
            {"device", t.english ? kDevicesEn[device] : kDevicesZh[device]},
            {"company", t.english ? kCompaniesEn[company] : kCompaniesZh[company]},
            {"customer", t.english ? customer.salutation_en : customer.salutation_zh}};
  if (t.category < 0) {
    t.subject = dice_.Pick(kInvalidSubjects);
    t.description = dice_.Chance(0.5) ? "" : t.subject;
    t.priority = Priority::kLow;
    if (t.channel == Channel::kPhone) t.channel = Channel::kWeb;
    return;
  }
  const CategorySpec& spec = Categories()[static_cast<std::size_t>(t.category)];
  const TopicText& text = spec.text;
  t.subject = ExpandFor(t, t.english ? dice_.Pick(text.subjects_en) : dice_.Pick(text.subjects_zh),
                        nullptr);
  t.description =
      ExpandFor(t, t.english ? dice_.Pick(text.details_en) : dice_.Pick(text.details_zh), nullptr);
  int priority = static_cast<int>(spec.priority);
  double bump = dice_.Real();
  if (bump < 0.12) {
    ++priority;
  } else if (bump < 0.22) {
    --priority;
  }
  if (customer.input.membership_level.value_or(0) >= 4 && dice_.Chance(0.3)) ++priority;
  t.priority = static_cast<Priority>(std::clamp(priority, 0, static_cast<int>(Priority::kUrgent)));
}

void DemoSeeder::PlanSteps(int index, std::vector<Action>& actions) {
  TicketPlan& t = ticket_plans_[static_cast<std::size_t>(index)];
  TimeMs last = t.created_at;
  auto add = [&](Step step, TimeMs at) {
    last = std::max(at, last + kMinute);
    actions.push_back({last, static_cast<std::int64_t>(actions.size()), step, index});
  };
  auto work = [&](TimeMs delay) { return IntoWorkingHours(last + delay, dice_); };
  auto close_after = [&]() {
    if (dice_.Chance(0.35)) {
      add(Step::kAgentClose, work(dice_.Delay(6 * kHour)));
    } else {
      add(Step::kAutoClose, last + kAutoCloseAfter + dice_.Int(0, 2 * kHour));
    }
  };
  add(Step::kCreateTicket, t.created_at);
  if (t.duplicate_of >= 0) {
    add(Step::kMerge, work(dice_.Delay(40 * kMinute, 0.6)));
    return;
  }
  if (t.flow == Flow::kInvalid) {
    add(Step::kCloseInvalid, work(dice_.Delay(2 * kHour)));
    return;
  }
  static constexpr std::array<TimeMs, 4> kFirstResponseMedian = {5 * kHour, 2 * kHour, 40 * kMinute,
                                                                 10 * kMinute};
  TimeMs first = dice_.Delay(kFirstResponseMedian[static_cast<std::size_t>(t.priority)]);
  if (dice_.Chance(kBusyQueueShare)) first *= kBusyQueueSlowdown;  // a busy day: the queue waits
  if (t.category >= 0 &&
      Categories()[static_cast<std::size_t>(t.category)].department == kFinance) {
    first *= kManualQueueSlowdown;  // two people triaging by hand
  }
  bool asks = t.flow == Flow::kNeedsInfo || t.flow == Flow::kAbandoned;
  if (t.flow == Flow::kQuick) {
    add(Step::kResolve, work(first));
    close_after();
    return;
  }
  add(asks ? Step::kAskCustomer : Step::kFirstReply, work(first));
  if (t.link_to >= 0) add(Step::kLink, last + dice_.Int(kMinute, 10 * kMinute));
  switch (t.flow) {
    case Flow::kNeedsInfo:
      add(Step::kCustomerAnswer, last + dice_.Delay(4 * kHour, 1.0));
      add(Step::kStartWork, work(dice_.Delay(40 * kMinute)));
      if (dice_.Chance(0.5)) add(Step::kNote, last + dice_.Delay(30 * kMinute));
      add(Step::kResolve, work(dice_.Delay(5 * kHour)));
      close_after();
      return;
    case Flow::kAbandoned:
      add(Step::kResolveNoReply, work(kNoReplyResolveAfter + dice_.Delay(4 * kHour)));
      add(Step::kAutoClose, last + kAutoCloseAfter + dice_.Int(0, 2 * kHour));
      return;
    case Flow::kEscalated:
    case Flow::kEscalatedWaiting:
      add(Step::kStartWork, work(dice_.Delay(30 * kMinute)));
      add(Step::kEscalate, work(dice_.Delay(6 * kHour)));
      if (t.flow == Flow::kEscalatedWaiting) return;
      add(Step::kLeadTakesOver, work(dice_.Delay(30 * kHour)));
      add(Step::kResolve, work(dice_.Delay(20 * kHour)));
      close_after();
      return;
    case Flow::kReopened:
      add(Step::kStartWork, work(dice_.Delay(30 * kMinute)));
      add(Step::kResolve, work(dice_.Delay(4 * kHour)));
      add(Step::kCustomerReopens, last + dice_.Delay(20 * kHour, 0.5));
      add(Step::kStartWork, work(dice_.Delay(kHour)));
      add(Step::kFollowUp, work(dice_.Delay(2 * kHour)));
      add(Step::kResolve, work(dice_.Delay(6 * kHour)));
      close_after();
      return;
    case Flow::kTransferred:
      add(Step::kTransfer, work(dice_.Delay(2 * kHour)));
      add(Step::kFirstReply, work(dice_.Delay(2 * kHour)));
      add(Step::kStartWork, last + dice_.Delay(20 * kMinute));
      add(Step::kResolve, work(dice_.Delay(8 * kHour)));
      close_after();
      return;
    case Flow::kStalled:
      add(Step::kStartWork, work(dice_.Delay(30 * kMinute)));
      add(Step::kNote, work(dice_.Delay(3 * kHour)));
      return;
    default:
      break;
  }
  // kStandard
  add(Step::kStartWork, work(dice_.Delay(20 * kMinute)));
  if (dice_.Chance(0.5)) add(Step::kNote, last + dice_.Delay(kHour));
  if (dice_.Chance(0.35)) {
    add(Step::kCustomerAnswer, last + dice_.Delay(2 * kHour));
    add(Step::kFollowUp, work(dice_.Delay(kHour)));
    if (dice_.Chance(0.5)) add(Step::kCustomerThanks, last + dice_.Delay(30 * kMinute));
  }
  add(Step::kResolve, work(dice_.Delay(4 * kHour)));
  close_after();
}

Status DemoSeeder::Perform(const Action& action) {
  if (action.step == Step::kCreateCustomer) {
    return CreateCustomer(customer_plans_[static_cast<std::size_t>(action.index)]);
  }
  TicketPlan& t = ticket_plans_[static_cast<std::size_t>(action.index)];
  if (action.step == Step::kCreateTicket) return CreateTicket(t);
  if (!t.created || t.current.merged_into_id) return OkStatus();
  const CategorySpec* spec =
      t.category >= 0 ? &Categories()[static_cast<std::size_t>(t.category)] : nullptr;
  bool needs_topic = action.step == Step::kAskCustomer || action.step == Step::kTransfer ||
                     action.step == Step::kResolve;
  if (needs_topic && spec == nullptr) return OkStatus();  // never planned for spam
  switch (action.step) {
    case Step::kFirstReply: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      Advance(kMinute, 5 * kMinute);
      return Reply(t, *agent, domain::MessageKind::kPublicReply, Text(t, kFirstReplies, agent));
    }
    case Step::kAskCustomer: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      Advance(kMinute, 5 * kMinute);
      std::string question =
          Text(t, t.english ? spec->text.questions_en : spec->text.questions_zh, agent);
      KEFU_RETURN_IF_ERROR(Reply(t, *agent, domain::MessageKind::kPublicReply,
                                 Text(t, kFirstReplies, agent) + "\n\n" + question));
      return SetStatus(t, agent->principal, TicketStatus::kPending, MetaOf(*agent));
    }
    case Step::kStartWork: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      return SetStatus(t, agent->principal, TicketStatus::kInProgress, MetaOf(*agent));
    }
    case Step::kNote: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      std::span<const char* const> notes = kWorkNotes;
      if (spec && dice_.Chance(0.6)) notes = spec->text.notes;
      return Reply(t, *agent, domain::MessageKind::kInternalNote, Text(t, notes, agent));
    }
    case Step::kCustomerAnswer:
      return CustomerSays(t, Text(t, kCustomerAnswers, nullptr));
    case Step::kCustomerThanks:
      return CustomerSays(t, Text(t, kCustomerThanks, nullptr));
    case Step::kCustomerReopens:
      return CustomerSays(t, Text(t, kCustomerReopens, nullptr));
    case Step::kFollowUp: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      return Reply(t, *agent, domain::MessageKind::kPublicReply, Text(t, kFollowUps, agent));
    }
    case Step::kEscalate: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      KEFU_RETURN_IF_ERROR(
          Reply(t, *agent, domain::MessageKind::kInternalNote, Text(t, kEscalationNotes, agent)));
      Advance(kSecond * 20, kMinute);
      KEFU_RETURN_IF_ERROR(
          Reply(t, *agent, domain::MessageKind::kPublicReply, Text(t, kEscalationReplies, agent)));
      return SetStatus(t, agent->principal, TicketStatus::kEscalated, MetaOf(*agent));
    }
    case Step::kLeadTakesOver: {
      const Agent& lead = LeadOf(DepartmentOf(t.current));
      service::TicketPatch patch;
      patch.assignee_id = std::optional<Id>(lead.user.id);
      if (domain::IsTransitionAllowed(t.current.status, TicketStatus::kInProgress)) {
        patch.status = TicketStatus::kInProgress;
      }
      KEFU_ASSIGN_OR_RETURN(
          t.current, tickets_.Update(lead.principal, t.current.id, std::move(patch), std::nullopt,
                                     MetaOf(lead)));
      Advance(kMinute, 3 * kMinute);
      return Reply(t, lead, domain::MessageKind::kInternalNote, Text(t, kTakeOverNotes, &lead));
    }
    case Step::kTransfer: {
      if (t.current.status == TicketStatus::kClosed) return OkStatus();
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      auto target = static_cast<std::size_t>(spec->transfer_to);
      std::string target_name =
          t.english ? kDepartments[target].name_en : kDepartments[target].name;
      KEFU_RETURN_IF_ERROR(
          Reply(t, *agent, domain::MessageKind::kPublicReply,
                ExpandFor(t, t.english ? kTransferReplies.en.front() : kTransferReplies.zh.front(),
                          agent, target_name)));
      Advance(kSecond * 20, kMinute);
      KEFU_ASSIGN_OR_RETURN(
          t.current, tickets_.Transfer(agent->principal, t.current.id, department_ids_[target],
                                       kDepartments[target].transfer_reason, MetaOf(*agent)));
      return OkStatus();
    }
    case Step::kResolve:
    case Step::kResolveNoReply: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      std::string body;
      if (action.step == Step::kResolveNoReply) {
        body = Text(t, kNoReplyResolutions, agent);
      } else if (t.resolutions > 0) {
        body = Text(t, kSecondResolutions, agent) + Text(t, kResolutionSuffixes, agent);
      } else {
        body = Text(t, t.english ? spec->text.answers_en : spec->text.answers_zh, agent) +
               Text(t, kResolutionSuffixes, agent);
      }
      if (!t.current.first_response_at) body = Text(t, kFirstReplies, agent) + "\n\n" + body;
      ++t.resolutions;
      KEFU_RETURN_IF_ERROR(Reply(t, *agent, domain::MessageKind::kPublicReply, std::move(body)));
      Advance(kSecond * 10, kMinute);
      return SetStatus(t, agent->principal, TicketStatus::kResolved, MetaOf(*agent));
    }
    case Step::kAgentClose: {
      if (t.current.status != TicketStatus::kResolved) return OkStatus();
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      KEFU_RETURN_IF_ERROR(
          Reply(t, *agent, domain::MessageKind::kInternalNote, Text(t, kPhoneCloseNotes, agent)));
      return SetStatus(t, agent->principal, TicketStatus::kClosed, MetaOf(*agent));
    }
    case Step::kAutoClose:
      // The auto-close job: resolved tickets the customer did not reopen.
      if (t.current.status != TicketStatus::kResolved) return OkStatus();
      return SetStatus(t, system_, TicketStatus::kClosed, {"", "kefu auto-close"});
    case Step::kCloseInvalid: {
      KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
      KEFU_RETURN_IF_ERROR(
          Reply(t, *agent, domain::MessageKind::kInternalNote, Text(t, kInvalidNotes, agent)));
      service::TicketPatch tag;
      tag.add_tags = {"无效工单"};
      KEFU_ASSIGN_OR_RETURN(
          t.current, tickets_.Update(agent->principal, t.current.id, std::move(tag), std::nullopt,
                                     MetaOf(*agent)));
      if (t.current.status != TicketStatus::kNew) {
        KEFU_RETURN_IF_ERROR(
            SetStatus(t, agent->principal, TicketStatus::kResolved, MetaOf(*agent)));
      }
      return SetStatus(t, agent->principal, TicketStatus::kClosed, MetaOf(*agent));
    }
    case Step::kMerge:
      return Merge(t);
    case Step::kLink:
      return Link(t);
    case Step::kCreateCustomer:
    case Step::kCreateTicket:
      break;
  }
  return OkStatus();
}

Status DemoSeeder::CreateCustomer(CustomerPlan& c) {
  KEFU_ASSIGN_OR_RETURN(domain::Customer created,
                        customers_.Create(system_, c.input, {"", "kefu seed-demo"}));
  c.id = created.id;
  return OkStatus();
}

Status DemoSeeder::CreateTicket(TicketPlan& t) {
  const CustomerPlan& customer = customer_plans_[static_cast<std::size_t>(t.customer)];
  service::NewTicket input;
  input.subject = t.subject;
  input.description = t.description;
  input.requester_id = customer.id;
  input.channel = t.channel;
  input.priority = t.priority;
  domain::Principal creator = system_;
  service::RequestMeta meta{
      "", std::string("kefu channel ") + std::string(domain::ToString(t.channel))};
  if (t.category >= 0) {
    const CategorySpec& spec = Categories()[static_cast<std::size_t>(t.category)];
    input.category_id = category_ids_[static_cast<std::size_t>(t.category)];
    if (spec.tag[0] != '\0') input.tags.push_back(spec.tag);
    if (spec.has_order) input.custom_fields["order_no"] = t.vars.at("order");
    if (t.channel == Channel::kPhone) {
      // A phone call: the agent who answered writes the ticket and keeps it.
      std::vector<const Agent*> staff;
      for (const auto& a : agents_) {
        if (a.department == spec.department && !a.lead) staff.push_back(&a);
      }
      if (!staff.empty()) {
        const Agent* agent = staff[dice_.Index(staff.size())];
        creator = agent->principal;
        meta = MetaOf(*agent);
        input.assignee_id = agent->user.id;
      }
    }
  }
  if (t.english) input.tags.push_back("English");
  const auto customer_tags = customer.input.tags.value_or(std::vector<std::string>{});
  if (std::find(customer_tags.begin(), customer_tags.end(), "VIP") != customer_tags.end()) {
    input.tags.push_back("VIP");
  }
  if (t.priority == Priority::kUrgent) input.due_at = t.created_at + 4 * kHour;
  if (t.priority == Priority::kHigh) input.due_at = t.created_at + kDay;
  if (t.duplicate_of >= 0) input.tags.push_back("重复提交");
  KEFU_ASSIGN_OR_RETURN(t.current, tickets_.Create(creator, std::move(input), meta));
  t.created = true;
  return OkStatus();
}

Result<const DemoSeeder::Agent*> DemoSeeder::EnsureAssignee(TicketPlan& t) {
  if (t.current.assignee_id) {
    if (const Agent* agent = AgentById(*t.current.assignee_id)) return agent;
  }
  // Triage: the department lead hands the ticket to someone, or an agent takes it from
  // the queue. Tickets without a department are the pre-sales team's shared queue.
  Dept department = DepartmentOf(t.current);
  std::vector<const Agent*> members;
  for (const auto& a : agents_) {
    if (a.department == department && (!t.english || a.english)) members.push_back(&a);
  }
  if (members.empty()) {
    for (const auto& a : agents_) {
      if (a.department == department) members.push_back(&a);
    }
  }
  std::vector<const Agent*> staff;
  for (const Agent* a : members) {
    if (!a->lead) staff.push_back(a);
  }
  const Agent* chosen = !staff.empty() && dice_.Chance(0.8) ? staff[dice_.Index(staff.size())]
                                                            : members[dice_.Index(members.size())];
  const Agent& lead = LeadOf(department);
  bool by_lead = t.current.department_id && dice_.Chance(0.5);
  const Agent& actor = by_lead ? lead : *chosen;
  service::TicketPatch patch;
  patch.assignee_id = std::optional<Id>(chosen->user.id);
  KEFU_ASSIGN_OR_RETURN(t.current, tickets_.Update(actor.principal, t.current.id, std::move(patch),
                                                   std::nullopt, MetaOf(actor)));
  Advance(kMinute, 4 * kMinute);
  return chosen;
}

Status DemoSeeder::Reply(TicketPlan& t, const Agent& agent, domain::MessageKind kind,
                         std::string body) {
  service::NewMessage message;
  message.kind = kind;
  message.body = std::move(body);
  KEFU_ASSIGN_OR_RETURN(auto added, tickets_.AddMessage(agent.principal, t.current.id,
                                                        std::move(message), MetaOf(agent)));
  t.current = std::move(added.ticket);
  return OkStatus();
}

Status DemoSeeder::CustomerSays(TicketPlan& t, std::string body) {
  // Customers never write on closed tickets here: that would open a follow-up ticket.
  if (t.current.status == TicketStatus::kClosed) return OkStatus();
  service::NewMessage message;
  message.body = std::move(body);
  message.from_customer = true;
  KEFU_ASSIGN_OR_RETURN(
      auto added,
      tickets_.AddMessage(system_, t.current.id, std::move(message),
                          {"", "kefu channel " + std::string(domain::ToString(t.channel))}));
  t.current = std::move(added.ticket);
  return OkStatus();
}

Status DemoSeeder::SetStatus(TicketPlan& t, const domain::Principal& actor, TicketStatus status,
                             const service::RequestMeta& meta) {
  if (t.current.status == status || !domain::IsTransitionAllowed(t.current.status, status)) {
    return OkStatus();
  }
  service::TicketPatch patch;
  patch.status = status;
  KEFU_ASSIGN_OR_RETURN(t.current,
                        tickets_.Update(actor, t.current.id, std::move(patch), std::nullopt, meta));
  return OkStatus();
}

Status DemoSeeder::Merge(TicketPlan& t) {
  TicketPlan& original = ticket_plans_[static_cast<std::size_t>(t.duplicate_of)];
  if (!original.created) return OkStatus();
  // Refresh: the original may have moved on since we last looked.
  KEFU_ASSIGN_OR_RETURN(original.current, tickets_.Get(system_, original.current.id));
  const Agent& lead = LeadOf(DepartmentOf(original.current));
  if (original.current.status != TicketStatus::kClosed && !original.current.merged_into_id) {
    KEFU_ASSIGN_OR_RETURN(original.current, tickets_.Merge(lead.principal, t.current.id,
                                                           original.current.id, MetaOf(lead)));
    KEFU_ASSIGN_OR_RETURN(t.current, tickets_.Get(system_, t.current.id));
    return OkStatus();
  }
  // Too late to merge: relate the two and close the duplicate.
  KEFU_RETURN_IF_ERROR(tickets_.Link(lead.principal, t.current.id, original.current.id,
                                     domain::LinkType::kRelated, MetaOf(lead)));
  KEFU_RETURN_IF_ERROR(SetStatus(t, lead.principal, TicketStatus::kResolved, MetaOf(lead)));
  return SetStatus(t, lead.principal, TicketStatus::kClosed, MetaOf(lead));
}

Status DemoSeeder::Link(TicketPlan& t) {
  const TicketPlan& earlier = ticket_plans_[static_cast<std::size_t>(t.link_to)];
  if (!earlier.created || earlier.current.id == t.current.id) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(const Agent* agent, EnsureAssignee(t));
  // An agent only links tickets they can see; across departments the lead does it.
  if (!domain::CanViewTicket(agent->principal, earlier.current)) {
    agent = &LeadOf(DepartmentOf(t.current));
  }
  return tickets_.Link(agent->principal, t.current.id, earlier.current.id,
                       domain::LinkType::kRelated, MetaOf(*agent));
}

std::string DemoSeeder::Text(const TicketPlan& t, const CommonText& text, const Agent* agent) {
  return Text(t, t.english ? text.en : text.zh, agent);
}

std::string DemoSeeder::Text(const TicketPlan& t, std::span<const char* const> options,
                             const Agent* agent) {
  return ExpandFor(t, dice_.Pick(options), agent);
}

std::string DemoSeeder::ExpandFor(const TicketPlan& t, std::string_view text, const Agent* agent,
                                  const std::string& target) {
  return Fill(text, [&](const std::string& key) -> std::optional<std::string> {
    if (key == "agent" && agent) return agent->user.name;
    if (key == "dept" && agent) {
      return t.english ? kDepartments[agent->department].name_en
                       : kDepartments[agent->department].name;
    }
    if (key == "target" && !target.empty()) return target;
    auto it = t.vars.find(key);
    if (it != t.vars.end()) return it->second;
    return std::nullopt;
  });
}

const DemoSeeder::Agent& DemoSeeder::LeadOf(Dept department) const {
  for (const auto& a : agents_) {
    if (a.department == department && a.lead) return a;
  }
  for (const auto& a : agents_) {
    if (a.department == department) return a;
  }
  return agents_.front();
}

Dept DemoSeeder::DepartmentOf(const domain::Ticket& ticket) const {
  for (int d = 0; d < kDeptCount; ++d) {
    if (ticket.department_id == department_ids_[d]) return static_cast<Dept>(d);
  }
  return kPresales;  // the shared triage queue is worked by pre-sales
}

const DemoSeeder::Agent* DemoSeeder::AgentById(Id id) const {
  for (const auto& a : agents_) {
    if (a.user.id == id) return &a;
  }
  return nullptr;
}

service::RequestMeta DemoSeeder::MetaOf(const Agent& agent) const {
  return {"10.8." + std::to_string(static_cast<int>(agent.department) + 1) + "." +
              std::to_string(agent.user.id % 200 + 20),
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Kefu-Console"};
}

}  // namespace

Result<DemoSeedResult> SeedDemo(KefuApp& app, const DemoSeedOptions& options) {
  std::vector<FieldError> errors;
  if (options.agents < kMinAgents || options.agents > kMaxAgents) {
    errors.push_back({"agents", "must be from 4 to 60"});
  }
  if (options.customers < 0) errors.push_back({"customers", "must not be negative"});
  if (options.tickets < 0) errors.push_back({"tickets", "must not be negative"});
  if (options.tickets > 0 && options.customers < 1) {
    errors.push_back({"customers", "tickets need at least one customer"});
  }
  if (options.history_days < 1) errors.push_back({"history_days", "must be at least 1"});
  if (!errors.empty()) return InvalidArgument("invalid demo options", errors);

  std::int64_t existing = 0;
  std::string clash;
  KEFU_RETURN_IF_ERROR(app.store().Read([&](storage::Tx& tx) -> Status {
    KEFU_ASSIGN_OR_RETURN(auto counts, tx.tickets().CountByStatus({}));
    for (const auto& [status, n] : counts) existing += n;
    KEFU_ASSIGN_OR_RETURN(auto departments, tx.org().ListDepartments());
    for (const auto& d : departments) {
      for (const auto& spec : kDepartments) {
        if (d.name == spec.name) clash = d.name;
      }
    }
    return OkStatus();
  }));
  if (existing > 0) {
    return Conflict("the database already holds " + std::to_string(existing) +
                    " tickets; seed-demo only fills an empty database");
  }
  if (!clash.empty()) {
    return Conflict("department " + clash +
                    " already exists; seed-demo only fills an empty database");
  }
  DemoSeeder seeder(app, options, SystemClock::Instance().NowMs());
  return seeder.Run();
}

}  // namespace kefu::app
