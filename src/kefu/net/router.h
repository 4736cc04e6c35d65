#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/net/http_types.h"
#include "kefu/net/websocket.h"

// Route table for the HTTP server. No Asio or Beast here: the API layer includes this.
namespace kefu::net {

// A synchronous handler. Expected failures are returned as responses (see ErrorResponse);
// an exception becomes a 500 "internal" response and is logged, never sent to the client.
// Thread-safety: may be called concurrently from several threads.
using Handler = std::function<HttpResponse(HttpRequest&)>;

struct RouteOptions {
  // The handler may block (disk, group commit): it runs on the server's blocking thread
  // pool instead of an I/O thread.
  bool blocking = false;
  // Largest accepted request body in bytes; 0 means the server default.
  std::size_t body_limit = 0;
  // Set for WebSocket endpoints (see Router::AddWebSocket): an upgrade request goes here
  // instead of to the handler.
  std::shared_ptr<const WebSocketRoute> websocket;
};

// Maps (method, path) to handlers. Patterns are absolute paths whose segments are
// literals or "{name}" parameters, e.g. "/api/v1/tickets/{id}/messages". Matching works
// on percent-decoded segments, prefers literal segments over parameters (backtracking when
// a literal branch dead-ends), tolerates one trailing slash and lets HEAD use a GET route
// when no HEAD route exists.
// Thread-safety: Add is not synchronized; once set up, every const member is safe to call
// concurrently. HttpServer keeps its own copy.
class Router {
 public:
  static constexpr std::size_t kMaxParams = 8;

  struct Endpoint {
    Method method;
    std::string pattern;
    Handler handler;
    RouteOptions options;
    std::size_t index = 0;                 // dense 0..size()-1, for per-route tables
    std::vector<std::string> param_names;  // in pattern order
  };

  enum class MatchKind { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    MatchKind kind = MatchKind::kNotFound;
    const Endpoint* endpoint = nullptr;  // set for kFound; valid until the next Add
    std::string_view allow;              // for kMethodNotAllowed: "GET, HEAD, POST"
    // Parameter values in pattern order (views into the matched segments).
    std::array<std::string_view, kMaxParams> values{};
    std::size_t value_count = 0;
  };

  // Registers a route. A malformed pattern, more than kMaxParams parameters, a repeated
  // parameter name or a duplicate (method, pattern shape) is a programming error and
  // throws std::invalid_argument.
  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});

  // Registers a WebSocket endpoint at GET `pattern`: upgrade requests are handed to
  // `route.accept`; a plain GET there gets 426 Upgrade Required. Throws like Add.
  void AddWebSocket(std::string pattern, WebSocketRoute route);

  // Serves GET and HEAD requests whose path matches no route of any method, and whose
  // first segment is none of `reserved_first_segments` (e.g. "api"), with `handler`: the
  // web console. Other methods on such paths get 405 with "Allow: GET, HEAD"; reserved
  // paths keep their 404. The fallback is an endpoint like any other (its pattern is
  // kFallbackPattern, for metrics and logs). A second call is a programming error and
  // throws std::invalid_argument.
  void SetFallback(Handler handler, std::vector<std::string> reserved_first_segments,
                   RouteOptions options = {});
  static constexpr std::string_view kFallbackPattern = "/*";

  // Matches pre-split decoded segments ("/a/b/" is {"a", "b"}).
  Match Find(Method method, std::span<const std::string_view> segments) const;
  // Splits a decoded path on '/' and matches it.
  Match Find(Method method, std::string_view path) const;
  // The Allow value for a path whatever the method ("" when no route has this path), for
  // requests whose method is not a Method at all.
  std::string_view AllowFor(std::span<const std::string_view> segments) const;

  // Routes `request` by method and path, fills path_params and route, and runs the handler
  // through RunHandler. Unknown path → 404, known path with another method → 405 with Allow.
  // For tests and in-process callers; the server performs the same steps itself.
  HttpResponse Dispatch(HttpRequest& request) const;

  std::size_t size() const { return endpoints_.size(); }
  const Endpoint& endpoint(std::size_t index) const { return endpoints_[index]; }
  // The largest body limit of any route, given the server default for routes without one.
  std::size_t MaxBodyLimit(std::size_t default_limit) const;

  // Splits `path` into `out` the way Find does: leading '/' required (else returns false),
  // one trailing '/' ignored, empty inner segments kept.
  static bool SplitPath(std::string_view path, std::vector<std::string_view>& out);

 private:
  static constexpr std::uint32_t kNoNode = UINT32_MAX;
  static constexpr std::int32_t kNoEndpoint = -1;

  struct Node {
    std::vector<std::pair<std::string, std::uint32_t>> literals;  // sorted by segment
    std::uint32_t param_child = kNoNode;
    std::array<std::int32_t, kMethodCount> endpoints;  // index into endpoints_ or kNoEndpoint
    std::string allow;
    Node() { endpoints.fill(kNoEndpoint); }
    bool HasAny() const { return !allow.empty(); }
  };

  // Depth-first search below `node` for a terminal node accepted by `accept`; collects
  // parameter values into `match`.
  template <class Accept>
  std::uint32_t Search(std::uint32_t node, std::span<const std::string_view> segments,
                       std::size_t depth, Match& match, const Accept& accept) const;
  std::int32_t EndpointFor(const Node& node, Method method) const;
  // The Allow value of the route node for `segments`, "" when there is none.
  std::string_view NodeAllow(std::span<const std::string_view> segments) const;
  // True if the fallback answers a path with these segments (when no route does).
  bool FallbackCovers(std::span<const std::string_view> segments) const;

  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0] is the root
  std::vector<Endpoint> endpoints_;
  std::int32_t fallback_ = kNoEndpoint;  // index into endpoints_
  std::vector<std::string> reserved_first_segments_;
};

// Runs endpoint.handler with logging::ScopedRequestId(request.request_id) set and turns an
// exception into a 500 "internal" error response (the what() is logged with the request
// id, never returned). Never throws.
HttpResponse RunHandler(const Router::Endpoint& endpoint, HttpRequest& request) noexcept;

}  // namespace kefu::net
