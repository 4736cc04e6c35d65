#pragma once

// Internal to kefu_net (includes Beast): the socket-free HTTP/1.1 request path shared by
// the server and the fuzz target. The API layer uses http_types.h and router.h instead.

#include <boost/beast/http/basic_parser.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/error.h"
#include "kefu/net/http_types.h"
#include "kefu/net/router.h"

namespace kefu::net::internal {

// Largest request line plus header fields.
inline constexpr std::uint32_t kHeaderLimit = 16 * 1024;

// Turns bytes into routed HttpRequests, one message at a time, without I/O:
//   parse (Beast basic_parser) → HttpRequest (path and query decoded with Boost.URL,
//   header names lower-cased, request id) → router lookup → body limit of the route.
// The body limit is checked as soon as the header is complete. One decoder per
// connection; its HttpRequest and buffers are reused across keep-alive requests.
// Thread-safety: none; use from one strand/thread (the handler may use request() from the
// blocking pool while the connection waits).
class RequestDecoder {
 public:
  enum class Event {
    kNeedMore,  // every byte given was consumed or must be kept: read more, Feed again
    kRequest,   // a complete request: endpoint() or, if none, response() (404/405)
    kError,     // malformed or too large: send response(), then close the connection
  };

  // `router` must outlive the decoder.
  RequestDecoder(const Router& router, std::size_t default_body_limit);
  RequestDecoder(const RequestDecoder&) = delete;
  RequestDecoder& operator=(const RequestDecoder&) = delete;

  // Copied into every request's remote_ip.
  void set_remote_ip(std::string_view ip);

  // Parses a prefix of `data`; `consumed` is how many bytes the caller may drop. Unconsumed
  // bytes must be passed again, followed by new input. After kRequest or kError, call
  // Next() (kRequest) or stop (kError) before feeding again.
  Event Feed(std::string_view data, std::size_t& consumed);

  // True once any byte of the current request was parsed.
  bool InProgress() const { return parser_->got_some(); }
  // True (once per request) when the client sent "Expect: 100-continue" for a routable
  // request whose body has not arrived yet: send "100 Continue" before reading on.
  bool TakeContinue();

  // The request being built; complete after kRequest. Handlers may modify or move from it.
  HttpRequest& request() { return request_; }
  // The matched route after kRequest, nullptr when response() holds a 404/405.
  const Router::Endpoint* endpoint() const { return endpoint_; }
  // The prepared error response (see Event).
  HttpResponse& response() { return response_; }
  // Keep-alive semantics of the complete request (HTTP/1.1 default, HTTP/1.0 opt-in).
  bool keep_alive() const { return keep_alive_; }
  bool http10() const { return version_ == kHttp10; }
  // The method when it is one of Method (nullopt for other tokens or before the line).
  std::optional<Method> method() const { return method_; }
  // The method as received, "" before the request line is parsed.
  std::string_view method_token() const { return method_token_; }

  // Starts the next request on the same connection. REQUIRES: the last event was kRequest.
  void Next();

 private:
  class Parser final : public boost::beast::http::basic_parser<true> {
   public:
    explicit Parser(RequestDecoder& owner) : owner_(owner) {}

   private:
    void on_request_impl(boost::beast::http::verb method, boost::beast::string_view method_str,
                         boost::beast::string_view target, int version,
                         boost::beast::error_code& ec) override;
    void on_response_impl(int, boost::beast::string_view, int, boost::beast::error_code&) override {
    }
    void on_field_impl(boost::beast::http::field name, boost::beast::string_view name_string,
                       boost::beast::string_view value, boost::beast::error_code& ec) override;
    void on_header_impl(boost::beast::error_code& ec) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                           boost::beast::error_code& ec) override;
    std::size_t on_body_impl(boost::beast::string_view body, boost::beast::error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t, boost::beast::string_view,
                              boost::beast::error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t remain, boost::beast::string_view body,
                                   boost::beast::error_code& ec) override;
    void on_finish_impl(boost::beast::error_code&) override {}

    RequestDecoder& owner_;
  };

  static constexpr int kHttp10 = 10;

  void StartMessage();
  // Called by the parser once the header is complete; sets `ec` to stop with response_.
  void OnHeader(Parser& parser, boost::beast::error_code& ec);
  // Decodes target_ into path, segments and query. False if it is not a valid target.
  bool DecodeTarget();
  void SetError(const kefu::Error& error);

  const Router& router_;
  std::size_t default_body_limit_;
  std::size_t parser_body_limit_;  // max over every route: Beast checks it first
  std::string remote_ip_;

  std::optional<Parser> parser_;
  HttpRequest request_;
  HttpResponse response_;
  const Router::Endpoint* endpoint_ = nullptr;
  std::string target_;
  std::string method_token_;
  std::optional<Method> method_;
  int version_ = 11;
  bool keep_alive_ = false;
  bool continue_pending_ = false;
  bool error_set_ = false;
  std::size_t header_count_ = 0;
  std::vector<std::string_view> segments_;
  std::vector<std::pair<std::size_t, std::size_t>> segment_bounds_;  // into request_.path
};

}  // namespace kefu::net::internal
