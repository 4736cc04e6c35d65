#pragma once

// The server side of one WebSocket connection (internal to net/; Beast inside the .cc).
#include <memory>

#include "kefu/metrics/metrics.h"
#include "kefu/net/asio_types.h"
#include "kefu/net/http_types.h"
#include "kefu/net/websocket.h"

namespace kefu::net::internal {

class WebSocketConnection;

struct WebSocketMetrics {
  explicit WebSocketMetrics(metrics::Registry& registry);
  metrics::Gauge& open;
  metrics::Counter& received;
  metrics::Counter& sent;
  metrics::Counter& slow_consumers;
};

// The open WebSocket connections of one I/O thread, so that Stop can reach them.
// Touched only on that thread.
class WebSocketList {
 public:
  void Insert(WebSocketConnection* connection);
  void Remove(WebSocketConnection* connection);
  // Every connection sends what is queued, then close 1001 ("going away").
  void CloseAll();
  // Every socket closes at once.
  void AbortAll();

 private:
  WebSocketConnection* head_ = nullptr;
};

// Completes the handshake for `request` (an upgrade request, see IsWebSocketUpgrade) on
// `socket` and serves the connection until it ends: reads messages into `session`,
// writes what the session sends with one write in flight, closes slow consumers. Runs on
// the socket's I/O thread; `list` belongs to that thread and `metrics` outlives the call.
Task<void> ServeWebSocket(Socket socket, HttpRequest request,
                          std::shared_ptr<const WebSocketRoute> route,
                          std::shared_ptr<WebSocketSession> session, WebSocketList& list,
                          WebSocketMetrics& metrics);

}  // namespace kefu::net::internal
