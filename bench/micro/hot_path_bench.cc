// Micro-benchmarks of the work every authenticated read does besides SQLite: checking
// the bearer JWT, finding the route, and turning the ticket into JSON.
//   build-*/bin/kefu_micro_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "kefu/api/dto.h"
#include "kefu/auth/jwt.h"
#include "kefu/net/router.h"

namespace {

constexpr kefu::TimeMs kNow = 1'795'420'800'000;  // 2026-11-23T08:00:00Z

kefu::domain::Ticket SampleTicket() {
  kefu::domain::Ticket t;
  t.id = 734'512;
  t.number = "T-734512";
  t.subject = "订单 DD1763884800 申请退款";
  t.description = "您好，订单 DD1763884800 有问题，麻烦尽快帮忙处理一下，谢谢。已经等了两天了。";
  t.requester_id = 18'231;
  t.channel = kefu::domain::Channel::kWechat;
  t.category_id = 9;
  t.priority = kefu::domain::Priority::kHigh;
  t.status = kefu::domain::TicketStatus::kOpen;
  t.assignee_id = 7;
  t.department_id = 2;
  t.tags = {"退款", "VIP"};
  t.custom_fields = {{"order_no", "DD1763884800"}};
  t.due_at = kNow + 86'400'000;
  t.first_response_at = kNow - 3'600'000;
  t.created_at = kNow - 7'200'000;
  t.updated_at = kNow - 600'000;
  t.version = 3;
  return t;
}

void BenchJwtDecode(benchmark::State& state) {
  kefu::auth::JwtCodec codec(std::string(48, 'k'));
  kefu::auth::AccessClaims claims{12, "agent", "fam-0123456789abcdef", kNow, kNow + 900'000};
  std::string token = codec.Encode(claims);
  for (auto _ : state) {
    auto decoded = codec.Decode(token, kNow + 1'000);
    benchmark::DoNotOptimize(decoded);
  }
}
BENCHMARK(BenchJwtDecode);

void BenchTicketJson(benchmark::State& state) {
  kefu::domain::Ticket ticket = SampleTicket();
  for (auto _ : state) {
    std::string body = kefu::api::TicketJsonText(ticket);  // what GET /tickets/{id} sends
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BenchTicketJson);

// A page of 50 tickets, as GET /api/v1/tickets returns it.
void BenchTicketPageJson(benchmark::State& state) {
  kefu::storage::Page<kefu::domain::Ticket> page;
  page.items.assign(50, SampleTicket());
  page.next_cursor = "eyJ1IjoxNzk1NDIwMjAwMDAwLCJpIjo3MzQ1MTJ9";
  for (auto _ : state) {
    std::string body = kefu::api::TicketPageJsonText(page);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BenchTicketPageJson);

// The router with the shape of the real route table.
kefu::net::Router ApiLikeRouter() {
  using kefu::net::Method;
  kefu::net::Router router;
  auto handler = [](kefu::net::HttpRequest&) { return kefu::net::HttpResponse::NoContent(); };
  const std::vector<std::pair<Method, const char*>> routes = {
      {Method::kGet, "/healthz"},
      {Method::kGet, "/readyz"},
      {Method::kGet, "/metrics"},
      {Method::kPost, "/api/v1/auth/login"},
      {Method::kPost, "/api/v1/auth/refresh"},
      {Method::kGet, "/api/v1/me"},
      {Method::kGet, "/api/v1/customers"},
      {Method::kPost, "/api/v1/customers"},
      {Method::kGet, "/api/v1/customers/export"},
      {Method::kGet, "/api/v1/customers/{id}"},
      {Method::kPatch, "/api/v1/customers/{id}"},
      {Method::kGet, "/api/v1/customers/{id}/timeline"},
      {Method::kGet, "/api/v1/departments"},
      {Method::kGet, "/api/v1/departments/{id}"},
      {Method::kGet, "/api/v1/categories"},
      {Method::kGet, "/api/v1/tickets"},
      {Method::kPost, "/api/v1/tickets"},
      {Method::kGet, "/api/v1/tickets/counts"},
      {Method::kPost, "/api/v1/tickets/bulk"},
      {Method::kGet, "/api/v1/tickets/{id}"},
      {Method::kPatch, "/api/v1/tickets/{id}"},
      {Method::kGet, "/api/v1/tickets/{id}/messages"},
      {Method::kPost, "/api/v1/tickets/{id}/messages"},
      {Method::kGet, "/api/v1/tickets/{id}/events"},
      {Method::kPost, "/api/v1/tickets/{id}/merge"},
      {Method::kGet, "/api/v1/users"},
      {Method::kGet, "/api/v1/users/{id}"},
      {Method::kGet, "/api/v1/audit-log"},
  };
  for (const auto& [method, pattern] : routes) router.Add(method, pattern, handler);
  return router;
}

void BenchRouterFind(benchmark::State& state) {
  kefu::net::Router router = ApiLikeRouter();
  for (auto _ : state) {
    auto match = router.Find(kefu::net::Method::kGet, "/api/v1/tickets/734512");
    benchmark::DoNotOptimize(match);
  }
}
BENCHMARK(BenchRouterFind);

}  // namespace

BENCHMARK_MAIN();
