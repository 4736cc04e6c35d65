// The agent console's WebSocket (/api/v1/realtime) against a real `kefu serve`: auth,
// live ticket events filtered by visibility, assignment notices, presence, bad frames.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <thread>

#include "http_client.h"
#include "server_process.h"
#include "ws_client.h"

namespace kefu::testing {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

constexpr milliseconds kQuiet{400};  // "nothing arrives": how long we listen

class RealtimeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    server_->Start({"KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0"});
    HttpClient admin(server_->port());
    admin_token_ =
        new std::string(Login(admin, ServerProcess::kAdminEmail, ServerProcess::kAdminPassword));
    admin.SetToken(*admin_token_);
    support_id_ = admin.Post("/api/v1/departments", json::object{{"name", "技术支持"}})
                      .Json()
                      .at("id")
                      .as_int64();
    finance_id_ = admin.Post("/api/v1/departments", json::object{{"name", "财务"}})
                      .Json()
                      .at("id")
                      .as_int64();
    auto agent = admin.Post(
        "/api/v1/users",
        json::object{{"email", "agent@kefu.test"},
                     {"name", "李娜"},
                     {"role", "agent"},
                     {"password", "Agent-Passw0rd"},
                     {"departments", json::array{json::object{{"department_id", support_id_}}}}});
    ASSERT_EQ(agent.status, 201) << agent.body;
    agent_id_ = agent.Json().at("id").as_int64();
    HttpClient agent_client(server_->port());
    agent_token_ = new std::string(Login(agent_client, "agent@kefu.test", "Agent-Passw0rd"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete admin_token_;
    delete agent_token_;
  }

  static HttpClient Admin() {
    HttpClient c(server_->port());
    c.SetToken(*admin_token_);
    return c;
  }

  // A socket that has authenticated with `token`.
  static std::unique_ptr<WsClient> Connect(const std::string& token) {
    auto ws = std::make_unique<WsClient>(server_->port());
    ws->Send(json::serialize(json::object{{"type", "auth"}, {"token", token}}));
    json::value ready = ws->ReadType("ready");
    EXPECT_TRUE(ready.at("user_id").is_int64());
    return ws;
  }

  static std::int64_t CreateTicket(const std::string& subject, std::int64_t department) {
    HttpClient admin = Admin();
    auto res = admin.Post(
        "/api/v1/tickets",
        json::object{{"subject", subject},
                     {"department_id", department},
                     {"channel", "phone"},
                     {"requester", json::object{{"name", "王芳"}, {"phone", "13800138000"}}}});
    EXPECT_EQ(res.status, 201) << res.body;
    return res.Json().at("id").as_int64();
  }

  static void Presence(WsClient& ws, std::int64_t ticket, const char* state) {
    ws.Send(json::serialize(
        json::object{{"type", "presence"}, {"ticket_id", ticket}, {"state", state}}));
  }

  static ServerProcess* server_;
  static std::string* admin_token_;
  static std::string* agent_token_;
  static std::int64_t support_id_, finance_id_, agent_id_;
};

ServerProcess* RealtimeTest::server_ = nullptr;
std::string* RealtimeTest::admin_token_ = nullptr;
std::string* RealtimeTest::agent_token_ = nullptr;
std::int64_t RealtimeTest::support_id_ = 0;
std::int64_t RealtimeTest::finance_id_ = 0;
std::int64_t RealtimeTest::agent_id_ = 0;

TEST_F(RealtimeTest, PlainGetIsToldToUpgrade) {
  HttpClient c(server_->port());
  auto res = c.Get("/api/v1/realtime");
  EXPECT_EQ(res.status, 426);
  EXPECT_EQ(res.Header("upgrade"), "websocket");
  EXPECT_EQ(res.ErrorCode(), "invalid_argument");
}

TEST_F(RealtimeTest, NothingButAuthAndPingBeforeSigningIn) {
  WsClient ws(server_->port());
  ws.Send(R"({"type":"ping"})");
  EXPECT_EQ(ws.ReadType("pong").at("type"), "pong");
  Presence(ws, 1, "viewing");
  EXPECT_EQ(ws.ReadType("error").at("error").at("code"), "unauthenticated");
  ws.Send(R"({"type":"auth","token":"not-a-token"})");
  EXPECT_EQ(ws.ReadType("error").at("error").at("code"), "unauthenticated");
  EXPECT_EQ(ws.AwaitClose(), 4401);
}

TEST_F(RealtimeTest, MalformedFramesGetErrorsAndTheServerStaysUp) {
  auto ws = Connect(*agent_token_);
  ws->Send("{not json");
  EXPECT_EQ(ws->ReadType("error").at("error").at("code"), "invalid_argument");
  ws->Send(R"({"type":"subscribe"})");
  json::value unknown = ws->ReadType("error");
  EXPECT_EQ(unknown.at("error").at("details").at(0).at("field"), "type");
  ws->Send(R"({"type":"presence","ticket_id":"x","state":"viewing"})");
  EXPECT_EQ(ws->ReadType("error").at("error").at("details").at(0).at("field"), "ticket_id");
  ws->Send(R"({"type":"ping"})");  // still served
  EXPECT_EQ(ws->ReadType("pong").at("type"), "pong");

  WsClient binary(server_->port());
  binary.SendBinary(std::string("\x00\x01\x02", 3));
  EXPECT_EQ(binary.AwaitClose(), 1003);

  // Past 16 KB the server closes with 1009. It does not read the rest of a large message,
  // so a client still writing may see a reset instead of the close frame.
  WsClient oversized(server_->port());
  try {
    oversized.Send(std::string(64 * 1024, 'x'));
  } catch (const std::exception&) {
    // broken pipe / reset: the server hung up mid-message
  }
  int code = oversized.AwaitClose();
  EXPECT_TRUE(oversized.closed());
  if (code != 0) {
    EXPECT_EQ(code, 1009);
  }

  HttpClient c(server_->port());
  EXPECT_EQ(c.Get("/healthz").status, 200);
}

TEST_F(RealtimeTest, AgentsHearOfChangesToTicketsTheyMaySeeOnly) {
  auto admin_ws = Connect(*admin_token_);
  auto agent_ws = Connect(*agent_token_);
  std::int64_t finance_ticket = CreateTicket("发票抬头错误", finance_id_);
  std::int64_t support_ticket = CreateTicket("无法登录", support_id_);

  // The admin sees both; the support agent only the support ticket: the first ticket
  // frame it gets is the second ticket's (the hub keeps event order).
  EXPECT_EQ(admin_ws->ReadType("ticket").at("ticket_id"), finance_ticket);
  EXPECT_EQ(admin_ws->ReadType("ticket").at("ticket_id"), support_ticket);
  json::value created = agent_ws->ReadType("ticket");
  EXPECT_EQ(created.at("ticket_id"), support_ticket);
  EXPECT_EQ(created.at("event"), "ticket.created");
  EXPECT_EQ(created.at("status"), "new");

  // The admin assigns it to the agent: a row update for both, an assignment notice for
  // the agent alone.
  HttpClient admin = Admin();
  auto patched = admin.Patch("/api/v1/tickets/" + std::to_string(support_ticket),
                             json::object{{"assignee_id", agent_id_}, {"priority", "high"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  json::value update = agent_ws->ReadType("ticket");
  EXPECT_EQ(update.at("event"), "ticket.updated");
  EXPECT_EQ(update.at("assignee_id"), agent_id_);
  EXPECT_EQ(update.at("priority"), "high");
  EXPECT_EQ(update.at("version"), patched.Json().at("version"));
  json::value assigned = agent_ws->ReadType("assigned");
  EXPECT_EQ(assigned.at("ticket_id"), support_ticket);
  EXPECT_EQ(assigned.at("subject"), "无法登录");
  EXPECT_EQ(admin_ws->ReadType("ticket").at("event"), "ticket.updated");
  auto extra = admin_ws->Read(kQuiet);
  EXPECT_FALSE(extra && extra->at("type") == "assigned") << "the admin assigned it, no notice";

  // A note on the finance ticket is not the agent's business.
  auto note = admin.Post("/api/v1/tickets/" + std::to_string(finance_ticket) + "/messages",
                         json::object{{"kind", "internal_note"}, {"body", "核对发票"}});
  ASSERT_EQ(note.status, 201) << note.body;
  json::value message = admin_ws->ReadType("ticket");
  EXPECT_EQ(message.at("event"), "message.created");
  EXPECT_EQ(message.at("message_kind"), "internal_note");
  auto nothing = agent_ws->Read(kQuiet);
  EXPECT_FALSE(nothing.has_value()) << json::serialize(*nothing);
}

TEST_F(RealtimeTest, PresenceShowsWhoIsViewingAndReplying) {
  std::int64_t ticket = CreateTicket("退款进度", support_id_);
  auto admin_ws = Connect(*admin_token_);
  auto agent_ws = Connect(*agent_token_);

  Presence(*admin_ws, ticket, "viewing");
  json::value alone = admin_ws->ReadType("presence");
  EXPECT_EQ(alone.at("ticket_id"), ticket);
  EXPECT_EQ(alone.at("agents").as_array().size(), 1U);

  Presence(*agent_ws, ticket, "replying");
  json::value both = admin_ws->ReadType("presence");
  ASSERT_EQ(both.at("agents").as_array().size(), 2U);
  bool agent_replying = false;
  for (const auto& entry : both.at("agents").as_array()) {
    if (entry.at("user_id") == agent_id_) {
      agent_replying = entry.at("state") == "replying" && entry.at("name") == "李娜";
    }
  }
  EXPECT_TRUE(agent_replying) << json::serialize(both);
  EXPECT_EQ(agent_ws->ReadType("presence").at("agents").as_array().size(), 2U);

  // Closing the tab (the socket) takes the agent off the ticket.
  agent_ws.reset();
  json::value after = admin_ws->ReadType("presence");
  ASSERT_EQ(after.at("agents").as_array().size(), 1U);
  EXPECT_NE(after.at("agents").at(0).at("user_id"), agent_id_);

  // A ticket outside the agent's departments cannot be watched.
  std::int64_t finance_ticket = CreateTicket("对账", finance_id_);
  auto agent_again = Connect(*agent_token_);
  Presence(*agent_again, finance_ticket, "viewing");
  EXPECT_EQ(agent_again->ReadType("error").at("error").at("code"), "not_found");
}

TEST_F(RealtimeTest, DeactivatingAnAgentClosesTheirSockets) {
  HttpClient admin = Admin();
  auto user = admin.Post(
      "/api/v1/users",
      json::object{{"email", "leaver@kefu.test"},
                   {"name", "Leaver"},
                   {"role", "agent"},
                   {"password", "Leaver-Passw0rd"},
                   {"departments", json::array{json::object{{"department_id", support_id_}}}}});
  ASSERT_EQ(user.status, 201) << user.body;
  HttpClient leaver(server_->port());
  auto ws = Connect(Login(leaver, "leaver@kefu.test", "Leaver-Passw0rd"));
  auto off = admin.Patch("/api/v1/users/" + std::to_string(user.Json().at("id").as_int64()),
                         json::object{{"active", false}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(ws->AwaitClose(), 4403);
}

TEST_F(RealtimeTest, UnauthenticatedSocketsAreClosedAfterTheAuthTimeout) {
  WsClient ws(server_->port());
  EXPECT_EQ(ws.AwaitClose(std::chrono::seconds(15)), 4401);
}

TEST(RealtimeShutdownTest, StoppingTheServerClosesSocketsWithGoingAway) {
  ServerProcess server;
  server.Start();
  HttpClient http(server.port());
  std::string token = Login(http, ServerProcess::kAdminEmail, ServerProcess::kAdminPassword);
  WsClient ws(server.port());
  ws.Send(json::serialize(json::object{{"type", "auth"}, {"token", token}}));
  ws.ReadType("ready");
  auto started = std::chrono::steady_clock::now();
  std::thread stopper([&] { server.Stop(); });
  EXPECT_EQ(ws.AwaitClose(), 1001);
  stopper.join();
  // The open socket did not hold shutdown for the whole grace period.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

}  // namespace
}  // namespace kefu::testing
