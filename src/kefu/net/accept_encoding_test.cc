#include "kefu/net/accept_encoding.h"

#include <gtest/gtest.h>

namespace kefu::net {
namespace {

TEST(AcceptEncodingTest, QualitiesInThousandths) {
  EXPECT_EQ(CodingQuality("gzip, deflate, br", "br"), kMaxQuality);
  EXPECT_EQ(CodingQuality("br;q=0.8, gzip;q=0.5", "gzip"), 500);
  EXPECT_EQ(CodingQuality("br; q=0.125", "br"), 125);
  EXPECT_EQ(CodingQuality("BR;Q=1.000", "br"), kMaxQuality);
  EXPECT_EQ(CodingQuality("gzip;q=0", "gzip"), 0);
  EXPECT_EQ(CodingQuality("gzip;q=0.000", "gzip"), 0);
  EXPECT_EQ(CodingQuality("gzip;level=9;q=0.3", "gzip"), 300);
}

TEST(AcceptEncodingTest, UnlistedWildcardAndRepeats) {
  EXPECT_EQ(CodingQuality("gzip", "br"), std::nullopt);
  EXPECT_EQ(CodingQuality("", "gzip"), std::nullopt);
  EXPECT_EQ(CodingQuality("gzipx", "gzip"), std::nullopt);
  EXPECT_EQ(CodingQuality("*;q=0.2", "br"), std::nullopt);  // "*" only answers for "*"
  EXPECT_EQ(CodingQuality("br, *;q=0.2", "*"), 200);
  EXPECT_EQ(CodingQuality("gzip;q=0, gzip;q=0.4", "gzip"), 400);
}

TEST(AcceptEncodingTest, MalformedQualityCountsAsOne) {
  EXPECT_EQ(CodingQuality("br;q=abc", "br"), kMaxQuality);
  EXPECT_EQ(CodingQuality("br;q=2", "br"), kMaxQuality);
  EXPECT_EQ(CodingQuality("br;q=0.5555", "br"), kMaxQuality);
  EXPECT_EQ(CodingQuality("br;q=", "br"), kMaxQuality);
  EXPECT_EQ(CodingQuality(" , ;, br ;", "br"), kMaxQuality);
}

}  // namespace
}  // namespace kefu::net
