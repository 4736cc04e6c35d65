// Black-box tests: a real `kefu serve` process, spoken to over HTTP on 127.0.0.1.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "http_client.h"
#include "server_process.h"

namespace kefu::testing {
namespace {

namespace json = boost::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    server_->Start({"KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0"});
    HttpClient admin(server_->port());
    admin_token_ =
        new std::string(Login(admin, ServerProcess::kAdminEmail, ServerProcess::kAdminPassword));
    admin.SetToken(*admin_token_);
    auto dept = admin.Post("/api/v1/departments", json::object{{"name", "技术支持"}});
    ASSERT_EQ(dept.status, 201) << dept.body;
    support_id_ = dept.Json().at("id").as_int64();
    auto other = admin.Post("/api/v1/departments", json::object{{"name", "财务"}});
    finance_id_ = other.Json().at("id").as_int64();
    auto agent = admin.Post(
        "/api/v1/users",
        json::object{{"email", "agent@kefu.test"},
                     {"name", "李娜"},
                     {"role", "agent"},
                     {"password", "Agent-Passw0rd"},
                     {"departments", json::array{json::object{{"department_id", support_id_}}}}});
    ASSERT_EQ(agent.status, 201) << agent.body;
    HttpClient agent_client(server_->port());
    agent_token_ = new std::string(Login(agent_client, "agent@kefu.test", "Agent-Passw0rd"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete admin_token_;
    delete agent_token_;
  }

  HttpClient Admin() {
    HttpClient c(server_->port());
    c.SetToken(*admin_token_);
    return c;
  }
  HttpClient Agent() {
    HttpClient c(server_->port());
    c.SetToken(*agent_token_);
    return c;
  }

  json::object CreateTicket(HttpClient& c, const std::string& subject, std::int64_t department,
                            const std::string& phone) {
    auto res =
        c.Post("/api/v1/tickets",
               json::object{{"subject", subject},
                            {"department_id", department},
                            {"channel", "phone"},
                            {"requester", json::object{{"name", "王芳"}, {"phone", phone}}}});
    EXPECT_EQ(res.status, 201) << res.body;
    return res.Json().as_object();
  }

  static std::string ErrorCode(const HttpResult& r) { return r.ErrorCode(); }

  static ServerProcess* server_;
  static std::string* admin_token_;
  static std::string* agent_token_;
  static std::int64_t support_id_, finance_id_;
};

ServerProcess* ApiTest::server_ = nullptr;
std::string* ApiTest::admin_token_ = nullptr;
std::string* ApiTest::agent_token_ = nullptr;
std::int64_t ApiTest::support_id_ = 0;
std::int64_t ApiTest::finance_id_ = 0;

TEST_F(ApiTest, HealthRequestIdsAndUnknownRoutes) {
  HttpClient c(server_->port());
  auto health = c.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_FALSE(health.Header("x-request-id").empty());
  auto echoed = c.Request("GET", "/readyz", "", {{"X-Request-Id", "trace-123"}});
  EXPECT_EQ(echoed.status, 200);
  EXPECT_EQ(echoed.Header("x-request-id"), "trace-123");
  auto missing = c.Get("/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorCode(missing), "not_found");
  auto wrong_method = c.Request("DELETE", "/api/v1/tickets");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_FALSE(wrong_method.Header("allow").empty());
  auto spec = c.Get("/api/v1/openapi.json");
  EXPECT_EQ(spec.status, 200);
  EXPECT_EQ(spec.Json().at("openapi").as_string(), "3.1.0");
  auto metrics = c.Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("kefu_http_requests_total"), std::string::npos);
  EXPECT_NE(metrics.body.find("kefu_db_transaction_seconds"), std::string::npos);
}

TEST_F(ApiTest, UnauthenticatedIs401AndForbiddenIs403) {
  HttpClient anonymous(server_->port());
  auto no_token = anonymous.Get("/api/v1/tickets");
  EXPECT_EQ(no_token.status, 401);
  EXPECT_EQ(ErrorCode(no_token), "unauthenticated");
  anonymous.SetToken("garbage.token.here");
  EXPECT_EQ(anonymous.Get("/api/v1/me").status, 401);
  auto agent = Agent();
  auto forbidden =
      agent.Post("/api/v1/users", json::object{{"email", "x@kefu.test"}, {"name", "X"}});
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(ErrorCode(forbidden), "permission_denied");
  EXPECT_EQ(agent.Get("/api/v1/audit-log").status, 403);
}

TEST_F(ApiTest, ValidationErrorsListEveryField) {
  auto c = Admin();
  auto res = c.Post(
      "/api/v1/tickets",
      json::object{
          {"subject", ""}, {"priority", "asap"}, {"colour", "red"}, {"requester_id", 999999}});
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(ErrorCode(res), "invalid_argument");
  std::set<std::string> fields;
  auto res_json = res.Json();

  for (const auto& f : res_json.at("error").at("details").at("fields").as_array()) {
    fields.insert(std::string(f.at("field").as_string()));
  }
  EXPECT_TRUE(fields.count("priority"));
  EXPECT_TRUE(fields.count("colour"));
  auto both = c.Post("/api/v1/tickets", json::object{{"subject", "x"},
                                                     {"requester_id", 1},
                                                     {"requester", json::object{{"name", "y"}}}});
  EXPECT_EQ(both.status, 400) << both.body;
  auto dept = c.Post("/api/v1/departments", json::object{{"name", "售后"}});
  EXPECT_EQ(dept.status, 201);
  EXPECT_EQ(dept.Header("location"),
            "/api/v1/departments/" + std::to_string(dept.Json().at("id").as_int64()));
  EXPECT_EQ(c.Get("/api/v1/tickets?status=sleeping").status, 400);
  EXPECT_EQ(c.Get("/api/v1/departments/999999").status, 404);
  EXPECT_EQ(c.Get(dept.Header("location")).status, 200);
  auto not_json = c.Request("POST", "/api/v1/tickets", "{not json");
  EXPECT_EQ(not_json.status, 400);
}

TEST_F(ApiTest, TicketLifecycleWithVersionsAndWorkflow) {
  auto c = Admin();
  auto ticket = CreateTicket(c, "无法登录会员账号", support_id_, "13800138001");
  auto id = std::to_string(ticket.at("id").as_int64());
  EXPECT_EQ(ticket.at("number").as_string().size(), 8u);  // T-000123
  auto got = c.Get("/api/v1/tickets/" + id);
  ASSERT_EQ(got.status, 200);
  std::string etag = got.Header("etag");
  ASSERT_FALSE(etag.empty());

  auto moved = c.Patch("/api/v1/tickets/" + id, json::object{{"status", "in_progress"}}, etag);
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto stale = c.Patch("/api/v1/tickets/" + id, json::object{{"priority", "high"}}, etag);
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(ErrorCode(stale), "precondition_failed");

  auto back_to_new = c.Patch("/api/v1/tickets/" + id, json::object{{"status", "new"}});
  ASSERT_EQ(back_to_new.status, 409);
  EXPECT_FALSE(back_to_new.Json().at("error").at("details").at("allowed").as_array().empty());

  auto note = c.Post("/api/v1/tickets/" + id + "/messages",
                     json::object{{"kind", "internal_note"}, {"body", "客户是老会员"}});
  EXPECT_EQ(note.status, 201) << note.body;
  auto reply = c.Post("/api/v1/tickets/" + id + "/messages",
                      json::object{{"body", "您好，已为您重置密码。"}});
  EXPECT_EQ(reply.status, 201);
  auto resolved = c.Patch("/api/v1/tickets/" + id, json::object{{"status", "resolved"}});
  EXPECT_EQ(resolved.status, 200) << resolved.body;
  auto messages = c.Get("/api/v1/tickets/" + id + "/messages");
  EXPECT_EQ(messages.Json().at("items").as_array().size(), 2u);
  auto history = c.Get("/api/v1/tickets/" + id + "/events");
  ASSERT_EQ(history.status, 200);
  bool saw_status_change = false;
  auto history_json = history.Json();

  for (const auto& e : history_json.at("items").as_array()) {
    if (e.at("type") == "ticket.updated") {
      for (const auto& change : e.at("payload").at("changes").as_array()) {
        saw_status_change |= change.at("field") == "status";
      }
    }
  }
  EXPECT_TRUE(saw_status_change);
}

TEST_F(ApiTest, AgentsOnlySeeTheirDepartments) {
  auto admin = Admin();
  auto finance_ticket = CreateTicket(admin, "发票抬头修改", finance_id_, "13800138002");
  auto agent = Agent();
  auto res = agent.Get("/api/v1/tickets/" + std::to_string(finance_ticket.at("id").as_int64()));
  EXPECT_EQ(res.status, 403);
  auto list = agent.Get("/api/v1/tickets?limit=200");
  ASSERT_EQ(list.status, 200);
  auto list_json = list.Json();

  for (const auto& t : list_json.at("items").as_array()) {
    EXPECT_NE(t.at("department_id"), json::value(finance_id_));
  }
}

TEST_F(ApiTest, CursorPaginationVisitsEveryTicketOnce) {
  auto c = Admin();
  for (int i = 0; i < 7; ++i)
    CreateTicket(c, "分页 " + std::to_string(i), finance_id_, "1370013800" + std::to_string(i));
  std::set<std::int64_t> seen;
  std::string target = "/api/v1/tickets?q=%E5%88%86%E9%A1%B5&limit=3";  // q=分页
  for (int page = 0; page < 10; ++page) {
    auto res = c.Get(target);
    ASSERT_EQ(res.status, 200) << res.body;
    auto body = res.Json().as_object();
    for (const auto& t : body.at("items").as_array()) {
      EXPECT_TRUE(seen.insert(t.at("id").as_int64()).second);
    }
    if (body.at("next_cursor").is_null()) break;
    target = "/api/v1/tickets?q=%E5%88%86%E9%A1%B5&limit=3&cursor=" +
             std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(c.Get("/api/v1/tickets?cursor=bogus").status, 400);
  EXPECT_EQ(c.Get("/api/v1/tickets?limit=5000").status, 400);
}

TEST_F(ApiTest, ContactDetailsAreMaskedUntilRevealedAndRevealIsAudited) {
  auto admin = Admin();
  auto created = admin.Post("/api/v1/customers",
                            json::object{{"name", "赵敏"},
                                         {"phones", json::array{"138 0013 8000"}},
                                         {"emails", json::array{"zhao.min@example.com"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(created.Json().at("id").as_int64());
  auto agent = Agent();
  auto masked = agent.Get("/api/v1/customers/" + id);
  ASSERT_EQ(masked.status, 200);
  EXPECT_EQ(masked.Json().at("phones").at(0).as_string(), "138****8000");
  EXPECT_EQ(agent.Post("/api/v1/customers/" + id + "/reveal", json::object{}).status, 403);
  auto revealed = admin.Post("/api/v1/customers/" + id + "/reveal", json::object{});
  ASSERT_EQ(revealed.status, 200);
  EXPECT_EQ(revealed.Json().at("phones").at(0).as_string(), "+8613800138000");
  bool audited = false;
  for (int i = 0; i < 50 && !audited; ++i) {
    auto log = admin.Get("/api/v1/audit-log?action=customer.contact_revealed");
    audited = !log.Json().at("items").as_array().empty();
    if (!audited) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(audited);
  auto search = agent.Get("/api/v1/customers?q=%2B86%20138-0013-8000");
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(search.Json().at("items").as_array().size(), 1u);
}

TEST_F(ApiTest, MergingCustomersMovesTheirTickets) {
  auto c = Admin();
  auto a = CreateTicket(c, "咨询 A", support_id_, "13900139001");
  auto b = CreateTicket(c, "咨询 B", support_id_, "13900139002");
  auto target = a.at("requester_id").as_int64();
  auto source = b.at("requester_id").as_int64();
  auto merged = c.Post("/api/v1/customers/" + std::to_string(target) + "/merge",
                       json::object{{"source_id", source}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.Json().at("moved_tickets").as_int64(), 1);
  auto moved = c.Get("/api/v1/tickets/" + std::to_string(b.at("id").as_int64()));
  EXPECT_EQ(moved.Json().at("requester_id").as_int64(), target);
  auto again = c.Post("/api/v1/customers/" + std::to_string(target) + "/merge",
                      json::object{{"source_id", source}});
  EXPECT_EQ(again.status, 409);
}

TEST_F(ApiTest, OversizedBodyIs413) {
  auto c = Admin();
  std::string huge = "{\"subject\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}";
  auto res = c.Request("POST", "/api/v1/tickets", huge);
  EXPECT_EQ(res.status, 413);
}

TEST_F(ApiTest, ParallelReadModifyWriteLosesNoUpdate) {
  auto c = Admin();
  auto ticket = CreateTicket(c, "并发测试", support_id_, "13600136000");
  auto path = "/api/v1/tickets/" + std::to_string(ticket.at("id").as_int64());
  constexpr int kThreads = 8;
  constexpr int kTagsEach = 4;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      HttpClient client(server_->port());
      client.SetToken(*admin_token_);
      for (int i = 0; i < kTagsEach; ++i) {
        for (int attempt = 0; attempt < 100; ++attempt) {
          auto current = client.Get(path);
          auto tags = current.Json().at("tags").as_array();
          tags.emplace_back("t" + std::to_string(t) + "-" + std::to_string(i));
          auto res = client.Patch(path, json::object{{"tags", tags}}, current.Header("etag"));
          if (res.status == 200) break;
          ASSERT_EQ(res.status, 412) << res.body;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  auto final_state = c.Get(path);
  EXPECT_EQ(final_state.Json().at("tags").as_array().size(),
            static_cast<size_t>(kThreads * kTagsEach));
}

TEST_F(ApiTest, BulkUpdateAndCounts) {
  auto c = Admin();
  auto a = CreateTicket(c, "批量 1", finance_id_, "13500135001");
  auto b = CreateTicket(c, "批量 2", finance_id_, "13500135002");
  auto res = c.Post("/api/v1/tickets/bulk",
                    json::object{{"ids", json::array{a.at("id"), b.at("id"), 424242}},
                                 {"changes", json::object{{"priority", "urgent"},
                                                          {"add_tags", json::array{"批量"}}}}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.Json().at("updated").as_int64(), 2);
  EXPECT_EQ(res.Json().at("failed").as_int64(), 1);
  auto counts = c.Get("/api/v1/tickets/counts");
  ASSERT_EQ(counts.status, 200);
  EXPECT_GT(counts.Json().at("visible").at("total").as_int64(), 0);
}

TEST_F(ApiTest, RefreshRotationAndLogout) {
  HttpClient c(server_->port());
  auto login = c.Post("/api/v1/auth/login",
                      json::object{{"email", "agent@kefu.test"}, {"password", "Agent-Passw0rd"}});
  ASSERT_EQ(login.status, 200);
  auto refresh = std::string(login.Json().at("refresh_token").as_string());
  auto rotated = c.Post("/api/v1/auth/refresh", json::object{{"refresh_token", refresh}});
  ASSERT_EQ(rotated.status, 200);
  EXPECT_EQ(c.Post("/api/v1/auth/refresh", json::object{{"refresh_token", refresh}}).status, 401);
  c.SetToken(std::string(rotated.Json().at("access_token").as_string()));
  EXPECT_EQ(c.Request("POST", "/api/v1/auth/logout").status, 204);
  EXPECT_EQ(c.Get("/api/v1/me").status, 401);
}

TEST_F(ApiTest, RepeatedLoginFailuresAre429WithRetryAfter) {
  HttpClient c(server_->port());
  json::object wrong{{"email", "agent@kefu.test"}, {"password", "nope"}};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.Post("/api/v1/auth/login", wrong).status, 401);
  auto locked = c.Post("/api/v1/auth/login", wrong);
  EXPECT_EQ(locked.status, 429);
  EXPECT_FALSE(locked.Header("retry-after").empty());
}

TEST_F(ApiTest, AttachmentsAreStoredAndDangerousTypesRefused) {
  auto c = Admin();
  auto png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(64, '\0');
  auto up = c.Request("POST", "/api/v1/attachments?filename=%E6%88%AA%E5%9B%BE.png", png,
                      {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.Json().at("content_type").as_string(), "image/png");
  auto down = c.Get(std::string(up.Json().at("url").as_string()));
  EXPECT_EQ(down.status, 200);
  EXPECT_EQ(down.body, png);
  // A minimal ELF64 executable header: refused whatever the name says.
  std::string elf(
      "\x7f"
      "ELF\x02\x01\x01",
      7);
  elf += std::string(9, '\0');
  const unsigned char header[] = {2,  0, 62, 0, 1,  0, 0,  0, 0, 16, 64, 0, 0, 0, 0, 0,
                                  64, 0, 0,  0, 0,  0, 0,  0, 0, 0,  0,  0, 0, 0, 0, 0,
                                  0,  0, 0,  0, 64, 0, 56, 0, 1, 0,  64, 0, 0, 0, 0, 0};
  elf.append(reinterpret_cast<const char*>(header), sizeof header);
  elf += std::string(64, '\0');
  auto refused = c.Request("POST", "/api/v1/attachments?filename=photo.jpg", elf,
                           {{"Content-Type", "image/jpeg"}});
  EXPECT_EQ(refused.status, 415) << refused.body;
  auto script = c.Request("POST", "/api/v1/attachments?filename=notes.txt", "#!/bin/sh\necho hi\n");
  EXPECT_EQ(script.status, 415) << script.body;
  auto by_name = c.Request("POST", "/api/v1/attachments?filename=setup.exe", "just text");
  EXPECT_EQ(by_name.status, 415) << by_name.body;
}

// Downloads follow ticket visibility: the uploader and whoever can view a ticket that
// shows the attachment get it; an agent of another department gets 404, and cannot
// borrow the id for a message on a ticket of their own.
TEST_F(ApiTest, AttachmentsAreOnlyVisibleWithTheirTicket) {
  auto admin = Admin();
  auto agent = Agent();
  auto up = admin.Request("POST", "/api/v1/attachments?filename=invoice.txt",
                          "发票 2026-11 金额 1200 元", {{"Content-Type", "text/plain"}});
  ASSERT_EQ(up.status, 201) << up.body;
  auto attachment_id = up.Json().at("id").as_int64();
  std::string url(up.Json().at("url").as_string());
  EXPECT_EQ(agent.Get(url).status, 404);  // shown on no ticket yet

  auto finance = CreateTicket(admin, "发票问题", finance_id_, "13800138101");
  auto finance_messages =
      "/api/v1/tickets/" + std::to_string(finance.at("id").as_int64()) + "/messages";
  auto posted =
      admin.Post(finance_messages,
                 json::object{{"body", "见附件"}, {"attachment_ids", json::array{attachment_id}}});
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(admin.Get(url).status, 200);
  EXPECT_EQ(agent.Get(url).status, 404);  // finance is not the agent's department

  auto own = CreateTicket(agent, "我的工单", support_id_, "13800138102");
  auto own_messages = "/api/v1/tickets/" + std::to_string(own.at("id").as_int64()) + "/messages";
  auto borrowed = agent.Post(
      own_messages, json::object{{"body", "偷看"}, {"attachment_ids", json::array{attachment_id}}});
  EXPECT_EQ(borrowed.status, 400) << borrowed.body;
  EXPECT_EQ(agent.Get(url).status, 404);

  // Once shown on a ticket of the agent's department, the agent can open it.
  auto support = CreateTicket(admin, "技术问题", support_id_, "13800138103");
  auto support_messages =
      "/api/v1/tickets/" + std::to_string(support.at("id").as_int64()) + "/messages";
  ASSERT_EQ(
      admin
          .Post(support_messages,
                json::object{{"body", "同一附件"}, {"attachment_ids", json::array{attachment_id}}})
          .status,
      201);
  EXPECT_EQ(agent.Get(url).status, 200);
}

TEST_F(ApiTest, DashboardCountsWhatTheCallerSees) {
  auto admin = Admin();
  auto before_res = admin.Get("/api/v1/stats/dashboard");
  ASSERT_EQ(before_res.status, 200) << before_res.body;
  json::value before = before_res.Json();
  CreateTicket(admin, "看板统计", finance_id_, "13800138077");
  auto after = admin.Get("/api/v1/stats/dashboard");
  ASSERT_EQ(after.status, 200) << after.body;
  json::value board = after.Json();
  EXPECT_EQ(board.at("time_zone").as_string(), "UTC");
  EXPECT_EQ(board.at("generated_at").as_string().size(), 24u);
  EXPECT_EQ(board.at("today").at("created").as_int64(),
            before.at("today").at("created").as_int64() + 1);
  EXPECT_EQ(board.at("by_channel").at("phone").as_int64(),
            before.at("by_channel").at("phone").as_int64() + 1);
  EXPECT_EQ(board.at("by_status").as_object().size(), 7u);
  EXPECT_EQ(board.at("by_channel").as_object().size(), 6u);
  const json::array& daily = board.at("daily").as_array();
  ASSERT_EQ(daily.size(), 14u);
  EXPECT_EQ(daily.back().at("date").as_string(),
            board.at("generated_at").as_string().subview(0, 10));
  EXPECT_EQ(daily.back().at("created"), board.at("today").at("created"));
  for (const char* key : {"my_open", "unassigned_in_my_departments", "urgent_open", "overdue"}) {
    EXPECT_TRUE(board.at(key).is_int64()) << key;
  }
  EXPECT_GE(board.at("agents_online").as_array().size(), 2u);  // other tests add more

  auto agent_res = Agent().Get("/api/v1/stats/dashboard");
  ASSERT_EQ(agent_res.status, 200) << agent_res.body;
  json::value agent = agent_res.Json();
  const json::array& own = agent.at("agents_online").as_array();
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].at("department_id").as_int64(), support_id_);
  EXPECT_EQ(own[0].at("name").as_string(), "技术支持");
  EXPECT_EQ(own[0].at("total").as_int64(), 1);
  for (const auto& [status, n] : agent.at("by_status").as_object()) {
    EXPECT_LE(n.as_int64(), board.at("by_status").at(status).as_int64()) << status;
  }
  EXPECT_EQ(HttpClient(server_->port()).Get("/api/v1/stats/dashboard").status, 401);
}

TEST_F(ApiTest, FaqIsSearchableInChineseAndChangedByAdminsOnly) {
  HttpClient admin = Admin();
  HttpClient agent = Agent();
  auto created =
      admin.Post("/api/v1/faqs", json::object{{"question", "退款什么时候到账？"},
                                              {"alternatives", json::array{"退款多久能收到"}},
                                              {"answer", "审核通过后 1-3 个工作日原路退回。"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("etag"), "\"1\"");
  auto id = created.Json().at("id").as_int64();
  ASSERT_EQ(admin
                .Post("/api/v1/faqs",
                      json::object{{"question", "如何开发票？"}, {"answer", "在订单详情页申请。"}})
                .status,
            201);

  // An agent finds it with other words; the two-character word alone is enough.
  auto found = agent.Get("/api/v1/faqs?q=" +
                         std::string("%E9%80%80%E6%AC%BE%E5%A4%9A%E4%B9%85%E5%88%B0%E8%B4%A6"));
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_FALSE(found.Json().at("items").as_array().empty());
  EXPECT_EQ(found.Json().at("items").at(0).at("id").as_int64(), id);
  EXPECT_GT(found.Json().at("items").at(0).at("relevance").as_double(), 0.0);
  auto word = agent.Get("/api/v1/faqs?q=%E9%80%80%E6%AC%BE");  // 退款
  EXPECT_EQ(word.Json().at("items").as_array().size(), 1U) << word.body;

  // Queries are at most 200 characters.
  EXPECT_EQ(agent.Get("/api/v1/faqs?q=" + std::string(200, 'a')).status, 200);
  EXPECT_EQ(agent.Get("/api/v1/faqs?q=" + std::string(201, 'a')).status, 400);

  // Agents cannot change it; a stale If-Match is 412; bad input names the field.
  EXPECT_EQ(agent.Post("/api/v1/faqs", json::object{{"question", "x"}, {"answer", "y"}}).status,
            403);
  std::string path = "/api/v1/faqs/" + std::to_string(id);
  EXPECT_EQ(admin.Patch(path, json::object{{"active", false}}, "\"7\"").status, 412);
  auto bad = admin.Post("/api/v1/faqs",
                        json::object{{"question", "ok"}, {"answer", "ok"}, {"language", "fr"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("language"), std::string::npos);

  // Deactivated entries stay listed but the filter hides them; deletion removes them.
  auto off = admin.Patch(path, json::object{{"active", false}}, "\"1\"");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(agent.Get("/api/v1/faqs?active=true&q=%E9%80%80%E6%AC%BE")
                .Json()
                .at("items")
                .as_array()
                .size(),
            0U);
  EXPECT_EQ(admin.Request("DELETE", path).status, 204);
  EXPECT_EQ(agent.Get(path).status, 404);
}

TEST_F(ApiTest, JsonBodiesMustBeSentAsJson) {
  auto c = Admin();
  std::string body = R"({"name":"售后服务"})";
  auto as_text = c.Request("POST", "/api/v1/departments", body, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(as_text.status, 415) << as_text.body;
  EXPECT_EQ(ErrorCode(as_text), "unsupported_media_type");
  auto as_form = c.Request("POST", "/api/v1/departments", body,
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(as_form.status, 415) << as_form.body;
  auto with_charset = c.Request("POST", "/api/v1/departments", body,
                                {{"Content-Type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(with_charset.status, 201) << with_charset.body;
}

TEST(RateLimitTest, ExcessRequestsGet429) {
  ServerProcess server;
  server.Start({"KEFU_SERVER_RATE_LIMIT_PER_MINUTE=30"});
  HttpClient c(server.port());
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 100; ++i) {
    auto res = c.Get("/api/v1/departments");
    if (res.status == 429) {
      ++limited;
      retry_after = res.Header("retry-after");
    }
  }
  EXPECT_GT(limited, 0);
  EXPECT_FALSE(retry_after.empty());
}

}  // namespace
}  // namespace kefu::testing

namespace kefu::testing {
namespace {

TEST(BackupRestoreTest, RestoreBringsBackTheBackedUpState) {
  namespace json = boost::json;
  ServerProcess server;
  server.Start({"KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0"});
  HttpClient c(server.port());
  c.SetToken(Login(c, ServerProcess::kAdminEmail, ServerProcess::kAdminPassword));
  auto first = c.Post("/api/v1/customers", json::object{{"name", "备份前"}});
  ASSERT_EQ(first.status, 201);
  auto backup = (server.data_dir() / "backup.db").string();
  EXPECT_EQ(server.RunCli("backup --out " + backup), 0);  // while the server runs
  auto second = c.Post("/api/v1/customers", json::object{{"name", "备份后"}});
  ASSERT_EQ(second.status, 201);
  EXPECT_NE(server.RunCli("restore --from " + backup), 0);  // refused: the server holds the lock
  server.Stop();
  EXPECT_NE(server.RunCli("restore --from /nonexistent.db"), 0);
  EXPECT_EQ(server.RunCli("restore --from " + backup), 0);
  server.Start({"KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0"});
  HttpClient after(server.port());
  after.SetToken(Login(after, ServerProcess::kAdminEmail, ServerProcess::kAdminPassword));
  auto id = [](const HttpResult& r) { return std::to_string(r.Json().at("id").as_int64()); };
  EXPECT_EQ(after.Get("/api/v1/customers/" + id(first)).status, 200);
  EXPECT_EQ(after.Get("/api/v1/customers/" + id(second)).status, 404);
}

TEST(ConfigTest, BadConfigurationStopsStartUpNamingTheKey) {
  ServerProcess server;
  auto bad = server.data_dir() / "bad.toml";
  FILE* f = std::fopen(bad.c_str(), "w");
  std::fputs("[server]\nio_threads = \"many\"\n", f);
  std::fclose(f);
  EXPECT_EQ(server.RunCli("config show --config " + bad.string()), 2);
}

}  // namespace
}  // namespace kefu::testing
