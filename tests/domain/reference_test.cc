#include "onderdak/domain/reference.h"

#include <gtest/gtest.h>

namespace onderdak::domain {
namespace {

Municipality M(std::string code, std::string name, std::string region, std::optional<double> lon = 5.0,
               std::optional<double> lat = 52.0) {
  Municipality m;
  m.code = std::move(code);
  m.name = std::move(name);
  m.region_code = std::move(region);
  m.lon = lon;
  m.lat = lat;
  return m;
}

TEST(ReferenceTest, MunicipalityCodes) {
  EXPECT_TRUE(IsMunicipalityCode("GM0363"));
  for (auto bad : {"GM363", "gm0363", "GM03631", "XX0363", "GM03a3", ""}) EXPECT_FALSE(IsMunicipalityCode(bad)) << bad;
}

TEST(ReferenceTest, DerivesRegionsFromMembership) {
  ReferenceSet set({M("GM0363", "Amsterdam", "GM0363", 4.9, 52.4), M("GM0362", "Amstelveen", "GM0363", 4.85, 52.3),
                    M("GM0599", "Rotterdam", "GM0599", 4.5, 51.9)});
  ASSERT_TRUE(set.Validate().ok()) << set.Validate().message();
  ASSERT_EQ(set.regions().size(), 2u);
  const Region* ams = set.FindRegion("GM0363");
  ASSERT_NE(ams, nullptr);
  EXPECT_EQ(ams->name, "Amsterdam");
  ASSERT_EQ(ams->members.size(), 2u);
  EXPECT_EQ(ams->members[0]->name, "Amstelveen");  // sorted by name
  EXPECT_NEAR(*ams->lon, 4.875, 1e-9);
  EXPECT_EQ(set.FindRegion("GM0362"), nullptr);  // a member is not a region
  // Copies rebuild their own region pointers.
  ReferenceSet copy = set;
  EXPECT_EQ(copy.FindRegion("GM0363")->members[0], copy.FindMunicipality("GM0362"));
}

TEST(ReferenceTest, ValidateNamesEveryBrokenRule) {
  ReferenceSet set({M("GM0001", "A", "GM0002"), M("GM0002", "B", "GM0001"), M("GM0003", "", "GM0009"),
                    M("GM0004", "D", "GM0004", 52.0, 5.0)});
  auto s = set.Validate();
  ASSERT_FALSE(s.ok());
  const std::string& msg = s.message();
  EXPECT_NE(msg.find("GM0001: centrumgemeente GM0002 must belong to its own region"), std::string::npos) << msg;
  EXPECT_NE(msg.find("GM0003: has no name"), std::string::npos) << msg;
  EXPECT_NE(msg.find("GM0003: centrumgemeente 'GM0009' is not in the list"), std::string::npos) << msg;
  EXPECT_NE(msg.find("GM0004: centroid is outside the Netherlands"), std::string::npos) << msg;
  EXPECT_FALSE(ReferenceSet().Validate().ok());
}

}  // namespace
}  // namespace onderdak::domain
