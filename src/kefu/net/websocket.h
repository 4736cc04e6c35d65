#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "kefu/net/http_types.h"

// WebSocket endpoints of the HTTP server (RFC 6455, text messages only). No Asio or Beast
// here: application protocols (realtime/) include this.
namespace kefu::net {

struct WebSocketOptions {
  std::size_t max_message_bytes = 64 * 1024;  // larger messages close with 1009
  // Bytes queued for a client that does not read them fast enough. Past this the client
  // is a slow consumer: it is disconnected rather than buffered for without limit.
  std::size_t max_queued_bytes = 1024 * 1024;
  // Silence for this long makes the server ping; no answer within as long again closes.
  std::chrono::seconds idle_timeout{30};
  std::chrono::seconds handshake_timeout{10};
};

// Close codes the server uses (RFC 6455 section 7.4, 4000-4999 for applications).
inline constexpr int kCloseNormal = 1000;
inline constexpr int kCloseGoingAway = 1001;        // server shutting down
inline constexpr int kCloseUnsupportedData = 1003;  // a binary message
inline constexpr int kClosePolicy = 1008;           // protocol abuse (rate, errors)
inline constexpr int kCloseTooBig = 1009;

// What the application holds to talk to one connected client. Thread-safe.
class WebSocketPeer {
 public:
  virtual ~WebSocketPeer() = default;
  // Queues one text message. Returns false when the connection is closing or closed, or
  // when the message would take the queue past max_queued_bytes: the client is then
  // disconnected (a slow consumer) and OnClose follows.
  virtual bool Send(std::string text) = 0;
  // Sends what is queued, then a close frame with `code` and `reason` (at most 120
  // bytes); the connection ends when the client answers or after the idle timeout.
  virtual void Close(int code, std::string reason) = 0;
  virtual bool closed() const = 0;
};

// The application's side of one connection. Every call happens on the connection's I/O
// thread, one at a time, so an implementation needs no lock for state only these calls
// touch; they must not block (no disk, no waiting on other threads).
class WebSocketSession {
 public:
  virtual ~WebSocketSession() = default;
  // The handshake succeeded; `peer` stays valid (and safe to keep) after OnClose.
  virtual void OnOpen(std::shared_ptr<WebSocketPeer> peer) = 0;
  // One complete text message (valid UTF-8, checked by the server).
  virtual void OnMessage(std::string_view text) = 0;
  // The connection ended, for whatever reason. Called once, after OnOpen.
  virtual void OnClose() = 0;
};

// Decides on an upgrade request (headers, query, remote address). Returns a session to
// upgrade the connection to, or an HTTP response to send instead (e.g. 403 for a
// foreign Origin). Runs on the I/O thread: must not block.
using WebSocketAccept =
    std::function<std::variant<HttpResponse, std::shared_ptr<WebSocketSession>>(HttpRequest&)>;

struct WebSocketRoute {
  WebSocketAccept accept;
  WebSocketOptions options;
};

// True if `request` asks to switch to the WebSocket protocol (a GET with "Upgrade:
// websocket" and a Connection header naming "upgrade").
bool IsWebSocketUpgrade(const HttpRequest& request);

}  // namespace kefu::net
