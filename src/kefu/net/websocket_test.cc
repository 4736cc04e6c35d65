// WebSocket endpoints of the HTTP server: upgrade, echo, and a slow consumer cut off
// while a fast one keeps being served.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kefu/net/http_server.h"

namespace kefu::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// Every open connection's peer, in the order they opened.
struct Peers {
  std::mutex mu;
  std::vector<std::shared_ptr<WebSocketPeer>> open;

  std::size_t Count() {
    std::lock_guard lock(mu);
    return open.size();
  }
  std::shared_ptr<WebSocketPeer> At(std::size_t i) {
    std::lock_guard lock(mu);
    return open.at(i);
  }
};

// Echoes each message back with "echo:" in front.
class EchoSession final : public WebSocketSession {
 public:
  explicit EchoSession(Peers& peers) : peers_(peers) {}
  void OnOpen(std::shared_ptr<WebSocketPeer> peer) override {
    peer_ = peer;
    std::lock_guard lock(peers_.mu);
    peers_.open.push_back(std::move(peer));
  }
  void OnMessage(std::string_view text) override { peer_->Send("echo:" + std::string(text)); }
  void OnClose() override {}

 private:
  Peers& peers_;
  std::shared_ptr<WebSocketPeer> peer_;
};

class WebSocketTest : public ::testing::Test {
 protected:
  void StartServer(std::size_t max_queued_bytes) {
    WebSocketRoute route;
    route.options.max_queued_bytes = max_queued_bytes;
    route.accept =
        [this](HttpRequest&) -> std::variant<HttpResponse, std::shared_ptr<WebSocketSession>> {
      return std::make_shared<EchoSession>(peers_);
    };
    router_.AddWebSocket("/ws", std::move(route));
    ServerOptions options;
    options.port = 0;
    options.rate_limit_per_minute = 0;
    options.access_log = false;
    server_.emplace(options, router_, registry_);
    auto port = server_->Start();
    ASSERT_TRUE(port.ok());
    port_ = *port;
  }

  std::unique_ptr<websocket::stream<tcp::socket>> Connect() {
    auto ws = std::make_unique<websocket::stream<tcp::socket>>(io_);
    ws->next_layer().connect(tcp::endpoint(asio::ip::address_v4::loopback(), port_));
    ws->handshake("127.0.0.1", "/ws");
    ws->read_message_max(1 << 20);
    return ws;
  }

  void AwaitPeers(std::size_t n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (peers_.Count() < n && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_EQ(peers_.Count(), n);
  }

  asio::io_context io_;
  Router router_;
  metrics::Registry registry_;
  Peers peers_;
  std::optional<HttpServer> server_;
  std::uint16_t port_ = 0;
};

std::string ReadText(websocket::stream<tcp::socket>& ws) {
  beast::flat_buffer buffer;
  ws.read(buffer);
  return beast::buffers_to_string(buffer.data());
}

TEST_F(WebSocketTest, UpgradesAndEchoes) {
  StartServer(1 << 20);
  auto ws = Connect();
  ws->write(asio::buffer(std::string("你好")));
  EXPECT_EQ(ReadText(*ws), "echo:你好");
  ws->close(websocket::close_code::normal);
}

TEST_F(WebSocketTest, ASlowConsumerIsCutOffWhileOthersStayServed) {
  constexpr std::size_t kLimit = 256 * 1024;
  constexpr int kMessages = 600;
  const std::string payload(32 * 1024, 'x');  // 600 × 32 KB ≈ 19 MB per client
  StartServer(kLimit);
  auto slow = Connect();  // never reads
  AwaitPeers(1);
  auto fast = Connect();
  AwaitPeers(2);
  std::shared_ptr<WebSocketPeer> slow_peer = peers_.At(0);
  std::shared_ptr<WebSocketPeer> fast_peer = peers_.At(1);

  std::atomic<int> received{0};
  std::thread reader([&] {
    try {
      for (int i = 0; i < kMessages; ++i) {
        if (ReadText(*fast).size() == payload.size()) received.fetch_add(1);
      }
    } catch (const std::exception&) {
      // counted below
    }
  });
  int refused_for_slow = 0;
  for (int i = 0; i < kMessages; ++i) {
    if (!slow_peer->Send(payload)) ++refused_for_slow;
    // Paced, so a reader that keeps up never has much queued.
    while (!fast_peer->Send(payload)) FAIL() << "the fast client was cut off at message " << i;
    std::this_thread::sleep_for(std::chrono::microseconds(300));
  }
  reader.join();

  EXPECT_GT(refused_for_slow, 0);
  EXPECT_TRUE(slow_peer->closed());
  EXPECT_FALSE(fast_peer->closed());
  EXPECT_EQ(received.load(), kMessages);
  // The fast client is still served, and the server counted one slow consumer.
  fast->write(asio::buffer(std::string("still there?")));
  EXPECT_EQ(ReadText(*fast), "echo:still there?");
  EXPECT_NE(registry_.RenderPrometheus().find("kefu_websocket_slow_consumers_total 1"),
            std::string::npos);
}

TEST_F(WebSocketTest, StoppingTheServerSaysGoingAway) {
  StartServer(1 << 20);
  auto ws = Connect();
  AwaitPeers(1);
  std::thread stopper([&] { server_->Stop(std::chrono::seconds(5)); });
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  ws->read(buffer, ec);
  EXPECT_EQ(ec, websocket::error::closed);
  EXPECT_EQ(ws->reason().code, websocket::close_code::going_away);
  stopper.join();
}

}  // namespace
}  // namespace kefu::net
