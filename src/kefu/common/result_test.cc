#include "kefu/common/result.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd", {{"x", "must be even"}});
  return x / 2;
}

Result<int> Quarter(int x) {
  KEFU_ASSIGN_OR_RETURN(int half, Half(x));
  return Half(half);
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "x");
}

TEST(ResultTest, StatusDefaultsToOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  Status bad = NotFound("ticket 7 not found");
  EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeName(bad.error().code), "not_found");
}

}  // namespace
}  // namespace kefu
