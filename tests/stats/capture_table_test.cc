// The capture-history CSV reader: the reference files read back as the README describes
// them, and every broken rule is reported with file, line, column and rule.
#include "onderdak/stats/capture_table.h"

#include <gtest/gtest.h>

#include "stats/reference_data.h"

namespace onderdak::stats {
namespace {

TEST(CaptureTableTest, ReadsReferenceFiles) {
  const CaptureTable uk = testing::LoadTable("UKdat");
  EXPECT_EQ(uk.num_lists, 6);
  EXPECT_EQ(uk.Observed(), 2744);
  const CaptureTable korea = testing::LoadTable("Korea");
  EXPECT_EQ(korea.list_names, (std::vector<std::string>{"b", "c", "d"}));
  EXPECT_EQ(korea.counts[3], 54);  // 1,1,0 -> history 1 + 2
  EXPECT_EQ(korea.Overlap(1, 2), 12);
  EXPECT_EQ(testing::LoadTable("NewOrl").num_lists, 8);
}

TEST(CaptureTableTest, AcceptsAnyRowOrderAndMissingZeroRows) {
  auto table = ParseCaptureTableCsv("a,b,count\r\n1,1,3\r\n0,1,5\r\n", "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->counts, (std::vector<double>{0, 0, 5, 3}));
}

void ExpectError(std::string_view text, std::string_view expected_fragment) {
  auto table = ParseCaptureTableCsv(text, "in.csv");
  ASSERT_FALSE(table.ok()) << text;
  EXPECT_EQ(table.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(table.status().message().find(expected_fragment), std::string::npos) << table.status().message();
}

TEST(CaptureTableTest, ReportsFileLineColumnAndRule) {
  ExpectError("a,b,n\n1,0,3\n", "in.csv:1: column 3 'n': the last column must be 'count'");
  ExpectError("a,count\n1,3\n", "in.csv:1: header has 1 list columns");
  ExpectError("a,b,count\n1,2,3\n", "in.csv:2: column 2 'b': '2' must be 0 or 1");
  ExpectError("a,b,count\n1,0,x\n", "in.csv:2: column 3 'count': 'x' must be a non-negative");
  ExpectError("a,b,count\n1,0,-1\n", "column 3 'count'");
  ExpectError("a,b,count\n1,0\n", "in.csv:2: expected 3 fields, found 2");
  ExpectError("a,b,count\n0,0,4\n", "in.csv:2: the all-zero history");
  ExpectError("a,b,count\n1,0,4\n\n1,0,5\n", "in.csv:4: capture history appears twice");
  ExpectError("a,b,count\n1,0,0\n", "no persons observed");
  ExpectError("", "empty file");
  auto missing = ReadCaptureTableCsv("/nonexistent/table.csv");
  EXPECT_EQ(missing.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(missing.status().message().find("/nonexistent/table.csv"), std::string::npos);
}

TEST(CaptureTableTest, MakeCaptureTableValidates) {
  EXPECT_TRUE(MakeCaptureTable(2, {0, 1, 2, 3}).ok());
  EXPECT_FALSE(MakeCaptureTable(2, {1, 1, 2, 3}).ok());
  EXPECT_FALSE(MakeCaptureTable(2, {0, 1, 2}).ok());
  EXPECT_FALSE(MakeCaptureTable(9, std::vector<double>(512, 1.0)).ok());
  EXPECT_FALSE(MakeCaptureTable(2, {0, 1.5, 2, 3}).ok());
}

}  // namespace
}  // namespace onderdak::stats
