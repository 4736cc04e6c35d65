#include "kefu/net/http_server.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "kefu/logging/request_context.h"
#include "kefu/net/error_response.h"

namespace kefu::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Response = http::response<http::string_body>;
using Clock = std::chrono::steady_clock;

// A small synchronous Beast client on its own io_context.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
  }

  Response Send(http::verb verb, std::string target, std::string body = {},
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    Write(verb, std::move(target), std::move(body), std::move(headers));
    return Read(verb == http::verb::head);
  }

  void Write(http::verb verb, std::string target, std::string body = {},
             std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::request<http::string_body> request{verb, target, 11};
    request.set(http::field::host, "localhost");
    for (auto& [name, value] : headers) request.set(name, value);
    request.body() = std::move(body);
    if (verb != http::verb::get && verb != http::verb::head) request.prepare_payload();
    http::write(socket_, request);
  }

  void WriteRaw(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  Response Read(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 << 20);
    if (head) parser.skip(true);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }

  // True when the server closed the connection (EOF or reset) with nothing more to read.
  bool ClosedByPeer() {
    if (buffer_.size() > 0) return false;
    char byte;
    boost::system::error_code ec;
    socket_.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

std::string Gunzip(const std::string& compressed) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return rc == Z_STREAM_END ? out : "<inflate failed>";
}

std::string ErrorCode(const Response& response) {
  return std::string(boost::json::parse(response.body()).at("error").at("code").as_string());
}

ServerOptions TestOptions() {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.io_threads = 2;
  options.blocking_threads = 4;
  options.rate_limit_per_minute = 0;
  options.access_log = false;
  return options;
}

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest() {
    router_.Add(Method::kGet, "/hello/{name}", [this](HttpRequest& request) {
      io_thread_ = std::this_thread::get_id();
      handler_request_id_ = std::string(logging::CurrentRequestId());
      return HttpResponse::Json(200, "{\"hello\":\"" + std::string(request.Param("name")) + "\"}");
    });
    router_.Add(Method::kPost, "/echo",
                [](HttpRequest& request) { return HttpResponse::Text(200, request.body); });
    router_.Add(Method::kPost, "/small", [](HttpRequest&) { return HttpResponse::NoContent(); },
                {.body_limit = 16});
    router_.Add(Method::kGet, "/big", [](HttpRequest&) {
      std::string body;
      for (int i = 0; i < 500; ++i) body += "{\"n\":" + std::to_string(i) + "},";
      return HttpResponse::Json(200, body);
    });
    router_.Add(Method::kGet, "/boom", [](HttpRequest&) -> HttpResponse {
      throw std::runtime_error("secret stack detail");
    });
    router_.Add(Method::kGet, "/blocking",
                [this](HttpRequest&) {
                  blocking_thread_ = std::this_thread::get_id();
                  blocking_request_id_ = std::string(logging::CurrentRequestId());
                  return HttpResponse::Json(200, "{\"blocking\":true}");
                },
                {.blocking = true});
    router_.Add(Method::kGet, "/slow",
                [this](HttpRequest&) {
                  slow_entered_.set_value();
                  std::this_thread::sleep_for(std::chrono::milliseconds(400));
                  return HttpResponse::Json(200, "{\"slow\":true}");
                },
                {.blocking = true});
  }

  std::uint16_t StartServer(ServerOptions options = TestOptions()) {
    server_.emplace(options, router_, registry_);
    Result<std::uint16_t> port = server_->Start();
    EXPECT_TRUE(port.ok()) << (port.ok() ? "" : port.error().message);
    return port.ok() ? *port : 0;
  }

  Router router_;
  metrics::Registry registry_;
  std::optional<HttpServer> server_;
  std::thread::id io_thread_;
  std::thread::id blocking_thread_;
  std::string handler_request_id_;
  std::string blocking_request_id_;
  std::promise<void> slow_entered_;
};

TEST_F(HttpServerTest, KeepAliveAndRequestIds) {
  Client client(StartServer());
  for (int i = 0; i < 5; ++i) {
    Response response = client.Send(http::verb::get, "/hello/world" + std::to_string(i));
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "{\"hello\":\"world" + std::to_string(i) + "\"}");
    EXPECT_EQ(response[http::field::content_type], "application/json; charset=utf-8");
    EXPECT_TRUE(response.keep_alive());
    std::string id(response["X-Request-Id"]);
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(handler_request_id_, id);  // the handler ran under ScopedRequestId
  }
  Response echoed = client.Send(http::verb::get, "/hello/x", "", {{"X-Request-Id", "abc.DEF-1_2"}});
  EXPECT_EQ(echoed["X-Request-Id"], "abc.DEF-1_2");
  Response replaced = client.Send(http::verb::get, "/hello/x", "", {{"X-Request-Id", "bad id"}});
  EXPECT_NE(replaced["X-Request-Id"], "bad id");
  EXPECT_EQ(replaced["X-Request-Id"].size(), 16u);
  Response too_long =
      client.Send(http::verb::get, "/hello/x", "", {{"X-Request-Id", std::string(65, 'a')}});
  EXPECT_EQ(too_long["X-Request-Id"].size(), 16u);
}

