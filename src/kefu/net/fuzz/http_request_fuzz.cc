// libFuzzer target: arbitrary bytes through the server's socket-free request path
// (Beast parse → HttpRequest → router lookup → handler → response serialization).
// Build with -DKEFU_BUILD_FUZZ=ON and clang; run e.g. `http_request_fuzz -max_total_time=20`.

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kefu/net/http_wire.h"
#include "kefu/net/request_decoder.h"
#include "kefu/net/router.h"

namespace {

using kefu::net::HttpRequest;
using kefu::net::HttpResponse;
using kefu::net::Method;
using kefu::net::Router;
using kefu::net::internal::RequestDecoder;

constexpr std::size_t kFuzzBodyLimit = 4096;

// Echoes everything the request carries, and copies a request header into the response
// so header sanitization sees hostile values.
HttpResponse Echo(HttpRequest& request) {
  std::string body = request.path + "|" + request.raw_query + "|" + request.route;
  for (const auto& [key, value] : request.path_params) body += key + "=" + value + ";";
  for (const auto& [key, value] : request.query) body += key + "=" + value + ";";
  body += std::string(request.Header("content-type"));
  body += request.body;
  HttpResponse response = HttpResponse::Json(200, std::move(body));
  response.headers.emplace_back(std::string(request.Header("x-name")),
                                std::string(request.Header("x-value")));
  return response;
}

const Router& FuzzRouter() {
  static const Router* router = [] {
    auto* r = new Router();
    r->Add(Method::kGet, "/api/v1/tickets", Echo);
    r->Add(Method::kPost, "/api/v1/tickets", Echo);
    r->Add(Method::kGet, "/api/v1/tickets/{id}", Echo);
    r->Add(Method::kPatch, "/api/v1/tickets/{id}", Echo);
    r->Add(Method::kGet, "/api/v1/tickets/search", Echo);
    r->Add(Method::kGet, "/api/v1/tickets/{id}/messages/{message_id}", Echo);
    r->Add(Method::kPost, "/api/v1/uploads", Echo, {.body_limit = 64});
    r->Add(Method::kDelete, "/", Echo);
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the size of the pieces the input arrives in (0 = all at once),
  // so incremental parsing is exercised like short socket reads.
  std::size_t piece = data[0] == 0 ? size : data[0];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

  RequestDecoder decoder(FuzzRouter(), kFuzzBodyLimit);
  decoder.set_remote_ip("127.0.0.1");
  std::string pending;
  std::string head;
  for (std::size_t offset = 0; offset < input.size(); offset += piece) {
    pending.append(input.substr(offset, piece));
    for (;;) {
      std::size_t consumed = 0;
      RequestDecoder::Event event = decoder.Feed(pending, consumed);
      pending.erase(0, consumed);
      if (event == RequestDecoder::Event::kNeedMore) {
        (void)decoder.TakeContinue();
        break;
      }
      HttpResponse response;
      if (event == RequestDecoder::Event::kRequest && decoder.endpoint() != nullptr) {
        response = kefu::net::RunHandler(*decoder.endpoint(), decoder.request());
      } else {
        response = decoder.response();
      }
      kefu::net::internal::SerializeResponseHead(
          response,
          {.request_id = decoder.request().request_id,
           .keep_alive = decoder.keep_alive(),
           .http10 = decoder.http10(),
           .head_request = decoder.method() == Method::kHead},
          head);
      if (event == RequestDecoder::Event::kError || !decoder.keep_alive()) return 0;
      decoder.Next();
    }
  }
  return 0;
}
