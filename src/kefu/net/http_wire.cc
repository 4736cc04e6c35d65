#include "kefu/net/http_wire.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>

namespace kefu::net::internal {
namespace {

constexpr std::string_view kServerName = "kefu";
constexpr int kMinStatus = 200;
constexpr int kMaxStatus = 599;

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsValidHeaderName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), IsTokenChar);
}

bool IsValidHeaderValue(std::string_view value) {
  return std::none_of(value.begin(), value.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// Names the server owns; a handler's copy is ignored.
bool IsReservedHeader(std::string_view name) {
  for (std::string_view reserved : {"content-length", "transfer-encoding", "connection",
                                    "x-request-id", "date", "server", "content-type"}) {
    if (EqualsIgnoreCase(name, reserved)) return true;
  }
  return false;
}

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

void AppendNumber(std::string& out, std::size_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

}  // namespace

int WireStatus(int status) { return status < kMinStatus || status > kMaxStatus ? 500 : status; }

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 426:
      return "Upgrade Required";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

std::string_view HttpDate() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached_second = -1;
  thread_local char cached[32];
  thread_local std::size_t cached_length = 0;
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    int written = std::snprintf(cached, sizeof cached, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_length = written > 0 ? static_cast<std::size_t>(written) : 0;
    cached_second = now;
  }
  return {cached, cached_length};
}

std::size_t SerializeResponseHead(const HttpResponse& response, const ResponseHeadOptions& options,
                                  std::string& out) {
  int status = WireStatus(response.status);
  if (status != response.status) {
    spdlog::error("handler returned invalid HTTP status {}; sending 500", response.status);
  }
  bool bodyless_status = status == 204 || status == 304;
  out.clear();
  out.append("HTTP/1.1 ");
  AppendNumber(out, static_cast<std::size_t>(status));
  out.push_back(' ');
  out.append(ReasonPhrase(status)).append("\r\n");
  if (!bodyless_status) {
    if (!response.body.empty() && !response.content_type.empty() &&
        IsValidHeaderValue(response.content_type)) {
      AppendHeader(out, "Content-Type", response.content_type);
    }
    out.append("Content-Length: ");
    AppendNumber(out, response.body.size());
    out.append("\r\n");
  }
  for (const auto& [name, value] : response.headers) {
    if (IsReservedHeader(name)) continue;
    if (!IsValidHeaderName(name) || !IsValidHeaderValue(value)) {
      spdlog::warn("dropping invalid response header '{}'", name);
      continue;
    }
    AppendHeader(out, name, value);
  }
  if (!options.request_id.empty()) AppendHeader(out, "X-Request-Id", options.request_id);
  AppendHeader(out, "Date", HttpDate());
  AppendHeader(out, "Server", kServerName);
  if (!options.keep_alive) {
    AppendHeader(out, "Connection", "close");
  } else if (options.http10) {
    AppendHeader(out, "Connection", "keep-alive");
  }
  out.append("\r\n");
  if (bodyless_status || options.head_request) return 0;
  return response.body.size();
}

}  // namespace kefu::net::internal
