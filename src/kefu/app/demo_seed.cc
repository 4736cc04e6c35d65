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
#include <cmath>
#include <ctime>
#include <map>
#include <random>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

constexpr TimeMs kSecond = 1000;
constexpr TimeMs kMinute = 60 * kSecond;
constexpr TimeMs kHour = 60 * kMinute;
constexpr TimeMs kDay = 24 * kHour;
constexpr TimeMs kChinaOffset = 8 * kHour;  // Asia/Shanghai, no daylight saving
constexpr int kWorkdayStartHour = 9;
constexpr int kWorkdayEndHour = 21;
constexpr int kDaysPerWeek = 7;
constexpr int kEpochWeekday = 4;  // 1970-01-01 was a Thursday (0 = Sunday)
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

// ---------------------------------------------------------------- randomness

// The one source of randomness: std::mt19937 seeded from the options, so the same seed
// gives the same data (with the same standard library).
class Dice {
 public:
  explicit Dice(std::uint32_t seed) : gen_(seed) {}

  // Uniform in [lo, hi].
  std::int64_t Int(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(gen_);
  }
  double Real() { return std::uniform_real_distribution<double>(0.0, 1.0)(gen_); }
  bool Chance(double p) { return Real() < p; }
  std::size_t Index(std::size_t size) {
    return static_cast<std::size_t>(Int(0, static_cast<std::int64_t>(size) - 1));
  }
  // A uniformly chosen element of a non-empty vector, array or span.
  template <class Range>
  decltype(auto) Pick(const Range& items) {
    return items[Index(std::size(items))];
  }
  std::size_t Weighted(std::span<const double> weights) {
    std::discrete_distribution<std::size_t> d(weights.begin(), weights.end());
    return d(gen_);
  }
  // A log-normal delay around `median` (spread = sigma of the underlying normal),
  // clamped to [median / 8, median * 12] so no single draw dominates a timeline.
  TimeMs Delay(TimeMs median, double spread = 0.8) {
    double factor = std::exp(spread * std::normal_distribution<double>(0.0, 1.0)(gen_));
    factor = std::clamp(factor, 1.0 / 8, 12.0);
    return static_cast<TimeMs>(static_cast<double>(median) * factor);
  }
  double LogNormal(double sigma) { return std::lognormal_distribution<double>(0.0, sigma)(gen_); }

 private:
  std::mt19937 gen_;
};

// ---------------------------------------------------------------- time helpers

struct LocalDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};

