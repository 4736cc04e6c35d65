#include "kefu/net/http_types.h"

#include <algorithm>
#include <array>

namespace kefu::net {
namespace {

constexpr std::array<std::string_view, kMethodCount> kMethodNames = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

const std::string* FindFirst(const NameValueList& list, std::string_view name) {
  for (const auto& [key, value] : list) {
    if (key == name) return &value;
  }
  return nullptr;
}

}  // namespace

std::string_view MethodName(Method method) {
  return kMethodNames[static_cast<std::size_t>(method)];
}

std::optional<Method> ParseMethod(std::string_view token) {
  for (std::size_t i = 0; i < kMethodNames.size(); ++i) {
    if (kMethodNames[i] == token) return static_cast<Method>(i);
  }
  return std::nullopt;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return LowerAscii(x) == LowerAscii(y);
         });
}

std::optional<std::string_view> HttpRequest::Query(std::string_view key) const {
  const std::string* value = FindFirst(query, key);
  if (value == nullptr) return std::nullopt;
  return std::string_view(*value);
}

std::string_view HttpRequest::Header(std::string_view lower_name) const {
  const std::string* value = FindFirst(headers, lower_name);
  return value == nullptr ? std::string_view() : std::string_view(*value);
}

std::string_view HttpRequest::Param(std::string_view name) const {
  const std::string* value = FindFirst(path_params, name);
  return value == nullptr ? std::string_view() : std::string_view(*value);
}

HttpResponse HttpResponse::Json(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse HttpResponse::Text(int status, std::string body, std::string content_type) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

HttpResponse HttpResponse::NoContent() {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

void HttpResponse::SetHeader(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return EqualsIgnoreCase(header.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

}  // namespace kefu::net
