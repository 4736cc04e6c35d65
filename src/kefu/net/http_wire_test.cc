#include "kefu/net/http_wire.h"

#include <gtest/gtest.h>

#include <string>

#include "kefu/net/request_id.h"

namespace kefu::net::internal {
namespace {

bool Has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(HttpWireTest, SerializesStatusAndHeaders) {
  HttpResponse response = HttpResponse::Json(201, "{\"id\":1}");
  response.headers.emplace_back("Location", "/tickets/1");
  response.headers.emplace_back("Content-Length", "999");       // owned by the server: ignored
  response.headers.emplace_back("X-Evil", "a\r\nInjected: 1");  // dropped
  std::string head;
  std::size_t body = SerializeResponseHead(response, {.request_id = "rid"}, head);
  EXPECT_EQ(body, 8u);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 201 Created\r\n")) << head;
  EXPECT_TRUE(Has(head, "Content-Type: application/json; charset=utf-8\r\n")) << head;
  EXPECT_TRUE(Has(head, "Content-Length: 8\r\n")) << head;
  EXPECT_FALSE(Has(head, "999"));
  EXPECT_FALSE(Has(head, "Injected"));
  EXPECT_TRUE(Has(head, "Location: /tickets/1\r\n"));
  EXPECT_TRUE(Has(head, "X-Request-Id: rid\r\n"));
  EXPECT_TRUE(Has(head, "Date: "));
  EXPECT_FALSE(Has(head, "Connection:"));
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(HttpWireTest, HeadNoContentAndClose) {
  std::string head;
  HttpResponse ok = HttpResponse::Json(200, "12345");
  EXPECT_EQ(SerializeResponseHead(ok, {.keep_alive = false, .head_request = true}, head), 0u);
  EXPECT_TRUE(Has(head, "Content-Length: 5\r\n"));
  EXPECT_TRUE(Has(head, "Connection: close\r\n"));
  EXPECT_EQ(SerializeResponseHead(HttpResponse::NoContent(), {.http10 = true}, head), 0u);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 204 No Content\r\n"));
  EXPECT_FALSE(Has(head, "Content-Length"));
  EXPECT_FALSE(Has(head, "Content-Type"));
  EXPECT_TRUE(Has(head, "Connection: keep-alive\r\n"));
  HttpResponse bogus;
  bogus.status = 42;
  SerializeResponseHead(bogus, {}, head);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
}

TEST(HttpWireTest, HttpDateShape) {
  std::string_view date = HttpDate();
  ASSERT_EQ(date.size(), 29u) << date;
  EXPECT_TRUE(date.ends_with(" GMT"));
}

TEST(RequestIdTest, ValidationAndGeneration) {
  EXPECT_TRUE(IsValidRequestId("abc-DEF_1.2"));
  EXPECT_TRUE(IsValidRequestId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId("a b"));
  EXPECT_FALSE(IsValidRequestId("a/b"));
  std::string a;
  std::string b;
  GenerateRequestId(a);
  GenerateRequestId(b);
  EXPECT_EQ(a.size(), 16u);
  EXPECT_TRUE(IsValidRequestId(a));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace kefu::net::internal
