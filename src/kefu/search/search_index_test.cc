#include "kefu/search/search_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace kefu::search {
namespace {

namespace fs = std::filesystem;

Document Faq(std::string id, std::string question, std::string answer, std::string category = "1",
             std::string lang = "zh") {
  return {std::move(id),
          {{std::move(question), kTitleWeight}, {std::move(answer), kBodyWeight}},
          {{"category", std::move(category)}, {"lang", std::move(lang)}}};
}

std::vector<std::string> Ids(const Result<std::vector<Hit>>& hits) {
  std::vector<std::string> ids;
  if (!hits.ok()) return {"error: " + hits.error().message};
  for (const Hit& hit : *hits) ids.push_back(hit.id);
  return ids;
}

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SearchIndex::OpenInMemory();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    index_ = std::move(opened).value();
  }

  void Add(const Document& doc) { ASSERT_TRUE(index_->Upsert(doc).ok()) << doc.id; }

  std::unique_ptr<SearchIndex> index_;
};

TEST_F(SearchIndexTest, FindsTwoCharacterChineseWord) {
  Add(Faq("1", "退款什么时候到账？", "一般 1 到 3 个工作日原路退回。"));
  Add(Faq("2", "怎么修改收货地址？", "在订单详情页点击修改地址。"));
  EXPECT_EQ(Ids(index_->Search("退款")), std::vector<std::string>{"1"});
}

TEST_F(SearchIndexTest, LongerChinesePhrasingStillMatches) {
  Add(Faq("1", "退款什么时候到账？", "一般 1 到 3 个工作日原路退回。"));
  Add(Faq("2", "怎么修改收货地址？", "在订单详情页点击修改地址。"));
  Add(Faq("3", "发票怎么开？", "在我的订单中申请电子发票。"));
  auto hits = index_->Search("退款多久到账");
  ASSERT_TRUE(hits.ok());
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits->front().id, "1");
  EXPECT_GT(hits->front().relevance, 0.5);
  EXPECT_LE(hits->front().relevance, 1.0);
  EXPECT_GT(hits->front().score, 0);
}

TEST_F(SearchIndexTest, EnglishIsStemmed) {
  Add(Faq("1", "How long do refunds take?", "Usually 3 days.", "1", "en"));
  Add(Faq("2", "Change my address", "Open the order page.", "1", "en"));
  EXPECT_EQ(Ids(index_->Search("refund")), std::vector<std::string>{"1"});
  EXPECT_EQ(Ids(index_->Search("REFUNDED")), std::vector<std::string>{"1"});
}

TEST_F(SearchIndexTest, QuestionMatchOutranksAnswerMatch) {
  Add(Faq("answer", "Order problems", "We can refund your order.", "1", "en"));
  Add(Faq("question", "Can I get a refund", "Contact support for help.", "1", "en"));
  EXPECT_EQ(Ids(index_->Search("refund")), (std::vector<std::string>{"question", "answer"}));
}

TEST_F(SearchIndexTest, MoreMatchingTermsRankHigher) {
  Add(Faq("one", "退款", "说明"));
  Add(Faq("two", "退款 到账", "说明"));
  Add(Faq("three", "退款 到账 发票", "说明"));
  auto hits = index_->Search("退款到账发票");
  EXPECT_EQ(Ids(hits), (std::vector<std::string>{"three", "two", "one"}));
  ASSERT_EQ(hits->size(), 3u);
  EXPECT_GT((*hits)[0].score, (*hits)[1].score);
  EXPECT_GT((*hits)[1].relevance, (*hits)[2].relevance);
}

