#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kefu::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string Header(const std::string& lower_name) const;
  boost::json::value Json() const;  // parses body; null if it is not JSON
  std::string ErrorCode() const;    // error.code of a JSON error body, else ""
};

// A blocking HTTP/1.1 client with one keep-alive connection to 127.0.0.1:port.
// Reconnects once if the server closed the connection. Not thread-safe.
class HttpClient {
 public:
  explicit HttpClient(int port);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  void SetToken(std::string token) { token_ = std::move(token); }

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult Get(const std::string& target) { return Request("GET", target); }
  HttpResult Post(const std::string& target, const boost::json::value& body);
  HttpResult Patch(const std::string& target, const boost::json::value& body,
                   const std::string& if_match = "");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string token_;
};

// Signs in and returns the access token (throws on failure).
std::string Login(HttpClient& client, const std::string& email, const std::string& password);

}  // namespace kefu::testing
