#include "http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

namespace kefu::testing {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

struct HttpClient::Impl {
  explicit Impl(int p) : port(p), socket(io) { Connect(); }
  void Connect() {
    socket = tcp::socket(io);
    socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                 static_cast<unsigned short>(port)));
  }
  int port;
  boost::asio::io_context io;
  tcp::socket socket;
  beast::flat_buffer buffer;
};

std::string HttpResult::Header(const std::string& lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return "";
}

boost::json::value HttpResult::Json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value(nullptr) : v;
}

std::string HttpResult::ErrorCode() const {
  auto v = Json();
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  return std::string(v.at("error").at("code").as_string());
}

HttpClient::HttpClient(int port) : impl_(std::make_unique<Impl>(port)) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResult HttpClient::Request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.keep_alive(true);
  if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty()) {
    if (req[http::field::content_type].empty())
      req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      http::write(impl_->socket, req);
      http::response_parser<http::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      if (req.method() == http::verb::head) parser.skip(true);  // headers only
      http::read(impl_->socket, impl_->buffer, parser);
      auto res = parser.release();
      HttpResult out;
      out.status = res.result_int();
      out.body = res.body();
      for (const auto& field : res) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers.emplace_back(name, std::string(field.value()));
      }
      if (!res.keep_alive()) impl_->Connect();
      return out;
    } catch (const std::exception&) {
      if (attempt == 1) throw;
      impl_->buffer.clear();
      impl_->Connect();
    }
  }
  throw std::runtime_error("unreachable");
}

HttpResult HttpClient::Post(const std::string& target, const boost::json::value& body) {
  return Request("POST", target, boost::json::serialize(body));
}

HttpResult HttpClient::Patch(const std::string& target, const boost::json::value& body,
                             const std::string& if_match) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!if_match.empty()) headers.emplace_back("If-Match", if_match);
  return Request("PATCH", target, boost::json::serialize(body), headers);
}

std::string Login(HttpClient& client, const std::string& email, const std::string& password) {
  auto res = client.Post("/api/v1/auth/login",
                         boost::json::object{{"email", email}, {"password", password}});
  if (res.status != 200) throw std::runtime_error("login failed: " + res.body);
  return std::string(res.Json().at("access_token").as_string());
}

}  // namespace kefu::testing
