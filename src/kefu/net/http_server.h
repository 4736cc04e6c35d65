#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "kefu/common/result.h"
#include "kefu/metrics/metrics.h"
#include "kefu/net/router.h"

// The HTTP/1.1 server (Boost.Beast + Asio inside; this header stays free of both).
namespace kefu::net {

struct ServerOptions {
  std::string host = "127.0.0.1";          // numeric IPv4/IPv6 address or a resolvable name
  std::uint16_t port = 8080;               // 0 = ephemeral (Start returns the bound port)
  int io_threads = 2;                      // one io_context per thread; a connection stays on one
  int blocking_threads = 64;               // pool for RouteOptions::blocking handlers
  std::size_t body_limit = 1 << 20;        // default per-request body limit (bytes)
  std::chrono::seconds read_timeout{30};   // first byte of a request → complete request
  std::chrono::seconds idle_timeout{60};   // keep-alive wait for the next request
  std::chrono::seconds write_timeout{30};  // one response write
  std::size_t gzip_min_bytes = 1024;       // gzip bodies at least this big if accepted
  int rate_limit_per_minute = 6000;        // per client key, see RateLimiter; 0 disables
  bool access_log = true;                  // one info line per request
};

// Serves a Router over HTTP/1.1 with keep-alive and sequential pipelining.
//  * Timeouts: a per-connection deadline is set before every read and write and checked
//    by a sweep on each I/O thread every 250 ms (no per-request timer operations); an
//    expired connection is closed.
//  * Every request gets X-Request-Id (the client's if valid, else a random one); handlers,
//    their log lines and the access log run under logging::ScopedRequestId.
//  * Errors are JSON (ErrorResponse): 400 malformed (then close), 404/405 from the router,
//    413 over the route's body limit (then close), 429 rate limited, 500 when a handler
//    throws.
//  * Metrics: kefu_http_requests_total{route,method,status},
//    kefu_http_request_duration_seconds{route}, kefu_http_open_connections. Requests that
//    match no route use route="unmatched". /metrics is not routed here: see
//    MetricsResponse.
// Thread-safety: Start, Stop and the destructor must be called from one controlling
// thread, never from a handler.
class HttpServer {
 public:
  // Copies `router`; `registry` must outlive the server.
  HttpServer(ServerOptions options, const Router& router, metrics::Registry& registry);
  ~HttpServer();  // Stop(0 ms) if still running; never waits on idle connections
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens, starts the I/O threads and returns the bound port. Fails with
  // kUnavailable if the address cannot be bound (e.g. the port is taken) and with
  // kInvalidArgument for bad options or a second call.
  Result<std::uint16_t> Start();

  // Two-phase shutdown: stops accepting and closes idle connections at once; requests in
  // flight may finish (their responses carry "Connection: close") for up to `grace`; then
  // every connection is closed. Blocking handlers already running cannot be interrupted
  // and are waited for. Idempotent.
  void Stop(std::chrono::milliseconds grace);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::net
