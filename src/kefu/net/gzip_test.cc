#include "kefu/net/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace kefu::net {
namespace {

std::string Gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

TEST(GzipTest, RoundTrips) {
  std::string input;
  for (int i = 0; i < 1000; ++i) input += "{\"id\":" + std::to_string(i) + ",\"title\":\"hello\"},";
  std::string compressed;
  ASSERT_TRUE(GzipCompress(input, compressed));
  EXPECT_LT(compressed.size(), input.size() / 4);
  EXPECT_EQ(Gunzip(compressed), input);
  // The per-thread stream is reused.
  ASSERT_TRUE(GzipCompress("short", compressed));
  EXPECT_EQ(Gunzip(compressed), "short");
  ASSERT_TRUE(GzipCompress("", compressed));
  EXPECT_EQ(Gunzip(compressed), "");
}

TEST(GzipTest, AcceptEncoding) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.001"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("gzipx"));
}

}  // namespace
}  // namespace kefu::net
