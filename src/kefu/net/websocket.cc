#include "kefu/net/websocket.h"

namespace kefu::net {
namespace {

// True if the comma-separated header value lists `token` (case-insensitive).
bool ListsToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    std::size_t comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (EqualsIgnoreCase(item, token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

bool IsWebSocketUpgrade(const HttpRequest& request) {
  return request.method == Method::kGet && ListsToken(request.Header("upgrade"), "websocket") &&
         ListsToken(request.Header("connection"), "upgrade");
}

}  // namespace kefu::net
