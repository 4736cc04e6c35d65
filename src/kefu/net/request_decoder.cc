#include "kefu/net/request_decoder.h"

#include <boost/beast/http/error.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/scheme.hpp>
#include <boost/url/url_view.hpp>
#include <string>

#include "kefu/common/error.h"
#include "kefu/net/error_response.h"
#include "kefu/net/request_id.h"

namespace kefu::net::internal {
namespace {

namespace http = boost::beast::http;

// A connection keeps a request body buffer up to this size between requests.
constexpr std::size_t kKeepBodyCapacity = 64 * 1024;

std::string_view View(boost::beast::string_view text) { return {text.data(), text.size()}; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends percent-decoded `encoded` to `out`; invalid escapes are copied as they are.
void AppendDecoded(std::string& out, std::string_view encoded, bool plus_as_space) {
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    char c = encoded[i];
    if (c == '%' && i + 2 < encoded.size() && HexValue(encoded[i + 1]) >= 0 &&
        HexValue(encoded[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(encoded[i + 1]) * 16 + HexValue(encoded[i + 2])));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

// Sets list[index] (reusing its capacity) or appends; returns the pair.
std::pair<std::string, std::string>& Slot(NameValueList& list, std::size_t index) {
  if (index < list.size()) return list[index];
  return list.emplace_back();
}

std::optional<Method> MethodFromVerb(http::verb verb) {
  switch (verb) {
    case http::verb::get:
      return Method::kGet;
    case http::verb::head:
      return Method::kHead;
    case http::verb::post:
      return Method::kPost;
    case http::verb::put:
      return Method::kPut;
    case http::verb::patch:
      return Method::kPatch;
    case http::verb::delete_:
      return Method::kDelete;
    case http::verb::options:
      return Method::kOptions;
    default:
      return std::nullopt;
  }
}

}  // namespace

void RequestDecoder::Parser::on_request_impl(http::verb method,
                                             boost::beast::string_view method_str,
                                             boost::beast::string_view target, int version,
                                             boost::beast::error_code& /*ec*/) {
  owner_.method_ = MethodFromVerb(method);
  owner_.method_token_.assign(View(method_str));
  owner_.target_.assign(View(target));
  owner_.version_ = version;
}

void RequestDecoder::Parser::on_field_impl(http::field /*name*/,
                                           boost::beast::string_view name_string,
                                           boost::beast::string_view value,
                                           boost::beast::error_code& /*ec*/) {
  auto& [name, stored_value] = Slot(owner_.request_.headers, owner_.header_count_++);
  name.assign(View(name_string));
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  stored_value.assign(View(value));
}

void RequestDecoder::Parser::on_header_impl(boost::beast::error_code& ec) {
  owner_.OnHeader(*this, ec);
}

void RequestDecoder::Parser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                               boost::beast::error_code& /*ec*/) {
  // OnHeader already checked the length against the route's limit.
  if (content_length) owner_.request_.body.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t RequestDecoder::Parser::on_body_impl(boost::beast::string_view body,
                                                 boost::beast::error_code& /*ec*/) {
  owner_.request_.body.append(body.data(), body.size());
  return body.size();
}

std::size_t RequestDecoder::Parser::on_chunk_body_impl(std::uint64_t /*remain*/,
                                                       boost::beast::string_view body,
                                                       boost::beast::error_code& /*ec*/) {
  owner_.request_.body.append(body.data(), body.size());
  return body.size();
}

RequestDecoder::RequestDecoder(const Router& router, std::size_t default_body_limit)
    : router_(router),
      default_body_limit_(default_body_limit),
      parser_body_limit_(router.MaxBodyLimit(default_body_limit)) {
  StartMessage();
}

void RequestDecoder::set_remote_ip(std::string_view ip) {
  remote_ip_.assign(ip);
  request_.remote_ip.assign(ip);
}

void RequestDecoder::StartMessage() {
  parser_.emplace(*this);
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(parser_body_limit_);
  parser_->eager(true);
  endpoint_ = nullptr;
  method_.reset();
  method_token_.clear();
  target_.clear();
  version_ = 11;
  keep_alive_ = false;
  continue_pending_ = false;
  error_set_ = false;
  header_count_ = 0;
  request_.method = Method::kGet;
  request_.path.clear();
  request_.raw_query.clear();
  request_.route.clear();
  request_.request_id.clear();
  request_.remote_ip.assign(remote_ip_);
  if (request_.body.capacity() > kKeepBodyCapacity) {
    std::string().swap(request_.body);
  } else {
    request_.body.clear();
  }
}

void RequestDecoder::Next() { StartMessage(); }

bool RequestDecoder::TakeContinue() {
  bool pending = continue_pending_;
  continue_pending_ = false;
  return pending;
}

void RequestDecoder::SetError(const Error& error) {
  response_ = ErrorResponse(error);
  error_set_ = true;
}

bool RequestDecoder::DecodeTarget() {
  boost::system::result<boost::urls::url_view> parsed =
      (!target_.empty() && target_.front() == '/') ? boost::urls::parse_origin_form(target_)
                                                   : boost::urls::parse_absolute_uri(target_);
  if (!parsed) return false;
  const boost::urls::url_view& url = *parsed;
  // Absolute-form (RFC 9112 3.2.2) only for http(s) URLs with an authority.
  if (url.has_scheme() &&
      (!url.has_authority() || (url.scheme_id() != boost::urls::scheme::http &&
                                url.scheme_id() != boost::urls::scheme::https))) {
    return false;
  }

  request_.path.clear();
  segment_bounds_.clear();
  for (boost::urls::pct_string_view segment : url.encoded_segments()) {
    request_.path.push_back('/');
    std::size_t start = request_.path.size();
    AppendDecoded(request_.path, std::string_view(segment.data(), segment.size()), false);
    segment_bounds_.emplace_back(start, request_.path.size() - start);
  }
  if (request_.path.empty()) request_.path.push_back('/');
  // One trailing slash is tolerated: "/a/b/" routes like "/a/b".
  if (!segment_bounds_.empty() && segment_bounds_.back().second == 0) segment_bounds_.pop_back();
  segments_.clear();
  for (const auto& [start, length] : segment_bounds_) {
    segments_.emplace_back(request_.path.data() + start, length);
  }

  std::size_t query_count = 0;
  if (url.has_query()) {
    boost::urls::pct_string_view raw = url.encoded_query();
    request_.raw_query.assign(raw.data(), raw.size());
    for (const auto& param : url.encoded_params()) {
      auto& [key, value] = Slot(request_.query, query_count++);
      key.clear();
      value.clear();
      AppendDecoded(key, std::string_view(param.key.data(), param.key.size()), true);
      if (param.has_value) {
        AppendDecoded(value, std::string_view(param.value.data(), param.value.size()), true);
      }
    }
  }
  request_.query.resize(query_count);
  return true;
}

void RequestDecoder::OnHeader(Parser& parser, boost::beast::error_code& ec) {
  request_.headers.resize(header_count_);
  std::string_view client_id = request_.Header("x-request-id");
  if (IsValidRequestId(client_id)) {
    request_.request_id.assign(client_id);
  } else {
    GenerateRequestId(request_.request_id);
  }
  if (!DecodeTarget()) {
    SetError(InvalidArgument("invalid request target"));
    ec = http::error::bad_target;
    return;
  }

  Router::Match match;
  if (method_) {
    request_.method = *method_;
    match = router_.Find(*method_, segments_);
  } else {
    match.allow = router_.AllowFor(segments_);
    match.kind =
        match.allow.empty() ? Router::MatchKind::kNotFound : Router::MatchKind::kMethodNotAllowed;
  }
  std::size_t limit = default_body_limit_;
  if (match.kind == Router::MatchKind::kFound) {
    endpoint_ = match.endpoint;
    request_.path_params.resize(match.value_count);
    for (std::size_t i = 0; i < match.value_count; ++i) {
      request_.path_params[i].first.assign(endpoint_->param_names[i]);
      request_.path_params[i].second.assign(match.values[i]);
    }
    request_.route.assign(endpoint_->pattern);
    if (endpoint_->options.body_limit != 0) limit = endpoint_->options.body_limit;
  } else {
    request_.path_params.clear();
    response_ = match.kind == Router::MatchKind::kNotFound
                    ? ErrorResponse(NotFound("no route for " + request_.path))
                    : MethodNotAllowedResponse(method_token_, match.allow);
  }

  boost::optional<std::uint64_t> length = parser.content_length();
  if (length && *length > limit) {
    SetError(Error(ErrorCode::kPayloadTooLarge,
                   "request body exceeds the limit of " + std::to_string(limit) + " bytes"));
    ec = http::error::body_limit;
    return;
  }
  parser.body_limit(limit);
  bool has_body = length ? *length > 0 : parser.chunked();
  continue_pending_ = endpoint_ != nullptr && has_body &&
                      EqualsIgnoreCase(request_.Header("expect"), "100-continue");
}

RequestDecoder::Event RequestDecoder::Feed(std::string_view data, std::size_t& consumed) {
  consumed = 0;
  for (;;) {
    boost::beast::error_code ec;
    std::size_t n =
        parser_->put(boost::asio::const_buffer(data.data() + consumed, data.size() - consumed), ec);
    consumed += n;
    if (ec == http::error::need_more) return Event::kNeedMore;
    if (ec) {
      if (request_.request_id.empty()) GenerateRequestId(request_.request_id);
      keep_alive_ = false;
      continue_pending_ = false;
      if (error_set_) return Event::kError;
      if (ec == http::error::body_limit) {
        SetError(Error(ErrorCode::kPayloadTooLarge, "request body exceeds the limit"));
      } else if (ec == http::error::header_limit) {
        SetError(
            InvalidArgument("request header exceeds " + std::to_string(kHeaderLimit) + " bytes"));
      } else {
        SetError(InvalidArgument("malformed HTTP request: " + ec.message()));
      }
      return Event::kError;
    }
    if (parser_->is_done()) {
      keep_alive_ = parser_->keep_alive();
      continue_pending_ = false;
      return Event::kRequest;
    }
    if (n == 0) return Event::kNeedMore;
  }
}

}  // namespace kefu::net::internal
