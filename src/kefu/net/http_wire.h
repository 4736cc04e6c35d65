#pragma once

#include <string>
#include <string_view>

#include "kefu/net/http_types.h"

// Internal to kefu_net: response serialization shared by the server and the fuzz target.
namespace kefu::net::internal {

struct ResponseHeadOptions {
  std::string_view request_id;
  bool keep_alive = true;
  bool http10 = false;        // the request was HTTP/1.0 (keep-alive must be explicit)
  bool head_request = false;  // HEAD: headers as for GET, no body
};

// Replaces `out` with the status line and headers of `response`, ending in CRLF CRLF, and
// returns how many body bytes must follow (0 for HEAD, 1xx, 204 and 304). Adds
// Content-Length, Date, Server, X-Request-Id and Connection; handler headers that would
// clash with those or contain invalid characters are skipped. A status outside 200..599
// is sent as 500.
std::size_t SerializeResponseHead(const HttpResponse& response, const ResponseHeadOptions& options,
                                  std::string& out);

// The status actually sent for `status`: itself if within 200..599, else 500.
int WireStatus(int status);

// The reason phrase for `status` ("Not Found"), "" for unknown codes.
std::string_view ReasonPhrase(int status);

// The current time as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), cached per thread
// and refreshed once a second. The view is valid until the next call on this thread.
std::string_view HttpDate();

}  // namespace kefu::net::internal
