#include "onderdak/web/i18n.h"

#include <array>

#include "onderdak/web/i18n_table.h"

namespace onderdak::web {
namespace {

using Entry = internal::TextEntry;

// Keep sorted by key within each page for readability; lookups are linear (few dozen).
// A built-in array: clang 14 cannot deduce a std::array of this many entries (its fold
// expression nesting limit is 256).
constexpr Entry kTexts[] = {
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
    Entry{"overview.hidden.what", "Cijfer", "Figure"},
    Entry{"overview.hidden.national", "Landelijke schatting", "National estimate"},
    Entry{"overview.hidden.direct", "regio's met een eigen schatting", "regions with their own estimate"},
    Entry{"overview.hidden.via_ratio", "via de landelijke verhouding geschat-geteld",
          "via the national ratio of estimated to counted"},
    Entry{"overview.hidden.not_estimated_regions", "Niet in de landelijke schatting (geen geteld cijfer)",
          "Not in the national estimate (no counted figure)"},
    Entry{"overview.hidden.counted_on_date", "Geteld op de peildatum", "Counted on the reference date"},
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
          "Landelijk tellen we de regio's met een betrouwbare eigen schatting op. Voor de andere regio's met een "
          "geteld aantal vermenigvuldigen we dat aantal met de verhouding geschat/geteld van de betrouwbare regio's; "
          "de onzekerheid van die verhouding zit in het interval. Regio's zonder geteld aantal noemen we apart. "
          "Daarnaast tonen we de som van alleen de betrouwbare regio's.",
          "Nationally we add up the regions with a reliable estimate of their own. For the other regions with a "
          "counted figure we multiply that figure by the ratio of estimated to counted in the reliable regions; the "
          "uncertainty of that ratio is in the interval. Regions without a counted figure are named separately. "
          "Beside it we show the sum of the reliable regions alone."},
    Entry{"method.more",
          "De volledige uitleg, met de formules en hoe de aannames zijn getoetst, staat in het document "
          "'estimation.md' in de map docs bij de broncode van onderdak (open source, EUPL-1.2).",
          "The full explanation, with the formulas and how the assumptions were tested, is in the document "
          "'estimation.md' in the docs folder of onderdak's source code (open source, EUPL-1.2)."},
    Entry{"method.api", "De schattingen per regio als gegevens (JSON)", "The estimates per region as data (JSON)"},
    Entry{"overview.title", "Landelijk overzicht", "National overview"},
    Entry{"overview.period", "Periode", "Period"},
    Entry{"overview.show", "Toon", "Show"},
    Entry{"definition.active", "Wie telt als dakloos", "Who counts as homeless"},
    Entry{"definition.default", "de standaard", "the default"},
    Entry{"definition.choose", "Definitie", "Definition"},
    Entry{"overview.hidden.definition",
          "De schatting en het getelde aantal ernaast gaan altijd over ETHOS 1 tot en met 3 (met straatslapers), "
          "welke definitie hierboven ook gekozen is.",
          "The estimate and the count beside it are always about ETHOS 1 to 3 (with rough sleepers), whichever "
          "definition is chosen above."},
    Entry{"overview.public",
          "Openbare cijfers met statistische geheimhouding: kleine aantallen zijn afgeschermd (x). Onderaan staat "
          "wat elk teken betekent.",
          "Published figures with statistical confidentiality: small counts are withheld (x). What each sign means "
          "is explained at the bottom."},
    Entry{"overview.regions", "regio's", "regions"},
    Entry{"overview.missing", "ontbreken", "missing"},
    Entry{"overview.coverage", "De landelijke cijfers van deze periode gaan over",
          "The national figures of this period cover"},
    Entry{"overview.insufficient",
          "Onvoldoende gegevens voor landelijke cijfers:", "Insufficient data for national figures:"},
    Entry{"overview.insufficient.delivered", "leverden voor deze periode", "delivered for this period"},
    Entry{"overview.insufficient.need",
          "Regio's nodig voor een landelijk cijfer:", "Regions needed for a national figure:"},
    Entry{"overview.housing.delivered", "regio's leverden woonplekken voor deze periode",
          "regions delivered housing places for this period"},
    Entry{"overview.housing.carried", "Van de andere regio's telt de laatst geleverde stand, uit de genoemde periode:",
          "For the other regions, the latest state they delivered counts, from the period named:"},
    Entry{"overview.housing.none_carried", "Regio's die nooit woonplekken leverden, tellen niet mee.",
          "Regions that never delivered housing places are not counted."},
    Entry{"overview.plans.adopted", "vastgesteld", "adopted"},
    Entry{"overview.plans.not_adopted", "niet vastgesteld", "not adopted"},
    Entry{"overview.plans.unknown", "onbekend (niet gerapporteerd)", "unknown (not reported)"},
    Entry{"overview.comparable", "Vergelijkbare reeks", "Comparable series"},
    Entry{"overview.not_comparable", "Alle leverende regio's (niet vergelijkbaar)",
          "All delivering regions (not comparable)"},
    Entry{"overview.regions_delivered", "Regio's geleverd", "Regions delivered"},
    Entry{"overview.comparable.none",
          "Er is geen vergelijkbare reeks: geen enkel halfjaar heeft gegevens van genoeg regio's.",
          "There is no comparable series: no half-year has data from enough regions."},
    Entry{"overview.comparable.intro",
          "Vergelijkbare reeks: in elk halfjaar met voldoende gegevens dezelfde regio's, namelijk",
          "Comparable series: the same regions in every half-year with sufficient data, namely"},
    Entry{"overview.comparable.left_out", "Niet in de reeks omdat ze niet elk halfjaar leverden",
          "Left out of the series because they did not deliver every half-year"},
    Entry{"overview.comparable.all",
          "De kolommen 'alle leverende regio's' tellen per halfjaar de regio's die toen leverden: een wisselende "
          "groep, dus niet vergelijkbaar tussen halfjaren.",
          "The columns 'all delivering regions' count, per half-year, the regions that delivered then: a changing "
          "group, so not comparable between half-years."},
    Entry{"overview.housing", "Extra woonplekken gerealiseerd", "Extra housing places realised"},
    Entry{"overview.housing.of", "van het landelijke doel van", "of the national target of"},
    Entry{"overview.target.by", "uiterlijk", "by"},
    Entry{"overview.target.none", "geen doel vastgelegd", "no target stored"},
    Entry{"target.status.bereikt", "bereikt", "reached"},
    Entry{"target.status.op_koers", "op koers", "on course"},
    Entry{"target.status.achter", "achter", "behind"},
    Entry{"target.status.verlopen", "verlopen", "deadline passed"},
    Entry{"target.status.voor_start", "nog niet gestart", "not started yet"},
    Entry{"target.status.none", "geen cijfer", "no figure"},
    Entry{"targets.title", "Doelen en hun stand", "Targets and where they stand"},
    Entry{"targets.intro",
          "Elk doel met zijn deadline. Op koers: op of voorbij de rechte lijn van het startpunt naar het doel op de "
          "datum van het cijfer. Verlopen: de deadline is voorbij en het doel is niet bereikt.",
          "Each target with its deadline. On course: at or beyond the straight line from the baseline to the "
          "target on the figure's date. Deadline passed: the deadline is over and the target was not reached."},
    Entry{"targets.col.target", "Doel", "Target"},
    Entry{"targets.col.value", "Doelwaarde", "Target value"},
    Entry{"targets.col.deadline", "Deadline", "Deadline"},
    Entry{"targets.col.current", "Stand", "Current"},
    Entry{"targets.col.status", "Status", "Status"},
    Entry{"targets.col.source", "Bron", "Source"},
    Entry{"targets.at_least", "minstens", "at least"},
    Entry{"targets.at_most", "hoogstens", "at most"},
    Entry{"targets.on", "op", "on"},
    Entry{"series.title", "Schattingen van anderen naast onze cijfers", "Others' estimates beside our figures"},
    Entry{"series.intro",
          "Een andere bron telt met een eigen definitie: de getallen zijn niet gelijk aan onze telling en worden "
          "er niet mee opgeteld.",
          "Another source counts with its own definition: its numbers do not equal our count and are not added "
          "to it."},
    Entry{"region.series.own", "Onze telling", "Our count"},
    Entry{"region.series.own.note",
          "Onze telling: P1, dakloze personen in de periode, in de leveringen van deze regio, volgens de definitie "
          "die bovenaan de pagina staat (geen schatting). n.v.t.: een peildatum of een periode waarvoor niemand "
          "leverde.",
          "Our count: P1, homeless persons in the period, in this region's deliveries, under the definition named at "
          "the top of the page (not an estimate). n/a: a reference date, or a period nobody delivered for."},
    Entry{"series.col.date", "Peildatum of periode", "Reference date or period"},
    Entry{"series.col.value", "Aantal", "Number"},
    Entry{"series.col.source", "Bron en definitie", "Source and definition"},
    Entry{"series.own_cbs",
          "Onze telling volgens de definitie 'cbs' (18 tot 65 jaar; ETHOS 1, 2 en 6; geregistreerde personen in de "
          "regio's die leverden, geen schatting)",
          "Our count under the 'cbs' definition (aged 18 to 65; ETHOS 1, 2 and 6; registered persons in the regions "
          "that delivered, not an estimate)"},
    Entry{"overview.housing.lines",
          "Per financieringslijn (bruto: een woonplek die door meer lijnen wordt geteld, telt in elke lijn)",
          "By funding line (gross: a place counted by several lines counts in each)"},
    Entry{"overview.housing.distinct", "Totaal, elke woonplek één keer", "Total, each place once"},
    Entry{"overview.line", "Financieringslijn", "Funding line"},
    Entry{"overview.places", "Woonplekken", "Places"},
    Entry{"overview.homeless", "Dakloze personen", "Homeless persons"},
    Entry{"overview.homeless.definition", "definitie", "definition"},
    Entry{"overview.on_date", "Op peildatum", "On the reference date"},
    Entry{"overview.in_period", "In de periode", "During the period"},
    Entry{"overview.reference_date", "Peildatum", "Reference date"},
    Entry{"overview.chart", "Dakloze personen op peildatum, per halfjaar (vergelijkbare reeks)",
          "Homeless persons on the reference date, by half-year (comparable series)"},
    Entry{"overview.long_stays", "Verblijf in de opvang langer dan 3 maanden", "Shelter stays longer than 3 months"},
    Entry{"overview.long_stays.note", "van de beëindigde verblijven; doel: 0 %", "of the stays ended; target: 0%"},
    Entry{"overview.single_rooms", "Opvangplekken in eenpersoonskamers", "Shelter places in single rooms"},
    Entry{"overview.plans", "Regionale plannen vastgesteld", "Regional plans adopted"},
    Entry{"overview.prevention", "Gemeenten met vastgesteld preventiebeleid",
          "Municipalities with an adopted prevention policy"},
    Entry{"overview.prevention.reported", "gemelde gemeenten", "municipalities reported on"},
    Entry{"overview.prevention.not_reported", "gemeenten niet gemeld", "municipalities not reported on"},
    Entry{"overview.prevention.regions", "regio's leverden hun preventiebeleid aan",
          "regions delivered their prevention policy"},
    Entry{"overview.delivered", "Regio's die gegevens leverden", "Regions that delivered data"},
    Entry{"overview.of", "van", "of"},
    Entry{"overview.none", "Er zijn nog geen gegevens ingelezen. Lees leveringen in met 'onderdak import'.",
          "No data has been imported yet. Import deliveries with 'onderdak import'."},
    Entry{"overview.download", "Download alle cijfers van deze periode", "Download every figure of this period"},
    Entry{"nav.map", "Kaart", "Map"},
    Entry{"nav.compare", "Vergelijken", "Compare"},
    Entry{"nav.origin", "Herkomst", "Origin"},
    Entry{"origin.title", "Herkomst van personen in de opvang", "Origin of persons in shelter"},
    Entry{"origin.intro",
          "Iedereen mag in elke gemeente om opvang vragen (landelijke toegankelijkheid); de gemeente van herkomst is "
          "verantwoordelijk (woonplaatsbeginsel). Per regio: hoeveel personen in de opvang uit de eigen regio komen, "
          "uit een andere regio of van onbekende herkomst, en hoeveel naar hun regio van herkomst zijn teruggeleid "
          "(doorverwezen). Onbekende herkomst is een eigen groep en telt altijd mee.",
          "Anybody may ask for shelter in any municipality (national accessibility, landelijke toegankelijkheid); the "
          "municipality of origin is responsible (woonplaatsbeginsel). Per region: how many persons in shelter come "
          "from the region itself, from another region or from an unknown origin, and how many were referred back to "
          "their region of origin. Unknown origin is a group of its own and always counted."},
    Entry{"origin.mapping", "Gemeente van herkomst naar regio volgens de regio-indeling geldig op",
          "Municipality of origin mapped to its region by the division in force on"},
    Entry{"origin.definition_note",
          "De herkomst telt personen met een verblijf in de opvang (zoals de verblijfsduur); de gekozen definitie "
          "verandert deze cijfers niet.",
          "Origin counts persons with a stay in shelter (as the length of stay does); the chosen definition does not "
          "change these figures."},
    Entry{"origin.show", "Toon", "Show"},
    Entry{"origin.summary", "Personen in de opvang naar herkomst", "Persons in shelter by origin"},
    Entry{"origin.col.region", "Regio (opvang)", "Region (shelter)"},
    Entry{"origin.col.persons", "Personen in de opvang", "Persons in shelter"},
    Entry{"origin.col.own", "Uit eigen regio", "From own region"},
    Entry{"origin.col.other", "Uit andere regio", "From another region"},
    Entry{"origin.col.unknown", "Herkomst onbekend", "Origin unknown"},
    Entry{"origin.col.referred_back", "Teruggeleid naar regio van herkomst", "Referred back to region of origin"},
    Entry{"origin.col.median", "Mediane verblijfsduur van wie van elders komt (beëindigde verblijven)",
          "Median length of stay of those from elsewhere (ended stays)"},
    Entry{"origin.flows", "Grootste stromen tussen regio's", "Largest flows between regions"},
    Entry{"origin.flows.none", "Geen gepubliceerde stromen tussen regio's voor deze periode.",
          "No published flows between regions for this period."},
    Entry{"origin.flows.note",
          "Lijnen van regio van herkomst (links) naar regio van opvang (rechts), dikte naar aantal personen; "
          "afgeschermde aantallen (x) en onbekende herkomst staan niet in de figuur, wel in de tabel.",
          "Lines from region of origin (left) to region of shelter (right), width by number of persons; withheld "
          "numbers (x) and unknown origin are not in the figure, but are in the table."},
    Entry{"origin.from", "Herkomst", "Origin"},
    Entry{"origin.to", "Opvang", "Shelter"},
    Entry{"origin.matrix", "Herkomst × regio van opvang", "Origin × region of shelter"},
    Entry{"origin.matrix.intro",
          "Rijen: regio van herkomst; kolommen: regio van opvang. Elke persoon telt één keer per cel; landelijk één "
          "keer per regio van herkomst.",
          "Rows: region of origin; columns: region of shelter. Each person counts once per cell; nationally once per "
          "region of origin."},
    Entry{"origin.matrix.corner", "Herkomst \\ opvang", "Origin \\ shelter"},
    Entry{"origin.unknown", "Herkomst onbekend", "Origin unknown"},
    Entry{"origin.national", "Nederland", "Netherlands"},
    Entry{"region.origin", "Herkomst van personen in de opvang (alle regio's)",
          "Origin of persons in shelter (all regions)"},
    // Login and the audit log (issue 7).
    Entry{"login.title", "Inloggen", "Log in"},
    Entry{"login.username", "Gebruikersnaam", "Username"},
    Entry{"login.password", "Wachtwoord", "Password"},
    Entry{"login.submit", "Inloggen", "Log in"},
    Entry{"login.logout", "Uitloggen", "Log out"},
    Entry{"login.signed_in_as", "U bent ingelogd als", "You are logged in as"},
    Entry{"login.error.wrong", "Gebruikersnaam of wachtwoord onjuist.", "Wrong username or password."},
    Entry{"login.error.locked", "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.",
          "Too many failed attempts. Try again in 15 minutes."},
    Entry{"login.error.form", "Het formulier is verlopen. Probeer het opnieuw.",
          "The form has expired. Please try again."},
    Entry{"pw.title", "Wachtwoord wijzigen", "Change password"},
    Entry{"pw.current", "Huidig wachtwoord", "Current password"},
    Entry{"pw.new", "Nieuw wachtwoord (minstens 12 tekens, niet uw gebruikersnaam)",
          "New password (at least 12 characters, not your username)"},
    Entry{"pw.repeat", "Herhaal het nieuwe wachtwoord", "Repeat the new password"},
    Entry{"pw.submit", "Wachtwoord wijzigen", "Change password"},
    Entry{"pw.done", "Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd.",
          "Your password was changed. Your other sessions were ended."},
    Entry{"pw.error.wrong", "Het huidige wachtwoord is onjuist. Er is niets gewijzigd.",
          "The current password is wrong. Nothing was changed."},
    Entry{"pw.error.mismatch", "De twee nieuwe wachtwoorden verschillen. Er is niets gewijzigd.",
          "The two new passwords differ. Nothing was changed."},
    Entry{"pw.error.policy",
          "Het nieuwe wachtwoord moet minstens 12 tekens hebben, mag niet uw gebruikersnaam zijn en moet verschillen "
          "van het huidige. Er is niets gewijzigd.",
          "The new password must have at least 12 characters, must not be your username and must differ from the "
          "current one. Nothing was changed."},
    Entry{"pw.error.locked", "Te veel onjuiste wachtwoorden. Probeer het over 15 minuten opnieuw.",
          "Too many wrong passwords. Try again in 15 minutes."},
    Entry{"audit.title", "Auditlog", "Audit log"},
    Entry{"audit.caption", "Alle vastgelegde handelingen, nieuwste eerst", "Every recorded action, newest first"},
    Entry{"audit.chain_ok", "De hashketen is intact", "The hash chain is intact"},
    Entry{"audit.chain_broken", "De hashketen is verbroken", "The hash chain is broken"},
    Entry{"audit.entries", "regels gecontroleerd", "entries checked"},
    Entry{"audit.seq", "Nr.", "No."},
    Entry{"audit.at", "Tijdstip (UTC)", "Time (UTC)"},
    Entry{"audit.actor", "Wie", "Who"},
    Entry{"audit.action", "Handeling", "Action"},
    Entry{"audit.object", "Waarop", "On what"},
    Entry{"audit.detail", "Toelichting", "Detail"},
    Entry{"audit.from", "Vanaf", "From"},
    Entry{"unit.days", "dagen", "days"},
    // A chart's vertical axis, by the measure's unit (indicators::UnitName).
    Entry{"unit.axis.persons", "personen", "persons"},
    Entry{"unit.axis.records", "aantal", "number"},
    Entry{"unit.axis.places", "plaatsen", "places"},
    Entry{"unit.axis.days", "dagen", "days"},
    Entry{"unit.axis.share", "procent", "per cent"},
    Entry{"unit.axis.euro", "euro", "euro"},
    Entry{"unit.axis.score", "score", "score"},
    Entry{"unit.axis.count", "aantal", "number"},
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
    Entry{"map.symbols.note",
          "Aantallen staan als cirkels op de kaart: de oppervlakte van een cirkel is evenredig met het aantal. Een "
          "regio inkleuren naar een aantal zou vooral laten zien hoeveel mensen er wonen.",
          "Counts are shown as circles: a circle's area is proportional to the count. Colouring a region by a count "
          "would mostly show how many people live there."},
    Entry{"map.national", "Nederland", "The Netherlands"},
    Entry{"map.scale", "Weergave", "Show"},
    Entry{"map.scale.rate", "per 10.000 inwoners (kleuren)", "per 10,000 inhabitants (colours)"},
    Entry{"map.scale.count", "aantal (cirkels)", "number (circles)"},
    Entry{"map.per10k", "per 10.000 inwoners", "per 10,000 inhabitants"},
    Entry{"map.population.note",
          "Per 10.000 inwoners: het aantal gedeeld door het aantal inwoners van de regio op {date} (bestand {file}), "
          "maal 10.000. Zo zijn grote en kleine regio's te vergelijken. Landelijk: per 10.000 inwoners van de "
          "regio's met een cijfer.",
          "Per 10,000 inhabitants: the number divided by the region's inhabitants on {date} (file {file}), times "
          "10,000, so that large and small regions compare. Nationally: per 10,000 inhabitants of the regions with a "
          "figure."},
    Entry{"map.population.incomplete",
          "Geen inwonertal voor {n} regio's (een of meer gemeenten zonder cijfer): daar staat n.v.t.",
          "No population for {n} regions (one or more municipalities without a figure): shown as n/a."},
    Entry{"map.population.none",
          "Weergave per 10.000 inwoners geldt alleen voor aantallen personen en plekken; deze indicator staat zoals "
          "hij is.",
          "The view per 10,000 inhabitants applies to numbers of persons and places only; this indicator is shown as "
          "it is."},
    Entry{"map.col.count", "Aantal", "Number"},
    Entry{"map.col.inhabitants", "Inwoners", "Inhabitants"},
    Entry{"map.suppressed", "x: afgeschermd (statistische geheimhouding)", "x: withheld (statistical confidentiality)"},
    Entry{"map.updated", "Kaart bijgewerkt", "Map updated"},
    Entry{"map.intro.boundaries",
          "Elke regio is getekend met de grenzen van haar gemeenten. Kies een indicator; de tabel onder de kaart "
          "geeft dezelfde cijfers. Klik op een regio voor alle cijfers van die regio.",
          "Each region is drawn with the boundaries of its municipalities. Choose an indicator; the table below the "
          "map gives the same figures. Click a region for all of its figures."},
    Entry{"region.title", "Regio", "Region"},
    Entry{"region.members", "Gemeenten", "Municipalities"},
    Entry{"summary.title", "In het kort", "At a glance"},
    Entry{"source.line",
          "Bron: de registraties die de organisaties in de regio's aan onderdak leverden; landelijk telt een persoon "
          "één keer, ook als meer regio's hem kennen. Periode: {}; aantallen op één dag gelden op de peildatum {}. "
          "Doelen: de Kamerbrieven die bij elk doel staan; de CBS-schatting: CBS StatLine.",
          "Source: the registrations the organisations in the regions delivered to onderdak; nationally a person "
          "counts once, even when several regions know them. Period: {}; counts on one day hold on the reference date "
          "{}. Targets: the letters to parliament named beside each target; the CBS estimate: CBS StatLine."},
    Entry{"summary.trend.first", "eerste periode met een cijfer", "first period with a figure"},
    Entry{"summary.trend.up", "hoger dan in {} ({})", "higher than in {} ({})"},
    Entry{"summary.trend.down", "lager dan in {} ({})", "lower than in {} ({})"},
    Entry{"summary.trend.same", "gelijk aan {} ({})", "the same as in {} ({})"},
    Entry{"summary.trend.none", "geen cijfer in {} om mee te vergelijken", "no figure in {} to compare with"},
    Entry{"summary.trend.incomplete",
          "geen vergelijking met {}: de aanlevering van deze regio was in een van beide perioden niet volledig",
          "no comparison with {}: this region's delivery was incomplete in one of the two periods"},
    Entry{"summary.target", "Landelijk doel: {} (uiterlijk {})", "National target: {} (by {})"},
    Entry{"summary.incomplete", "aanlevering onvolledig: het cijfer kan te laag zijn",
          "delivery incomplete: the figure may be too low"},
    Entry{"summary.no_target", "Geen landelijk doel vastgelegd", "No national target set"},
    Entry{"summary.source",
          "Bron: de registraties die de organisaties in deze regio aan onderdak leverden (zie Volledigheid van de "
          "aanlevering). Laatste periode: {}; aantallen op één dag gelden op de peildatum {}. Definities en "
          "tijdreeksen staan hieronder per indicator.",
          "Source: the registrations the organisations in this region delivered to onderdak (see completeness of "
          "delivery). Latest period: {}; counts on one day hold on the reference date {}. Definitions and trends are "
          "below, per indicator."},
    Entry{"region.toc", "Op deze pagina", "On this page"},
    Entry{"region.completeness", "Volledigheid van de aanlevering", "Completeness of the deliveries"},
    Entry{"region.delivered", "Organisaties die leverden", "Organisations that delivered"},
    Entry{"region.status", "Status", "Status"},
    Entry{"region.missing", "Niet geleverd door", "Not delivered by"},
    Entry{"region.downloads", "Downloads", "Downloads"},
    Entry{"region.downloads.note", "Alle openbare cijfers van deze regio per halfjaar.",
          "Every published figure of this region, by half-year."},
    Entry{"region.hidden", "Geteld en geschat, ook wie in geen registratie voorkomt",
          "Counted and estimated, including people on no register"},
    Entry{"region.hidden.too_uncertain", "te onzeker", "too uncertain"},
    Entry{"region.hidden.unavailable", "geen schatting mogelijk", "no estimate possible"},
    Entry{"region.hidden.from", "vanaf", "from"},
    // Why a region has no published estimate (estimation::NoEstimateCode).
    Entry{"estimate.reason.no_lists", "geen organisatie leverde gegevens over personen",
          "no organisation delivered records of persons"},
    Entry{"estimate.reason.one_list",
          "maar één organisatie leverde gegevens over personen; er zijn er minstens twee nodig",
          "only one organisation delivered records of persons; at least two are needed"},
    Entry{"estimate.reason.too_many_lists", "meer dan 8 leverende organisaties; kies de lijsten zelf",
          "more than 8 organisations delivered; choose the lists"},
    Entry{"estimate.reason.no_overlap", "de registraties hebben niemand gemeen; de overlap is nodig voor een schatting",
          "the registers have nobody in common; an estimate needs their overlap"},
    Entry{"estimate.reason.no_model", "geen model geeft een eindige schatting", "no model gives a finite estimate"},
    Entry{"estimate.reason.interval_open", "het interval heeft geen bovengrens", "the interval has no upper end"},
    Entry{"estimate.reason.interval_at_count", "de registraties overlappen nauwelijks; niet te zien wie ontbreekt",
          "the registers hardly overlap; who was missed cannot be seen"},
    Entry{"estimate.reason.interval_too_wide", "de bovengrens is meer dan twee keer de ondergrens",
          "the upper bound is more than twice the lower bound"},
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
    Entry{"measure.A8", "Gemeenten met vastgesteld preventiebeleid (van de gemelde)",
          "Municipalities with an adopted prevention policy (of those reported)"},
    Entry{"measure.A7", "Aanleverende organisaties (landelijk: regio's)",
          "Organisations that delivered (nationally: regions)"},
    // Online submission of the regional figures (ADR 0014).
    Entry{"sub.row", "rij", "row"},
    Entry{"sub.title", "Aanlevering regiocijfers", "Submission of regional figures"},
    Entry{"sub.form_title", "Aanlevering", "Submission"},
    Entry{"sub.period", "Halfjaar", "Half-year"},
    Entry{"sub.show", "Toon", "Show"},
    Entry{"sub.deadline", "Uiterste datum", "Deadline"},
    Entry{"sub.deadline_default", "standaard: zes weken na het halfjaar", "default: six weeks after the half-year"},
    Entry{"sub.of", "van", "of"},
    Entry{"sub.regions_delivered", "regio's aangeleverd", "regions delivered"},
    Entry{"sub.state", "Status", "Status"},
    Entry{"sub.col.region", "Regio", "Region"},
    Entry{"sub.col.updated", "Laatst gewijzigd", "Last changed"},
    Entry{"sub.col.late", "Te laat", "Late"},
    Entry{"sub.late", "te laat", "late"},
    Entry{"sub.status.none", "Nog niets aangeleverd", "Nothing submitted yet"},
    Entry{"sub.status.draft", "Concept", "Draft"},
    Entry{"sub.status.submitted", "Ingediend", "Submitted"},
    Entry{"sub.status.accepted", "Geaccepteerd", "Accepted"},
    Entry{"sub.status.returned", "Teruggestuurd", "Returned"},
    Entry{"sub.back", "Terug naar het overzicht", "Back to the list"},
    Entry{"sub.msg.saved", "Het concept is opgeslagen.", "The draft was saved."},
    Entry{"sub.msg.submitted", "De aanlevering is ingediend.", "The submission was submitted."},
    Entry{"sub.msg.accepted", "De aanlevering is geaccepteerd en ingelezen.",
          "The submission was accepted and imported."},
    Entry{"sub.msg.returned", "De aanlevering is teruggestuurd.", "The submission was returned."},
    Entry{"sub.version", "Versie", "Version"},
    Entry{"sub.comment", "Toelichting", "Comment"},
    Entry{"sub.has_errors", "Niet opgeslagen: controleer de gemarkeerde velden", "Not saved: check the marked fields"},
    Entry{"sub.yes", "ja", "yes"},
    Entry{"sub.no", "nee", "no"},
    Entry{"sub.unknown", "onbekend", "unknown"},
    Entry{"sub.save", "Concept opslaan", "Save draft"},
    Entry{"sub.submit", "Indienen", "Submit"},
    Entry{"sub.template", "Excel-sjabloon downloaden", "Download the Excel template"},
    Entry{"sub.upload", "Ingevuld sjabloon uploaden", "Upload the filled template"},
    Entry{"sub.upload_button", "Uploaden", "Upload"},
    Entry{"sub.accept", "Accepteren", "Accept"},
    Entry{"sub.return", "Terugsturen", "Return"},
    Entry{"sub.table.facilities", "Opvanglocaties", "Shelter locations"},
    Entry{"sub.table.capacity", "Capaciteit per kamergrootte", "Capacity by room size"},
    Entry{"sub.table.housing_projects", "Extra woonplekken: projecten", "Extra housing places: projects"},
    Entry{"sub.table.funding_lines", "Extra woonplekken: financieringslijnen", "Extra housing places: funding lines"},
    Entry{"sub.table.agreements", "Prestatieafspraken met corporaties", "Performance agreements with corporations"},
    Entry{"sub.table.plans", "Regionaal plan en ervaringsdeskundigheid", "Regional plan and lived experience"},
    Entry{"sub.table.budgets", "Budget en besteding", "Budget and spending"},
    Entry{"sub.table.prevention_policies", "Preventiebeleid per gemeente", "Prevention policy per municipality"},
    Entry{"sub.col.record_id", "Kenmerk", "Identifier"},
    Entry{"sub.col.name", "Naam", "Name"},
    Entry{"sub.col.municipality", "Gemeente", "Municipality"},
    Entry{"sub.col.service_type", "Soort voorziening", "Type of service"},
    Entry{"sub.col.facility_id", "Locatie (kenmerk)", "Location (identifier)"},
    Entry{"sub.col.valid_from", "Geldig vanaf", "Valid from"},
    Entry{"sub.col.room_size", "Kamergrootte", "Room size"},
    Entry{"sub.col.rooms", "Kamers", "Rooms"},
    Entry{"sub.col.places", "Plekken", "Places"},
    Entry{"sub.col.housing_kind", "Soort woonplek", "Kind of housing"},
    Entry{"sub.col.status", "Stand", "Status"},
    Entry{"sub.col.status_date", "Datum stand", "Status date"},
    Entry{"sub.col.owner", "Eigenaar", "Owner"},
    Entry{"sub.col.project_id", "Project (kenmerk)", "Project (identifier)"},
    Entry{"sub.col.funding_line", "Financieringslijn", "Funding line"},
    Entry{"sub.col.places_counted", "Getelde plekken", "Places counted"},
    Entry{"sub.col.corporation", "Corporatie", "Corporation"},
    Entry{"sub.col.covers_homeless", "Omvat dakloze mensen", "Covers homeless people"},
    Entry{"sub.col.places_agreed", "Plekken afgesproken", "Places agreed"},
    Entry{"sub.col.places_realised", "Plekken gerealiseerd", "Places realised"},
    Entry{"sub.col.plan_status", "Stand regionaal plan", "Regional plan status"},
    Entry{"sub.col.adopted_date", "Vastgesteld op", "Adopted on"},
    Entry{"sub.col.aligned_with_action_plan", "Sluit aan op landelijk actieplan",
          "Aligned with the national action plan"},
    Entry{"sub.col.contains_wonen_eerst", "Bevat Wonen Eerst", "Contains Housing First"},
    Entry{"sub.col.shelter_in_municipality_of_origin", "Opvang in gemeente van herkomst",
          "Shelter in the municipality of origin"},
    Entry{"sub.col.made_with_lived_experience", "Gemaakt met ervaringsdeskundigen",
          "Made with lived-experience experts"},
    Entry{"sub.col.lived_experience_policy", "Ervaringsdeskundigheid in beleid (0-3)",
          "Lived experience in policy (0-3)"},
    Entry{"sub.col.lived_experience_execution", "Ervaringsdeskundigheid in uitvoering (0-3)",
          "Lived experience in execution (0-3)"},
    Entry{"sub.col.target_extra_places", "Doel extra woonplekken", "Target extra housing places"},
    Entry{"sub.col.year", "Jaar", "Year"},
    Entry{"sub.col.budget_theme", "Thema", "Theme"},
    Entry{"sub.col.budget_eur", "Budget (euro)", "Budget (euro)"},
    Entry{"sub.col.spent_eur", "Besteed (euro)", "Spent (euro)"},
    Entry{"sub.col.policy_status", "Stand preventiebeleid", "Prevention policy status"},
    Entry{"sub.col.prevention_scan", "Preventiescan gedaan", "Prevention scan done"},
    Entry{"sub.col.respite_facility", "Time-out- of respijtvoorziening", "Time-out or respite facility"},
    Entry{"import.rule.delivery", "Aanlevering", "Delivery"},
    Entry{
        "import.fix.delivery",
        "Lever een map of een .zip-bestand met manifest.json en de CSV-bestanden van het uitwisselformaat, zonder "
        "andere bestanden.",
        "Deliver a folder or .zip file holding manifest.json and the exchange format's CSV files, and no other files."},
    Entry{"import.rule.manifest", "Gegevens in manifest.json", "A manifest.json field"},
    Entry{"import.fix.manifest",
          "Vul het veld in zoals het uitwisselformaat voorschrijft (paragraaf 1), bijvoorbeeld \"created\": "
          "\"2021-07-15T09:30:00Z\" en \"period\": \"2021H1\".",
          "Fill in the field as the exchange format prescribes (section 1), e.g. \"created\": \"2021-07-15T09:30:00Z\" "
          "and \"period\": \"2021H1\"."},
    Entry{"import.rule.csv", "Opbouw van het CSV-bestand", "Structure of the CSV file"},
    Entry{"import.fix.csv",
          "Sla het bestand op als CSV in UTF-8 (in Excel: 'CSV UTF-8'), met aanhalingstekens rond waarden met een "
          "scheidingsteken of regeleinde.",
          "Save the file as CSV in UTF-8 (in Excel: 'CSV UTF-8'), with quotes around values holding a separator or "
          "line break."},
    Entry{"import.rule.unknown_column", "Onbekende kolom", "Unknown column"},
    Entry{"import.fix.unknown_column",
          "Verwijder de kolom, of geef haar de naam uit het uitwisselformaat (paragraaf 2).",
          "Remove the column, or give it its name from the exchange format (section 2)."},
    Entry{"import.rule.duplicate_column", "Dubbele kolom", "Repeated column"},
    Entry{"import.fix.duplicate_column", "Laat elke kolom één keer voorkomen in de kopregel.",
          "Keep each column once in the header row."},
    Entry{"import.rule.missing_column", "Ontbrekende kolom", "Missing column"},
    Entry{"import.fix.missing_column", "Voeg de verplichte kolom toe aan de kopregel en vul haar in elke rij.",
          "Add the required column to the header row and fill it in every row."},
    Entry{"import.rule.field_count", "Aantal velden in een rij", "Number of fields in a row"},
    Entry{"import.fix.field_count",
          "Geef elke rij evenveel velden als de kopregel; zet waarden met een scheidingsteken tussen aanhalingstekens.",
          "Give every row as many fields as the header row; quote values that hold the separator."},
    Entry{"import.rule.required", "Verplichte waarde ontbreekt", "Required value missing"},
    Entry{"import.fix.required", "Vul de waarde in: deze kolom mag niet leeg zijn.",
          "Fill in the value: this column may not be empty."},
    Entry{"import.rule.text", "Tekstwaarde te lang of met verborgen tekens", "Text too long or with hidden characters"},
    Entry{"import.fix.text",
          "Kort de waarde in tot de toegestane lengte en verwijder verborgen tekens zoals regeleinden.",
          "Shorten the value to the allowed length and remove hidden characters such as line breaks."},
    Entry{"import.rule.bsn_elsewhere", "BSN buiten de kolom bsn", "BSN outside the bsn column"},
    Entry{"import.fix.bsn_elsewhere",
          "Zet een BSN alleen in de kolom bsn van persons.csv; gebruik als record_id een eigen nummer dat geen BSN is.",
          "Put a BSN only in persons.csv's bsn column; use an own number that is not a BSN as record_id."},
    Entry{"import.rule.bsn", "Ongeldig BSN", "Invalid BSN"},
    Entry{"import.fix.bsn",
          "Controleer het BSN: 9 cijfers (met voorloopnul) die de elfproef doorstaan. Is het onbekend, laat het dan "
          "leeg en vul initials en birth_date.",
          "Check the BSN: 9 digits (leading zero included) passing the elfproef. When it is unknown, leave it empty "
          "and fill in initials and birth_date."},
    Entry{"import.rule.linkage_key", "Koppelsleutel zonder BSN", "Linkage key without a BSN"},
    Entry{"import.fix.linkage_key", "Geef een BSN, of anders de initialen (letters) en de geboortedatum.",
          "Give a BSN, or else the initials (letters) and the birth date."},
    Entry{"import.rule.date", "Datum", "Date"},
    Entry{"import.fix.date", "Schrijf datums als JJJJ-MM-DD, bijvoorbeeld 1992-07-14 voor 14 juli 1992.",
          "Write dates as YYYY-MM-DD, e.g. 1992-07-14 for 14 July 1992."},
    Entry{"import.rule.year_month", "Jaar en maand", "Year and month"},
    Entry{"import.fix.year_month",
          "Schrijf jaar en maand als JJJJ-MM, bijvoorbeeld 1992-07, niet na het halfjaar van de aanlevering.",
          "Write year and month as YYYY-MM, e.g. 1992-07, not after the delivery's period."},
    Entry{"import.rule.number", "Getal", "Number"},
    Entry{"import.fix.number",
          "Schrijf een heel getal zonder punten, spaties of decimalen, binnen het genoemde bereik.",
          "Write a whole number without dots, spaces or decimals, within the range named."},
    Entry{"import.rule.yes_no", "Ja of nee", "Yes or no"},
    Entry{"import.fix.yes_no", "Schrijf ja of nee, in kleine letters.",
          "Write ja or nee (Dutch for yes and no), in lower case."},
    Entry{"import.rule.code", "Code uit een codelijst", "Code from a code list"},
    Entry{"import.fix.code",
          "Gebruik precies een van de genoemde codes, met dezelfde hoofd- en kleine letters (uitwisselformaat, "
          "paragraaf 3).",
          "Use exactly one of the codes named, in the same upper and lower case (exchange format, section 3)."},
    Entry{"import.rule.municipality", "Gemeentecode", "Municipality code"},
    Entry{"import.fix.municipality",
          "Gebruik een GM-code die gold aan het eind van het halfjaar, bijvoorbeeld GM0363 voor Amsterdam.",
          "Use a GM code in force at the end of the period, e.g. GM0363 for Amsterdam."},
    Entry{"import.rule.region", "Regiocode", "Region code"},
    Entry{"import.fix.region",
          "Gebruik de GM-code van de centrumgemeente van de regio, bijvoorbeeld GM0363 voor regio Amsterdam.",
          "Use the GM code of the region's centrumgemeente, e.g. GM0363 for the Amsterdam region."},
    Entry{"import.rule.duplicate_id", "Dubbele record_id", "Repeated record_id"},
    Entry{"import.fix.duplicate_id", "Geef elke rij van het bestand een eigen record_id.",
          "Give every row of the file its own record_id."},
    Entry{"import.rule.reference", "Verwijzing naar een ander bestand", "Reference to another file"},
    Entry{"import.fix.reference",
          "Verwijs naar een record_id die in het genoemde bestand van dezelfde aanlevering staat, en lever dat bestand "
          "mee.",
          "Refer to a record_id present in the named file of the same delivery, and deliver that file too."},
    Entry{"import.rule.order", "Volgorde van datums", "Order of dates"},
    Entry{"import.fix.order", "Een einddatum ligt op of na de begindatum; controleer of de datums zijn omgewisseld.",
          "An end date is on or after its start date; check whether the dates were swapped."},
    Entry{"import.rule.conditional", "Kolommen die bij elkaar horen", "Columns that go together"},
    Entry{"import.fix.conditional",
          "Vul deze kolom precies wanneer de genoemde andere kolom gevuld is, bijvoorbeeld een vertrekbestemming bij "
          "een einddatum.",
          "Fill in this column exactly when the other column named is filled in, e.g. an exit destination with an end "
          "date."},
    Entry{"import.rule.consistency", "Tegenstrijdige waarden", "Contradicting values"},
    Entry{"import.fix.consistency",
          "Maak de waarden in de rij met elkaar in overeenstemming, zoals de melding beschrijft.",
          "Make the row's values agree with each other, as the message describes."},
    Entry{"import.suggestion", "Voorstel", "Suggestion"},
    Entry{"download.csv_nl", "CSV voor Excel (puntkomma, decimale komma)",
          "CSV for Dutch Excel (semicolon, decimal comma)"},
    Entry{"download.csv", "CSV voor programma's (komma, decimale punt)", "CSV for programs (comma, decimal point)"},
    Entry{"notice.synthetic",
          "Let op: synthetische voorbeelddata. Deze cijfers zijn gemaakt met 'onderdak generate' en beschrijven geen "
          "echte personen; ze tonen alleen hoe onderdak werkt.",
          "Note: synthetic demonstration data. These figures were made with 'onderdak generate' and describe no real "
          "persons; they only show how onderdak works."},
    Entry{"skip.main", "Direct naar de inhoud", "Skip to content"},
    Entry{"footer.licence", "Open source onder EUPL-1.2", "Open source under EUPL-1.2"},
};

// Every table of the catalogue: this file's and those split off by what they are for.
std::array<std::span<const Entry>, 6> Tables() {
  return {std::span<const Entry>(kTexts), internal::ProviderTexts(), internal::ErrorTexts(),
          internal::GlossaryTexts(),      internal::ReportTexts(),   internal::ProjectionTexts()};
}

// The entry of `key` in any table, or nullptr.
const Entry* Find(std::string_view key) {
  for (const auto table : Tables()) {
    for (const auto& e : table) {
      if (e.key == key) return &e;
    }
  }
  return nullptr;
}

}  // namespace

Lang ParseLang(std::string_view code) { return code == "en" ? Lang::kEn : Lang::kNl; }
std::string_view LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "nl"; }

std::string_view T(Lang lang, std::string_view key) {
  const Entry* e = Find(key);
  if (e == nullptr) return key;
  return lang == Lang::kEn ? e->en : e->nl;
}

std::vector<std::string_view> AllKeys() {
  std::vector<std::string_view> keys;
  for (const auto table : Tables()) {
    for (const auto& e : table) keys.push_back(e.key);
  }
  return keys;
}

bool HasTranslation(Lang lang, std::string_view key) {
  const Entry* e = Find(key);
  return e != nullptr && !(lang == Lang::kEn ? e->en : e->nl).empty();
}

}  // namespace onderdak::web