LocalDate ChinaDate(TimeMs t) {
  std::time_t seconds = static_cast<std::time_t>((t + kChinaOffset) / kSecond);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

int ChinaHour(TimeMs t) { return static_cast<int>(((t + kChinaOffset) % kDay) / kHour); }

// Midnight (China time) of the day containing `t`, as UTC milliseconds.
TimeMs ChinaMidnight(TimeMs t) { return t - (t + kChinaOffset) % kDay; }

int ChinaWeekday(TimeMs t) {
  return static_cast<int>(((t + kChinaOffset) / kDay + kEpochWeekday) % kDaysPerWeek);
}

std::string FormatDateZh(TimeMs t) {
  LocalDate d = ChinaDate(t);
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string FormatDateEn(TimeMs t) {
  constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  LocalDate d = ChinaDate(t);
  return std::string(kMonths[static_cast<std::size_t>(d.month - 1)]) + " " + std::to_string(d.day);
}

std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Moves `t` into the team's working hours (9:00–21:00 China time): agents answer then.
TimeMs IntoWorkingHours(TimeMs t, Dice& dice) {
  int hour = ChinaHour(t);
  if (hour >= kWorkdayStartHour && hour < kWorkdayEndHour) return t;
  TimeMs midnight = ChinaMidnight(t);
  if (hour >= kWorkdayEndHour) midnight += kDay;
  return midnight + kWorkdayStartHour * kHour + dice.Int(0, 50 * kMinute);
}

// How busy each hour of the day is for new tickets (China time): quiet at night, peaks
// late morning and afternoon, a lunch dip, a long evening tail until 21:00.
constexpr std::array<double, 24> kHourWeights = {0.10, 0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.25,
                                                 0.60, 1.00, 1.25, 1.20, 0.80, 1.00, 1.20, 1.20,
                                                 1.10, 1.00, 0.90, 0.95, 0.85, 0.55, 0.35, 0.20};
constexpr double kWeekendWeight = 0.6;

// ---------------------------------------------------------------- content

enum Dept { kPresales = 0, kMembership = 1, kTech = 2, kFinance = 3, kDeptCount = 4 };

struct DepartmentSpec {
  const char* name;
  const char* name_en;
  const char* description;
  domain::AssignmentPolicy policy;
  const char* transfer_reason;  // why another team hands a ticket over to this one
};

constexpr std::array<DepartmentSpec, kDeptCount> kDepartments = {{
    {"售前咨询", "Pre-sales",
     "产品功能、价格方案与购买前的问题 / Product, pricing and purchase questions",
     domain::AssignmentPolicy::kRoundRobin, "客户有采购意向，转售前咨询跟进报价"},
    {"会员服务", "Membership Services",
     "会员权益、退款申请、账户变更与投诉 / Membership, refunds, account changes and complaints",
     domain::AssignmentPolicy::kLeastLoaded, "涉及会员权益与账户变更，转会员服务处理"},
    {"技术支持", "Technical Support",
     "登录、支付、App 与数据问题 / Login, payment, app and data issues",
     domain::AssignmentPolicy::kSkillMatch, "疑似系统故障，需要技术支持排查日志"},
    {"财务", "Finance", "发票、对账与退款到账 / Invoices, billing and refund settlement",
     domain::AssignmentPolicy::kManual, "涉及退款到账与发票，需要财务核对流水"},
}};

// Texts of one category. Placeholders: {order} {amount} {date} {plan} {device}
// {company} (fixed per ticket), {customer} {agent} {dept} (filled when written).
struct TopicText {
  std::vector<const char*> subjects_zh, subjects_en;
  std::vector<const char*> details_zh, details_en;
  std::vector<const char*> questions_zh, questions_en;  // the agent asks for details
  std::vector<const char*> answers_zh, answers_en;      // the agent's solution
  std::vector<const char*> notes;                       // internal notes (team language)
};

struct CategorySpec {
  Dept department;
  const char* name;
  Priority priority;
  std::vector<std::string> skills;
  double weight;    // share of tickets
  bool has_order;   // sets the order_no custom field
  const char* tag;  // ticket tag, "" for none
  int transfer_to;  // department a ticket may be handed to, -1 for none
  TopicText text;
};

const std::vector<CategorySpec>& Categories() {
  static const std::vector<CategorySpec> categories = {
      {kPresales,
       "产品咨询",
       Priority::kNormal,
       {"产品知识"},
       9,
       false,
       "",
       kTech,
       {{"想了解{plan}和标准版的区别", "{plan}最多支持多少坐席同时在线？", "请问支持私有化部署吗",
         "有没有适合 10 人小团队的方案", "能否预约一次产品演示"},
        {"Difference between {plan} and Standard?", "Do you offer on-premise deployment?",
         "Can we book a product demo?"},
        {"我们公司大概 30 "
         "人，准备采购一套客服系统。请问{plan}包含哪些功能？是否支持微信公众号和邮件接入？",
         "看了官网介绍，想确认{plan}是否支持多语言界面，以及数据是否存储在国内机房。",
         "我们正在对比几家产品，想预约一次线上演示，最好在本周内，参会的有运营和 IT 同事。"},
        {"We are a team of about 20 evaluating help desk tools. Does {plan} include WeChat and "
         "email channels, and is there an API?",
         "Could you confirm whether data is stored in mainland China and whether SSO is supported "
         "on {plan}?"},
        {"请问贵公司大概有多少位客服同事？主要通过哪些渠道服务客户？我好为您推荐合适的方案。"},
        {"How many agents would use the system, and which channels do your customers use most?"},
        {"{plan}"
         "包含工单、在线客服、知识库和数据报表，支持微信公众号、企业微信和邮件接入，数据存储在国内"
         "机房。"
         "详细的功能对比表已发送到您的邮箱，请查收。",
         "已为您预约周四下午 3 "
         "点的线上演示，会议链接稍后通过短信发送，届时会有解决方案顾问为您讲解。"},
        {"{plan} includes tickets, live chat, a knowledge base and reports, with WeChat, WeCom and "
         "email channels. I've emailed you the full comparison sheet.",
         "I've booked a demo for Thursday at 3 pm (China time); the meeting link will follow by "
         "email."},
        {"客户在对比竞品，价格比较敏感，可申请首年 8 折。", "意向较强，已同步销售同事跟进。"}}},
      {kPresales,
       "价格与优惠",
       Priority::kNormal,
       {"产品知识"},
       6,
       false,
       "",
       kMembership,
       {{"{plan}年付有优惠吗", "优惠券结算时提示不可用", "教育机构有没有折扣",
         "活动价什么时候结束"},
        {"Is there an annual discount for {plan}?", "Coupon rejected at checkout"},
        {"看到{plan}月付是 {amount}，如果一次购买一年有没有折扣？能否开具发票？",
         "领到的满减优惠券在结算页提示“不满足使用条件”，购物车金额是 {amount}，麻烦看一下。",
         "我们是一所职业院校，想给教务处采购{plan}，请问教育机构有专门的价格吗？"},
        {"{plan} is {amount} per month. Is there a discount if we pay for a full year?",
         "The coupon I received says it is not applicable at checkout (cart total {amount})."},
        {"麻烦提供一下优惠券的截图和购物车截图，我帮您核实一下活动规则。"},
        {"Could you send a screenshot of the coupon and of your cart so I can check the rules?"},
        {"年付可享 8.5 折，新客户首单还可以叠加一张 100 元优惠券，报价单已经发到您的邮箱。",
         "这张优惠券仅适用于{plan}"
         "，您购物车中的商品不在活动范围内。我已为您补发一张通用券，请在“我的-卡券”中查看。"},
        {"Annual billing gets 15% off, and new customers can add a ¥100 coupon on the first "
         "order. I've emailed you a quote.",
         "That coupon only applies to {plan}. I've sent you a general coupon instead — you'll find "
         "it under My Coupons."},
        {"已确认活动规则，补发通用券一张。", "客户为教育机构，按教育价报价。"}}},
      {kPresales,
       "企业采购",
       Priority::kHigh,
       {"产品知识"},
       3,
       false,
       "企业客户",
       kFinance,
       {{"企业批量采购 50 个账号", "需要签订采购合同并对公转账", "{company}采购{plan}询价"},
        {"Bulk purchase of 50 seats", "Quote request for {plan} ({company})"},
        {"我们是{company}，计划采购 50 "
         "个{plan}账号，需要签订正式采购合同，付款方式为对公转账，请提供报价和合同模板。",
         "公司采购流程要求供应商提供营业执照、报价单和合同，麻烦尽快发送，预算审批下周截止。"},
        {"We're {company} and plan to buy 50 {plan} seats. Please send a formal quote and a "
         "contract template; we pay by bank transfer."},
        {"请提供一下开票信息和采购联系人电话，方便我们准备合同。"},
        {"Could you share your billing details and a contact for the purchase order?"},
        {"报价单和合同模板已发送到您的邮箱，50 个账号可享受企业价 7.5 折，对公账户信息在合同第 6 "
         "条。",
         "营业执照、报价单和合同已盖章扫描发送，原件今天寄出，顺丰单号稍后短信告知。"},
        {"I've emailed the quote and contract template. 50 seats qualify for our 25% volume "
         "discount; bank details are in clause 6."},
        {"大客户，已报备销售总监。", "合同需法务审核，预计两个工作日。"}}},
      {kMembership,
       "退款申请",
       Priority::kHigh,
       {"退款"},
       12,
       true,
       "退款",
       kFinance,
       {{"订单 {order} 申请退款", "误购了{plan}，想退款", "重复扣费，请退还一笔",
         "退款申请提交三天了还没处理", "七天无理由退款怎么操作"},
        {"Refund request for order {order}", "Charged twice, please refund one payment"},
        {"我在 {date} 购买了{plan}（订单号 {order}），金额 "
         "{amount}，买错了规格，还没有使用，申请全额退款。",
         "今天支付的时候页面卡住，重新支付了一次，结果银行卡被扣了两次 {amount}，订单号 "
         "{order}，请帮忙退回多扣的一笔。",
         "{date} 就提交了退款申请，状态一直显示“审核中”，订单号 {order}，请问什么时候能处理？"},
        {"I bought {plan} on {date} (order {order}, {amount}) by mistake and haven't used it. "
         "Please refund it in full.",
         "My card was charged twice ({amount}) for order {order}. Please refund the duplicate "
         "payment."},
        {"麻烦提供一下支付凭证截图（包含交易单号），方便我们和支付渠道核对。"},
        {"Could you send a screenshot of the payment record showing the transaction number?"},
        {"已为您提交退款，{amount} 将在 1–3 个工作日内原路退回，请留意银行到账通知。",
         "核实到订单 {order} 确实重复扣款，多扣的 {amount} 已发起退款，预计 3 个工作日内到账。"},
        {"I've issued a refund of {amount} to your original payment method; it usually arrives "
         "within 1–3 business days.",
         "I confirmed the duplicate charge on order {order}; the extra {amount} has been "
         "refunded."},
        {"已核实支付流水，符合七天无理由退款条件。", "金额超过 500 元，需主管审批。",
         "客户比较着急，优先处理。"}}},
      {kMembership,
       "会员升级",
       Priority::kNormal,
       {"会员权益"},
       8,
       false,
       "",
       -1,
       {{"怎么从银卡升级到金卡", "升级会员后权益没有生效", "积分可以抵扣会员费吗",
         "会员到期后数据会保留吗"},
        {"Upgraded membership but benefits not showing", "Can I use points to pay for membership?"},
        {"我 {date} 升级了金卡会员，支付了 "
         "{amount}，但是到现在会员中心还显示银卡，专属折扣也用不了。",
         "账户里有 3000 多积分，想问一下升级会员的时候能不能用积分抵扣一部分费用？",
         "会员下个月到期，如果暂时不续费，之前的订单和收藏数据会不会被清空？"},
        {"I upgraded to Gold on {date} and paid {amount}, but my account still shows Silver.",
         "I have over 3,000 points. Can I use them towards the membership fee?"},
        {"请问您升级时使用的是哪个手机号登录的？方便提供一下付款截图吗？"},
        {"Which phone number did you use when upgrading? A screenshot of the payment would help."},
        {"已为您手动同步会员等级，现在刷新会员中心即可看到金卡权益，专属折扣也已生效。",
         "积分可以抵扣会员费，100 积分抵 1 元，最多抵扣 30%。在续费页面勾选“使用积分”即可。"},
        {"I've synced your membership level manually — refresh the member center and Gold "
         "benefits will show.",
         "Yes: 100 points = ¥1, up to 30% of the fee. Tick \"Use points\" on the renewal page."},
        {"会员等级同步任务失败，已手动补偿，并反馈技术排查。", "老客户，赠送 7 天会员作为补偿。"}}},
      {kMembership,
       "账户变更",
       Priority::kNormal,
       {"会员权益"},
       6,
       false,
       "",
       kTech,
       {{"更换绑定手机号", "修改实名认证信息", "申请注销账户", "账户被盗，请帮忙冻结"},
        {"How do I change my registered phone number?", "Please close my account"},
        {"原来的手机号已经停用了，收不到验证码，想把账户绑定的手机号换成新的号码。",
         "实名认证时身份证号填错了一位，现在无法提现，请帮忙修改。",
         "今天收到异地登录提醒，不是我本人操作，麻烦马上帮我冻结账户。"},
        {"My old phone number is no longer in use. How can I move my account to a new number?"},
        {"为了账户安全，需要您提供手持身份证照片以及新手机号，我们会在人工审核后为您更换。"},
        {"For security we need a photo of you holding your ID and the new number; we'll switch "
         "it after a manual review."},
        {"审核已通过，账户绑定手机号已更换为新号码，旧号码已解绑，请用新号码重新登录。",
         "账户已冻结并强制下线所有设备，请通过“找回密码”重置密码后再申请解冻。"},
        {"Review passed: your account now uses the new phone number. Please sign in again with "
         "it."},
        {"已核对身份证信息，与实名一致。", "异地登录 IP 来自境外，已加入风控观察。"}}},
      {kMembership,
       "投诉建议",
       Priority::kHigh,
       {"投诉处理"},
       4,
       false,
       "投诉",
       -1,
       {{"客服电话一直打不通", "快递一周了还没送到", "对上次的处理结果不满意",
         "建议增加夜间人工客服"},
        {"Complaint: no reply for a week", "Suggestion: live support in the evening"},
        {"订单 {order} 下单一周了物流一直没有更新，打了三次客服电话都没人接，非常失望。",
         "上次反馈的问题只给了一句模板回复就关闭了，问题根本没有解决，希望有人认真处理。",
         "晚上十点以后就找不到人工客服了，建议延长服务时间，至少节假日期间要有人值班。"},
        {"My order {order} hasn't moved for a week and nobody answers the phone. Very "
         "disappointing."},
        {"非常抱歉给您带来不好的体验，方便留一个可以联系到您的时间吗？主管会给您回电。"},
        {"I'm very sorry about this. When is a good time for my supervisor to call you?"},
        {"已联系物流加急处理，包裹明天上午送达，同时为您补偿 50 元无门槛券，再次向您致歉。",
         "感谢您的建议，我们已将夜间客服需求提交给运营团队，下月起会试行延长到 23:00。"},
        {"The courier has escalated your parcel; it will arrive tomorrow morning. We've added a "
         "¥50 voucher to your account as an apology."},
        {"客户情绪激动，注意安抚。", "已同步物流部门，要求今天内回复。", "需在 24 小时内回访。"}}},
      {kTech,
       "登录问题",
       Priority::kHigh,
       {"账号安全"},
       10,
       false,
       "",
       kMembership,
       {{"收不到短信验证码", "账号被锁定无法登录", "App 登录后闪退", "忘记密码，绑定邮箱也换了"},
        {"Can't log in: verification code never arrives", "Account locked after password reset"},
        {"登录时点“获取验证码”，提示已发送，但是等了十几分钟都没收到短信，手机号没有欠费。",
         "连续输错几次密码后账号被锁定了，提示 30 分钟后再试，但是已经过了一天还是锁定状态。",
         "在 {device} 上登录成功后马上闪退，卸载重装了也一样。"},
        {"I tap \"Send code\" but the SMS never arrives. I've waited over ten minutes.",
         "My account got locked after a few wrong passwords and is still locked a day later."},
        {"请问您的手机是否开启了短信拦截？麻烦提供一下登录手机号的后四位和大概的尝试时间。"},
        {"Could you tell me the last four digits of your phone number and roughly when you tried?"},
        {"查到短信被运营商网关拦截，已为您切换备用短信通道，现在可以正常收到验证码了。",
         "已为您解除账户锁定并重置登录保护，请使用“找回密码”设置新密码后登录。"},
        {"The SMS gateway was blocking your number; I've switched you to our backup channel and "
         "codes arrive now.",
         "I've unlocked your account. Please use \"Forgot password\" to set a new one."},
        {"短信网关日志显示发送失败，错误码 E102。",
         "锁定状态未自动解除，疑似定时任务异常，已提交研发。"}}},
      {kTech,
       "支付失败",
       Priority::kUrgent,
       {"支付"},
       8,
       true,
       "支付",
       kFinance,
       {{"微信支付提示“交易失败”", "支付宝付款后订单仍显示未支付", "信用卡支付被拒绝",
         "扣款成功但订单失败"},
        {"Payment failed but money was deducted", "Credit card declined at checkout"},
        {"用微信支付 {amount} 的时候提示“交易失败，请稍后重试”，换了两张卡都不行，订单号 {order}。",
         "支付宝已经扣款 {amount}，但是订单 {order} 还是显示“待支付”，页面让我重新付款。",
         "{date} 下单时信用卡被拒，银行说没有任何拦截记录。"},
        {"I paid {amount} for order {order} and the money left my account, but the order still "
         "says unpaid.",
         "My Visa card keeps getting declined at checkout although the bank sees no problem."},
        {"麻烦提供一下支付截图和支付时间，我们需要和支付渠道核对交易流水。"},
        {"Please send a screenshot of the payment and the time you paid so we can trace it."},
        {"已和支付渠道核对，款项已到账，订单 {order} 已手动更新为“已支付”，商品会在 24 "
         "小时内发出。",
         "是支付渠道回调超时导致订单未更新，现已修复，扣款 {amount} 对应的订单已生效。"},
        {"The payment provider confirmed your payment; order {order} is now marked paid and will "
         "ship within 24 hours.",
         "A callback timeout left the order unpaid. It's fixed and your {amount} payment is "
         "applied."},
        {"支付回调日志有超时记录，已联系渠道方。", "同一时段有多笔类似工单，疑似渠道故障。"}}},
      {kTech,
       "App 故障",
       Priority::kNormal,
       {"移动端"},
       7,
       false,
       "",
       -1,
       {{"{device} 上 App 打开白屏", "收不到消息推送", "App 更新后无法上传图片", "App 耗电异常"},
        {"App crashes on startup on {device}", "Push notifications stopped working"},
        {"App 更新到最新版本后，在 {device} 上打开就是白屏，等很久也没反应，清除缓存也不行。",
         "最近一周完全收不到消息推送，系统设置里通知权限是打开的。",
         "更新后在聊天窗口上传图片一直转圈，最后提示“上传失败”，Wi-Fi 和 4G 都试过。"},
        {"Since the last update the app crashes right after the splash screen on {device}.",
         "I no longer get push notifications although they're enabled in settings."},
        {"请问您的系统版本是多少？方便的话在“我的-设置-反馈”里上传一下日志。"},
        {"Which OS version are you on? If possible, upload logs via Me › Settings › Feedback."},
        {"这是新版本在部分机型上的兼容问题，已在 5.2.1 版本修复，请在应用商店更新后重试。",
         "已为您重置推送令牌，请退出登录后重新登录，推送即可恢复。"},
        {"This is a compatibility bug on some devices, fixed in version 5.2.1 — please update "
         "from the app store.",
         "I've reset your push token. Sign out and back in and notifications will resume."},
        {"已复现，提交缺陷 BUG-2817。", "日志显示推送令牌过期。"}}},
      {kTech,
       "数据同步",
       Priority::kLow,
       {"移动端"},
       4,
       false,
       "",
       -1,
       {{"手机和电脑上的数据不同步", "导出的报表数据不完整", "历史订单记录不见了"},
        {"Data not syncing between phone and desktop"},
        {"在电脑上修改的收货地址，手机上一直显示旧地址，已经过去两天了。",
         "导出 {date} 以来的订单报表，只有前 500 条，后面的数据都没有。"},
        {"Changes I make on the desktop don't show up on my phone, even after two days."},
        {"请问您两端登录的是同一个账号吗？方便告诉我具体是哪些数据没有同步吗？"},
        {"Are you signed in with the same account on both devices? Which data is missing?"},
        {"同步服务有一段积压，已为您手动触发全量同步，现在两端数据已一致。",
         "导出单次上限为 500 条，已为您按月份拆分导出，文件已发送到您的邮箱。"},
        {"Our sync queue had a backlog; I triggered a full sync and both devices match now."},
        {"同步队列积压，已通知运维扩容。"}}},
      {kFinance,
       "发票",
       Priority::kNormal,
       {"发票"},
       7,
       true,
       "发票",
       -1,
       {{"申请开具增值税专用发票", "发票抬头开错了需要重开", "电子发票什么时候能收到",
         "订单 {order} 开票"},
        {"Need a VAT invoice for order {order}", "Wrong company name on invoice"},
        {"订单 "
         "{order}（{amount}）需要开具增值税专用发票，抬头：{company}，税号和开户行信息已在附件中。",
         "{date} 开的电子发票抬头写成了个人，需要重开为公司抬头：{company}。",
         "申请开票已经一周了还没收到电子发票，邮箱也检查了垃圾箱。"},
        {"Please issue a VAT invoice for order {order} ({amount}) to {company}.",
         "The invoice for order {order} shows the wrong company name; it should be {company}."},
        {"请提供一下公司税号、开户行及账号，以及接收发票的邮箱地址。"},
        {"Please send your tax ID, bank details and the email address for the invoice."},
        {"增值税专用发票已开具，电子版已发送至您的邮箱，纸质发票通过顺丰寄出，预计 2 天内送达。",
         "原发票已红冲，新发票抬头已更正为 {company}，已重新发送到您的邮箱。"},
        {"The VAT invoice has been issued and emailed; the paper copy ships by SF Express.",
         "I've voided the old invoice and issued a new one to {company}; it's in your inbox."},
        {"专票需核对税号，已与客户确认。", "红冲需上月发票，已提交税务系统。"}}},
      {kFinance,
       "对账",
       Priority::kLow,
       {"对账"},
       3,
       false,
       "",
       kMembership,
       {{"月度账单与实际消费不符", "需要 {date} 以来的消费明细", "余额对不上"},
        {"Monthly statement doesn't match our usage"},
        {"本月账单显示消费 {amount}，但是我们后台统计的实际用量只有一半左右，麻烦核对一下。",
         "公司财务需要 {date} 以来的全部消费明细，用于年度审计，格式最好是 Excel。"},
        {"This month's statement says {amount}, roughly double what our own usage report shows."},
        {"麻烦提供一下账户 ID 和需要核对的账单月份。"},
        {"Could you share your account ID and which billing months to check?"},
        {"经核对，账单中包含上月延迟扣费的部分，已为您整理明细表发送到邮箱。",
         "消费明细已按月导出为 Excel，已发送到您的邮箱，如需盖章版请告知。"},
        {"The statement includes a delayed charge from last month; I've emailed you a breakdown."},
        {"延迟扣费导致，属正常情况。", "审计用途，需盖章版。"}}},
      {kFinance,
       "退款到账",
       Priority::kHigh,
       {"退款"},
       4,
       true,
       "退款",
       kMembership,
       {{"退款显示成功但一直没到账", "退款金额不对", "退款退到了哪张卡"},
        {"Refund marked completed but not received"},
        {"订单 {order} 的退款 {date} 就显示成功了，但是银行卡一直没有收到 {amount}。",
         "申请退款 {amount}，实际只到账了一部分，订单号 {order}。"},
        {"The refund for order {order} shows as completed on {date} but I haven't received "
         "{amount}."},
        {"请提供一下退款的银行卡后四位，我们查询一下退款流水号。"},
        {"Please give me the last four digits of the card so I can look up the refund reference."},
        {"退款已于 {date} 由银行受理，流水号已发送给您，一般 3–5 "
         "个工作日到账，可凭流水号向银行查询。",
         "核实后发现部分金额为优惠券抵扣，不可退现，已为您将优惠券退回账户。"},
        {"Your bank accepted the refund on {date}; I've sent you the reference number. It usually "
         "takes 3–5 business days."},
        {"银行处理中，已提供流水号。", "部分金额为券抵扣，已解释。"}}},
  };
  return categories;
}

// Generic texts, by language. Same placeholders as TopicText.
struct CommonText {
  std::span<const char*const> zh, en;
};
constexpr auto kFirstRepliesZh = std::to_array<const char*>(
    {"{customer}您好，我是{dept}的{agent}，您的问题已收到，正在为您核实，请稍候。",
     "您好{customer}，感谢您的耐心等待！我是客服{agent}，这边马上帮您处理。",
     "{customer}您好，这个工单由我（{agent}）负责跟进，有进展会第一时间通知您。"});
constexpr auto kFirstRepliesEn = std::to_array<const char*>(
    {"Hi {customer}, this is {agent} from {dept}. Thanks for reaching out — I'm looking into "
     "this now.",
     "Hello {customer}, thanks for your patience. I've picked up your ticket and will update you "
     "shortly."});
constexpr CommonText kFirstReplies = {kFirstRepliesZh, kFirstRepliesEn};
constexpr auto kCustomerAnswersZh = std::to_array<const char*>(
    {"好的，截图已经上传了，麻烦看一下。", "订单号是 {order}，付款时间大概是 {date} 晚上八点左右。",
     "我用的是 {device}，系统是最新版本。", "刚才又试了一次，还是一样的问题。"});
constexpr auto kCustomerAnswersEn = std::to_array<const char*>(
    {"Sure — the order number is {order}, paid on {date}.",
     "I'm on {device} with the latest version installed.", "Just tried again, same problem."});
constexpr CommonText kCustomerAnswers = {kCustomerAnswersZh, kCustomerAnswersEn};
constexpr auto kCustomerThanksZh = std::to_array<const char*>(
    {"好的，谢谢，我先试一下。", "收到，辛苦了！", "好的，等你们消息。"});
constexpr auto kCustomerThanksEn =
    std::to_array<const char*>({"Thanks, I'll give it a try.", "Got it, thank you!"});
constexpr CommonText kCustomerThanks = {kCustomerThanksZh, kCustomerThanksEn};
constexpr auto kCustomerReopensZh = std::to_array<const char*>(
    {"按你们说的操作了，还是不行，麻烦再帮我看看。", "问题又出现了，今天早上又遇到同样的情况。",
     "到现在还没有处理好，请再查一下。"});
constexpr auto kCustomerReopensEn = std::to_array<const char*>(
    {"I followed the steps but it still doesn't work. Could you take another look?",
     "The problem came back this morning."});
constexpr CommonText kCustomerReopens = {kCustomerReopensZh, kCustomerReopensEn};
constexpr auto kFollowUpsZh =
    std::to_array<const char*>({"抱歉让您久等了，我这边重新排查后已经修正了配置，请您再试一次。",
                                "补充说明一下：我们已经安排专人跟进，今天下班前会给您明确答复。"});
constexpr auto kFollowUpsEn = std::to_array<const char*>(
    {"Sorry for the wait — I re-checked and corrected the setting on our side. Could you try "
     "again?",
     "Quick update: a specialist is on it and we'll get back to you before the end of today."});
constexpr CommonText kFollowUps = {kFollowUpsZh, kFollowUpsEn};
constexpr auto kResolutionSuffixesZh =
    std::to_array<const char*>({"\n\n如还有其他问题，直接回复本工单即可。祝您生活愉快！",
                                "\n\n问题已处理完毕，感谢您的理解与支持。"});
constexpr auto kResolutionSuffixesEn = std::to_array<const char*>(
    {"\n\nIf anything else comes up, just reply to this ticket. Have a great day!",
     "\n\nThanks for your patience."});
constexpr CommonText kResolutionSuffixes = {kResolutionSuffixesZh, kResolutionSuffixesEn};
constexpr auto kSecondResolutionsZh = std::to_array<const char*>(
    {"{customer}您好，这次我们从根源上排查并修复了问题，并做了回归验证，应该不会再出现了。",
     "已重新处理完毕：问题原因是后台数据没有同步，现已手动修正并补发了通知，请您确认。"});
constexpr auto kSecondResolutionsEn = std::to_array<const char*>(
    {"Hi {customer}, this time we fixed the root cause and verified it end to end; it should not "
     "happen again.",
     "All sorted now: our back end had not synced your data. I corrected it by hand."});
constexpr CommonText kSecondResolutions = {kSecondResolutionsZh, kSecondResolutionsEn};
constexpr auto kNoReplyResolutionsZh = std::to_array<const char*>(
    {"{customer}您好，由于 7 "
     "天内未收到您的回复，我们先将工单标记为已解决。如问题仍然存在，直接回复即可重新打开。"});
constexpr auto kNoReplyResolutionsEn = std::to_array<const char*>(
    {"Hi {customer}, we haven't heard back from you in 7 days, so we're marking this ticket as "
     "solved. Just reply if the problem persists."});
constexpr CommonText kNoReplyResolutions = {kNoReplyResolutionsZh, kNoReplyResolutionsEn};
constexpr auto kEscalationRepliesZh = std::to_array<const char*>(
    {"您的问题已提交给高级专员处理，我们会尽快给您答复，感谢耐心等待。"});
constexpr auto kEscalationRepliesEn = std::to_array<const char*>(
    {"Your case has been passed to a senior specialist; we'll get back to you as soon as "
     "possible."});
constexpr CommonText kEscalationReplies = {kEscalationRepliesZh, kEscalationRepliesEn};
constexpr auto kTransferRepliesZh =
    std::to_array<const char*>({"您的问题需要{target}同事协助处理，已为您转交，请稍候。"});
constexpr auto kTransferRepliesEn = std::to_array<const char*>(
    {"Your request needs our {target} team; I've handed it over and they'll be in touch."});
constexpr CommonText kTransferReplies = {kTransferRepliesZh, kTransferRepliesEn};
constexpr auto kWorkNotes = std::to_array<const char*>(
    {"已查看客户历史工单，之前没有类似问题。", "与客户电话沟通过一次，情况已记录。",
     "需要查询后台日志，预计今天下班前回复。", "已在知识库找到对应处理方法。"});
constexpr auto kEscalationNotes = std::to_array<const char*>(
    {"一线无法处理，升级主管：涉及系统缺陷，需要研发排查。", "升级主管：金额较大，需要审批。",
     "升级主管：客户要求赔偿，超出一线权限。"});
constexpr auto kTakeOverNotes = std::to_array<const char*>(
    {"已接手，正在与相关团队协调。", "已与研发确认修复方案，今天内回复客户。"});
constexpr auto kPhoneCloseNotes = std::to_array<const char*>(
    {"客户电话确认问题已解决，关闭工单。", "客户在线回复已解决，关闭。"});

// Tickets that are closed right away: spam, tests, empty web forms.
constexpr auto kInvalidSubjects =
    std::to_array<const char*>({"测试", "你好", "加V领福利，低价代充会员", "111", "test"});
constexpr auto kInvalidNotes = std::to_array<const char*>(
    {"测试工单，直接关闭。", "广告信息，已关闭。", "内容为空，无法处理，关闭。"});

// Placeholder values.
constexpr auto kPlansZh = std::to_array<const char*>({"专业版", "企业版", "旗舰版"});
constexpr auto kPlansEn = std::to_array<const char*>({"Pro", "Enterprise", "Ultimate"});
constexpr auto kDevicesZh = std::to_array<const char*>(
    {"iPhone 15", "华为 Mate 60", "小米 14", "OPPO Find X7", "vivo X100", "iPad Air"});
constexpr auto kDevicesEn = std::to_array<const char*>(
    {"iPhone 15", "Huawei Mate 60", "Xiaomi 14", "OPPO Find X7", "vivo X100", "iPad Air"});
constexpr auto kCompaniesZh = std::to_array<const char*>(
    {"深圳市云帆科技有限公司", "杭州青禾电子商务有限公司", "成都蓝湾文化传媒有限公司",
     "北京星衍信息技术有限公司", "上海沐风贸易有限公司"});
constexpr auto kCompaniesEn = std::to_array<const char*>(
    {"Shenzhen Yunfan Technology", "Hangzhou Qinghe E-commerce", "Chengdu Lanwan Media",
     "Beijing Xingyan IT", "Shanghai Mufeng Trading"});
constexpr auto kAmounts =
    std::to_array<const char*>({"¥29.90", "¥68.00", "¥99.00", "¥199.00", "¥299.00", "¥399.00",
                                "¥599.00", "¥1,299.00", "¥2,999.00"});

// ---------------------------------------------------------------- staff

struct AgentSpec {
  const char* name;
  const char* email_local;
  Dept department;
  bool lead;
  std::vector<domain::Skill> skills;
  bool speaks_english;
};

// Leads first, so that a smaller --agents still staffs every department.
const std::vector<AgentSpec>& AgentSpecs() {
  static const std::vector<AgentSpec> agents = {
      {"陈静", "chen.jing", kPresales, true, {{"产品知识", 5}, {"英语", 4}}, true},
      {"王芳",
       "wang.fang",
       kMembership,
       true,
       {{"会员权益", 5}, {"退款", 5}, {"投诉处理", 5}},
       false},
      {"张伟", "zhang.wei", kTech, true, {{"账号安全", 5}, {"支付", 4}, {"移动端", 3}}, false},
      {"郑丽", "zheng.li", kFinance, true, {{"发票", 5}, {"对账", 5}, {"退款", 4}}, false},
      {"刘洋", "liu.yang", kPresales, false, {{"产品知识", 4}}, false},
      {"李娜", "li.na", kMembership, false, {{"退款", 4}, {"会员权益", 3}}, false},
      {"周杰", "zhou.jie", kTech, false, {{"移动端", 5}, {"账号安全", 3}}, false},
      {"黄敏", "huang.min", kFinance, false, {{"发票", 4}, {"对账", 3}, {"退款", 3}}, false},
      {"杨帆", "yang.fan", kPresales, false, {{"产品知识", 3}, {"英语", 5}}, true},
      {"赵磊", "zhao.lei", kMembership, false, {{"会员权益", 4}, {"投诉处理", 3}}, false},
      {"吴昊", "wu.hao", kTech, false, {{"支付", 5}, {"移动端", 4}, {"英语", 4}}, true},
      {"孙悦", "sun.yue", kMembership, false, {{"退款", 3}, {"会员权益", 3}, {"英语", 4}}, true},
  };
  return agents;
}

// ---------------------------------------------------------------- customers

struct Surname {
  const char* zh;
  const char* pinyin;
  double weight;
};
constexpr auto kSurnames = std::to_array<Surname>(
    {{"王", "Wang", 7.1},  {"李", "Li", 7.0},    {"张", "Zhang", 6.7}, {"刘", "Liu", 5.4},
     {"陈", "Chen", 4.5},  {"杨", "Yang", 3.1},  {"黄", "Huang", 2.2}, {"赵", "Zhao", 2.0},
     {"吴", "Wu", 1.9},    {"周", "Zhou", 1.9},  {"徐", "Xu", 1.5},    {"孙", "Sun", 1.4},
     {"马", "Ma", 1.3},    {"朱", "Zhu", 1.3},   {"胡", "Hu", 1.2},    {"郭", "Guo", 1.2},
     {"何", "He", 1.1},    {"高", "Gao", 1.0},   {"林", "Lin", 1.0},   {"罗", "Luo", 0.9},
     {"郑", "Zheng", 0.9}, {"梁", "Liang", 0.9}, {"谢", "Xie", 0.7},   {"宋", "Song", 0.7},
     {"唐", "Tang", 0.7},  {"许", "Xu", 0.6},    {"韩", "Han", 0.6},   {"冯", "Feng", 0.6},
     {"邓", "Deng", 0.6},  {"曹", "Cao", 0.6},   {"彭", "Peng", 0.5},  {"曾", "Zeng", 0.5},
     {"肖", "Xiao", 0.5},  {"田", "Tian", 0.4},  {"董", "Dong", 0.4},  {"袁", "Yuan", 0.4},
     {"潘", "Pan", 0.4},   {"蒋", "Jiang", 0.4}, {"蔡", "Cai", 0.4},   {"欧阳", "Ouyang", 0.1}});
constexpr auto kMaleGiven = std::to_array<const char*>(
    {"伟",   "强",   "磊",   "军",   "洋",   "勇",   "杰",   "涛",   "明",   "超",   "浩然",
     "子轩", "宇航", "志强", "建华", "俊杰", "文博", "天佑", "家豪", "鹏飞", "思远", "一鸣"});
constexpr auto kFemaleGiven = std::to_array<const char*>(
    {"芳",   "娜",   "敏",   "静",   "丽",   "艳",   "婷",   "雪",   "颖",   "欣怡",
     "梓涵", "雨萱", "思琪", "佳慧", "晓燕", "美玲", "诗涵", "可欣", "梦瑶", "紫涵"});
constexpr auto kEnglishMale =
    std::to_array<const char*>({"David", "Michael", "Kevin", "Jason", "Eric", "Leo"});
constexpr auto kEnglishFemale =
    std::to_array<const char*>({"Emily", "Grace", "Vivian", "Cindy", "Amy", "Sophia"});

struct Region {
  const char* province;
  const char* city;
  double weight;
};
constexpr auto kRegions = std::to_array<Region>(
    {{"广东", "深圳", 9}, {"广东", "广州", 8}, {"北京", "北京", 9}, {"上海", "上海", 9},
     {"浙江", "杭州", 7}, {"四川", "成都", 6}, {"江苏", "南京", 5}, {"江苏", "苏州", 4},
     {"湖北", "武汉", 5}, {"陕西", "西安", 4}, {"重庆", "重庆", 4}, {"天津", "天津", 3},
     {"福建", "厦门", 3}, {"山东", "青岛", 3}, {"湖南", "长沙", 3}, {"河南", "郑州", 3},
     {"辽宁", "沈阳", 2}, {"云南", "昆明", 2}, {"广东", "东莞", 2}, {"安徽", "合肥", 2}});
constexpr auto kInterests =
    std::to_array<const char*>({"数码", "运动", "旅行", "美食", "读书", "摄影", "母婴", "家居",
                                "游戏", "音乐", "美妆", "健身"});
constexpr auto kMemberNotes = std::to_array<const char*>(
    {"偏好电话联系，工作日白天不方便接听。", "企业采购负责人，对发票要求严格。",
     "曾多次反馈物流问题。", "希望通过微信沟通。"});
// Chinese mobile prefixes (China Mobile, Unicom, Telecom) in the 13x/15x/18x ranges.
constexpr std::array<int, 28> kMobilePrefixes = {130, 131, 132, 133, 134, 135, 136, 137, 138, 139,
                                                 150, 151, 152, 153, 155, 156, 157, 158, 159, 180,
                                                 181, 182, 183, 184, 185, 186, 187, 188};
constexpr auto kEmailDomains = std::to_array<const char*>(
    {"qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "foxmail.com"});
// Weights by level 0..5: most customers are regular members.
constexpr std::array<double, 6> kMembershipWeights = {45, 25, 15, 8, 5, 2};
constexpr std::array<double, 6> kSourceChannelWeights = {30, 10, 15, 10, 30, 5};  // Channel order
constexpr std::array<Channel, 6> kChannels = {Channel::kWeb,  Channel::kEmail,  Channel::kPhone,
                                              Channel::kChat, Channel::kWechat, Channel::kApi};
constexpr std::array<double, 6> kTicketChannelWeights = {25, 15, 12, 18, 25, 5};
constexpr std::array<double, 6> kEnglishTicketChannelWeights = {35, 40, 0, 20, 0, 5};

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
