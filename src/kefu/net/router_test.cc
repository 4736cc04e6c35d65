#include "kefu/net/router.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "kefu/logging/request_context.h"

namespace kefu::net {
namespace {

Handler Named(std::string name) {
  return [name](HttpRequest& request) {
    std::string body = name;
    for (const auto& [key, value] : request.path_params) body += " " + key + "=" + value;
    return HttpResponse::Text(200, body);
  };
}

HttpResponse Call(const Router& router, Method method, std::string path) {
  HttpRequest request;
  request.method = method;
  request.path = std::move(path);
  return router.Dispatch(request);
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/api/v1/tickets", Named("list"));
    router_.Add(Method::kPost, "/api/v1/tickets", Named("create"));
    router_.Add(Method::kGet, "/api/v1/tickets/{id}", Named("get"));
    router_.Add(Method::kGet, "/api/v1/tickets/search", Named("search"));
    router_.Add(Method::kGet, "/api/v1/tickets/{id}/messages/{message_id}", Named("message"));
    router_.Add(Method::kPost, "/api/v1/tickets/{ticket}/messages", Named("post-message"));
    router_.Add(Method::kGet, "/", Named("root"));
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralsAndParams) {
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets").body, "list");
  EXPECT_EQ(Call(router_, Method::kPost, "/api/v1/tickets").body, "create");
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets/42").body, "get id=42");
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets/7/messages/9").body,
            "message id=7 message_id=9");
  EXPECT_EQ(Call(router_, Method::kPost, "/api/v1/tickets/7/messages").body,
            "post-message ticket=7");
  EXPECT_EQ(Call(router_, Method::kGet, "/").body, "root");
}

TEST_F(RouterTest, LiteralWinsOverParam) {
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets/search").body, "search");
}

TEST_F(RouterTest, BacktracksFromDeadEndLiteral) {
  // "search" is a literal child, but only the {id} branch has a "messages/{message_id}".
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets/search/messages/1").body,
            "message id=search message_id=1");
}

TEST_F(RouterTest, ToleratesTrailingSlash) {
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets/").body, "list");
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets/5/").body, "get id=5");
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets//").status, 404);
}

TEST_F(RouterTest, UnknownPathIs404Json) {
  HttpResponse response = Call(router_, Method::kGet, "/api/v1/nothing");
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("\"code\":\"not_found\""), std::string::npos) << response.body;
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets/1/2").status, 404);
  EXPECT_EQ(Call(router_, Method::kGet, "relative").status, 404);
  EXPECT_EQ(Call(router_, Method::kGet, "/api//v1/tickets").status, 404);
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  HttpResponse response = Call(router_, Method::kDelete, "/api/v1/tickets");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("Allow"), "GET, HEAD, POST");
  EXPECT_NE(response.body.find("\"code\":\"method_not_allowed\""), std::string::npos);
  EXPECT_NE(response.body.find("\"allowed\":[\"GET\",\"HEAD\",\"POST\"]"), std::string::npos)
      << response.body;
  EXPECT_EQ(Call(router_, Method::kPut, "/api/v1/tickets/3").Header("Allow"), "GET, HEAD");
}

TEST_F(RouterTest, HeadUsesGet) {
  HttpResponse response = Call(router_, Method::kHead, "/api/v1/tickets/3");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "get id=3");
}

TEST_F(RouterTest, MethodAwareMatchingAcrossBranches) {
  Router router;
  router.Add(Method::kGet, "/a/{x}", Named("param"));
  router.Add(Method::kPost, "/a/b", Named("literal"));
  EXPECT_EQ(Call(router, Method::kGet, "/a/b").body, "param x=b");
  EXPECT_EQ(Call(router, Method::kPost, "/a/b").body, "literal");
  EXPECT_EQ(Call(router, Method::kPut, "/a/b").Header("Allow"), "POST");
}

TEST_F(RouterTest, FindReportsEndpointAndValues) {
  Router::Match match = router_.Find(Method::kGet, "/api/v1/tickets/12/messages/34");
  ASSERT_EQ(match.kind, Router::MatchKind::kFound);
  EXPECT_EQ(match.endpoint->pattern, "/api/v1/tickets/{id}/messages/{message_id}");
  ASSERT_EQ(match.value_count, 2u);
  EXPECT_EQ(match.values[0], "12");
  EXPECT_EQ(match.values[1], "34");
  EXPECT_EQ(router_.Find(Method::kPatch, "/").kind, Router::MatchKind::kMethodNotAllowed);
}