TEST_F(HttpServerTest, PipelinedRequestsAnswerInOrder) {
  Client client(StartServer());
  client.WriteRaw(
      "GET /hello/one HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
      "GET /hello/three HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().body(), "{\"hello\":\"one\"}");
  EXPECT_EQ(client.Read().body(), "abc");
  EXPECT_EQ(client.Read().body(), "{\"hello\":\"three\"}");
}

TEST_F(HttpServerTest, NotFoundAndMethodNotAllowedAreJson) {
  Client client(StartServer());
  Response missing = client.Send(http::verb::get, "/nope");
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(ErrorCode(missing), "not_found");
  EXPECT_FALSE(missing["X-Request-Id"].empty());
  Response wrong = client.Send(http::verb::delete_, "/echo");
  EXPECT_EQ(wrong.result_int(), 405);
  EXPECT_EQ(wrong[http::field::allow], "POST");
  EXPECT_EQ(ErrorCode(wrong), "method_not_allowed");
  // The connection survives both.
  EXPECT_EQ(client.Send(http::verb::get, "/hello/x/").result_int(), 200);
}

TEST_F(HttpServerTest, HeadHasLengthButNoBody) {
  Client client(StartServer());
  Response response = client.Send(http::verb::head, "/hello/abc");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[http::field::content_length], "15");
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(client.Send(http::verb::get, "/hello/abc").body(), "{\"hello\":\"abc\"}");
}

TEST_F(HttpServerTest, OversizedBodiesAre413AndClose) {
  ServerOptions options = TestOptions();
  options.body_limit = 1024;
  std::uint16_t port = StartServer(options);
  {
    Client client(port);
    Response response = client.Send(http::verb::post, "/small", std::string(17, 'x'));
    EXPECT_EQ(response.result_int(), 413);
    EXPECT_EQ(ErrorCode(response), "payload_too_large");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(client.ClosedByPeer());
  }
  {
    Client client(port);
    EXPECT_EQ(client.Send(http::verb::post, "/echo", std::string(1024, 'y')).result_int(), 200);
    Response response = client.Send(http::verb::post, "/echo", std::string(1025, 'y'));
    EXPECT_EQ(response.result_int(), 413);
  }
}

TEST_F(HttpServerTest, GzipWhenAccepted) {
  Client client(StartServer());
  Response plain = client.Send(http::verb::get, "/big");
  EXPECT_EQ(plain[http::field::content_encoding], "");
  EXPECT_EQ(plain[http::field::vary], "Accept-Encoding");
  Response zipped = client.Send(http::verb::get, "/big", "", {{"Accept-Encoding", "br, gzip"}});
  EXPECT_EQ(zipped[http::field::content_encoding], "gzip");
  EXPECT_LT(zipped.body().size(), plain.body().size());
  EXPECT_EQ(Gunzip(zipped.body()), plain.body());
  // Small bodies are never compressed.
  Response small = client.Send(http::verb::get, "/hello/x", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(small[http::field::content_encoding], "");
}

TEST_F(HttpServerTest, RateLimitedAfterBurst) {
  ServerOptions options = TestOptions();
  options.rate_limit_per_minute = 3;
  std::uint16_t port = StartServer(options);
  Client client(port);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.Send(http::verb::get, "/hello/x").result_int(), 200);
  Response limited = client.Send(http::verb::get, "/hello/x");
  EXPECT_EQ(limited.result_int(), 429);
  EXPECT_EQ(ErrorCode(limited), "rate_limited");
  EXPECT_EQ(limited[http::field::retry_after], "20");
  // A bearer token is its own client key, also from another connection.
  Client other(port);
  EXPECT_EQ(
      other.Send(http::verb::get, "/hello/x", "", {{"Authorization", "Bearer t1"}}).result_int(),
      200);
}

TEST_F(HttpServerTest, BlockingRouteRunsOnThePool) {
  Client client(StartServer());
  EXPECT_EQ(client.Send(http::verb::get, "/hello/x").result_int(), 200);
  Response response = client.Send(http::verb::get, "/blocking");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "{\"blocking\":true}");
  EXPECT_NE(blocking_thread_, io_thread_);
  EXPECT_EQ(blocking_request_id_, response["X-Request-Id"]);
  // The connection continues on its I/O thread afterwards.
  EXPECT_EQ(client.Send(http::verb::get, "/hello/y").result_int(), 200);
}

TEST_F(HttpServerTest, ThrowingHandlerIs500WithoutDetails) {
  Client client(StartServer());
  Response response = client.Send(http::verb::get, "/boom");
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(ErrorCode(response), "internal");
  EXPECT_EQ(response.body().find("secret"), std::string::npos);
  EXPECT_EQ(client.Send(http::verb::get, "/hello/x").result_int(), 200);
}

