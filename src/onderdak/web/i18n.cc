#include "onderdak/web/i18n.h"

#include <array>

namespace onderdak::web {
namespace {

struct Entry {
  std::string_view key, nl, en;
};

// Keep sorted by key within each page for readability; lookups are linear (few dozen).
constexpr std::array kTexts{
    Entry{"app.title", "onderdak", "onderdak"},
    Entry{"app.tagline", "Dakloosheid en Wonen Eerst in Nederland, per regio",
          "Homelessness and Housing First in the Netherlands, by region"},
    Entry{"lang.switch", "English", "Nederlands"},
    Entry{"regions.title", "Regio's maatschappelijke opvang en beschermd wonen",
          "Regions for shelter (maatschappelijke opvang) and protected housing"},
    Entry{"regions.intro", "Elke regio bestaat uit een centrumgemeente en haar regiogemeenten.",
          "Each region consists of a centrumgemeente (central municipality) and its member municipalities."},
    Entry{"regions.count", "Aantal regio's", "Number of regions"},
    Entry{"regions.municipalities", "Aantal gemeenten", "Number of municipalities"},
    Entry{"regions.caption", "Centrumgemeenten met hun regiogemeenten",
          "Centrumgemeenten with their member municipalities"},
    Entry{"regions.col.region", "Centrumgemeente", "Centrumgemeente"},
    Entry{"regions.col.code", "CBS-code", "CBS code"},
    Entry{"regions.col.count", "Gemeenten", "Municipalities"},
    Entry{"regions.col.members", "Regiogemeenten", "Member municipalities"},
    Entry{"regions.version", "Indeling geldig vanaf", "Division in force from"},
    Entry{"regions.source", "Bron", "Source"},
    Entry{"regions.approximate",
          "Let op: deze indeling is een benadering (dichtstbijzijnde centrumgemeente binnen de "
          "veiligheidsregio). Niet geschikt voor officiële cijfers.",
          "Note: this division is an approximation (nearest centrumgemeente within the safety "
          "region). Not suitable for official figures."},
    Entry{"regions.official", "Officiële indeling", "Official division"},
    Entry{"regions.none", "Er zijn nog geen regio's ingelezen. Voer 'onderdak init' uit.",
          "No regions have been loaded yet. Run 'onderdak init'."},
    Entry{"footer.api", "Gegevens als JSON", "Data as JSON"},
    Entry{"nav.label", "Hoofdmenu", "Main menu"},
    Entry{"nav.overview", "Landelijk overzicht", "National overview"},
    Entry{"nav.regions", "Regio's", "Regions"},
    Entry{"overview.hidden", "Geteld en geschat, ook wie in geen registratie voorkomt, op peildatum",
          "Counted and estimated, including people on no register, on the reference date"},
    Entry{
        "overview.hidden.intro",
        "Het getelde aantal is een ondergrens: wie bij geen enkele organisatie bekend is, telt niet mee. Waar de "
        "registraties van een regio elkaar genoeg overlappen, schatten we hoeveel mensen er op de peildatum in "
        "totaal dakloos waren, met een 95%-betrouwbaarheidsinterval.",
        "The counted number is a lower bound: people known to no organisation are not in it. Where a region's "
        "registrations overlap enough, we estimate how many people were homeless in total on the reference date, with "
        "a 95% confidence interval."},
    Entry{"overview.hidden.counted", "Geteld", "Counted"},
    Entry{"overview.hidden.estimated", "Geschat (95%-interval)", "Estimated (95% interval)"},
    Entry{"overview.hidden.all_regions", "Alle regio's (dakloos in de periode)",
          "All regions (homeless in the period)"},
    Entry{"overview.hidden.not_estimated", "niet landelijk te schatten", "not estimable nationally"},
    Entry{"overview.hidden.summed_regions", "Regio's met een betrouwbare schatting",
          "Regions with a reliable estimate"},
    Entry{"overview.hidden.interval", "interval", "interval"},
    Entry{"overview.hidden.none", "Voor deze periode heeft geen enkele regio een betrouwbare schatting.",
          "No region has a reliable estimate for this period."},
    Entry{"overview.hidden.method", "Hoe wordt er geschat?", "How is this estimated?"},
    Entry{"method.title", "Schatting van verborgen dakloosheid", "Estimating hidden homelessness"},
    Entry{
        "method.p1",
        "Elke organisatie die gegevens over personen levert (opvang, straatteam, ...) is een lijst. Dezelfde persoon "
        "heeft op elke lijst hetzelfde pseudoniem, dus we zien wie op welke lijsten staat.",
        "Every organisation that delivers person-level data (shelter, outreach team, ...) is a list. A person has the "
        "same pseudonym on every list, so we see who is on which lists."},
    Entry{"method.p2",
          "Uit de overlap tussen de lijsten volgt hoeveel mensen op geen enkele lijst staan: staan bijna alle mensen "
          "van lijst A ook op lijst B, dan mist B weinig mensen. Dit heet vangst-hervangst of multiple-systems "
          "estimation; het CBS schat zo het aantal daklozen in Nederland.",
          "The overlap between the lists tells how many people are on none: if nearly everyone on list A is also on "
          "list B, B misses few people. This is capture-recapture or multiple-systems estimation; Statistics "
          "Netherlands (CBS) estimates the number of homeless people this way."},
    Entry{"method.p3",
          "We passen log-lineaire modellen toe op de tabel van lijstcombinaties, kiezen het model met het laagste BIC "
          "en berekenen een 95%-interval met de profiel-likelihood. We schatten op een peildatum: over een langere "
          "periode komen en gaan mensen, en dan valt de schatting te hoog uit.",
          "We fit log-linear models to the table of list combinations, choose the model with the lowest BIC and "
          "compute a 95% interval by profile likelihood. We estimate on a reference date: over a longer period "
          "people enter and leave homelessness, and the estimate then comes out too high."},
    Entry{"method.assumptions", "Aannames", "Assumptions"},
    Entry{"method.a1", "Gesloten populatie: dezelfde mensen hadden in de periode op elke lijst kunnen staan.",
          "Closed population: the same people could have been on every list during the period."},
    Entry{"method.a2", "Perfecte koppeling: iemand heeft op elke lijst hetzelfde pseudoniem.",
          "Perfect linkage: a person has the same pseudonym on every list."},
    Entry{"method.a3",
          "Geen verschillen in vindbaarheid behalve die het model beschrijft; de hoogste interactie wordt "
          "verondersteld afwezig te zijn (dat is niet te toetsen).",
          "No differences in catchability beyond what the model describes; the highest interaction is assumed "
          "absent (this cannot be tested)."},
    Entry{"method.a4", "Iedereen had in principe op ten minste één lijst kunnen staan.",
          "Everyone could in principle have been on at least one list."},
    Entry{"method.rule.title", "Wanneer we een schatting publiceren", "When we publish an estimate"},
    Entry{"method.rule",
          "Een schatting wordt alleen als getal gepubliceerd als het interval gesloten is, boven het getelde aantal "
          "uitkomt en de bovengrens hoogstens twee keer de ondergrens is. Anders tonen we 'te onzeker' met het "
          "interval.",
          "An estimate is published as a number only when its interval is closed, reaches above the counted figure "
          "and its upper bound is at most twice its lower bound. Otherwise we show 'too uncertain' with the "
          "interval."},
    Entry{"method.national",
          "Landelijk tellen we de betrouwbare regionale schattingen op en zeggen we over hoeveel regio's dat gaat; de "
          "andere regio's blijven buiten de som.",
          "Nationally we add up the reliable regional estimates and say how many regions that covers; the other "
          "regions stay out of the sum."},
    Entry{"method.more",
          "De volledige uitleg staat in docs/estimation.md van onderdak; de cijfers per regio staan in "
          "/api/v1/estimates.",
          "The full explanation is in onderdak's docs/estimation.md; the figures per region are in /api/v1/estimates."},
    Entry{"overview.title", "Landelijk overzicht", "National overview"},
    Entry{"overview.period", "Periode", "Period"},
    Entry{"overview.show", "Toon", "Show"},
    Entry{"overview.public", "Openbare cijfers: aantallen onder de 5 zijn onderdrukt (–).",
          "Published figures: counts below 5 are suppressed (–)."},
    Entry{"overview.housing", "Extra woonplekken gerealiseerd", "Extra housing places realised"},
    Entry{"overview.housing.of", "van de landelijke ambitie van", "of the national ambition of"},
    Entry{"overview.housing.lines",
          "Per financieringslijn (bruto: een woonplek die door meer lijnen wordt geteld, telt in elke lijn)",
          "By funding line (gross: a place counted by several lines counts in each)"},
    Entry{"overview.housing.distinct", "Totaal, elke woonplek één keer", "Total, each place once"},
    Entry{"overview.line", "Financieringslijn", "Funding line"},
    Entry{"overview.places", "Woonplekken", "Places"},
    Entry{"overview.homeless", "Dakloze personen (ETHOS 1-3)", "Homeless persons (ETHOS 1-3)"},
    Entry{"overview.on_date", "Op peildatum", "On the reference date"},
    Entry{"overview.in_period", "In de periode", "During the period"},
    Entry{"overview.reference_date", "Peildatum", "Reference date"},
    Entry{"overview.chart", "Dakloze personen op peildatum, per halfjaar",
          "Homeless persons on the reference date, by half-year"},
    Entry{"overview.long_stays", "Verblijf in de opvang langer dan 3 maanden", "Shelter stays longer than 3 months"},
    Entry{"overview.long_stays.note", "van de beëindigde verblijven; doel: 0 %", "of the stays ended; target: 0%"},
    Entry{"overview.single_rooms", "Opvangplekken in eenpersoonskamers", "Shelter places in single rooms"},
    Entry{"overview.plans", "Regionale plannen vastgesteld", "Regional plans adopted"},
    Entry{"overview.delivered", "Regio's die gegevens leverden", "Regions that delivered data"},
    Entry{"overview.of", "van", "of"},
    Entry{"overview.none", "Er zijn nog geen gegevens ingelezen. Lees leveringen in met 'onderdak import'.",
          "No data has been imported yet. Import deliveries with 'onderdak import'."},
    Entry{"overview.download", "Download alle cijfers van deze periode (CSV)",
          "Download every figure of this period (CSV)"},
    Entry{"nav.map", "Kaart", "Map"},
    Entry{"nav.compare", "Vergelijken", "Compare"},
    Entry{"cell.missing", "geen gegevens", "no data"},
    Entry{"unit.days", "dagen", "days"},
    Entry{"col.region", "Regio", "Region"},
    Entry{"status.complete", "volledig", "complete"},
    Entry{"status.partial", "gedeeltelijk", "partial"},
    Entry{"status.missing", "ontbreekt", "missing"},
    Entry{"map.title", "Kaart van de regio's", "Map of the regions"},
    Entry{"map.intro",
          "Elk vak is een regio, ongeveer op zijn plek in Nederland. Kies een indicator; de tabel onder de kaart "
          "geeft dezelfde cijfers. Klik op een regio voor alle cijfers van die regio.",
          "Each square is a region, roughly where it lies in the Netherlands. Choose an indicator; the table below "
          "the map gives the same figures. Click a region for all of its figures."},
    Entry{"map.measure", "Indicator", "Indicator"},
    Entry{"map.legend", "Legenda", "Legend"},
    Entry{"map.national", "Nederland", "The Netherlands"},
    Entry{"map.suppressed", "onderdrukt (kleine aantallen)", "suppressed (small numbers)"},
    Entry{"map.updated", "Kaart bijgewerkt", "Map updated"},
    Entry{"region.title", "Regio", "Region"},
    Entry{"region.members", "Gemeenten", "Municipalities"},
    Entry{"region.toc", "Op deze pagina", "On this page"},
    Entry{"region.completeness", "Volledigheid van de aanlevering", "Completeness of the deliveries"},
    Entry{"region.delivered", "Organisaties die leverden", "Organisations that delivered"},
    Entry{"region.status", "Status", "Status"},
    Entry{"region.missing", "Niet geleverd door", "Not delivered by"},
    Entry{"region.downloads", "Downloads", "Downloads"},
    Entry{"region.downloads.note", "Alle openbare cijfers van deze regio per halfjaar.",
          "Every published figure of this region, by half-year."},
    Entry{"region.unknown", "Deze regio bestaat niet (of niet meer).", "This region does not exist (any more)."},
    Entry{"compare.title", "Regio's vergelijken", "Compare regions"},
    Entry{"compare.measures", "Indicatoren", "Indicators"},
    Entry{"compare.sortable", "sorteer met de knoppen in de kolomkoppen",
          "sort with the buttons in the column headers"},
    Entry{"measure.P1", "Dakloze personen op peildatum", "Homeless persons on the reference date"},
    Entry{"measure.P2", "Instroom in dakloosheid", "Inflow into homelessness"},
    Entry{"measure.P3", "Wachttijd voor opvang (mediaan)", "Waiting time for shelter (median)"},
    Entry{"measure.P4", "Wachttijd voor begeleiding en wonen (mediaan)",
          "Waiting time for support and housing (median)"},
    Entry{"measure.P5", "Verblijf in de opvang langer dan 3 maanden", "Shelter stays longer than 3 months"},
    Entry{"measure.P6", "Uitstroom naar wonen", "Exits to housing"},
    Entry{"measure.P7", "Terugval binnen 12 maanden", "Returns within 12 months"},
    Entry{"measure.P8", "Personen met een intake (oorzaken)", "Persons with an intake (causes)"},
    Entry{"measure.P9", "Personen met een vastgestelde woonbehoefte", "Persons with an assessed housing need"},
    Entry{"measure.P10", "Dakloze jongeren (18-27) op peildatum",
          "Homeless young people (18-27) on the reference date"},
    Entry{"measure.P11", "Aanmeldingen voor opvang", "Requests for shelter"},
    Entry{"measure.P12", "Huisuitzettingen", "Evictions"},
    Entry{"measure.A1", "Opvangplekken", "Shelter places"},
    Entry{"measure.A2", "Extra woonplekken gerealiseerd", "Extra housing places realised"},
    Entry{"measure.A3", "Woonplekken in prestatieafspraken", "Places in performance agreements"},
    Entry{"measure.A4", "Inzet ervaringsdeskundigheid in beleid (0-3)", "Lived experience in policy (0-3)"},
    Entry{"measure.A5", "Regionaal plan vastgesteld", "Regional plan adopted"},
    Entry{"measure.A6", "Besteed deel van het budget", "Share of the budget spent"},
    Entry{"measure.A7", "Aanleverende organisaties (landelijk: regio's)",
          "Organisations that delivered (nationally: regions)"},
    Entry{"footer.licence", "Open source onder EUPL-1.2", "Open source under EUPL-1.2"},
};

}  // namespace

Lang ParseLang(std::string_view code) { return code == "en" ? Lang::kEn : Lang::kNl; }
std::string_view LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "nl"; }

std::string_view T(Lang lang, std::string_view key) {
  for (const auto& e : kTexts) {
    if (e.key == key) return lang == Lang::kEn ? e.en : e.nl;
  }
  return key;
}

std::vector<std::string_view> AllKeys() {
  std::vector<std::string_view> keys;
  for (const auto& e : kTexts) keys.push_back(e.key);
  return keys;
}

bool HasTranslation(Lang lang, std::string_view key) {
  for (const auto& e : kTexts) {
    if (e.key == key) return !(lang == Lang::kEn ? e.en : e.nl).empty();
  }
  return false;
}

}  // namespace onderdak::web
