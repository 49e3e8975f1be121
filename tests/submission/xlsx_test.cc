// The XLSX template and its reading back: a round trip gives the same content, and a bad
// workbook is refused with the sheet, the cell and the rule.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "onderdak/submission/xlsx.h"
#include "submission/submission_cases.h"

namespace onderdak::submission {
namespace {

// A workbook made by `fill` (libxlsxwriter), as bytes.
std::string MakeWorkbook(const std::function<void(lxw_workbook*)>& fill) {
  const auto path =
      std::filesystem::temp_directory_path() / ("onderdak-xlsx-test-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  fill(wb);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

// Every table's sheet with its header; `extra` adds to the sheet named `sheet`.
std::string TemplateWith(std::string_view sheet, const std::function<void(lxw_worksheet*)>& extra) {
  return MakeWorkbook([&](lxw_workbook* wb) {
    for (const auto& spec : Tables()) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(spec.name).c_str());
      for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), std::string(spec.columns[c]).c_str(), nullptr);
      }
      if (spec.name == sheet) extra(ws);
    }
  });
}

bool HasError(const ParsedXlsx& p, std::string_view field, std::string_view text) {
  return testing::HasError(p.errors, field, text);
}

TEST(SubmissionXlsx, TemplateRoundTrip) {
  const Content c = testing::ValidSubmission();
  auto bytes = TemplateXlsx(c, "GM0363", "Amsterdam", "2024H1", 7);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto parsed = ReadSubmissionXlsx(*bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->errors.empty()) << testing::Dump(parsed->errors);
  EXPECT_EQ(parsed->content, c);
  EXPECT_EQ(parsed->version, 7);
  EXPECT_EQ(parsed->period, "2024H1");
  // The second capacity record sits in row 3; its places in column F.
  EXPECT_EQ(CellOfField(*parsed, "capacity[1].places"), "sheet 'capacity', cell F3");
  EXPECT_EQ(CellOfField(*parsed, "plans"), "plans");

  // An empty template reads back as empty content.
  auto empty = ReadSubmissionXlsx(*TemplateXlsx(Content{}, "GM0363", "Amsterdam", "2024H1", 0));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->errors.empty()) << testing::Dump(empty->errors);
  EXPECT_EQ(empty->content, Content{});
}

TEST(SubmissionXlsx, NumbersAndDatesTypedInASpreadsheet) {
  auto bytes = TemplateWith("capacity", [](lxw_worksheet* ws) {
    worksheet_write_string(ws, 1, 0, "K-1", nullptr);
    worksheet_write_string(ws, 1, 1, "F-1", nullptr);
    worksheet_write_number(ws, 1, 2, 45292, nullptr);  // 2024-01-01 as a spreadsheet date
    worksheet_write_string(ws, 1, 3, "eenpersoons", nullptr);
    worksheet_write_number(ws, 1, 4, 10, nullptr);
    worksheet_write_number(ws, 1, 5, 12.5, nullptr);
  });
  auto parsed = ReadSubmissionXlsx(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->errors.empty()) << testing::Dump(parsed->errors);
  const auto& row = parsed->content.tables[static_cast<std::size_t>(FindTable("capacity"))].at(0);
  EXPECT_EQ(row[2], "2024-01-01");
  EXPECT_EQ(row[4], "10");
  EXPECT_EQ(row[5], "12.5");  // left for the validation to refuse, with its field
}

