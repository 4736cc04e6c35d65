#include "kefu/net/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "kefu/common/error.h"
#include "kefu/logging/request_context.h"
#include "kefu/net/error_response.h"

namespace kefu::net {
namespace {

constexpr std::string_view kFallbackAllow = "GET, HEAD";

bool IsParamSegment(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool IsValidParamName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

bool Router::SplitPath(std::string_view path, std::vector<std::string_view>& out) {
  out.clear();
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return true;
  for (;;) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  std::vector<std::string_view> segments;
  if (!SplitPath(pattern, segments)) {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  std::vector<std::string> param_names;
  std::uint32_t node = 0;
  for (std::string_view segment : segments) {
    if (segment.empty()) throw std::invalid_argument("empty segment in route: " + pattern);
    if (IsParamSegment(segment)) {
      std::string name(segment.substr(1, segment.size() - 2));
      if (!IsValidParamName(name) ||
          std::find(param_names.begin(), param_names.end(), name) != param_names.end()) {
        throw std::invalid_argument("bad or repeated parameter '" + name + "' in " + pattern);
      }
      param_names.push_back(std::move(name));
      if (param_names.size() > kMaxParams) {
        throw std::invalid_argument("too many parameters in route: " + pattern);
      }
      if (nodes_[node].param_child == kNoNode) {
        nodes_[node].param_child = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();
      }
      node = nodes_[node].param_child;
      continue;
    }
    if (segment.find_first_of("{}") != std::string_view::npos) {
      throw std::invalid_argument("braces must enclose a whole segment: " + pattern);
    }
    auto& literals = nodes_[node].literals;
    auto it =
        std::lower_bound(literals.begin(), literals.end(), segment,
                         [](const auto& entry, std::string_view key) { return entry.first < key; });
    if (it != literals.end() && it->first == segment) {
      node = it->second;
      continue;
    }
    auto child = static_cast<std::uint32_t>(nodes_.size());
    literals.insert(it, {std::string(segment), child});
    nodes_.emplace_back();
    node = child;
  }
  Node& terminal = nodes_[node];
  auto& slot = terminal.endpoints[static_cast<std::size_t>(method)];
  if (slot != kNoEndpoint) {
    throw std::invalid_argument("duplicate route " + std::string(MethodName(method)) + " " +
                                pattern);
  }
  slot = static_cast<std::int32_t>(endpoints_.size());
  endpoints_.push_back(Endpoint{.method = method,
                                .pattern = std::move(pattern),
                                .handler = std::move(handler),
                                .options = options,
                                .index = endpoints_.size(),
                                .param_names = std::move(param_names)});
  // Allow lists the registered methods, plus HEAD where GET exists.
  terminal.allow.clear();
  for (std::size_t m = 0; m < kMethodCount; ++m) {
    bool present = terminal.endpoints[m] != kNoEndpoint ||
                   (static_cast<Method>(m) == Method::kHead &&
                    terminal.endpoints[static_cast<std::size_t>(Method::kGet)] != kNoEndpoint);
    if (!present) continue;
    if (!terminal.allow.empty()) terminal.allow += ", ";
    terminal.allow += MethodName(static_cast<Method>(m));
  }
}

void Router::AddWebSocket(std::string pattern, WebSocketRoute route) {
  RouteOptions options;
  options.websocket = std::make_shared<const WebSocketRoute>(std::move(route));
  Add(
      Method::kGet, std::move(pattern),
      [](HttpRequest&) {
        auto response = ErrorResponse(
            Error(ErrorCode::kInvalidArgument, "this endpoint speaks WebSocket only"));
        response.status = 426;
        response.SetHeader("Upgrade", "websocket");
        response.SetHeader("Sec-WebSocket-Version", "13");
        return response;
      },
      std::move(options));
}

std::int32_t Router::EndpointFor(const Node& node, Method method) const {
  std::int32_t index = node.endpoints[static_cast<std::size_t>(method)];
  if (index == kNoEndpoint && method == Method::kHead) {
    index = node.endpoints[static_cast<std::size_t>(Method::kGet)];
  }
  return index;
}

template <class Accept>
std::uint32_t Router::Search(std::uint32_t node, std::span<const std::string_view> segments,
                             std::size_t depth, Match& match, const Accept& accept) const {
  const Node& current = nodes_[node];
  if (depth == segments.size()) return accept(current) ? node : kNoNode;
  std::string_view segment = segments[depth];
  const auto& literals = current.literals;
  auto it =
      std::lower_bound(literals.begin(), literals.end(), segment,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it != literals.end() && it->first == segment) {
    std::uint32_t found = Search(it->second, segments, depth + 1, match, accept);
    if (found != kNoNode) return found;
  }
  if (current.param_child != kNoNode && !segment.empty() && match.value_count < kMaxParams) {
    match.values[match.value_count++] = segment;
    std::uint32_t found = Search(current.param_child, segments, depth + 1, match, accept);
    if (found != kNoNode) return found;
    --match.value_count;
  }
  return kNoNode;
}

Router::Match Router::Find(Method method, std::span<const std::string_view> segments) const {
  Match match;
  std::uint32_t node = Search(0, segments, 0, match, [&](const Node& candidate) {
    return EndpointFor(candidate, method) != kNoEndpoint;
  });
  if (node != kNoNode) {
    match.kind = MatchKind::kFound;
    match.endpoint = &endpoints_[static_cast<std::size_t>(EndpointFor(nodes_[node], method))];
    return match;
  }
  match.value_count = 0;
  match.allow = NodeAllow(segments);
  if (match.allow.empty() && FallbackCovers(segments)) {
    if (method == Method::kGet || method == Method::kHead) {
      match.kind = MatchKind::kFound;
      match.endpoint = &endpoints_[static_cast<std::size_t>(fallback_)];
      return match;
    }
    match.allow = kFallbackAllow;
  }
  match.kind = match.allow.empty() ? MatchKind::kNotFound : MatchKind::kMethodNotAllowed;
  return match;
}

Router::Match Router::Find(Method method, std::string_view path) const {
  std::vector<std::string_view> segments;
  if (!SplitPath(path, segments)) return Match{};
  return Find(method, segments);
}

std::string_view Router::NodeAllow(std::span<const std::string_view> segments) const {
  Match scratch;
  std::uint32_t node =
      Search(0, segments, 0, scratch, [](const Node& candidate) { return candidate.HasAny(); });
  return node == kNoNode ? std::string_view() : std::string_view(nodes_[node].allow);
}

std::string_view Router::AllowFor(std::span<const std::string_view> segments) const {
  std::string_view allow = NodeAllow(segments);
  if (allow.empty() && FallbackCovers(segments)) return kFallbackAllow;
  return allow;
}

void Router::SetFallback(Handler handler, std::vector<std::string> reserved_first_segments,
                         RouteOptions options) {
  if (fallback_ != kNoEndpoint) throw std::invalid_argument("the router already has a fallback");
  fallback_ = static_cast<std::int32_t>(endpoints_.size());
  reserved_first_segments_ = std::move(reserved_first_segments);
  endpoints_.push_back(Endpoint{.method = Method::kGet,
                                .pattern = std::string(kFallbackPattern),
                                .handler = std::move(handler),
                                .options = options,
                                .index = endpoints_.size(),
                                .param_names = {}});
}

bool Router::FallbackCovers(std::span<const std::string_view> segments) const {
  if (fallback_ == kNoEndpoint) return false;
  if (segments.empty()) return true;
  return std::find(reserved_first_segments_.begin(), reserved_first_segments_.end(),
                   segments.front()) == reserved_first_segments_.end();
}

std::size_t Router::MaxBodyLimit(std::size_t default_limit) const {
  std::size_t limit = default_limit;
  for (const auto& endpoint : endpoints_) limit = std::max(limit, endpoint.options.body_limit);
  return limit;
}

HttpResponse Router::Dispatch(HttpRequest& request) const {
  std::vector<std::string_view> segments;
  Match match;
  if (SplitPath(request.path, segments)) match = Find(request.method, segments);
  request.path_params.clear();
  request.route.clear();
  if (match.kind == MatchKind::kNotFound) {
    return ErrorResponse(NotFound("no route for " + request.path));
  }
  if (match.kind == MatchKind::kMethodNotAllowed) {
    return MethodNotAllowedResponse(MethodName(request.method), match.allow);
  }
  const Endpoint& endpoint = *match.endpoint;
  for (std::size_t i = 0; i < match.value_count; ++i) {
    request.path_params.emplace_back(endpoint.param_names[i], std::string(match.values[i]));
  }
  request.route = endpoint.pattern;
  return RunHandler(endpoint, request);
}

HttpResponse RunHandler(const Router::Endpoint& endpoint, HttpRequest& request) noexcept {
  logging::ScopedRequestId scoped_id(request.request_id);
  try {
    return endpoint.handler(request);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw: {}", MethodName(request.method), endpoint.pattern,
                  e.what());
  } catch (...) {
    spdlog::error("handler for {} {} threw a non-standard exception", MethodName(request.method),
                  endpoint.pattern);
  }
  try {
    return ErrorResponse(Internal("internal error"));
  } catch (...) {
    // Out of memory while building the error: an empty 500 is all that is left.
    HttpResponse response;
    response.status = 500;
    return response;
  }
}

}  // namespace kefu::net
