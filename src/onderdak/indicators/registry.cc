#include "onderdak/indicators/registry.h"

#include <array>

#include "onderdak/indicators/families.h"

namespace onderdak::indicators {
namespace {

core::Status P1(const Context& c, std::vector<Figure>& o) { return ComputeP1(c, o, {"P1", "", false}); }
core::Status P3(const Context& c, std::vector<Figure>& o) { return ComputeWaiting(c, o, {"P3", "", false}, true); }
core::Status P4(const Context& c, std::vector<Figure>& o) { return ComputeWaiting(c, o, {"P4", "", false}, false); }
core::Status P5(const Context& c, std::vector<Figure>& o) { return ComputeP5(c, o, {"P5", "", false}); }
core::Status P7(const Context& c, std::vector<Figure>& o) { return ComputeP7(c, o, {"P7", "", false}); }

constexpr std::array kIndicators{
    Indicator{"P1", "Dakloze personen", "Homeless persons", Unit::kPersons, Kind::kBoth, "homelessness.cc", &P1},
    Indicator{"P2", "Instroom en eerste keer dakloos", "Inflow and first-time homeless", Unit::kPersons, Kind::kPeriod,
              "homelessness.cc", &ComputeP2},
    Indicator{"P3", "Wachttijd voor opvang", "Waiting time for shelter", Unit::kDays, Kind::kPeriod, "waiting.cc", &P3},
    Indicator{"P4", "Wachttijd voor begeleiding en wonen met begeleiding",
              "Waiting time for support and housing with support", Unit::kDays, Kind::kPeriod, "waiting.cc", &P4},
    Indicator{"P5", "Verblijfsduur in de opvang", "Length of stay in shelter", Unit::kDays, Kind::kPeriod, "shelter.cc",
              &P5},
    Indicator{"P6", "Uitstroom naar wonen", "Exits to housing", Unit::kShare, Kind::kPeriod, "shelter.cc", &ComputeP6},
    Indicator{"P7", "Terugval in dakloosheid", "Returns to homelessness", Unit::kShare, Kind::kPeriod, "shelter.cc",
              &P7},
    Indicator{"P8", "Oorzaken van dakloosheid", "Causes of homelessness", Unit::kPersons, Kind::kPeriod, "intake.cc",
              &ComputeP8},
    Indicator{"P9", "Woon- en begeleidingsbehoefte", "Need for housing and support", Unit::kPersons, Kind::kPeriod,
              "intake.cc", &ComputeP9},
    Indicator{"P10", "Dak- en thuisloze jongeren (18 tot 27 jaar)", "Homeless young people (aged 18 to 27)",
              Unit::kPersons, Kind::kBoth, "youth.cc", &ComputeP10},
    Indicator{"P11", "Landelijke toegankelijkheid", "Access to shelter (national accessibility)", Unit::kRecords,
              Kind::kPeriod, "access.cc", &ComputeP11},
    Indicator{"P12", "Preventie: huisuitzettingen en vroegsignalering", "Prevention: evictions and early warning",
              Unit::kRecords, Kind::kPeriod, "prevention.cc", &ComputeP12},
    Indicator{"P13", "Herkomst van personen in de opvang (woonplaatsbeginsel)",
              "Origin of persons in shelter (woonplaatsbeginsel)", Unit::kPersons, Kind::kPeriod, "origin.cc",
              &ComputeP13},
    Indicator{"A1", "Opvangcapaciteit", "Shelter capacity", Unit::kPlaces, Kind::kPointInTime, "capacity.cc",
              &ComputeA1},
    Indicator{"A2", "Extra woonplekken", "Extra housing places", Unit::kPlaces, Kind::kPointInTime, "housing.cc",
              &ComputeA2},
    Indicator{"A3", "Prestatieafspraken met corporaties", "Performance agreements with housing corporations",
              Unit::kPlaces, Kind::kPeriod, "housing.cc", &ComputeA3},
    Indicator{"A4", "Inzet van ervaringsdeskundigheid", "Lived-experience expertise", Unit::kScore, Kind::kPeriod,
              "region_figures.cc", &ComputeA4},
    Indicator{"A5", "Regionaal plan", "Regional plan", Unit::kScore, Kind::kPeriod, "region_figures.cc", &ComputeA5},
    Indicator{"A6", "Budget en uitgaven", "Budget and spending", Unit::kEuro, Kind::kPeriod, "region_figures.cc",
              &ComputeA6},
    Indicator{"A7", "Volledigheid en kwaliteit van de aanlevering", "Completeness and quality of deliveries",
              Unit::kRegions, Kind::kPeriod, "completeness.cc", &ComputeA7},
    Indicator{"A8", "Preventiebeleid per gemeente", "Prevention policy per municipality", Unit::kMunicipalities,
              Kind::kPeriod, "prevention.cc", &ComputeA8},
};

}  // namespace

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kPointInTime: return "point_in_time";
    case Kind::kPeriod: return "period";
    case Kind::kBoth: return "point_in_time+period";
  }
  return "";
}

std::span<const Indicator> AllIndicators() { return kIndicators; }

const Indicator* FindIndicator(std::string_view id) {
  for (const auto& i : kIndicators) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

}  // namespace onderdak::indicators
