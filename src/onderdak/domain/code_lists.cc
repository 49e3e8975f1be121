#include "onderdak/domain/code_lists.h"

#include <array>

namespace onderdak::domain {
namespace {

constexpr std::array kEthos{
    Code{"1", "Op straat / in de openbare ruimte", "Public space, rough sleeping", true},
    Code{"2", "Nachtopvang", "Emergency night shelter", true},
    Code{"3", "Opvangvoorziening voor dak- en thuislozen", "Accommodation for the homeless", true},
    Code{"4", "Uitstroom uit een instelling zonder woning", "Leaving an institution without housing"},
    Code{"5", "Niet-reguliere woonruimte (auto, tent, kraakpand)", "Non-conventional dwelling (car, tent, squat)"},
    Code{"6", "Tijdelijk bij familie of vrienden (bankslaper)", "Temporarily with family or friends (sofa-surfing)"},
    Code{"7", "Dreigende huisuitzetting", "Imminent eviction"},
};

constexpr std::array kServiceType{
    Code{"nachtopvang", "Nachtopvang", "Night shelter", true},
    Code{"24uursopvang", "24-uursopvang", "24-hour shelter", true},
    Code{"crisisopvang", "Crisisopvang", "Crisis shelter", true},
    Code{"vrouwenopvang", "Vrouwenopvang", "Women's shelter", true},
    Code{"jongerenopvang", "Jongerenopvang", "Youth shelter", true},
    Code{"winteropvang", "Winteropvang / koudweerregeling", "Winter shelter / cold-weather scheme", true},
    Code{"beschermd_wonen", "Beschermd wonen", "Protected housing"},
    Code{"ambulante_begeleiding", "Ambulante begeleiding", "Floating (outreach) support"},
    Code{"woonplek_met_begeleiding", "Woonplek met begeleiding (Wonen Eerst)",
         "Housing place with support (Housing First)"},
};

constexpr std::array kExitDestination{
    Code{"zelfstandige_woning", "Zelfstandige woning", "Independent home", true},
    Code{"woonplek_met_begeleiding", "Woonplek met begeleiding", "Housing place with support", true},
    Code{"beschermd_wonen", "Beschermd wonen", "Protected housing"},
    Code{"familie_vrienden", "Bij familie of vrienden", "With family or friends"},
    Code{"andere_opvang", "Andere opvangvoorziening", "Another shelter"},
    Code{"zorginstelling", "Zorginstelling (ggz, verslavingszorg)", "Care institution (mental health, addiction)"},
    Code{"detentie", "Detentie", "Detention"},
    Code{"straat", "Straat / openbare ruimte", "Street / public space"},
    Code{"buitenland", "Vertrek naar het buitenland", "Left the country"},
    Code{"overleden", "Overleden", "Deceased"},
    Code{"onbekend", "Onbekend", "Unknown"},
};

constexpr std::array kNeedCategory{
    Code{"A", "Kamer, geen of lichte begeleiding", "A room, no or light support"},
    Code{"B", "Zelfstandige woning, geen of lichte begeleiding", "Independent home, no or light support"},
    Code{"C", "Geclusterde kamer en/of intensievere begeleiding", "Clustered room and/or more intensive support"},
    Code{"D", "Geclusterde woning en/of intensievere begeleiding", "Clustered home and/or more intensive support"},
    Code{"E", "Zware problematiek, zeer beperkte zelfredzaamheid", "Severe problems, very limited independence"},
};

constexpr std::array kCause{
    Code{"huisuitzetting_schulden", "Huisuitzetting wegens schulden", "Eviction for debts"},
    Code{"relatiebreuk", "Relatiebreuk", "Relationship breakdown"},
    Code{"uitstroom_jeugdzorg", "Uitstroom uit jeugdzorg", "Leaving youth care"},
    Code{"uitstroom_ggz", "Uitstroom uit de ggz", "Leaving mental-health care"},
    Code{"uitstroom_detentie", "Uitstroom uit detentie", "Leaving detention"},
    Code{"financieel", "Financiële problemen", "Financial problems"},
    Code{"gezondheid", "Gezondheidsproblemen", "Health problems"},
    Code{"verslaving", "Verslaving", "Addiction"},
    Code{"remigratie", "(Re)migratie", "(Re)migration"},
    Code{"overig", "Overig", "Other"},
};

constexpr std::array kDecision{
    Code{"toegekend", "Toegekend", "Granted"},
    Code{"afgewezen", "Afgewezen", "Refused"},
    Code{"doorverwezen", "Doorverwezen (warme overdracht)", "Referred (warm handover)"},
    Code{"ingetrokken", "Aanvraag ingetrokken", "Application withdrawn"},
};

constexpr std::array kDecisionReason{
    Code{"voldoet_aan_criteria", "Voldoet aan de criteria", "Meets the criteria"},
    Code{"zelfredzaam", "Voldoende zelfredzaam", "Sufficiently self-reliant"},
    Code{"geen_rechtmatig_verblijf", "Geen rechtmatig verblijf", "No lawful residence"},
    Code{"capaciteit", "Geen plek beschikbaar", "No place available"},
    Code{"andere_voorziening", "Passender elders (andere voorziening)", "Better served elsewhere"},
    Code{"regiobinding", "Regiobinding (geen geldige weigeringsgrond)", "Regional tie (not a valid ground)", true},
    Code{"overig", "Overig", "Other"},
};

constexpr std::array kGender{
    Code{"M", "Man", "Male"},
    Code{"V", "Vrouw", "Female"},
    Code{"X", "Anders / onbekend", "Other / unknown"},
};

constexpr std::array kNationalityGroup{
    Code{"NL", "Nederlands", "Dutch"},
    Code{"EU", "Andere EU-nationaliteit", "Other EU nationality"},
    Code{"overig", "Overige nationaliteit", "Other nationality"},
};

constexpr std::array kHousehold{
    Code{"alleenstaand", "Alleenstaand", "Single"},
    Code{"paar", "Paar zonder minderjarige kinderen", "Couple without minor children"},
    Code{"met_kinderen", "Met minderjarige kinderen", "With minor children"},
};

constexpr std::array kWaitingListType{
    Code{"opvang", "Maatschappelijke opvang", "Shelter"},
    Code{"beschermd_wonen", "Beschermd wonen", "Protected housing"},
    Code{"woonplek_met_begeleiding", "Woonplek met begeleiding", "Housing place with support"},
    Code{"ambulante_begeleiding", "Ambulante begeleiding", "Floating support"},
};

constexpr std::array kWaitingOutcome{
    Code{"geplaatst", "Geplaatst", "Placed"},
    Code{"ingetrokken", "Ingetrokken / uitgeschreven", "Withdrawn"},
};

constexpr std::array kRoomSize{
    Code{"eenpersoons", "Eenpersoonskamer", "Single room"},
    Code{"tweepersoons", "Tweepersoonskamer", "Double room"},
    Code{"slaapzaal", "Slaapzaal (3 of meer personen)", "Dormitory (3 or more people)"},
};

constexpr std::array kHousingKind{
    Code{"nieuwbouw", "Nieuwbouw", "New build"},
    Code{"transformatie", "Transformatie van leegstaand vastgoed", "Transformation of vacant property"},
    Code{"woningdelen", "Woningdelen", "Home sharing"},
    Code{"voorrang_bestaand", "Voorrang bij toewijzing bestaande woningen", "Priority allocation of existing homes"},
    Code{"flexwoning", "Flexwoning", "Flex home"},
};

constexpr std::array kHousingStatus{
    Code{"gepland", "Gepland", "Planned"},
    Code{"gestart", "Gestart", "Started"},
    Code{"gerealiseerd", "Gerealiseerd", "Realised"},
    Code{"ingetrokken", "Ingetrokken", "Withdrawn"},
};

constexpr std::array kFundingLine{
    Code{"regionaal_plan", "Regionaal plan (centrumgemeente)", "Regional plan"},
    Code{"flexwoningen_vng_aedes", "Flexwoningen VNG/Aedes", "Flex homes VNG/Aedes"},
    Code{"bzk_regeling", "BZK-regeling huisvesting aandachtsgroepen (€50 mln)", "BZK housing scheme (€50M)"},
    Code{"corporatiemonitor", "Monitor woningcorporaties", "Housing corporations' monitor"},
    Code{"overig", "Overig", "Other"},
};

constexpr std::array kPlanStatus{
    Code{"geen", "Geen plan", "No plan"},
    Code{"in_voorbereiding", "In voorbereiding", "In preparation"},
    Code{"vastgesteld", "Vastgesteld", "Adopted"},
};

constexpr std::array kBudgetTheme{
    Code{"preventie", "Preventie", "Prevention"},
    Code{"opvang", "Opvang", "Shelter"},
    Code{"wonen_met_begeleiding", "Wonen met begeleiding", "Housing with support"},
};

constexpr std::array kSignalOutcome{
    Code{"aanbod_gedaan", "Aanbod voor een intakegesprek gedaan", "Intake offered"},
    Code{"geen_contact", "Geen contact gekregen", "No contact made"},
    Code{"niet_nodig", "Geen hulp nodig", "No help needed"},
};

constexpr std::array kLists{
    CodeList{"ethos", "ETHOS Light living situation (7 = imminent eviction, Dutch counts)", kEthos},
    CodeList{"service_type", "Kind of service episode; flag = a shelter stay", kServiceType},
    CodeList{"exit_destination", "Where a person went at the end of an episode; flag = housing", kExitDestination},
    CodeList{"need_category", "Need for housing and support (seed 003)", kNeedCategory},
    CodeList{"cause", "Cause of homelessness at intake", kCause},
    CodeList{"decision", "Decision on a request", kDecision},
    CodeList{"decision_reason", "Ground of a decision; flag = not a valid ground", kDecisionReason},
    CodeList{"gender", "Gender", kGender},
    CodeList{"nationality_group", "Nationality group", kNationalityGroup},
    CodeList{"household", "Household type", kHousehold},
    CodeList{"waiting_list_type", "What a person waits for", kWaitingListType},
    CodeList{"waiting_outcome", "How a waiting-list entry ended", kWaitingOutcome},
    CodeList{"room_size", "Room size of shelter capacity", kRoomSize},
    CodeList{"housing_kind", "Kind of housing-place project", kHousingKind},
    CodeList{"housing_status", "Status of a housing-place project", kHousingStatus},
    CodeList{"funding_line", "Funding or agreement line that counts a housing place", kFundingLine},
    CodeList{"plan_status", "Status of the regional plan", kPlanStatus},
    CodeList{"budget_theme", "Budget theme", kBudgetTheme},
    CodeList{"signal_outcome", "Follow-up of an early-warning signal", kSignalOutcome},
};

}  // namespace

std::span<const CodeList> AllCodeLists() { return kLists; }

const CodeList* FindCodeList(std::string_view name) {
  for (const auto& l : kLists) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

const Code* FindCode(const CodeList& list, std::string_view code) {
  for (const auto& c : list.codes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

}  // namespace onderdak::domain
