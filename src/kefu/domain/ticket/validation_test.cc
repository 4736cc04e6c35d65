#include "kefu/domain/ticket/validation.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::domain {
namespace {

Ticket ValidTicket() {
  Ticket ticket;
  ticket.subject = "无法登录 / cannot log in";
  ticket.description = "Steps:\n1. open app\r\n2.\tlog in";
  ticket.tags = {"login", "app"};
  ticket.follower_ids = {3, 4};
  return ticket;
}

std::vector<std::string> Fields(const Status& status) {
  std::vector<std::string> fields;
  for (const FieldError& e : status.error().fields) fields.push_back(e.field);
  return fields;
}

TEST(ValidateTicketInputTest, AcceptsAValidTicket) {
  EXPECT_TRUE(ValidateTicketInput(ValidTicket()).ok());
  Ticket minimal;
  minimal.subject = "x";
  EXPECT_TRUE(ValidateTicketInput(minimal).ok());
}

TEST(ValidateTicketInputTest, SubjectLimitsCountCodePoints) {
  Ticket ticket = ValidTicket();
  ticket.subject.clear();
  for (std::size_t i = 0; i < kMaxTicketSubjectLength; ++i) ticket.subject += "字";
  EXPECT_TRUE(ValidateTicketInput(ticket).ok());
  ticket.subject += "字";
  Status status = ValidateTicketInput(ticket);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(status), std::vector<std::string>{"subject"});
  EXPECT_EQ(status.error().fields[0].issue, "must be at most 200 characters");
}

TEST(ValidateTicketInputTest, SubjectMustNotBeBlankOrMultiLine) {
  for (std::string subject : {"", "   ", "a\nb", "\xC3"}) {
    Ticket ticket = ValidTicket();
    ticket.subject = subject;
    Status status = ValidateTicketInput(ticket);
    ASSERT_FALSE(status.ok()) << subject;
    EXPECT_EQ(Fields(status), std::vector<std::string>{"subject"});
  }
}

TEST(ValidateTicketInputTest, DescriptionLimitIsInBytes) {
  Ticket ticket = ValidTicket();
  ticket.description = std::string(kMaxTicketDescriptionBytes, 'a');
  EXPECT_TRUE(ValidateTicketInput(ticket).ok());
  ticket.description.push_back('a');
  Status status = ValidateTicketInput(ticket);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(Fields(status), std::vector<std::string>{"description"});
  EXPECT_EQ(status.error().fields[0].issue, "must be at most 100000 bytes");
}

TEST(ValidateTicketInputTest, DescriptionEncodingAndControls) {
  Ticket ticket = ValidTicket();
  ticket.description = "bad \xFF byte";
  Status bad_utf8 = ValidateTicketInput(ticket);
  ASSERT_FALSE(bad_utf8.ok());
  EXPECT_EQ(bad_utf8.error().fields[0].issue, "must be valid UTF-8");
  ticket.description = std::string("nul\0inside", 10);
  Status nul = ValidateTicketInput(ticket);
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().fields[0].issue, "must not contain control characters");
  ticket.description.clear();
  EXPECT_TRUE(ValidateTicketInput(ticket).ok());
}

TEST(ValidateTicketInputTest, TagsUseTheSharedRule) {
  Ticket ticket = ValidTicket();
  ticket.tags = {"a,b", "ok", "ok"};
  Status status = ValidateTicketInput(ticket);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(Fields(status), (std::vector<std::string>{"tags[0]", "tags[2]"}));
}

TEST(ValidateTicketInputTest, Followers) {
  Ticket ticket = ValidTicket();
  ticket.follower_ids = {5, 0, 5, -1};
  Status status = ValidateTicketInput(ticket);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(Fields(status),
            (std::vector<std::string>{"follower_ids[1]", "follower_ids[2]", "follower_ids[3]"}));
  ticket.follower_ids.clear();
  for (Id id = 1; id <= static_cast<Id>(kMaxTicketFollowers) + 1; ++id) {
    ticket.follower_ids.push_back(id);
  }
  EXPECT_EQ(Fields(ValidateTicketInput(ticket)), std::vector<std::string>{"follower_ids"});
}

TEST(ValidateTicketInputTest, CannotMergeIntoItself) {
  Ticket ticket = ValidTicket();
  ticket.id = 9;
  ticket.merged_into_id = 9;
  EXPECT_EQ(Fields(ValidateTicketInput(ticket)), std::vector<std::string>{"merged_into_id"});
  ticket.merged_into_id = 10;
  EXPECT_TRUE(ValidateTicketInput(ticket).ok());
}

TEST(ValidateTicketInputTest, ReportsEveryProblemAtOnce) {
  Ticket ticket = ValidTicket();
  ticket.subject = "";
  ticket.description = "\xFF";
  ticket.tags = {""};
  ticket.follower_ids = {0};
  EXPECT_EQ(Fields(ValidateTicketInput(ticket)),
            (std::vector<std::string>{"subject", "description", "tags[0]", "follower_ids[0]"}));
}

}  // namespace
}  // namespace kefu::domain