TEST_F(SearchIndexTest, FiltersByCategoryAndLanguage) {
  Add(Faq("zh1", "退款 refund", "", "1", "zh"));
  Add(Faq("zh2", "退款 refund", "", "2", "zh"));
  Add(Faq("en1", "退款 refund", "", "1", "en"));
  SearchOptions options;
  options.filters = {{"category", "1"}, {"lang", "zh"}};
  EXPECT_EQ(Ids(index_->Search("退款", options)), std::vector<std::string>{"zh1"});
  // Same name: alternatives.
  options.filters = {{"category", "1"}, {"category", "2"}, {"lang", "zh"}};
  std::vector<std::string> ids = Ids(index_->Search("refund", options));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"zh1", "zh2"}));
  options.filters = {{"category", "9"}};
  EXPECT_TRUE(Ids(index_->Search("refund", options)).empty());
}

TEST_F(SearchIndexTest, UpsertReplacesAndRemoveDeletes) {
  Add(Faq("1", "退款什么时候到账？", ""));
  Add(Faq("1", "怎么开发票？", ""));
  EXPECT_TRUE(Ids(index_->Search("退款")).empty());
  EXPECT_EQ(Ids(index_->Search("发票")), std::vector<std::string>{"1"});
  EXPECT_EQ(*index_->DocumentCount(), 1u);
  ASSERT_TRUE(index_->Remove("1").ok());
  ASSERT_TRUE(index_->Remove("absent").ok());
  EXPECT_TRUE(Ids(index_->Search("发票")).empty());
  EXPECT_EQ(*index_->DocumentCount(), 0u);
}

TEST_F(SearchIndexTest, LimitAndOffsetPage) {
  for (int i = 0; i < 5; ++i) Add(Faq(std::to_string(i), "退款", ""));
  SearchOptions options;
  options.limit = 2;
  EXPECT_EQ(index_->Search("退款", options)->size(), 2u);
  options.offset = 4;
  EXPECT_EQ(index_->Search("退款", options)->size(), 1u);
}

TEST_F(SearchIndexTest, EmptyOrWordlessQueryGivesNoHits) {
  Add(Faq("1", "退款", ""));
  EXPECT_TRUE(index_->Search("")->empty());
  EXPECT_TRUE(index_->Search("？？ !!")->empty());
}

TEST_F(SearchIndexTest, MalformedInputIsAValueNotAnException) {
  Add(Faq("1", "refund", ""));
  // Query syntax means nothing; broken UTF-8 and NUL bytes are just text.
  for (const std::string& query :
       {std::string("refund AND (\"NOT"), std::string("\xff\xfe\x80 refund"),
        std::string("re\0fund", 7), std::string("* ? ~ - + :")}) {
    EXPECT_TRUE(index_->Search(query).ok()) << query;
  }
  EXPECT_EQ(Ids(index_->Search("refund AND (\"NOT")), std::vector<std::string>{"1"});
  // Over-long text is cut, not refused, and never splits a character.
  std::string long_query = "refund " + std::string(3000, 'x') + "退款";
  EXPECT_EQ(Ids(index_->Search(long_query)), std::vector<std::string>{"1"});
  EXPECT_TRUE(index_->Search(std::string(kMaxQueryBytes * 4, '\xe9')).ok());
  EXPECT_TRUE(index_->Upsert({"2", {{"\xff\xfe broken \xc3", 1}}, {}}).ok());
}