// Text in Dutch notation becomes the format's; a number cell is never read as Dutch text
// (its 1.234 is a decimal number, not 1234).
TEST(SubmissionXlsx, DutchNotationTypedAsTextButNeverANumberCell) {
  auto bytes = TemplateWith("capacity", [](lxw_worksheet* ws) {
    worksheet_write_string(ws, 1, 0, "K-1", nullptr);
    worksheet_write_string(ws, 1, 1, "F-1", nullptr);
    worksheet_write_string(ws, 1, 2, "1-1-2024", nullptr);
    worksheet_write_string(ws, 1, 3, "eenpersoons", nullptr);
    worksheet_write_string(ws, 1, 4, "1.000", nullptr);
    worksheet_write_number(ws, 1, 5, 1.234, nullptr);
  });
  auto parsed = ReadSubmissionXlsx(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const auto& row = parsed->content.tables[static_cast<std::size_t>(FindTable("capacity"))].at(0);
  EXPECT_EQ(row[2], "2024-01-01");
  EXPECT_EQ(row[4], "1000");
  EXPECT_EQ(row[5], "1.234");  // left for the validation to refuse, never 1234
}

TEST(SubmissionXlsx, NotAWorkbook) {
  auto r = ReadSubmissionXlsx("this is not a zip file at all");
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(r.status().message().find("not a zip"), std::string::npos) << r.status().message();
  EXPECT_EQ(ReadSubmissionXlsx(std::string(kMaxXlsxBytes + 1, 'x')).status().code(), core::Code::kInvalidInput);
}

TEST(SubmissionXlsx, WrongAndMissingSheets) {
  auto bytes = MakeWorkbook([](lxw_workbook* wb) {
    workbook_add_worksheet(wb, "Blad1");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "plans");
    worksheet_write_string(ws, 0, 0, "record_id", nullptr);
  });
  auto parsed = ReadSubmissionXlsx(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(HasError(*parsed, "sheet 'Blad1'", "unknown sheet")) << testing::Dump(parsed->errors);
  EXPECT_TRUE(HasError(*parsed, "sheet 'capacity'", "missing")) << testing::Dump(parsed->errors);
  EXPECT_TRUE(HasError(*parsed, "sheet 'plans', cell B1", "plan_status")) << testing::Dump(parsed->errors);
}

TEST(SubmissionXlsx, BadCells) {
  auto bytes = TemplateWith("budgets", [](lxw_worksheet* ws) {
    worksheet_write_string(ws, 1, 0, "BU-1", nullptr);
    worksheet_write_formula(ws, 1, 3, "=1+1", nullptr);
    worksheet_write_string(ws, 1, 7, "stray", nullptr);
    worksheet_write_string(ws, 2, 1, "two\nlines", nullptr);
  });
  auto parsed = ReadSubmissionXlsx(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(HasError(*parsed, "sheet 'budgets', cell D2", "formulas are not accepted"))
      << testing::Dump(parsed->errors);
  EXPECT_TRUE(HasError(*parsed, "sheet 'budgets', cell H2", "outside the table's columns"))
      << testing::Dump(parsed->errors);
  EXPECT_TRUE(HasError(*parsed, "sheet 'budgets', cell B3", "one line")) << testing::Dump(parsed->errors);
}

// A DOCTYPE (and so any entity, internal or external) is refused wherever it appears.
TEST(SubmissionXlsx, EntitiesAreRefused) {
  auto bytes = TemplateXlsx(testing::ValidSubmission(), "GM0363", "Amsterdam", "2024H1", 1);
  ASSERT_TRUE(bytes.ok());
  const auto path =
      std::filesystem::temp_directory_path() / ("onderdak-xlsx-xxe-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << *bytes;
  static const std::string evil =
      "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sst><si><t>&b;&x;</t></si></sst>";
  int err = 0;
  zip_t* z = zip_open(path.c_str(), 0, &err);
  ASSERT_NE(z, nullptr);
  zip_source_t* src = zip_source_buffer(z, evil.data(), evil.size(), 0);
  ASSERT_GE(zip_file_add(z, "xl/sharedStrings.xml", src, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(z), 0);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream tampered;
  tampered << in.rdbuf();
  std::filesystem::remove(path);
  auto r = ReadSubmissionXlsx(tampered.str());
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(r.status().message().find("xl/sharedStrings.xml: a DOCTYPE is not allowed"), std::string::npos)
      << r.status().message();
}

TEST(SubmissionXlsx, HugeSheetIsRefused) {
  auto bytes = TemplateWith("agreements", [](lxw_worksheet* ws) {
    for (lxw_row_t r = 1; r <= kMaxRows + 5; ++r) worksheet_write_string(ws, r, 0, "PA", nullptr);
  });
  auto parsed = ReadSubmissionXlsx(bytes);
  EXPECT_EQ(parsed.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(parsed.status().message().find("sheet 'agreements'"), std::string::npos) << parsed.status().message();
  EXPECT_NE(parsed.status().message().find("more than 2000 rows"), std::string::npos) << parsed.status().message();
}

}  // namespace
}  // namespace onderdak::submission
