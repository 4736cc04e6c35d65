#include "kefu/net/request_decoder.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::net::internal {
namespace {

using Event = RequestDecoder::Event;

class RequestDecoderTest : public ::testing::Test {
 protected:
  RequestDecoderTest() {
    auto echo = [](HttpRequest&) { return HttpResponse::NoContent(); };
    router_.Add(Method::kGet, "/tickets/{id}", echo);
    router_.Add(Method::kPost, "/tickets", echo);
    router_.Add(Method::kPost, "/uploads", echo, {.body_limit = 100});
  }

  // Feeds `input` in one piece (or byte by byte) and returns the last event.
  Event FeedAll(RequestDecoder& decoder, std::string_view input, bool byte_by_byte = false) {
    std::string pending;
    Event event = Event::kNeedMore;
    for (std::size_t i = 0; i < input.size();) {
      std::size_t step = byte_by_byte ? 1 : input.size() - i;
      pending.append(input.substr(i, step));
      i += step;
      std::size_t consumed = 0;
      event = decoder.Feed(pending, consumed);
      pending.erase(0, consumed);
      if (event != Event::kNeedMore) break;
    }
    leftover_ = pending;
    return event;
  }

  Router router_;
  std::string leftover_;
};

TEST_F(RequestDecoderTest, DecodesPathQueryHeadersAndParams) {
  RequestDecoder decoder(router_, 1024);
  decoder.set_remote_ip("10.0.0.1");
  ASSERT_EQ(FeedAll(decoder,
                    "GET /tickets/a%2Fb%20c?q=hello+world&tag=%E4%B8%AD&flag HTTP/1.1\r\n"
                    "Host: x\r\nX-Request-Id: client-id_1.2\r\nAccept-Encoding: gzip\r\n\r\n"),
            Event::kRequest);
  const HttpRequest& request = decoder.request();
  ASSERT_NE(decoder.endpoint(), nullptr);
  EXPECT_EQ(decoder.endpoint()->pattern, "/tickets/{id}");
  EXPECT_EQ(request.route, "/tickets/{id}");
  EXPECT_EQ(request.path, "/tickets/a/b c");
  EXPECT_EQ(request.Param("id"), "a/b c");
  EXPECT_EQ(request.raw_query, "q=hello+world&tag=%E4%B8%AD&flag");
  EXPECT_EQ(request.Query("q"), "hello world");
  EXPECT_EQ(request.Query("tag"), "\xE4\xB8\xAD");
  EXPECT_EQ(request.Query("flag"), "");
  EXPECT_EQ(request.Header("host"), "x");
  EXPECT_EQ(request.Header("accept-encoding"), "gzip");
  EXPECT_EQ(request.request_id, "client-id_1.2");
  EXPECT_EQ(request.remote_ip, "10.0.0.1");
  EXPECT_TRUE(decoder.keep_alive());
}

TEST_F(RequestDecoderTest, ByteByByteWithBody) {
  RequestDecoder decoder(router_, 1024);
  ASSERT_EQ(FeedAll(decoder,
                    "POST /tickets HTTP/1.1\r\nContent-Length: 11\r\nConnection: close\r\n\r\n"
                    "hello world",
                    true),
            Event::kRequest);
  EXPECT_EQ(decoder.request().body, "hello world");
  EXPECT_FALSE(decoder.keep_alive());
  EXPECT_EQ(decoder.request().request_id.size(), 16u);  // generated
}

TEST_F(RequestDecoderTest, ChunkedBody) {
  RequestDecoder decoder(router_, 1024);
  ASSERT_EQ(FeedAll(decoder,
                    "POST /tickets HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
            Event::kRequest);
  EXPECT_EQ(decoder.request().body, "hello world");
}

TEST_F(RequestDecoderTest, PipelinedRequestsReuseTheDecoder) {
  RequestDecoder decoder(router_, 1024);
  std::string input =
      "GET /tickets/1 HTTP/1.1\r\nX-A: 1\r\nX-B: 2\r\n\r\n"
      "GET /tickets/2?x=1 HTTP/1.1\r\nX-A: 3\r\n\r\n";
  std::size_t consumed = 0;
  ASSERT_EQ(decoder.Feed(input, consumed), Event::kRequest);
  EXPECT_EQ(decoder.request().Param("id"), "1");
  EXPECT_EQ(decoder.request().headers.size(), 2u);
  std::string rest = input.substr(consumed);
  decoder.Next();
  ASSERT_EQ(decoder.Feed(rest, consumed), Event::kRequest);
  EXPECT_EQ(consumed, rest.size());
  EXPECT_EQ(decoder.request().Param("id"), "2");
  ASSERT_EQ(decoder.request().headers.size(), 1u);  // no stale header from request 1
  EXPECT_EQ(decoder.request().Header("x-a"), "3");
  EXPECT_EQ(decoder.request().Query("x"), "1");
  decoder.Next();
  EXPECT_FALSE(decoder.InProgress());
  EXPECT_TRUE(decoder.request().query.empty() || decoder.request().raw_query.empty());
}

TEST_F(RequestDecoderTest, NotFoundAndMethodNotAllowedKeepTheConnection) {
  RequestDecoder decoder(router_, 1024);
  ASSERT_EQ(FeedAll(decoder, "GET /nope HTTP/1.1\r\n\r\n"), Event::kRequest);
  EXPECT_EQ(decoder.endpoint(), nullptr);
  EXPECT_EQ(decoder.response().status, 404);
  EXPECT_TRUE(decoder.keep_alive());
  decoder.Next();
  ASSERT_EQ(FeedAll(decoder, "DELETE /tickets HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"),
            Event::kRequest);
  EXPECT_EQ(decoder.response().status, 405);
  EXPECT_EQ(decoder.response().Header("Allow"), "POST");
  decoder.Next();
  ASSERT_EQ(FeedAll(decoder, "TRACE /tickets/1 HTTP/1.1\r\n\r\n"), Event::kRequest);
  EXPECT_EQ(decoder.response().status, 405);
  EXPECT_EQ(decoder.method_token(), "TRACE");
  EXPECT_FALSE(decoder.method().has_value());
}

TEST_F(RequestDecoderTest, BodyLimitIsPerRouteAndCheckedAtHeader) {
  RequestDecoder decoder(router_, 1024);
  // Over the /uploads limit (100) though under the default: rejected before the body.
  ASSERT_EQ(FeedAll(decoder, "POST /uploads HTTP/1.1\r\nContent-Length: 101\r\n\r\n"),
            Event::kError);
  EXPECT_EQ(decoder.response().status, 413);
  EXPECT_FALSE(decoder.keep_alive());

  RequestDecoder chunked(router_, 1024);
  std::string body(150, 'x');
  EXPECT_EQ(FeedAll(chunked, "POST /uploads HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n96\r\n" +
                                 body + "\r\n0\r\n\r\n"),
            Event::kError);
  EXPECT_EQ(chunked.response().status, 413);

  RequestDecoder fits(router_, 1024);
  EXPECT_EQ(FeedAll(fits, "POST /uploads HTTP/1.1\r\nContent-Length: 100\r\n\r\n" +
                              std::string(100, 'y')),
            Event::kRequest);
}

TEST_F(RequestDecoderTest, MalformedInputIs400) {
  for (std::string input :
       {"GARBAGE\r\n\r\n", "GET /a HTTP/9.9\r\n\r\n", "GET /a HTTP/1.1\r\nBad Header\r\n\r\n",
        "GET /a HTTP/1.1\r\nContent-Length: x\r\n\r\n", "GET ht!tp://bad HTTP/1.1\r\n\r\n",
        "GET /%zz HTTP/1.1\r\n\r\n", "GET mailto:a@b HTTP/1.1\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\n\r\n",
        // Request smuggling shapes are refused, not guessed at.
        "POST /tickets HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
        "POST /tickets HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"}) {
    RequestDecoder decoder(router_, 1024);
    EXPECT_EQ(FeedAll(decoder, input), Event::kError) << input;
    EXPECT_EQ(decoder.response().status, 400) << input;
    EXPECT_FALSE(decoder.request().request_id.empty());
  }
}

TEST_F(RequestDecoderTest, OversizedHeaderIs400) {
  RequestDecoder decoder(router_, 1024);
  std::string input = "GET /tickets/1 HTTP/1.1\r\nX-Big: " + std::string(kHeaderLimit, 'a');
  EXPECT_EQ(FeedAll(decoder, input), Event::kError);
  EXPECT_EQ(decoder.response().status, 400);
}

TEST_F(RequestDecoderTest, InvalidClientRequestIdIsReplaced) {
  RequestDecoder decoder(router_, 1024);
  ASSERT_EQ(FeedAll(decoder, "GET /tickets/1 HTTP/1.1\r\nX-Request-Id: bad id!\r\n\r\n"),
            Event::kRequest);
  EXPECT_NE(decoder.request().request_id, "bad id!");
  EXPECT_EQ(decoder.request().request_id.size(), 16u);
}

TEST_F(RequestDecoderTest, AbsoluteFormAndHttp10) {
  RequestDecoder decoder(router_, 1024);
  ASSERT_EQ(FeedAll(decoder, "GET http://example.com/tickets/9 HTTP/1.0\r\n\r\n"), Event::kRequest);
  EXPECT_EQ(decoder.request().Param("id"), "9");
  EXPECT_TRUE(decoder.http10());
  EXPECT_FALSE(decoder.keep_alive());
}

TEST_F(RequestDecoderTest, ExpectContinueOncePerRequest) {
  RequestDecoder decoder(router_, 1024);
  ASSERT_EQ(FeedAll(decoder,
                    "POST /tickets HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"),
            Event::kNeedMore);
  EXPECT_TRUE(decoder.TakeContinue());
  EXPECT_FALSE(decoder.TakeContinue());
  EXPECT_TRUE(decoder.InProgress());
  std::size_t consumed = 0;
  EXPECT_EQ(decoder.Feed("abc", consumed), Event::kRequest);
  EXPECT_EQ(decoder.request().body, "abc");
}

}  // namespace
}  // namespace kefu::net::internal
