// ADR 0040: the compact value types of the person-level records. A pseudonym is held in
// the record (66 characters at most); a municipality code is interned for the process, so
// a record never points at text that went away.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "onderdak/domain/dataset.h"
#include "onderdak/domain/municipality_code.h"
#include "onderdak/domain/pseudonym.h"

namespace onderdak::domain {
namespace {

TEST(PseudonymTest, HoldsUpTo66CharactersAndComparesAsText) {
  const std::string full = "b:" + std::string(64, 'f');
  Pseudonym p = full;
  EXPECT_EQ(p, full);
  EXPECT_EQ(p.size(), 66U);
  EXPECT_EQ(p.str(), full);
  EXPECT_TRUE(Pseudonym().empty());
  EXPECT_LT(Pseudonym("b:aa"), Pseudonym("b:ab"));
  EXPECT_LT(Pseudonym("b:a"), "b:aa");
  EXPECT_NE(Pseudonym("l:aa"), Pseudonym("b:aa"));
  std::ostringstream os;
  os << Pseudonym("l:12");
  EXPECT_EQ(os.str(), "l:12");
  EXPECT_THROW(Pseudonym(full + "0"), std::length_error);
  // Copies are values: a copy keeps its text when the original is overwritten.
  Pseudonym copy = p;
  p = "b:00";
  EXPECT_EQ(copy, full);
  std::map<std::string, int, std::less<>> by_text{{full, 1}};
  EXPECT_EQ(by_text.find(copy.view())->second, 1);
}

TEST(MunicipalityCodeTest, InternedTextOutlivesItsSource) {
  ServiceEpisode e;
  {
    std::string code = "GM0363";
    e.municipality = code;
    std::string other = "not a GM code";
    Request r;
    r.referred_to_region = other;
    other.assign(40, 'x');  // the record does not see the change
    EXPECT_EQ(r.referred_to_region, "not a GM code");
  }
  EXPECT_EQ(e.municipality, "GM0363");
  EXPECT_EQ(e.municipality.str(), "GM0363");
  EXPECT_TRUE(MunicipalityCode().empty());
  EXPECT_TRUE(MunicipalityCode("").empty());
  // The same code is the same interned text, whichever string it came from.
  EXPECT_EQ(MunicipalityCode(std::string("GM0014")).view().data(), MunicipalityCode("GM0014").view().data());
  EXPECT_EQ(MunicipalityCode(std::string("GM001x")).view().data(), MunicipalityCode("GM001x").view().data());
  EXPECT_EQ(MunicipalityCode("GM9999"), "GM9999");
  EXPECT_EQ(MunicipalityCode("GM0000"), "GM0000");
  EXPECT_EQ(MunicipalityCode("gm0363"), "gm0363") << "other text is kept as it is";
  EXPECT_EQ(MunicipalityCode("GM03631"), "GM03631");
  EXPECT_LT(MunicipalityCode("GM0001"), MunicipalityCode("GM0002"));
}

TEST(MunicipalityCodeTest, InterningFromSeveralThreadsGivesOneCopy) {
  std::vector<const char*> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&seen, t] {
      for (int i = 0; i < 2000; ++i) MunicipalityCode(std::string("code-") + std::to_string(i));
      seen[t] = MunicipalityCode(std::string("code-7")).view().data();
    });
  }
  for (auto& th : threads) th.join();
  for (const char* s : seen) EXPECT_EQ(s, seen[0]);
}

}  // namespace
}  // namespace onderdak::domain
