// The texts of the regional report (report.*, report_page.cc). Split from i18n.cc by what
// they are for; T() looks in every table.

#include "onderdak/web/i18n_table.h"

namespace onderdak::web::internal {
namespace {

using Entry = TextEntry;

constexpr Entry kReportTexts[] = {
    Entry{"report.kind", "Voortgangsrapportage aan de gemeenteraad", "Progress report to the municipal council"},
    Entry{"report.title", "Dakloosheid en Wonen Eerst in de regio {region}, {year}",
          "Homelessness and Housing First in the region of {region}, {year}"},
    Entry{"report.subtitle",
          "Regio {region} (centrumgemeente, {code}), met de gemeenten {members}. Jaarrapportage over {year}.",
          "Region {region} (centrumgemeente, {code}), with the municipalities {members}. Annual report on {year}."},
    Entry{"report.asof", "Stand van de gegevens: {date}. Gemaakt met onderdak {version}.",
          "Data as of {date}. Made with onderdak {version}."},
    Entry{"report.page", "Pagina", "Page"},
    Entry{"report.of", "van", "of"},
    Entry{"report.toc", "Inhoud", "Contents"},
    Entry{"report.key", "In het kort", "At a glance"},
    Entry{"report.key.intro",
          "De belangrijkste cijfers van {period}, naast dezelfde periode een jaar eerder en het landelijke cijfer. "
          "Een verandering staat er alleen als de regio in beide perioden volledig leverde: een ontbrekende levering "
          "is nooit een daling.",
          "The main figures of {period}, beside the same period a year earlier and the national figure. A change is "
          "given only when the region delivered completely in both periods: a missing delivery is never a fall."},
    Entry{"report.col.figure", "Cijfer", "Figure"},
    Entry{"report.col.year_before", "Een jaar eerder", "A year earlier"},
    Entry{"report.col.change", "Verandering", "Change"},
    Entry{"report.col.national", "Nederland", "The Netherlands"},
    Entry{"report.col.target", "Landelijk doel", "National target"},
    Entry{"report.change.up", "hoger", "higher"},
    Entry{"report.change.down", "lager", "lower"},
    Entry{"report.change.same", "gelijk", "the same"},
    Entry{"report.change.none", "niet te vergelijken", "not comparable"},
    Entry{"report.target.none", "geen landelijk doel", "no national target"},
    Entry{"report.target.by", "{label}, uiterlijk {deadline}", "{label}, by {deadline}"},
    Entry{"report.target.met", "de regio haalt dit", "the region meets it"},
    Entry{"report.target.not_met", "de regio haalt dit nog niet", "the region does not meet it yet"},
    Entry{"report.incomplete", "levering onvolledig", "delivery incomplete"},
    Entry{"report.chapter.prevention", "Preventie", "Prevention"},
    Entry{"report.chapter.shelter", "De opvang: hoeveel, hoe lang, hoe snel", "Shelter: how many, how long, how soon"},
    Entry{"report.chapter.housing", "Wonen Eerst en woonplekken", "Housing First and housing places"},
    Entry{"report.chapter.youth", "Jongeren", "Young people"},
    Entry{"report.chapter.access", "Toegang (landelijke toegankelijkheid)", "Access (national accessibility)"},
    Entry{"report.chapter.lived", "Ervaringsdeskundigheid", "Lived experience"},
    Entry{"report.chapter.money", "Geld", "Money"},
    Entry{"report.chapter.plan", "Regionaal plan en levering van gegevens", "Regional plan and data delivery"},
    Entry{"report.chapter.data", "Volledigheid en wat we niet zien", "Completeness and what we do not see"},
    Entry{"report.appendix.definitions", "Bijlage A. Definities", "Appendix A. Definitions"},
    Entry{"report.appendix.sources", "Bijlage B. Bronnen en herkomst van de cijfers",
          "Appendix B. Sources and provenance of the figures"},
    Entry{"report.col.period", "Periode", "Period"},
    Entry{"report.col.region", "Regio", "Region"},
    Entry{"report.definition.active", "Wie telt als dakloos in dit rapport: {label} ({name}).",
          "Who counts as homeless in this report: {label} ({name})."},
    Entry{"report.sources.intro",
          "Alle cijfers komen uit de gegevens die de organisaties in de regio aan onderdak leverden, met "
          "statistische geheimhouding zoals op de openbare pagina's. Met dezelfde database en dezelfde opdracht "
          "geeft onderdak hetzelfde rapport.",
          "All figures come from the data the organisations in the region delivered to onderdak, with statistical "
          "confidentiality as on the public pages. The same database and the same command give the same report."},
    Entry{"report.sources.deliveries", "Versie van de leveringen", "Version of the deliveries"},
    Entry{"report.sources.reference", "Gemeenten en regio's", "Municipalities and regions"},
    Entry{"report.sources.software", "Software", "Software"},
    Entry{"report.sources.asof", "Stand van de gegevens", "Data as of"},
    Entry{"report.sources.command", "Opnieuw maken", "To make again"},
    Entry{"region.reports", "Jaarrapportage voor de gemeenteraad", "Yearly report for the municipal council"},
    Entry{"region.reports.note",
          "om te printen of als PDF te bewaren; 'onderdak report' maakt de PDF met paginanummers",
          "to print or save as PDF; 'onderdak report' makes the PDF with page numbers"},
    Entry{"report.national.kind", "Halfjaarlijkse voortgangsrapportage", "Half-yearly progress report"},
    Entry{"report.national.title", "Dakloosheid en Wonen Eerst in Nederland, {period}",
          "Homelessness and Housing First in the Netherlands, {period}"},
    Entry{"report.national.subtitle",
          "Het landelijke beeld over {period} uit de gegevens van de regio's die leverden; elk landelijk cijfer "
          "noemt de regio's die het dekt.",
          "The national picture of {period} from the data of the regions that delivered; every national figure "
          "names the regions it covers."},
    Entry{"report.national.picture", "Het landelijke beeld", "The national picture"},
    Entry{"report.national.map", "Kaart", "Map"},
    Entry{"report.national.regions", "Alle regio's", "All regions"},
    Entry{"report.national.regions.intro",
          "De belangrijkste cijfers van elke regio over {period}, naast het landelijke cijfer.",
          "Each region's main figures for {period}, beside the national figure."},
    Entry{"overview.report", "Halfjaarrapportage van deze periode", "Half-year report of this period"},
    Entry{"report.similar", "Naast regio's van vergelijkbare grootte", "Beside regions of similar size"},
    Entry{"report.similar.intro",
          "De regio naast de regio's met het dichtstbijzijnde aantal inwoners (bevolking op {date}), {period}.",
          "The region beside the regions nearest to it in inhabitants (population on {date}), {period}."},
    Entry{"report.similar.none",
          "Voor een vergelijking met regio's van vergelijkbare grootte zijn bevolkingscijfers nodig: importeer het "
          "aantal inwoners per gemeente van CBS (onderdak population import, docs/population-format.md).",
          "A comparison with regions of similar size needs population figures: import CBS's inhabitants per "
          "municipality (onderdak population import, docs/population-format.md)."},
    Entry{"report.nodata", "Geen gegevens over deze periode.", "No data for this period."},
};

}  // namespace

std::span<const TextEntry> ReportTexts() { return kReportTexts; }

}  // namespace onderdak::web::internal