TEST_F(SearchIndexTest, InvalidInputIsInvalidArgument) {
  auto code = [](const Status& s) { return s.ok() ? ErrorCode::kOk : s.error().code; };
  EXPECT_EQ(code(index_->Upsert({"", {{"x", 1}}, {}})), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(index_->Upsert({std::string(kMaxIdBytes + 1, 'a'), {}, {}})),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(index_->Upsert({"1", {{"x", 0}}, {}})), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(index_->Upsert({"1", {{"x", kMaxFieldWeight + 1}}, {}})),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(index_->Upsert({"1", {}, {{"Bad Name", "x"}}})), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(index_->Upsert({"1", {}, {{"lang", ""}}})), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(index_->Remove("")), ErrorCode::kInvalidArgument);

  auto failed = index_->Upsert({"1", {{"x", 1}, {"y", 99}}, {}});
  ASSERT_FALSE(failed.ok());
  ASSERT_EQ(failed.error().fields.size(), 1u);
  EXPECT_EQ(failed.error().fields[0].field, "fields[1].weight");

  SearchOptions options;
  options.limit = 0;
  EXPECT_EQ(index_->Search("x", options).error().code, ErrorCode::kInvalidArgument);
  options.limit = kMaxLimit + 1;
  EXPECT_EQ(index_->Search("x", options).error().code, ErrorCode::kInvalidArgument);
  options = {};
  options.offset = kMaxOffset + 1;
  EXPECT_EQ(index_->Search("x", options).error().code, ErrorCode::kInvalidArgument);
  options = {};
  options.filters = {{"lang:", "zh"}};
  EXPECT_EQ(index_->Search("x", options).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(SearchIndexTest, ConcurrentSearchesAndWritesAreSafe) {
  Add(Faq("base", "退款 refund", ""));
  constexpr int kWrites = 200;
  constexpr int kReaders = 3;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.emplace_back([&] {
    for (int i = 0; i < kWrites; ++i) {
      if (!index_->Upsert(Faq(std::to_string(i), "退款 refund " + std::to_string(i), "")).ok() ||
          !index_->Commit().ok()) {
        ++failures;
      }
    }
  });
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWrites; ++i) {
        auto hits = index_->Search("退款");
        if (!hits.ok() || hits->empty()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*index_->DocumentCount(), kWrites + 1u);
}

class SearchIndexOnDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kefu_search_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_F(SearchIndexOnDiskTest, PersistsAcrossCloseAndOpen) {
  {
    auto index = SearchIndex::Open(dir_.string());
    ASSERT_TRUE(index.ok()) << index.error().message;
    ASSERT_TRUE((*index)->Upsert(Faq("7", "退款什么时候到账？", "")).ok());
    ASSERT_TRUE((*index)->Commit().ok());
  }
  auto index = SearchIndex::Open(dir_.string());
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(Ids((*index)->Search("退款")), std::vector<std::string>{"7"});
}

TEST_F(SearchIndexOnDiskTest, ReaderSeesCommitsAfterReopen) {
  auto writer = SearchIndex::Open(dir_.string());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Upsert(Faq("1", "refund", "", "1", "en")).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = SearchIndex::OpenReadOnly(dir_.string());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(Ids((*reader)->Search("refund")), std::vector<std::string>{"1"});

  ASSERT_TRUE((*writer)->Upsert(Faq("2", "refund policy", "", "1", "en")).ok());
  EXPECT_EQ((*writer)->Search("refund")->size(), 2u);  // the writer sees its own changes
  EXPECT_EQ((*reader)->Search("refund")->size(), 1u);  // others wait for the commit
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ((*reader)->Search("refund")->size(), 2u);
  ASSERT_TRUE((*writer)->Remove("1").ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(Ids((*reader)->Search("refund")), std::vector<std::string>{"2"});
  EXPECT_EQ(*(*reader)->DocumentCount(), 1u);

  EXPECT_EQ((*reader)->Upsert(Faq("3", "x", "")).error().code, ErrorCode::kInternal);
  EXPECT_EQ((*reader)->Commit().error().code, ErrorCode::kInternal);
}

TEST_F(SearchIndexOnDiskTest, SecondWriterIsUnavailable) {
  auto first = SearchIndex::Open(dir_.string());
  ASSERT_TRUE(first.ok());
  auto second = SearchIndex::Open(dir_.string());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
}

TEST_F(SearchIndexOnDiskTest, ReadOnlyOpenOfMissingIndexIsNotFound) {
  auto index = SearchIndex::OpenReadOnly(dir_.string());
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().code, ErrorCode::kNotFound);
}

TEST_F(SearchIndexOnDiskTest, OpenUnderMissingParentFailsWithoutThrowing) {
  auto index = SearchIndex::Open((dir_ / "no" / "such" / "dir").string());
  EXPECT_FALSE(index.ok());
  EXPECT_FALSE(SearchIndex::Open("").ok());
}

}  // namespace
}  // namespace kefu::search