TEST_F(RouterTest, DispatchSetsRouteAndParams) {
  Router router;
  std::string seen_route;
  router.Add(Method::kGet, "/t/{id}", [&](HttpRequest& request) {
    seen_route = request.route;
    return HttpResponse::Json(200, std::string("\"") + std::string(request.Param("id")) + "\"");
  });
  HttpRequest request;
  request.path = "/t/x y";
  HttpResponse response = router.Dispatch(request);
  EXPECT_EQ(response.body, "\"x y\"");
  EXPECT_EQ(seen_route, "/t/{id}");
  EXPECT_EQ(request.Param("missing"), "");
}

TEST_F(RouterTest, ThrowingHandlerBecomes500WithoutDetails) {
  Router router;
  std::string id_in_handler;
  router.Add(Method::kGet, "/boom", [&](HttpRequest&) -> HttpResponse {
    id_in_handler = std::string(logging::CurrentRequestId());
    throw std::runtime_error("secret database detail");
  });
  HttpRequest request;
  request.path = "/boom";
  request.request_id = "rid-1";
  HttpResponse response = router.Dispatch(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("\"code\":\"internal\""), std::string::npos);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_EQ(id_in_handler, "rid-1");
}

TEST_F(RouterTest, RejectsBadPatterns) {
  Router router;
  auto noop = [](HttpRequest&) { return HttpResponse::NoContent(); };
  EXPECT_THROW(router.Add(Method::kGet, "no-slash", noop), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "/a//b", noop), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "/a/{}", noop), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "/a/{x}/{x}", noop), std::invalid_argument);
  EXPECT_THROW(router.Add(Method::kGet, "/a/x{y}", noop), std::invalid_argument);
  router.Add(Method::kGet, "/a/{x}", noop);
  EXPECT_THROW(router.Add(Method::kGet, "/a/{y}", noop), std::invalid_argument);  // same shape
  EXPECT_THROW(router.Add(Method::kGet, "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}", noop),
               std::invalid_argument);
}

TEST_F(RouterTest, MaxBodyLimit) {
  Router router;
  auto noop = [](HttpRequest&) { return HttpResponse::NoContent(); };
  router.Add(Method::kPost, "/small", noop, {.body_limit = 10});
  EXPECT_EQ(router.MaxBodyLimit(100), 100u);
  router.Add(Method::kPost, "/big", noop, {.body_limit = 1000});
  EXPECT_EQ(router.MaxBodyLimit(100), 1000u);
}

TEST_F(RouterTest, FallbackAnswersGetAndHeadOutsideReservedPaths) {
  router_.SetFallback(Named("web"), {"api"});
  EXPECT_EQ(Call(router_, Method::kGet, "/tickets/5").body, "web");
  EXPECT_EQ(Call(router_, Method::kHead, "/assets/app.js").body, "web");
  EXPECT_EQ(Call(router_, Method::kGet, "/").body, "root");  // a route still wins
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/tickets").body, "list");
  EXPECT_EQ(Call(router_, Method::kGet, "/api/v1/nothing").status, 404);
  EXPECT_EQ(Call(router_, Method::kGet, "/api").status, 404);
  HttpResponse post = Call(router_, Method::kPost, "/tickets/5");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("Allow"), "GET, HEAD");
  // A known path keeps its own Allow.
  EXPECT_EQ(Call(router_, Method::kDelete, "/api/v1/tickets").Header("Allow"), "GET, HEAD, POST");
  auto match = router_.Find(Method::kGet, "/settings/users");
  ASSERT_EQ(match.kind, Router::MatchKind::kFound);
  EXPECT_EQ(match.endpoint->pattern, Router::kFallbackPattern);
  EXPECT_EQ(match.endpoint->index, router_.size() - 1);
  std::vector<std::string_view> segments = {"x"};
  EXPECT_EQ(router_.AllowFor(segments), "GET, HEAD");
  EXPECT_THROW(router_.SetFallback(Named("again"), {}), std::invalid_argument);
}

TEST(HttpRequestTest, Accessors) {
  HttpRequest request;
  request.query = {{"a", "1"}, {"a", "2"}, {"empty", ""}};
  request.headers = {{"x-one", "1"}};
  EXPECT_EQ(request.Query("a"), "1");
  EXPECT_EQ(request.Query("empty"), "");
  EXPECT_FALSE(request.Query("missing").has_value());
  EXPECT_EQ(request.Header("x-one"), "1");
  EXPECT_EQ(request.Header("x-two"), "");
  EXPECT_EQ(MethodName(Method::kPatch), "PATCH");
  EXPECT_EQ(ParseMethod("DELETE"), Method::kDelete);
  EXPECT_FALSE(ParseMethod("get").has_value());
}

}  // namespace
}  // namespace kefu::net
