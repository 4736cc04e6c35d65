#include "kefu/service/faq_service.h"

#include <gtest/gtest.h>

#include "kefu/service/test_fixture.h"

namespace kefu::service {
namespace {

class FaqServiceTest : public ::testing::Test, public ServiceFixture {
 protected:
  FaqServiceTest() : faqs_(ctx_, MustIndex()) {}

  static std::unique_ptr<search::SearchIndex> MustIndex() {
    auto index = search::SearchIndex::OpenInMemory();
    if (!index.ok()) throw std::runtime_error(index.error().message);
    return std::move(index).value();
  }

  domain::Faq MustFaq(std::string question, std::vector<std::string> alternatives,
                      std::string answer, std::string language = "zh-CN") {
    domain::Faq in;
    in.question = std::move(question);
    in.alternatives = std::move(alternatives);
    in.answer = std::move(answer);
    in.language = std::move(language);
    auto created = faqs_.Create(As(admin_id_), in, {});
    if (!created.ok()) throw std::runtime_error(created.error().message);
    return *created;
  }

  std::vector<std::string> Questions(const std::vector<FaqMatch>& matches) {
    std::vector<std::string> out;
    for (const auto& m : matches) out.push_back(m.faq.question);
    return out;
  }

  FaqService faqs_;
};

TEST_F(FaqServiceTest, FindsTheRightAnswerInChineseAndEnglish) {
  MustFaq("退款什么时候到账？", {"退款多久能收到", "钱什么时候退回来"},
          "退款审核通过后 1-3 个工作日原路退回。");
  MustFaq("如何修改收货地址？", {"改地址"}, "订单发货前可在“我的订单”中修改地址。");
  MustFaq("How do I get a refund?", {"refund status"}, "Refunds reach your card in 3-5 days.",
          "en");

  auto zh = faqs_.Match("退款多久到账", "zh-CN", 3);
  ASSERT_TRUE(zh.ok()) << zh.error().message;
  ASSERT_FALSE(zh->empty());
  EXPECT_EQ(zh->front().faq.question, "退款什么时候到账？");
  EXPECT_GT(zh->front().relevance, 0.0);
  for (const auto& m : *zh) EXPECT_EQ(m.faq.language, "zh-CN");

  auto en = faqs_.Match("refunds", "en", 3);
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(Questions(*en), std::vector<std::string>{"How do I get a refund?"});
}

TEST_F(FaqServiceTest, AgentsReadAndSearchButOnlyAdminsChange) {
  MustFaq("发票怎么开？", {}, "在订单详情页申请电子发票。");
  FaqListQuery query;
  query.text = "发票";
  auto found = faqs_.List(As(agent_a_id_), query);
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->items.size(), 1U);

  domain::Faq in;
  in.question = "x";
  in.answer = "y";
  auto denied = faqs_.Create(As(agent_a_id_), in, {});
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(FaqServiceTest, ValidationNamesEveryField) {
  domain::Faq in;
  in.question = "  ";
  in.alternatives = {"同一个", "同一个"};
  in.answer = "";
  in.language = "fr";
  in.category_id = 999;
  auto created = faqs_.Create(As(admin_id_), in, {});
  ASSERT_FALSE(created.ok());
  std::set<std::string> fields;
  for (const auto& f : created.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"question", "alternatives", "answer", "language"}));

  in.question = "有效的问题";
  in.alternatives = {};
  in.answer = "有效的回答";
  in.language = "zh-CN";
  auto bad_category = faqs_.Create(As(admin_id_), in, {});
  ASSERT_FALSE(bad_category.ok());
  EXPECT_EQ(bad_category.error().fields.at(0).field, "category_id");
}

TEST_F(FaqServiceTest, UpdatesAreVersionedAndReindexed) {
  domain::Faq faq = MustFaq("会员积分有效期多久？", {}, "积分有效期为两年。");
  FaqPatch patch;
  patch.question = "积分会过期吗？";
  auto stale = faqs_.Update(As(admin_id_), faq.id, patch, faq.version + 5, {});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);

  auto updated = faqs_.Update(As(admin_id_), faq.id, patch, faq.version, {});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, faq.version + 1);
  auto found = faqs_.Match("过期", "zh-CN", 5);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(Questions(*found), std::vector<std::string>{"积分会过期吗？"});

  // Deactivated entries are not offered to the bot.
  FaqPatch off;
  off.active = false;
  ASSERT_TRUE(faqs_.Update(As(admin_id_), faq.id, off, updated->version, {}).ok());
  EXPECT_TRUE(faqs_.Match("过期", "zh-CN", 5)->empty());
}

TEST_F(FaqServiceTest, DeletedEntriesLeaveTheIndex) {
  domain::Faq faq = MustFaq("怎么注销账号？", {}, "请联系客服处理。");
  ASSERT_TRUE(faqs_.Delete(As(admin_id_), faq.id, {}).ok());
  EXPECT_TRUE(faqs_.Match("注销", "zh-CN", 5)->empty());
  EXPECT_EQ(faqs_.Get(As(admin_id_), faq.id).error().code, ErrorCode::kNotFound);
}

TEST_F(FaqServiceTest, AFreshIndexIsRebuiltFromTheTable) {
  MustFaq("营业时间是几点？", {}, "每天 9:00-21:00。");
  FaqService restarted(ctx_, MustIndex());
  EXPECT_TRUE(restarted.Match("营业时间", "zh-CN", 5)->empty());
  ASSERT_TRUE(restarted.RebuildIndex().ok());
  EXPECT_EQ(Questions(*restarted.Match("营业时间", "zh-CN", 5)),
            std::vector<std::string>{"营业时间是几点？"});
}

TEST_F(FaqServiceTest, ListsNewestFirstWithPaging) {
  for (int i = 0; i < 5; ++i) MustFaq("问题 " + std::to_string(i), {}, "回答");
  FaqListQuery query;
  query.filters.limit = 3;
  auto first = faqs_.List(As(agent_a_id_), query);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Questions(first->items), (std::vector<std::string>{"问题 4", "问题 3", "问题 2"}));
  ASSERT_FALSE(first->next_cursor.empty());
  query.filters.cursor = first->next_cursor;
  auto second = faqs_.List(As(agent_a_id_), query);
  EXPECT_EQ(Questions(second->items), (std::vector<std::string>{"问题 1", "问题 0"}));
  EXPECT_TRUE(second->next_cursor.empty());
}

}  // namespace
}  // namespace kefu::service
