// manifest.json and the text rules (issue 16): bounded parsing, clear messages naming the
// field, never a crash or an exception on hostile input.
#include "onderdak/ingest/manifest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "onderdak/ingest/text_rules.h"

namespace onderdak::ingest {
namespace {

using ::testing::HasSubstr;

const std::string kGood =
    R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "period": "2021H1",
        "created": "2021-07-01T00:00:00Z"})";

TEST(ManifestTest, AValidManifestParses) {
  std::vector<std::string> errors;
  auto m = ParseManifest(kGood, errors);
  ASSERT_TRUE(m.has_value()) << ::testing::PrintToString(errors);
  EXPECT_EQ(m->region, "GM0363");
  EXPECT_EQ(m->organisation, "KVK-1");
  EXPECT_EQ(m->period.ToString(), "2021H1");
  EXPECT_FALSE(m->synthetic);  // optional, real data unless said otherwise
  EXPECT_TRUE(errors.empty());
}

// Issue 21: `synthetic` marks generated demonstration data; only a JSON boolean will do.
TEST(ManifestTest, SyntheticIsAnOptionalBoolean) {
  std::vector<std::string> errors;
  const std::string base = kGood.substr(0, kGood.rfind('}'));
  auto yes = ParseManifest(base + R"(, "synthetic": true})", errors);
  ASSERT_TRUE(yes.has_value()) << ::testing::PrintToString(errors);
  EXPECT_TRUE(yes->synthetic);
  auto no = ParseManifest(base + R"(, "synthetic": false})", errors);
  ASSERT_TRUE(no.has_value());
  EXPECT_FALSE(no->synthetic);
  EXPECT_FALSE(ParseManifest(base + R"(, "synthetic": "ja"})", errors));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("manifest.json: synthetic: must be true or false")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("not 'ja'")));
  errors.clear();
  EXPECT_FALSE(ParseManifest(base + R"(, "synthetic": 1})", errors));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("synthetic: must be true or false (without quotes), not number")));
}

// A refused manifest still gives what can be read of it, and the field of each error,
// so that the import can check the files too (ADR 0028).
TEST(ManifestTest, ARefusedManifestGivesItsRightFieldsAndTheFieldOfEachError) {
  std::vector<std::string> errors;
  ManifestParts parts;
  EXPECT_FALSE(ParseManifest(R"({"format_version": 1, "region": "GM0363", "organisation": 7, "period": "2021H2",
                                 "created": "2021-07-01 06:00", "extra": "x"})",
                             errors, &parts));
  ASSERT_EQ(parts.error_fields.size(), errors.size());
  std::vector<std::string> fields = parts.error_fields;
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"created", "extra", "organisation"}));
  EXPECT_EQ(parts.manifest.region, "GM0363");
  EXPECT_EQ(parts.manifest.organisation, "");
  EXPECT_EQ(parts.manifest.created, "");  // not a timestamp: not kept
  EXPECT_TRUE(parts.period);
  EXPECT_EQ(parts.manifest.period.ToString(), "2021H2");

  errors.clear();
  ManifestParts bad_period;
  EXPECT_FALSE(ParseManifest(R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1",
                                 "period": "2021-H2", "created": "2021-07-01T06:00Z"})",
                             errors, &bad_period));
  EXPECT_FALSE(bad_period.period);
  EXPECT_EQ(bad_period.manifest.organisation, "KVK-1");
  EXPECT_EQ(bad_period.error_fields, std::vector<std::string>{"period"});

  errors.clear();
  ManifestParts unreadable;
  EXPECT_FALSE(ParseManifest("[1, 2]", errors, &unreadable));
  EXPECT_EQ(unreadable.error_fields, std::vector<std::string>{""});
  EXPECT_EQ(unreadable.manifest.region, "");
  EXPECT_FALSE(unreadable.period);
}

TEST(ManifestTest, TimestampsAreCheckedByBoundedCode) {
  for (const char* good : {"2021-07-15T09:30Z", "2021-07-15T09:30:00Z", "2021-07-15T09:30:00.5+01:00",
                           "2021-07-15T23:59:59.123456789-11:30", "9999-12-31T00:00:00Z"}) {
    EXPECT_TRUE(IsIsoTimestamp(good)) << good;
  }
  const std::string long_fraction = "2021-07-15T09:30:00." + std::string(40000, '1') + "Z";
  for (const std::string& bad :
       {std::string("2021-07-15"), std::string("2021-07-15T09:30:00"), std::string("2021-02-30T09:30:00Z"),
        std::string("2021-07-15T24:00:00Z"), std::string("2021-07-15T09:60Z"), std::string("2021-07-15T09:30:00.Z"),
        std::string("2021-07-15T09:30:00.1234567890Z"), std::string("2021-07-15T09:30:00+1:00"),
        std::string("2021-07-15T09:30:00ZZ"), std::string("2021-07-15 09:30:00Z"), long_fraction}) {
    EXPECT_FALSE(IsIsoTimestamp(bad)) << bad.substr(0, 60);
  }
}

TEST(ManifestTest, WrongTypesAndEmptyValuesNameTheField) {
  std::vector<std::string> errors;
  EXPECT_FALSE(ParseManifest(R"({"format_version": "1", "region": 363, "organisation": "", "period": 2021,
                                 "created": null})",
                             errors));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("manifest.json: format_version: 'string'")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("manifest.json: region: must be a string")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("manifest.json: organisation: must not be empty")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("manifest.json: period: must be a string")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("manifest.json: created: is required")));
}

TEST(ManifestTest, HugeNumbersAndDeepNestingAreRefusedNotThrown) {
  std::vector<std::string> errors;
  EXPECT_FALSE(ParseManifest(R"({"format_version": )" + std::string(400, '9') + "}", errors));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("number too large to read (format_version must be 1)")));
  errors.clear();
  EXPECT_FALSE(ParseManifest(R"({"format_version": 1e999})", errors));
  EXPECT_FALSE(errors.empty());
  errors.clear();
  EXPECT_FALSE(ParseManifest(R"({"region": )" + std::string(30000, '[') + std::string(30000, ']') + "}", errors));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("not objects or arrays")));
  errors.clear();
  EXPECT_FALSE(ParseManifest(std::string(kManifestMaxBytes + 1, ' '), errors));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("over the limit")));
}

TEST(TextRulesTest, ControlCharactersLengthAndBsns) {
  EXPECT_EQ(FindControl("plain text", false), std::string_view::npos);
  EXPECT_EQ(FindControl("tab\there", true), std::string_view::npos);
  EXPECT_EQ(FindControl("tab\there", false), 3u);
  EXPECT_EQ(FindControl(std::string_view("nul\0x", 5), true), 3u);
  EXPECT_EQ(FindControl("del\x7f", true), 3u);
  EXPECT_TRUE(ContainsBsn("123456782"));
  EXPECT_TRUE(ContainsBsn("client 123456782 moved"));
  EXPECT_FALSE(ContainsBsn("123456781"));   // fails the elfproef
  EXPECT_FALSE(ContainsBsn("1234567820"));  // ten digits: not a BSN
  EXPECT_FALSE(ContainsBsn("P-0001234"));   // seven digits
  EXPECT_EQ(ShownValue(std::string(50, 'a')), std::string(40, 'a') + "...");
  EXPECT_EQ(ShownValue("a\nb"), "a?b");
}

}  // namespace
}  // namespace onderdak::ingest
