// Crash safety: kill -9 the server during a burst of writes, restart it, and check that
// the database opens, every acknowledged ticket is there and none is half-written.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "http_client.h"
#include "server_process.h"

namespace kefu::testing {
namespace {

namespace json = boost::json;

TEST(CrashTest, AcknowledgedTicketsSurviveKill9) {
  ServerProcess server;
  server.Start({"KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0"});
  std::string token;
  {
    HttpClient c(server.port());
    token = Login(c, ServerProcess::kAdminEmail, ServerProcess::kAdminPassword);
  }
  std::mutex mu;
  std::vector<std::pair<std::int64_t, std::string>> acknowledged;  // id, subject
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      try {
        HttpClient c(server.port());
        c.SetToken(token);
        for (int i = 0; !stop; ++i) {
          std::string subject = "崩溃测试 " + std::to_string(w) + "-" + std::to_string(i);
          auto res = c.Post(
              "/api/v1/tickets",
              json::object{
                  {"subject", subject},
                  {"description", std::string(512, 'd')},
                  {"requester",
                   json::object{{"name", "客户"},
                                {"phone", "1380000" + std::to_string(1000 + w * 100 + i % 100)}}}});
          if (res.status == 201) {
            std::lock_guard lock(mu);
            acknowledged.emplace_back(res.Json().at("id").as_int64(), subject);
          }
        }
      } catch (const std::exception&) {
        // The server died under us: expected.
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  server.Kill();
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GT(acknowledged.size(), 10u) << "the burst wrote too little to prove anything";

  server.Start({"KEFU_SERVER_RATE_LIMIT_PER_MINUTE=0"});
  HttpClient c(server.port());
  c.SetToken(Login(c, ServerProcess::kAdminEmail, ServerProcess::kAdminPassword));
  for (const auto& [id, subject] : acknowledged) {
    auto res = c.Get("/api/v1/tickets/" + std::to_string(id));
    ASSERT_EQ(res.status, 200) << "acknowledged ticket " << id << " is missing";
    EXPECT_EQ(res.Json().at("subject").as_string(), subject);
    EXPECT_EQ(res.Json().at("description").as_string().size(), 512u);
  }
  // Every stored ticket is whole: a requester and a number, whether acknowledged or not.
  auto page = c.Get("/api/v1/tickets?limit=200");
  ASSERT_EQ(page.status, 200);
  auto page_json = page.Json();

  for (const auto& t : page_json.at("items").as_array()) {
    EXPECT_FALSE(t.at("number").as_string().empty());
    EXPECT_GT(t.at("requester_id").as_int64(), 0);
  }
  server.Stop();
  EXPECT_EQ(server.RunCli("backup --out " + (server.data_dir() / "check.db").string()), 0);
}

}  // namespace
}  // namespace kefu::testing
