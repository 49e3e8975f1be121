#include "onderdak/domain/code_lists.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace onderdak::domain {
namespace {

TEST(CodeListsTest, ListsAreUniqueAndComplete) {
  std::set<std::string_view> names;
  for (const auto& list : AllCodeLists()) {
    EXPECT_TRUE(names.insert(list.name).second) << list.name;
    EXPECT_FALSE(list.codes.empty()) << list.name;
    std::set<std::string_view> codes;
    for (const auto& c : list.codes) {
      EXPECT_TRUE(codes.insert(c.code).second) << list.name << "." << c.code;
      EXPECT_FALSE(c.nl.empty()) << list.name << "." << c.code;
      EXPECT_FALSE(c.en.empty()) << list.name << "." << c.code;
    }
  }
}

TEST(CodeListsTest, FlagsCarryTheIndicatorRules) {
  const auto* ethos = FindCodeList("ethos");
  ASSERT_NE(ethos, nullptr);
  EXPECT_TRUE(FindCode(*ethos, "3")->flag);
  EXPECT_FALSE(FindCode(*ethos, "4")->flag);
  EXPECT_EQ(ethos->codes.size(), 7u);
  const auto* reasons = FindCodeList("decision_reason");
  EXPECT_TRUE(FindCode(*reasons, "regiobinding")->flag);
  const auto* exits = FindCodeList("exit_destination");
  EXPECT_TRUE(FindCode(*exits, "zelfstandige_woning")->flag);
  EXPECT_FALSE(FindCode(*exits, "andere_opvang")->flag);
  EXPECT_EQ(FindCodeList("need_category")->codes.size(), 5u);
  EXPECT_EQ(FindCodeList("nope"), nullptr);
  EXPECT_EQ(FindCode(*exits, "Zelfstandige_woning"), nullptr);  // case-sensitive
}

TEST(CodeListsTest, TheFormatDocumentListsEveryCode) {
  std::ifstream in(std::string(ONDERDAK_TEST_SOURCE_DIR) + "/docs/exchange-format.md");
  ASSERT_TRUE(in) << "docs/exchange-format.md is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  for (const auto& list : AllCodeLists()) {
    EXPECT_NE(doc.find("code list `" + std::string(list.name) + "`"), std::string::npos)
        << "no column uses code list " << list.name;
    for (const auto& c : list.codes) {
      EXPECT_NE(doc.find("`" + std::string(c.code) + "`"), std::string::npos)
          << list.name << "." << c.code << " is not documented";
    }
  }
}

}  // namespace
}  // namespace onderdak::domain