TEST_F(HttpServerTest, MalformedRequestIs400AndClose) {
  Client client(StartServer());
  client.WriteRaw("NOT HTTP AT ALL\r\n\r\n");
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(ErrorCode(response), "invalid_argument");
  EXPECT_TRUE(client.ClosedByPeer());
}

TEST_F(HttpServerTest, ExpectContinue) {
  Client client(StartServer());
  client.WriteRaw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  Response interim = client.Read();
  EXPECT_EQ(interim.result_int(), 100);
  client.WriteRaw("hello");
  EXPECT_EQ(client.Read().body(), "hello");
}

TEST_F(HttpServerTest, IdleAndReadTimeoutsClose) {
  ServerOptions options = TestOptions();
  options.idle_timeout = std::chrono::seconds(1);
  options.read_timeout = std::chrono::seconds(1);
  std::uint16_t port = StartServer(options);
  Client idle(port);
  EXPECT_EQ(idle.Send(http::verb::get, "/hello/x").result_int(), 200);
  Client partial(port);
  partial.WriteRaw("GET /hello/x HTTP/1.1\r\nHost: x\r\n");  // never finished
  auto start = Clock::now();
  EXPECT_TRUE(idle.ClosedByPeer());
  EXPECT_TRUE(partial.ClosedByPeer());
  auto waited = Clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(700));
  EXPECT_LE(waited, std::chrono::milliseconds(2500));
}

TEST_F(HttpServerTest, MetricsAreRecorded) {
  std::uint16_t port = StartServer();
  {
    Client client(port);
    for (int i = 0; i < 3; ++i) client.Send(http::verb::get, "/hello/x");
    client.Send(http::verb::get, "/missing");
    client.Send(http::verb::get, "/boom");
    // Metrics are recorded just after the response is written: allow a moment.
    std::string text;
    for (auto deadline = Clock::now() + std::chrono::seconds(2); Clock::now() < deadline;) {
      text = registry_.RenderPrometheus();
      if (text.find("status=\"500\"} 1") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_NE(text.find("kefu_http_requests_total{route=\"/hello/{name}\",method=\"GET\","
                        "status=\"200\"} 3\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("kefu_http_requests_total{route=\"unmatched\",method=\"GET\","
                        "status=\"404\"} 1\n"),
              std::string::npos)
        << text;
    EXPECT_NE(
        text.find("kefu_http_requests_total{route=\"/boom\",method=\"GET\",status=\"500\"} 1"),
        std::string::npos);
    EXPECT_NE(text.find("kefu_http_request_duration_seconds_count{route=\"/hello/{name}\"} 3\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("kefu_http_open_connections 1\n"), std::string::npos) << text;
  }
  // The gauge drops once the server notices the close.
  auto deadline = Clock::now() + std::chrono::seconds(2);
  while (registry_.Gauge("kefu_http_open_connections", "").Value() != 0 &&
         Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(registry_.Gauge("kefu_http_open_connections", "").Value(), 0);
}

TEST_F(HttpServerTest, AccessLogPathRuns) {
  ServerOptions options = TestOptions();
  options.access_log = true;
  Client client(StartServer(options));
  EXPECT_EQ(client.Send(http::verb::get, "/hello/logged").result_int(), 200);
}

TEST_F(HttpServerTest, PortInUseIsAnError) {
  std::uint16_t port = StartServer();
  ServerOptions options = TestOptions();
  options.port = port;
  metrics::Registry registry;
  HttpServer second(options, router_, registry);
  Result<std::uint16_t> result = second.Start();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, kefu::ErrorCode::kUnavailable);
}

TEST_F(HttpServerTest, StopCompletesInFlightRequest) {
  std::uint16_t port = StartServer();
  Client idle(port);
  EXPECT_EQ(idle.Send(http::verb::get, "/hello/x").result_int(), 200);
  auto in_flight = std::async(std::launch::async, [port] {
    Client client(port);
    return client.Send(http::verb::get, "/slow");
  });
  slow_entered_.get_future().wait();
  auto start = Clock::now();
  server_->Stop(std::chrono::seconds(5));
  auto stop_time = Clock::now() - start;
  Response response = in_flight.get();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "{\"slow\":true}");
  EXPECT_FALSE(response.keep_alive());  // Connection: close while draining
  EXPECT_LT(stop_time, std::chrono::seconds(3));
  EXPECT_TRUE(idle.ClosedByPeer());
  // No longer accepting.
  EXPECT_THROW(Client refused(port), boost::system::system_error);
  server_->Stop(std::chrono::seconds(1));  // idempotent
}

TEST_F(HttpServerTest, DestructorDoesNotWaitForIdleConnections) {
  std::uint16_t port = StartServer();
  Client idle(port);
  EXPECT_EQ(idle.Send(http::verb::get, "/hello/x").result_int(), 200);
  Client partial(port);
  partial.WriteRaw("GET /hello/x HTTP/1.1\r\n");
  auto start = Clock::now();
  server_.reset();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(idle.ClosedByPeer());
}

}  // namespace
}  // namespace kefu::net
