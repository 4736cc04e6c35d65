#include "kefu/api/json_writer.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "kefu/api/dto.h"

namespace kefu::api {
namespace {

TEST(JsonWriterTest, WritesNestedDocumentsWithCommas) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("a");
  w.Int(-42);
  w.Key("b");
  w.BeginArray();
  w.String("x");
  w.Null();
  w.Bool(true);
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  w.Key("c");
  w.OptionalInt(std::nullopt);
  w.Key("t");
  w.Time(TimeMs{0});
  w.EndObject();
  EXPECT_EQ(out, R"({"a":-42,"b":["x",null,true,{},[]],"c":null,"t":"1970-01-01T00:00:00.000Z"})");
}

TEST(JsonWriterTest, EscapesLikeBoostJson) {
  std::string tricky = "引号\"反斜杠\\\n\t\r\b\f";
  tricky.push_back('\x01');
  tricky.push_back('\x1f');
  tricky += "</script> ok";
  std::string out;
  JsonWriter w(out);
  w.String(tricky);
  EXPECT_EQ(boost::json::parse(out).as_string(), tricky);
  EXPECT_EQ(out, boost::json::serialize(boost::json::value(tricky)));
}

TEST(JsonWriterTest, TicketTextMatchesTheDocumentForm) {
  domain::Ticket t;
  t.id = 7;
  t.number = "T-000007";
  t.subject = "无法登录 \"VIP\"";
  t.description = "line1\nline2";
  t.requester_id = 3;
  t.category_id = 5;
  t.tags = {"vip", "退款"};
  t.custom_fields = {{"order", "A-1"}, {"amount", 12.5}};
  t.follower_ids = {1, 2};
  t.due_at = 1'700'000'000'123;
  t.created_at = 1'700'000'000'000;
  t.updated_at = 1'700'000'000'001;
  t.version = 4;
  auto parsed = boost::json::parse(TicketJsonText(t)).as_object();
  EXPECT_EQ(parsed, TicketJson(t));
  EXPECT_EQ(parsed.at("subject").as_string(), t.subject);
  EXPECT_TRUE(parsed.at("assignee_id").is_null());
  EXPECT_EQ(parsed.at("due_at").as_string(), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(parsed.at("custom_fields").at("order").as_string(), "A-1");

  storage::Page<domain::Ticket> page;
  page.items = {t, t};
  page.next_cursor = "abc";
  auto doc = boost::json::parse(TicketPageJsonText(page)).as_object();
  EXPECT_EQ(doc.at("items").as_array().size(), 2U);
  EXPECT_EQ(doc.at("items").as_array()[1].as_object(), parsed);
  EXPECT_EQ(doc.at("next_cursor").as_string(), "abc");
  page.next_cursor.clear();
  EXPECT_TRUE(boost::json::parse(TicketPageJsonText(page)).at("next_cursor").is_null());
}

}  // namespace
}  // namespace kefu::api
