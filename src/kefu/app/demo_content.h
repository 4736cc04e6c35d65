#pragma once

// The demo data set: departments, categories with bilingual ticket texts, canned
// replies, staff, Chinese and English names, regions and the weights the seeder draws
// with. Data only; the seeder (demo_seed.cc) is the single includer.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/domain/ticket/ticket.h"

namespace kefu::app::demo {

using domain::Channel;
using domain::Priority;
using domain::TicketStatus;

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

inline const std::vector<CategorySpec>& Categories() {
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
inline const std::vector<AgentSpec>& AgentSpecs() {
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

}  // namespace kefu::app::demo
