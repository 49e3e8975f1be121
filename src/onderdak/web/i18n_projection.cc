// The texts of "Op weg naar 2030" (/projectie, projection_page.cc). Split from i18n.cc by
// what they are for; T() looks in every table.

#include "onderdak/web/i18n_table.h"

namespace onderdak::web::internal {
namespace {

using Entry = TextEntry;

constexpr Entry kProjectionTexts[] = {
    Entry{"nav.projection", "Op weg naar 2030", "Towards 2030"},
    Entry{"proj.title", "Op weg naar 2030", "Towards 2030"},
    Entry{
        "proj.intro",
        "Waar gaat het aantal dakloze mensen naartoe als het tempo van nu doorgaat, en wat is er nodig om in {year} "
        "op nul uit te komen? Een projectie uit de geleverde gegevens: geen voorspelling, maar wat volgt als instroom, "
        "verblijfsduur en uitstroom zich gedragen zoals de laatste jaren.",
        "Where is the number of homeless people heading if today's pace continues, and what would it take to reach "
        "zero in {year}? A projection from the delivered data: not a forecast, but what follows if inflow, length of "
        "stay and outflow behave as in recent years."},
    Entry{"proj.basis",
          "Vanaf de laatste geleverde dag, {date}. Definitie: {definition}. Band: {replicates} bootstrap-herhalingen "
          "over "
          "personen.",
          "From the last delivered day, {date}. Definition: {definition}. Band: {replicates} bootstrap replicates over "
          "persons."},
    Entry{"proj.covers",
          "Landelijk: de personen van de {n} regio's die het laatste halfjaar leverden, één keer geteld.",
          "National: the persons of the {n} regions that delivered the last half-year, each counted once."},
    Entry{"proj.left_out",
          "Niet meegeteld, omdat ze het laatste halfjaar niet leverden ({n}): {list}. Een ontbrekende levering is geen "
          "daling.",
          "Not included, as they did not deliver the last half-year ({n}): {list}. A missing delivery is not a fall."},
    Entry{"proj.withheld",
          "Voor deze regio wordt geen projectie getoond: op de laatste geleverde dag waren er minder dakloze personen "
          "dan de grens voor statistische geheimhouding.",
          "No projection is shown for this region: on the last delivered day fewer persons were homeless than the "
          "statistical disclosure threshold."},
    Entry{"proj.summary.title", "In het kort", "At a glance"},
    Entry{"proj.summary",
          "Verwacht op {date}: {expected} dakloze personen; met 90 % zekerheid tussen {lo} en {hi}, als het scenario "
          "hieronder uitkomt.",
          "Expected on {date}: {expected} homeless persons; with 90 % certainty between {lo} and {hi}, if the scenario "
          "below holds."},
    Entry{"proj.chart.target", "doel: nul", "target: zero"},
    Entry{"proj.chart.caption",
          "{unit}: geteld (zwarte lijn), verwacht (gestippeld), 50 %- en 90 %-band (donker en licht blauw), de nul en "
          "de grens van functioneel nul (oranje stippellijn).",
          "{unit}: counted (black line), expected (dashed), 50 % and 90 % band (dark and light blue), zero and the "
          "functional-zero threshold (orange dotted line)."},
    Entry{"proj.form.legend", "Scenario", "Scenario"},
    Entry{"proj.form.unit", "Regio of Nederland", "Region or the Netherlands"},
    Entry{"proj.form.prevention", "Preventie: minder instroom (%)", "Prevention: less inflow (%)"},
    Entry{"proj.form.extra", "Extra plaatsingen in een woning per halfjaar",
          "Extra placements into housing per half-year"},
    Entry{"proj.form.pipeline", "De pijplijn van woonplekken meetellen ({places} gepland of gestart, over twee jaar)",
          "Count the pipeline of housing places ({places} planned or started, over two years)"},
    Entry{"proj.form.wonen_eerst", "Wonen Eerst: deel van de nieuwe instroom direct gehuisvest (%)",
          "Housing First: share of the new inflow housed directly (%)"},
    Entry{"proj.form.returns", "Minder terugval: minder instroom van mensen die eerder dakloos waren (%)",
          "Fewer returns: less inflow of people homeless before (%)"},
    Entry{"proj.form.submit", "Bereken", "Calculate"},
    Entry{"proj.form.reset", "Terug naar het tempo van nu", "Back to the current pace"},
    Entry{"proj.never", "niet vóór eind {year}", "not before the end of {year}"},
    Entry{"proj.pace.title", "Het tempo dat nodig is", "The pace needed"},
    Entry{"proj.pace.intro",
          "Plaatsingen vanuit de opvang in een woning of woonplek met begeleiding per halfjaar. Functioneel nul: niet "
          "meer dakloze mensen op een dag dan de regio aantoonbaar in een maand huisvest (nu {threshold}). Nodig: het "
          "aantal per halfjaar vanaf nu tot eind {year}, met de andere keuzes van het scenario.",
          "Placements from shelter into a home or a housing place with support per half-year. Functional zero: no more "
          "people homeless on a day than the region demonstrably houses in a month (now {threshold}). Needed: the "
          "number per half-year from now to the end of {year}, with the scenario's other choices."},
    Entry{"proj.pace.current", "Tempo van nu (laatste 12 maanden)", "Current pace (last 12 months)"},
    Entry{"proj.pace.zero", "Nodig voor nul eind {year}", "Needed for zero at the end of {year}"},
    Entry{"proj.pace.fz", "Nodig voor functioneel nul eind {year}", "Needed for functional zero at the end of {year}"},
    Entry{"proj.pace.zero_at", "Nul bereikt in dit scenario", "Zero reached in this scenario"},
    Entry{"proj.pace.fz_at", "Functioneel nul bereikt in dit scenario", "Functional zero reached in this scenario"},
    Entry{"proj.table.title", "Geteld en verwacht per peildatum", "Counted and expected per reference date"},
    Entry{"proj.table.date", "Peildatum", "Reference date"},
    Entry{"proj.table.persons", "Dakloze personen", "Homeless persons"},
    Entry{"proj.table.band50", "50 %-band", "50 % band"},
    Entry{"proj.table.band90", "90 %-band", "90 % band"},
    Entry{"proj.table.projected", "verwacht", "expected"},
    Entry{"proj.read.title", "Zo leest u de projectie", "How to read the projection"},
    Entry{"proj.read",
          "Het model volgt instroom (eerste keer en terugkerend), verblijfsduur en uitstroom per regio, geschat uit de "
          "gekoppelde personen; kleine regio's lenen van het landelijke patroon. De band geeft de onzekerheid van die "
          "schattingen en van het toeval, niet van beleid dat verandert. Aannames: alleen het scenario verandert, de "
          "kans "
          "om uit te stromen hangt af van de verblijfsduur zoals de laatste jaren, en een trend in de instroom dempt "
          "uit.",
          "The model follows inflow (first-time and returning), length of stay and outflow per region, estimated from "
          "the linked persons; small regions borrow from the national pattern. The band shows the uncertainty of those "
          "estimates and of chance, not of policy that changes. Assumptions: only the scenario changes, the chance of "
          "leaving depends on the length of stay as in recent years, and a trend in the inflow fades out."},
    Entry{"region.projection", "Projectie en het tempo dat nodig is", "Projection and the pace needed"},
    Entry{"region.projection.intro",
          "Waar gaat het aantal dakloze mensen in deze regio naartoe, en hoeveel plaatsingen in een woning per "
          "halfjaar zijn nodig om in 2030 op nul uit te komen?",
          "Where is the number of homeless people in this region heading, and how many placements into housing per "
          "half-year would it take to reach zero in 2030?"},
};

}  // namespace

std::span<const TextEntry> ProjectionTexts() { return kProjectionTexts; }

}  // namespace onderdak::web::internal
