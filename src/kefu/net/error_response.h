#pragma once

#include <string_view>

#include "kefu/common/error.h"
#include "kefu/common/error_code.h"
#include "kefu/net/http_types.h"

// The one mapping from kefu::ErrorCode to HTTP, used by the server and by API handlers.
// No Asio or Beast here.
namespace kefu::net {

// 400, 401, 403, 404, 405, 409, 412, 413, 415, 429, 500, 503; kOk is 200.
int HttpStatusFor(ErrorCode code);

// A JSON error response:
//   {"error":{"code":"invalid_argument","message":"...","details":{...}}}
// details is {"fields":[{"field":"priority","issue":"..."}]} when error.fields is set,
// else {"allowed":[...]} when error.allowed is set, else {}. Adds Retry-After (at least
// 1 s) for kRateLimited and for kUnavailable with retry_after_seconds > 0, Allow for
// kMethodNotAllowed (from error.allowed) and "WWW-Authenticate: Bearer" for
// kUnauthenticated. error.message is sent verbatim: keep server-side detail out of it.
HttpResponse ErrorResponse(const Error& error);

// 405 for the method token `method` ("TRACE") with Allow set to `allow` ("GET, HEAD").
HttpResponse MethodNotAllowedResponse(std::string_view method, std::string_view allow);

}  // namespace kefu::net
