#include "kefu/net/websocket_connection.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <optional>
#include <string>
#include <utility>

namespace kefu::net::internal {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;

// A read buffer that grew past this for one large message is given back afterwards, so
// an idle connection keeps no more than this.
constexpr std::size_t kKeptReadBuffer = 4096;
constexpr std::size_t kMaxCloseReason = 120;  // a close frame's payload is at most 125 bytes

http::request<http::empty_body> ToBeastRequest(const HttpRequest& request) {
  http::request<http::empty_body> out;
  out.method(http::verb::get);
  out.target(request.path);
  out.version(11);
  for (const auto& [name, value] : request.headers) out.insert(name, value);
  return out;
}

}  // namespace

WebSocketMetrics::WebSocketMetrics(metrics::Registry& registry)
    : open(registry.Gauge("kefu_websocket_connections", "Open WebSocket connections.")),
      received(registry.Counter("kefu_websocket_messages_total", "WebSocket messages by direction.",
                                {{"direction", "in"}})),
      sent(registry.Counter("kefu_websocket_messages_total", "WebSocket messages by direction.",
                            {{"direction", "out"}})),
      slow_consumers(
          registry.Counter("kefu_websocket_slow_consumers_total",
                           "WebSocket clients disconnected because their send queue was full.")) {}

// The application's handle on a connection (defined below).
std::shared_ptr<WebSocketPeer> MakePeerHandle(std::weak_ptr<WebSocketConnection> connection);

// Owned by its coroutines and pending handlers only, so it never outlives its I/O
// thread's io_context. The application holds a PeerHandle (a weak reference) instead.
class WebSocketConnection final : public std::enable_shared_from_this<WebSocketConnection> {
 public:
  WebSocketConnection(Socket socket, std::shared_ptr<const WebSocketRoute> route,
                      WebSocketMetrics& metrics)
      : ws_(std::move(socket)), route_(std::move(route)), metrics_(metrics) {}

  bool Send(std::string text) {
    if (closed_.load(std::memory_order_acquire)) return false;
    std::size_t size = text.size();
    if (queued_bytes_.fetch_add(size, std::memory_order_relaxed) + size >
        route_->options.max_queued_bytes) {
      queued_bytes_.fetch_sub(size, std::memory_order_relaxed);
      if (!closed_.exchange(true, std::memory_order_acq_rel)) {
        metrics_.slow_consumers.Increment();
        spdlog::warn("WebSocket client not reading: over {} bytes queued, disconnecting",
                     route_->options.max_queued_bytes);
        asio::post(ws_.get_executor(), [self = shared_from_this()] { self->Abort(); });
      }
      return false;
    }
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->queue_.push_back(std::move(text));
      self->StartFlush();
    });
    return true;
  }

  void Close(int code, std::string reason) {
    closed_.store(true, std::memory_order_release);
    if (reason.size() > kMaxCloseReason) reason.resize(kMaxCloseReason);
    asio::post(ws_.get_executor(),
               [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
                 self->RequestClose(code, std::move(reason));
               });
  }

  bool closed() const { return closed_.load(std::memory_order_acquire); }

  // I/O thread only.
  void RequestClose(int code, std::string reason) {
    closed_.store(true, std::memory_order_release);
    if (!close_) close_.emplace(static_cast<std::uint16_t>(code), std::move(reason));
    StartFlush();
  }

  // I/O thread only: ends the connection without a close handshake.
  void Abort() {
    closed_.store(true, std::memory_order_release);
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
  }

  Task<void> Run(HttpRequest request, std::shared_ptr<WebSocketSession> session,
                 WebSocketList& list) {
    const WebSocketOptions& options = route_->options;
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = options.handshake_timeout;
    timeouts.idle_timeout = options.idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(options.max_message_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "kefu"); }));
    auto beast_request = ToBeastRequest(request);
    request = HttpRequest();  // the headers are not needed any more
    auto [accept_ec] = co_await ws_.async_accept(beast_request, kAwait);
    if (accept_ec) co_return;  // Beast answered a malformed handshake with an HTTP error

    list.Insert(this);
    metrics_.open.Increment();
    session->OnOpen(MakePeerHandle(weak_from_this()));
    beast::flat_buffer buffer;
    for (;;) {
      auto [read_ec, bytes] = co_await ws_.async_read(buffer, kAwait);
      if (read_ec) break;  // closed by either side, timed out, too big or not UTF-8
      if (!ws_.got_text()) {
        RequestClose(kCloseUnsupportedData, "text messages only");
      } else if (!closed()) {
        metrics_.received.Increment();
        const auto data = buffer.cdata();
        session->OnMessage(std::string_view(static_cast<const char*>(data.data()), data.size()));
      }
      buffer.clear();
      if (buffer.capacity() > kKeptReadBuffer) buffer.shrink_to_fit();
    }
    closed_.store(true, std::memory_order_release);
    queue_.clear();
    session->OnClose();
    session.reset();
    metrics_.open.Decrement();
    list.Remove(this);
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
  }

  WebSocketConnection* prev = nullptr;
  WebSocketConnection* next = nullptr;

 private:
  void StartFlush() {
    if (writing_) return;
    if (queue_.empty() && (!close_ || close_sent_)) return;
    writing_ = true;
    asio::co_spawn(ws_.get_executor(), Flush(shared_from_this()), [](std::exception_ptr error) {
      if (!error) return;
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        spdlog::error("WebSocket write failed: {}", e.what());
      }
    });
  }

  // One write in flight: the queue drains in order, then the close frame if one is asked.
  // `self` keeps the connection alive while a write is pending.
  Task<void> Flush(std::shared_ptr<WebSocketConnection> /*self*/) {
    while (!queue_.empty()) {
      ws_.text(true);
      auto [ec, written] = co_await ws_.async_write(asio::buffer(queue_.front()), kAwait);
      if (ec) {
        queue_.clear();
        writing_ = false;
        co_return;
      }
      queued_bytes_.fetch_sub(queue_.front().size(), std::memory_order_relaxed);
      queue_.pop_front();
      metrics_.sent.Increment();
    }
    if (close_ && !close_sent_) {
      close_sent_ = true;
      websocket::close_reason reason(close_->first);
      reason.reason = close_->second;
      (void)co_await ws_.async_close(reason, kAwait);
    }
    writing_ = false;
  }

  websocket::stream<Socket> ws_;
  std::shared_ptr<const WebSocketRoute> route_;
  WebSocketMetrics& metrics_;
  std::atomic<bool> closed_{false};
  std::atomic<std::size_t> queued_bytes_{0};  // bytes accepted by Send, not yet written
  // I/O thread only.
  std::deque<std::string> queue_;
  bool writing_ = false;
  std::optional<std::pair<std::uint16_t, std::string>> close_;
  bool close_sent_ = false;
};

