#include <gtest/gtest.h>

#include "onderdak/core/result.h"

namespace onderdak::core {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidInput(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ONDERDAK_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Status CheckEven(int x) {
  ONDERDAK_RETURN_IF_ERROR(Half(x));
  return Status::Ok();
}

TEST(StatusTest, OkByDefaultAndToString) {
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status().ToString(), "ok");
  Status s = Status::NotFound("region GM9999");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(s.ToString(), "not found: region GM9999");
}

TEST(StatusTest, WithContextPrefixesErrorsOnly) {
  EXPECT_EQ(Status::Io("read error").WithContext("a.csv").message(), "a.csv: read error");
  EXPECT_TRUE(Status::Ok().WithContext("a.csv").ok());
}

TEST(ResultTest, PropagatesValuesAndErrors) {
  EXPECT_EQ(*Quarter(12), 3);
  auto r = Quarter(6);  // 6/2 = 3 is odd
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), Code::kInvalidInput);
  EXPECT_EQ(Quarter(7).value_or(-1), -1);
}

}  // namespace
}  // namespace onderdak::core
