// Suggested corrections (ingest/suggest.h): one answer when one is evident, none when the
// value is ambiguous, too long, or already right.
#include "onderdak/ingest/suggest.h"

#include <gtest/gtest.h>

#include <string>

#include "onderdak/ingest/regions_import.h"
#include "onderdak/store/store.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

domain::ReferenceSet Shipped() {
  auto store = store::OpenStore("sqlite::memory:");
  EXPECT_TRUE(store.ok());
  EXPECT_TRUE(ImportShippedRegions(**store, onderdak::testing::ReferenceDir()).ok());
  auto version = (*store)->ReferenceVersionOn(core::Date::Parse("2024-01-01").value());
  EXPECT_TRUE(version.ok());
  auto set = (*store)->LoadReferenceSet(version->id);
  EXPECT_TRUE(set.ok());
  return *set;
}

TEST(SuggestTest, AMunicipalityByNameOrByNumberGetsItsCode) {
  const domain::ReferenceSet reference = Shipped();
  EXPECT_EQ(SuggestMunicipality(reference, "Amsterdam"), "GM0363");
  EXPECT_EQ(SuggestMunicipality(reference, "amsterdam"), "GM0363");
  EXPECT_EQ(SuggestMunicipality(reference, "AMSTERDAM"), "GM0363");
  EXPECT_EQ(SuggestMunicipality(reference, "363"), "GM0363");
  EXPECT_EQ(SuggestMunicipality(reference, "0363"), "GM0363");
  EXPECT_EQ(SuggestMunicipality(reference, "gm0363"), "GM0363");
  EXPECT_EQ(SuggestMunicipality(reference, "'s-Gravenhage"), "GM0518");
  EXPECT_EQ(SuggestMunicipality(reference, "GM9999"), "");  // a code, but of no municipality
  EXPECT_EQ(SuggestMunicipality(reference, "Atlantis"), "");
  EXPECT_EQ(SuggestMunicipality(reference, std::string(5000, 'a')), "");
  // A region: only a centrumgemeente.
  EXPECT_EQ(SuggestRegion(reference, "Utrecht"), "GM0344");
  EXPECT_EQ(SuggestRegion(reference, "Diemen"), "");  // a municipality, not a centrumgemeente
}

TEST(SuggestTest, ACodeInOtherCapitalsOrByItsMeaningGetsTheCode) {
  const domain::CodeList* gender = domain::FindCodeList("gender");
  const domain::CodeList* service = domain::FindCodeList("service_type");
  ASSERT_NE(gender, nullptr);
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(SuggestCode(*gender, "Man"), "M");
  EXPECT_EQ(SuggestCode(*gender, "vrouw"), "V");
  EXPECT_EQ(SuggestCode(*gender, "m"), "M");
  EXPECT_EQ(SuggestCode(*gender, "Female"), "V");
  EXPECT_EQ(SuggestCode(*gender, "onbekend"), "");
  EXPECT_EQ(SuggestCode(*service, "Nachtopvang"), "nachtopvang");
  EXPECT_EQ(SuggestCode(*service, "Beschermd wonen"), "beschermd_wonen");
  EXPECT_EQ(SuggestCode(*service, "hotel"), "");
}

TEST(SuggestTest, DutchAndSlashedDatesBecomeIso) {
  EXPECT_EQ(SuggestDate("14-07-1992"), "1992-07-14");
  EXPECT_EQ(SuggestDate("4-7-1992"), "1992-07-04");
  EXPECT_EQ(SuggestDate("14/07/1992"), "1992-07-14");
  EXPECT_EQ(SuggestDate("14.07.1992"), "1992-07-14");
  EXPECT_EQ(SuggestDate("1992/07/14"), "1992-07-14");
  EXPECT_EQ(SuggestDate("30-02-2021"), "");  // no such day
  EXPECT_EQ(SuggestDate("14-07/1992"), "");  // mixed separators
  EXPECT_EQ(SuggestDate("1992-07-14"), "");  // already right: the error is elsewhere
  EXPECT_EQ(SuggestDate("14071992"), "");
  EXPECT_EQ(SuggestDate("07-14-92"), "");
}

TEST(SuggestTest, YesNoAndNumbersAndColumns) {
  EXPECT_EQ(SuggestYesNo("Ja"), "ja");
  EXPECT_EQ(SuggestYesNo("YES"), "ja");
  EXPECT_EQ(SuggestYesNo("true"), "ja");
  EXPECT_EQ(SuggestYesNo("Nee"), "nee");
  EXPECT_EQ(SuggestYesNo("0"), "nee");
  EXPECT_EQ(SuggestYesNo("misschien"), "");

  EXPECT_EQ(SuggestNumber("1.234"), "1234");
  EXPECT_EQ(SuggestNumber("12 345 678"), "12345678");
  EXPECT_EQ(SuggestNumber("1.23"), "");  // a decimal, not thousands
  EXPECT_EQ(SuggestNumber("1.234,5"), "");
  EXPECT_EQ(SuggestNumber("1234.567"), "");

  const std::string_view columns[] = {"record_id", "start_date", "end_date", "birth_year_month"};
  EXPECT_EQ(SuggestColumn(columns, "Record_ID"), "record_id");
  EXPECT_EQ(SuggestColumn(columns, "start date"), "start_date");
  EXPECT_EQ(SuggestColumn(columns, "birth_yearmonth"), "birth_year_month");
  EXPECT_EQ(SuggestColumn(columns, "stat_date"), "start_date");
  EXPECT_EQ(SuggestColumn(columns, "notitie"), "");
  EXPECT_EQ(SuggestColumn(columns, "xnd_date"), "end_date");
  EXPECT_EQ(SuggestColumn(columns, std::string(300, 'x')), "");
  // Two columns equally close: no single answer.
  const std::string_view twins[] = {"date_a", "date_b"};
  EXPECT_EQ(SuggestColumn(twins, "date_c"), "");
}

}  // namespace
}  // namespace onderdak::ingest
