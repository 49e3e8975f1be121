#include "onderdak/domain/bsn.h"

#include <gtest/gtest.h>

namespace onderdak::domain {
namespace {

TEST(BsnTest, Elfproef) {
  EXPECT_TRUE(IsValidBsn("111222333"));   // 9+8+7+12+10+8+9+6-3 = 66
  EXPECT_TRUE(IsValidBsn("123456782"));   // 154
  EXPECT_TRUE(IsValidBsn("012345672"));   // an 8-digit number with its leading zero
  EXPECT_FALSE(IsValidBsn("123456789"));  // 147: not a multiple of 11
  EXPECT_FALSE(IsValidBsn("000000000"));  // sum 0
  EXPECT_FALSE(IsValidBsn("12345678"));   // 8 digits
  EXPECT_FALSE(IsValidBsn("1234567820"));
  EXPECT_FALSE(IsValidBsn("12345678a"));
  EXPECT_FALSE(IsValidBsn(" 11122233"));
  EXPECT_FALSE(IsValidBsn(""));
}

}  // namespace
}  // namespace onderdak::domain
