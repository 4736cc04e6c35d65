#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Plain HTTP value types for handlers. No Asio or Beast here: the API layer includes this.
namespace kefu::net {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions };
inline constexpr std::size_t kMethodCount = 7;

// "GET", "HEAD", ... Never fails.
std::string_view MethodName(Method method);
// The method for an exact upper-case token ("GET"), nullopt for anything else.
std::optional<Method> ParseMethod(std::string_view token);

// Ordered name/value pairs; duplicates are kept in arrival order.
using NameValueList = std::vector<std::pair<std::string, std::string>>;

// One request, owned by the server while the handler runs. A plain value: the handler may
// move fields out of it, and a copy is safe to use from any thread.
struct HttpRequest {
  Method method = Method::kGet;
  std::string path;           // percent-decoded, no query, e.g. "/api/v1/tickets/7"
  std::string raw_query;      // as received, without '?'
  NameValueList query;        // decoded ('+' is a space), in order
  NameValueList headers;      // names lower-cased, values as received
  NameValueList path_params;  // filled by the router: {"id", "7"}
  std::string body;
  std::string remote_ip;
  std::string request_id;  // the X-Request-Id echoed in the response
  std::string route;       // the matched pattern, e.g. "/api/v1/tickets/{id}"; "" if none

  // The first value of query parameter `key`, nullopt when absent.
  std::optional<std::string_view> Query(std::string_view key) const;
  // The first value of header `lower_name` (must be lower-case), "" when absent.
  std::string_view Header(std::string_view lower_name) const;
  // The path parameter `name`, "" when absent.
  std::string_view Param(std::string_view name) const;
};

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

// What a handler returns. The server adds Content-Length, Date, Connection and
// X-Request-Id itself and ignores those names in `headers`; header values must not contain
// CR or LF (such headers are dropped and logged).
struct HttpResponse {
  int status = 200;
  std::string content_type = std::string(kJsonContentType);
  std::string body;
  NameValueList headers;  // extra headers, e.g. {"Location", "/api/v1/tickets/7"}
  // The server may gzip the body for a client that accepts it (ServerOptions::
  // gzip_min_bytes). False for bodies the handler encoded or negotiated itself.
  bool compressible = true;

  static HttpResponse Json(int status, std::string body);
  static HttpResponse Text(int status, std::string body,
                           std::string content_type = "text/plain; charset=utf-8");
  // 204 with no body and no Content-Type.
  static HttpResponse NoContent();

  // Replaces every header named `name` (case-insensitive) with one value.
  void SetHeader(std::string_view name, std::string value);
  // The first value of header `name` (case-insensitive), "" when absent.
  std::string_view Header(std::string_view name) const;
};

// ASCII case-insensitive equality, for header names.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace kefu::net
