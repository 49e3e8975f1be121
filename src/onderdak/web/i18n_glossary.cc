// The texts of the glossary page (/begrippen, glossary_page.cc): a short explanation of
// every headline indicator (term.P1 ...), every definition preset (term.def.*) and the
// terms and signs the pages use (term.<name>.name / term.<name>). Split from i18n.cc by
// what they are for; T() looks in every table. The indicators' full definitions are in
// docs/indicators.md; these say in two sentences what a reader needs to read a figure.

#include "onderdak/web/i18n_table.h"

namespace onderdak::web::internal {
namespace {

using Entry = TextEntry;

constexpr Entry kGlossaryTexts[] = {
    Entry{"glossary.title", "Begrippen", "Terms"},
    Entry{"glossary.intro",
          "Wat de cijfers op deze site betekenen, in het kort. De volledige definities staan in de documentatie "
          "van onderdak (docs/indicators.md).",
          "What the figures on this site mean, in brief. The full definitions are in onderdak's documentation "
          "(docs/indicators.md)."},
    Entry{"glossary.definitions", "Wie telt als dakloos (definities)", "Who counts as homeless (definitions)"},
    Entry{"glossary.indicators", "Indicatoren", "Indicators"},
    Entry{"glossary.terms", "Begrippen en tekens", "Terms and signs"},
    Entry{"glossary.more", "Wat betekent dit?", "What does this mean?"},
    Entry{"glossary.link", "Begrippen", "Terms"},

    Entry{"term.def.monitor",
          "Telt personen in ETHOS-categorie 2 (nachtopvang) en 3 (tijdelijke opvang voor daklozen), zoals de "
          "landelijke monitor van CBS en VNG vanaf 2024. Straatslapers en bankslapers tellen niet mee. De standaard.",
          "Counts persons in ETHOS category 2 (night shelter) and 3 (temporary accommodation for the homeless), as "
          "the national monitor of CBS and VNG does from 2024. Rough sleepers and sofa-surfers are not counted. The "
          "default."},
    Entry{"term.def.ethos-1-3", "Als de landelijke monitor, plus straatslapers (ETHOS 1).",
          "As the national monitor, plus rough sleepers (ETHOS 1)."},
    Entry{"term.def.cbs",
          "Zoals CBS schat: personen van 18 tot 65 jaar die op straat of in de nachtopvang slapen of tijdelijk bij "
          "familie of vrienden verblijven (ETHOS 1, 2 en 6).",
          "As CBS estimates: persons aged 18 to 65 who sleep rough or in a night shelter, or stay temporarily with "
          "family or friends (ETHOS 1, 2 and 6)."},
    Entry{"term.def.ethos-light",
          "De brede telling: ETHOS Light 1 tot en met 7 (ook instellingen, noodwoningen, bankslapers en dreigende "
          "uitzetting), elke categorie apart getoond.",
          "The wide count: ETHOS Light 1 to 7 (also institutions, makeshift dwellings, sofa-surfers and imminent "
          "eviction), each category shown separately."},

    Entry{"term.P1",
          "Het aantal verschillende dakloze personen volgens de gekozen definitie op de peildatum (de eerste dag "
          "van de periode), en apart gedurende de hele periode.",
          "The number of distinct homeless persons under the chosen definition on the reference date (the first "
          "day of the period), and separately over the whole period."},
    Entry{"term.P2",
          "Personen van wie in de periode een periode van dakloosheid begint; voor het eerst als zij in de 24 "
          "maanden daarvoor niet dakloos waren.",
          "Persons whose homelessness starts in the period; for the first time when they were not homeless in the "
          "24 months before."},
    Entry{"term.P3",
          "Dagen van aanmelding tot plaatsing in de opvang: de mediaan (de helft wacht korter), en wie aan het eind "
          "van de periode nog wacht.",
          "Days from registration to placement in shelter: the median (half wait less), and who is still waiting at "
          "the end of the period."},
    Entry{"term.P4", "Als P3, voor begeleiding of een woonplek met begeleiding.",
          "As P3, for support or a housing place with support."},
    Entry{"term.P5",
          "Het deel van de verblijven in de opvang dat langer dan 3 maanden (90 dagen) duurt. Het doel is 0 %.",
          "The share of shelter stays longer than 3 months (90 days). The target is 0 %."},
    Entry{"term.P6", "Het deel van wie de opvang verlaat dat naar een woning of een woonplek met begeleiding gaat.",
          "The share of those leaving shelter who go to a home or a housing place with support."},
    Entry{"term.P7",
          "Van wie naar een woning uitstroomde: het deel dat binnen 12 maanden opnieuw dakloos is (ook na 6 en 24 "
          "maanden).",
          "Of those who left for a home: the share homeless again within 12 months (also after 6 and 24 months)."},
    Entry{"term.P8",
          "De oorzaken van dakloosheid bij de intake, zoals uitzetting om schulden, een relatie die eindigt of "
          "uitstroom uit een instelling.",
          "The causes of homelessness at intake, such as eviction for debts, a relationship ending or leaving an "
          "institution."},
    Entry{"term.P9",
          "Wat voor woning en begeleiding iemand nodig heeft, in vijf groepen (A: een kamer met lichte begeleiding "
          "tot E: ernstige problemen).",
          "What kind of home and support someone needs, in five groups (A: a room with light support to E: severe "
          "problems)."},
    Entry{"term.P10",
          "Dakloze jongeren van 18 tot 27 jaar: aantal, terugval, wachttijd en verblijfsduur. Geen jongere langer "
          "dan 3 maanden in de opvang.",
          "Homeless young people aged 18 to 27: number, returns, waiting time and length of stay. No young person "
          "longer than 3 months in shelter."},
    Entry{"term.P11",
          "Aanmeldingen voor opvang en de besluiten erop (landelijke toegankelijkheid). Een weigering om "
          "'regiobinding' is geen geldige grond.",
          "Requests for shelter and the decisions on them (national accessibility). A refusal for 'regional ties' "
          "is not a valid ground."},
    Entry{"term.P12",
          "Preventie: huisuitzettingen en hoeveel mensen daarna een andere woonoplossing vonden; signalen van "
          "vroegsignalering.",
          "Prevention: evictions and how many people found another housing solution afterwards; early-warning "
          "signals."},
    Entry{"term.A1", "Opvangplekken en kamers, naar soort en grootte (eenpersoonskamers, slaapzalen).",
          "Shelter places and rooms, by kind and size (single rooms, dormitories)."},
    Entry{"term.A2",
          "Extra woonplekken (met begeleiding) die zijn gerealiseerd, tegen de plannen en het doel; elke plek telt "
          "één keer.",
          "Extra housing places (with support) realised, against the plans and the target; each place counts "
          "once."},
    Entry{"term.A3",
          "Prestatieafspraken met woningcorporaties over woningen voor dakloze mensen: afgesproken en gerealiseerd.",
          "Performance agreements with housing associations on homes for homeless people: agreed and realised."},
    Entry{"term.A4", "Hoe ervaringsdeskundigen betrokken zijn bij beleid en uitvoering, op een schaal van 0 tot 3.",
          "How people with lived experience take part in policy and its execution, on a scale of 0 to 3."},
    Entry{"term.A5",
          "Of de regio een regionaal plan heeft vastgesteld, en of het Wonen Eerst en opvang in de gemeente van "
          "herkomst bevat.",
          "Whether the region adopted a regional plan, and whether it contains Housing First and shelter in the "
          "municipality of origin."},
    Entry{"term.A6", "Het deel van het budget dat is besteed, per thema.", "The share of the budget spent, per theme."},
    Entry{"term.A7",
          "Welke organisaties (landelijk: welke regio's) voor de periode hebben aangeleverd. Een landelijk cijfer "
          "noemt altijd de regio's die het dekt.",
          "Which organisations (nationally: which regions) delivered for the period. A national figure always names "
          "the regions it covers."},
    Entry{"term.A8", "Hoeveel van de gemelde gemeenten een vastgesteld preventiebeleid hebben.",
          "How many of the reported municipalities have an adopted prevention policy."},

    Entry{"term.ethos.name", "ETHOS Light", "ETHOS Light"},
    Entry{"term.ethos",
          "Europese indeling van dakloosheid: 1 op straat, 2 nachtopvang, 3 tijdelijke opvang voor daklozen, 4 "
          "instelling zonder woning om naartoe te gaan, 5 noodwoning, 6 tijdelijk bij familie of vrienden; in "
          "Nederland ook 7 dreigende uitzetting.",
          "European typology of homelessness: 1 rough sleeping, 2 night shelter, 3 temporary accommodation for the "
          "homeless, 4 institution with no home to go to, 5 makeshift dwelling, 6 temporarily with family or "
          "friends; in the Netherlands also 7 imminent eviction."},
    Entry{"term.peildatum.name", "Peildatum", "Reference date"},
    Entry{"term.peildatum",
          "De dag waarop een aantal op een dag wordt geteld: de eerste dag van de periode (1 januari of 1 juli). "
          "Cijfers over een periode tellen iedereen in die hele periode.",
          "The day on which a number on a day is counted: the first day of the period (1 January or 1 July). "
          "Figures over a period count everyone in the whole period."},
    Entry{"term.suppressed.name", "x: afgeschermd", "x: withheld"},
    Entry{"term.suppressed",
          "Statistische geheimhouding: een aantal van minder dan 5 personen wordt niet getoond, en ook niet een "
          "cijfer waaruit het af te leiden is.",
          "Statistical confidentiality: a number below 5 persons is not shown, nor a figure it could be derived "
          "from."},
    Entry{"term.notdelivered.name", "n.g.: niet geleverd", "n.d.: not delivered"},
    Entry{"term.notdelivered",
          "De regio leverde voor deze periode geen gegevens. Dat is geen nul: een landelijk cijfer rekent zo'n regio "
          "nooit als daling.",
          "The region delivered no data for this period. That is not zero: a national figure never reads such a "
          "region as a fall."},
    Entry{"term.estimate.name", "Geschat naast geteld", "Estimated beside counted"},
    Entry{"term.estimate",
          "Het getelde aantal is een ondergrens. De schatting van wie niet geregistreerd is staat ernaast, met een "
          "onzekerheidsmarge; zie de methode.",
          "The counted number is a lower bound. The estimate of who is not registered stands beside it, with a "
          "margin of uncertainty; see the method."},
    Entry{"term.per10k.name", "Per 10.000 inwoners", "Per 10,000 inhabitants"},
    Entry{"term.per10k",
          "Een aantal gedeeld door het aantal inwoners van de regio, maal 10.000, zodat grote en kleine regio's te "
          "vergelijken zijn (na invoer van de bevolkingscijfers van CBS).",
          "A number divided by the region's inhabitants, times 10,000, so that large and small regions compare "
          "(once CBS's population figures are imported)."},
    Entry{"term.functionalzero.name", "Functioneel nul", "Functional zero"},
    Entry{"term.functionalzero",
          "Niet meer dakloze mensen op een dag dan de regio aantoonbaar in een maand huisvest: het aantal plaatsingen "
          "vanuit de opvang in een woning of woonplek van de laatste twaalf maanden, per maand (naar Built for Zero). "
          "Zie Op weg naar 2030.",
          "No more people homeless on a day than the region demonstrably houses in a month: its placements from "
          "shelter into a home or a housing place of the last twelve months, per month (after Built for Zero). See "
          "Towards 2030."},
    Entry{"term.centrumgemeente.name", "Centrumgemeente en regio", "Centrumgemeente and region"},
    Entry{"term.centrumgemeente",
          "De gemeente die voor haar regio de maatschappelijke opvang en het beschermd wonen regelt. Een regio heet "
          "naar haar centrumgemeente.",
          "The municipality that arranges shelter (maatschappelijke opvang) and protected housing for its region. "
          "A region is named after its centrumgemeente."},
    Entry{"term.woonplek.name", "Woonplek en Wonen Eerst", "Woonplek and Wonen Eerst"},
    Entry{"term.woonplek",
          "Een woonplek is een woning of kamer, met begeleiding waar nodig. Wonen Eerst: eerst een woning, dan "
          "begeleiding, zonder tussenstap in de opvang.",
          "A woonplek is a home or room, with support where needed. Wonen Eerst (Housing First): a home first, then "
          "support, without a stay in shelter in between."},
};

}  // namespace

std::span<const TextEntry> GlossaryTexts() { return kGlossaryTexts; }

}  // namespace onderdak::web::internal