// What the application holds: a peer that stops working (Send returns false) once the
// connection is gone, instead of keeping its socket alive past the server.
class PeerHandle final : public WebSocketPeer {
 public:
  explicit PeerHandle(std::weak_ptr<WebSocketConnection> connection)
      : connection_(std::move(connection)) {}
  bool Send(std::string text) override {
    auto connection = connection_.lock();
    return connection && connection->Send(std::move(text));
  }
  void Close(int code, std::string reason) override {
    if (auto connection = connection_.lock()) connection->Close(code, std::move(reason));
  }
  bool closed() const override {
    auto connection = connection_.lock();
    return !connection || connection->closed();
  }

 private:
  std::weak_ptr<WebSocketConnection> connection_;
};

std::shared_ptr<WebSocketPeer> MakePeerHandle(std::weak_ptr<WebSocketConnection> connection) {
  return std::make_shared<PeerHandle>(std::move(connection));
}

void WebSocketList::Insert(WebSocketConnection* connection) {
  connection->next = head_;
  if (head_ != nullptr) head_->prev = connection;
  head_ = connection;
}

void WebSocketList::Remove(WebSocketConnection* connection) {
  if (connection->prev != nullptr) {
    connection->prev->next = connection->next;
  } else {
    head_ = connection->next;
  }
  if (connection->next != nullptr) connection->next->prev = connection->prev;
  connection->prev = connection->next = nullptr;
}

void WebSocketList::CloseAll() {
  for (WebSocketConnection* c = head_; c != nullptr; c = c->next) {
    c->RequestClose(kCloseGoingAway, "server shutting down");
  }
}

void WebSocketList::AbortAll() {
  for (WebSocketConnection* c = head_; c != nullptr; c = c->next) c->Abort();
}

Task<void> ServeWebSocket(Socket socket, HttpRequest request,
                          std::shared_ptr<const WebSocketRoute> route,
                          std::shared_ptr<WebSocketSession> session, WebSocketList& list,
                          WebSocketMetrics& metrics) {
  auto connection =
      std::make_shared<WebSocketConnection>(std::move(socket), std::move(route), metrics);
  co_await connection->Run(std::move(request), std::move(session), list);
}

}  // namespace kefu::net::internal
