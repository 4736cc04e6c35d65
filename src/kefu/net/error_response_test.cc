#include "kefu/net/error_response.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "kefu/metrics/metrics.h"
#include "kefu/net/metrics_response.h"

namespace kefu::net {
namespace {

boost::json::object ErrorObject(const HttpResponse& response) {
  return boost::json::parse(response.body).as_object().at("error").as_object();
}

TEST(ErrorResponseTest, StatusMapping) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kOk), 200);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kMethodNotAllowed), 405);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPreconditionFailed), 412);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnsupportedMediaType), 415);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
}

TEST(ErrorResponseTest, ValidationErrorCarriesFields) {
  HttpResponse response = ErrorResponse(InvalidArgument(
      "invalid ticket", {{"priority", "must be one of low, normal, high, urgent"}}));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  boost::json::object error = ErrorObject(response);
  EXPECT_EQ(error.at("code").as_string(), "invalid_argument");
  EXPECT_EQ(error.at("message").as_string(), "invalid ticket");
  const auto& fields = error.at("details").as_object().at("fields").as_array();
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].as_object().at("field").as_string(), "priority");
  EXPECT_EQ(fields[0].as_object().at("issue").as_string(),
            "must be one of low, normal, high, urgent");
}

TEST(ErrorResponseTest, ConflictCarriesAllowed) {
  Error error = Conflict("cannot reopen a closed ticket");
  error.allowed = {"archived"};
  boost::json::object body = ErrorObject(ErrorResponse(error));
  EXPECT_EQ(body.at("code").as_string(), "conflict");
  EXPECT_EQ(body.at("details").as_object().at("allowed").as_array().at(0).as_string(), "archived");
}

TEST(ErrorResponseTest, PlainErrorHasEmptyDetails) {
  HttpResponse response = ErrorResponse(NotFound("ticket 7 not found"));
  EXPECT_EQ(response.status, 404);
  EXPECT_TRUE(ErrorObject(response).at("details").as_object().empty());
  EXPECT_TRUE(response.headers.empty());
}

TEST(ErrorResponseTest, HeadersForSpecialCodes) {
  Error limited(ErrorCode::kRateLimited, "slow down");
  limited.retry_after_seconds = 7;
  EXPECT_EQ(ErrorResponse(limited).Header("Retry-After"), "7");
  Error unset(ErrorCode::kRateLimited, "slow down");
  EXPECT_EQ(ErrorResponse(unset).Header("retry-after"), "1");
  EXPECT_EQ(ErrorResponse(Unauthenticated("login")).Header("WWW-Authenticate"), "Bearer");
  HttpResponse not_allowed = MethodNotAllowedResponse("TRACE", "GET, HEAD");
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.Header("Allow"), "GET, HEAD");
  EXPECT_EQ(ErrorObject(not_allowed).at("details").as_object().at("allowed").as_array().size(), 2u);
}

TEST(ErrorResponseTest, MessagesAreEscaped) {
  HttpResponse response = ErrorResponse(InvalidArgument("bad \"quote\"\n"));
  EXPECT_EQ(ErrorObject(response).at("message").as_string(), "bad \"quote\"\n");
}

TEST(MetricsResponseTest, PrometheusContentType) {
  metrics::Registry registry;
  registry.Counter("kefu_test_total", "Test.").Increment();
  HttpResponse response = MetricsResponse(registry);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(response.body.find("kefu_test_total 1\n"), std::string::npos);
}

}  // namespace
}  // namespace kefu::net
