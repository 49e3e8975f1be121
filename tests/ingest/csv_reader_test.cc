#include "onderdak/ingest/csv_reader.h"

#include <gtest/gtest.h>

namespace onderdak::ingest {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Reads everything, or returns the error message as the single cell of a single row.
Rows ReadAll(std::string data, CsvLimits limits = {}) {
  auto r = CsvReader::FromString("t.csv", std::move(data), limits);
  if (!r.ok()) return {{r.status().message()}};
  Rows rows;
  std::vector<std::string_view> f;
  while (r->Next(f)) rows.emplace_back(f.begin(), f.end());
  if (!r->status().ok()) return {{r->status().message()}};
  return rows;
}

TEST(CsvReaderTest, CommaAndSemicolonAreDetected) {
  auto r = CsvReader::FromString("a.csv", "a;b;c\n1;2;3\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->separator(), ';');
  EXPECT_EQ(r->header(), (std::vector<std::string>{"a", "b", "c"}));
  auto c = CsvReader::FromString("a.csv", "a,b\n1,2\n");
  EXPECT_EQ(c->separator(), ',');
  EXPECT_EQ(c->ColumnIndex("b"), 1);
  EXPECT_EQ(c->ColumnIndex("z"), -1);
}

TEST(CsvReaderTest, QuotesBomCrlfAndEmbeddedNewlines) {
  Rows rows =
      ReadAll("\xEF\xBB\xBFname,note\r\n\"Nuenen, Gerwen\",\"says \"\"hi\"\"\"\r\nx,\"two\nlines\"\r\n\r\ny,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Nuenen, Gerwen", "says \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x", "two\nlines"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"y", ""}));
}

TEST(CsvReaderTest, LineNumbersCountEmbeddedNewlines) {
  auto r = CsvReader::FromString("t.csv", "a,b\n1,\"x\ny\"\n2,z\n");
  std::vector<std::string_view> f;
  ASSERT_TRUE(r->Next(f));
  EXPECT_EQ(r->line(), 2u);
  ASSERT_TRUE(r->Next(f));
  EXPECT_EQ(r->line(), 4u);
  EXPECT_EQ(r->Where(), "t.csv:4");
}

TEST(CsvReaderTest, RecordsSpanningReadBlocks) {
  std::string data = "id,text\n";
  for (int i = 0; i < 20000; ++i) data += std::to_string(i) + ",\"row " + std::to_string(i) + ", quoted\"\n";
  Rows rows = ReadAll(data);
  ASSERT_EQ(rows.size(), 20000u);
  EXPECT_EQ(rows[12345][1], "row 12345, quoted");
}

TEST(CsvReaderTest, RejectsBadInputNamingFileAndLine) {
  EXPECT_EQ(ReadAll("")[0][0], "t.csv:1: the file is empty; it needs a header row");
  EXPECT_EQ(ReadAll("a,b\n1,\"open\n")[0][0],
            "t.csv:2: the file ends inside a quoted field (truncated file or a missing closing quote)");
  EXPECT_NE(ReadAll("a,b\n1,x\"y\n")[0][0].find("t.csv:2: a quote inside an unquoted field"), std::string::npos);
  EXPECT_NE(ReadAll("a,b\n1,\"x\"y\n")[0][0].find("t.csv:2: text after the closing quote"), std::string::npos);
  EXPECT_NE(ReadAll("a,a\n")[0][0].find("column 'a' appears twice"), std::string::npos);
  EXPECT_NE(ReadAll("a,\n")[0][0].find("a column has no name"), std::string::npos);
  EXPECT_NE(ReadAll("a,b\n1,2\r3,4\n")[0][0].find("t.csv:2: a carriage return"), std::string::npos);
}

TEST(CsvReaderTest, RejectsInvalidUtf8WithByteOffset) {
  // "a,b\n" is 4 bytes and "ok,caf" 6 more: the Latin-1 é (0xE9) is at offset 10.
  EXPECT_EQ(ReadAll("a,b\nok,caf\xE9\n")[0][0],
            "t.csv:2: byte offset 10: the text is not valid UTF-8 (save the file as UTF-8)");
  EXPECT_NE(ReadAll("a,b\nx,\xC0\xAF\n")[0][0].find("not valid UTF-8"), std::string::npos);  // overlong
  EXPECT_EQ(ReadAll("a,b\nx,caf\xC3\xA9\n")[0][1], "café");
}

TEST(CsvReaderTest, EnforcesRecordAndFileLimits) {
  CsvLimits small;
  small.max_record_bytes = 32;
  EXPECT_NE(ReadAll("a,b\n1," + std::string(100, 'x') + "\n", small)[0][0].find(
                "t.csv:2: the record is longer than 32 bytes"),
            std::string::npos);
  CsvLimits tiny_file;
  tiny_file.max_file_bytes = 10;
  EXPECT_NE(ReadAll("a,b\n1,2\n3,4\n", tiny_file)[0][0].find("over the limit of 10"), std::string::npos);
}

TEST(Utf8Test, FindsFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("plain"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Fryslân €"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80"), 0u);  // a UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("x\xE2\x82"), 1u);     // truncated sequence
}

}  // namespace
}  // namespace onderdak::ingest
