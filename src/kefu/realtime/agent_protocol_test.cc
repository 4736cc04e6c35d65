#include "kefu/realtime/agent_protocol.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kefu::realtime {
namespace {

namespace json = boost::json;

TEST(AgentProtocolTest, ParsesTheThreeClientFrames) {
  auto auth = ParseClientFrame(R"({"type":"auth","token":"abc"})");
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(std::get<AuthFrame>(*auth).token, "abc");

  auto presence = ParseClientFrame(R"({"type":"presence","ticket_id":7,"state":"replying"})");
  ASSERT_TRUE(presence.ok());
  EXPECT_EQ(std::get<PresenceFrame>(*presence).ticket_id, 7);
  EXPECT_EQ(std::get<PresenceFrame>(*presence).state, PresenceState::kReplying);

  EXPECT_TRUE(std::holds_alternative<PingFrame>(*ParseClientFrame(R"({"type":"ping"})")));
}

TEST(AgentProtocolTest, RejectsMalformedFramesWithTheFieldAtFault) {
  struct Case {
    const char* text;
    const char* field;  // "" when the error names no field
  };
  for (const Case& c :
       {Case{"not json", ""}, Case{"[1,2]", ""}, Case{R"({"kind":"ping"})", "type"},
        Case{R"({"type":7})", "type"}, Case{R"({"type":"subscribe"})", "type"},
        Case{R"({"type":"auth"})", "token"}, Case{R"({"type":"auth","token":""})", "token"},
        Case{R"({"type":"presence","state":"viewing"})", "ticket_id"},
        Case{R"({"type":"presence","ticket_id":-3,"state":"viewing"})", "ticket_id"},
        Case{R"({"type":"presence","ticket_id":"7","state":"viewing"})", "ticket_id"},
        Case{R"({"type":"presence","ticket_id":7,"state":"typing"})", "state"}}) {
    auto frame = ParseClientFrame(c.text);
    ASSERT_FALSE(frame.ok()) << c.text;
    EXPECT_EQ(frame.error().code, ErrorCode::kInvalidArgument) << c.text;
    if (*c.field != '\0') {
      ASSERT_EQ(frame.error().fields.size(), 1U) << c.text;
      EXPECT_EQ(frame.error().fields[0].field, c.field) << c.text;
    }
  }
}

TEST(AgentProtocolTest, ErrorFramesUseTheApiErrorShape) {
  json::value frame = json::parse(ErrorFrame(InvalidArgument("bad", {{"state", "must be x"}})));
  EXPECT_EQ(frame.at("type"), "error");
  EXPECT_EQ(frame.at("error").at("code"), "invalid_argument");
  EXPECT_EQ(frame.at("error").at("details").at(0).at("field"), "state");
}

domain::DomainEvent UpdateEvent(json::array changes) {
  domain::DomainEvent event;
  event.type = std::string(domain::kEventTicketUpdated);
  event.entity_type = "ticket";
  event.entity_id = 9;
  event.actor_id = 2;
  event.payload["changes"] = std::move(changes);
  return event;
}

TEST(AgentProtocolTest, FindsTheNewAssignee) {
  EXPECT_EQ(NewAssignee(UpdateEvent(
                json::array{json::object{{"field", "assignee_id"}, {"from", nullptr}, {"to", 5}}})),
            5);
  EXPECT_EQ(NewAssignee(UpdateEvent(
                json::array{json::object{{"field", "assignee_id"}, {"from", 5}, {"to", nullptr}}})),
            0);
  EXPECT_EQ(NewAssignee(UpdateEvent(
                json::array{json::object{{"field", "status"}, {"from", "new"}, {"to", "open"}}})),
            0);
  domain::DomainEvent created;
  created.type = std::string(domain::kEventTicketCreated);
  created.payload["assignee_id"] = 4;
  EXPECT_EQ(NewAssignee(created), 4);
}

TEST(AgentProtocolTest, TicketFrameCarriesTheRowFieldsAndChangedFieldNames) {
  domain::Ticket ticket;
  ticket.id = 9;
  ticket.number = "T-000009";
  ticket.subject = "secret subject";
  ticket.version = 4;
  ticket.assignee_id = 5;
  json::value frame = json::parse(TicketChangedFrame(
      UpdateEvent(json::array{json::object{{"field", "subject"}, {"from", "a"}, {"to", "b"}}}),
      ticket));
  EXPECT_EQ(frame.at("type"), "ticket");
  EXPECT_EQ(frame.at("event"), "ticket.updated");
  EXPECT_EQ(frame.at("version"), 4);
  EXPECT_EQ(frame.at("assignee_id"), 5);
  EXPECT_EQ(frame.at("department_id"), nullptr);
  EXPECT_EQ(frame.at("changed_fields"), (json::array{"subject"}));
  // Values stay behind the API (masking, visibility): only names travel.
  EXPECT_EQ(json::serialize(frame).find("secret"), std::string::npos);
}

TEST(AgentProtocolTest, PresenceFrameListsAgents) {
  json::value frame = json::parse(TicketPresenceFrame(
      3, {{1, "陈静", PresenceState::kReplying}, {2, "Li", PresenceState::kViewing}}));
  EXPECT_EQ(frame.at("ticket_id"), 3);
  EXPECT_EQ(frame.at("agents").at(0).at("state"), "replying");
  EXPECT_EQ(frame.at("agents").at(1).at("name"), "Li");
}

}  // namespace
}  // namespace kefu::realtime
