// The texts of the pages for providers: delivering in the browser (dlv.*), the
// data-quality report (quality.*) and the provider's own figures (prov.*). Split from
// i18n.cc by what they are for; T() looks in both tables.
#include <iterator>

#include "onderdak/web/i18n_table.h"

namespace onderdak::web::internal {
namespace {

using Entry = TextEntry;

constexpr Entry kProviderTexts[] = {
    Entry{"dlv.title", "Gegevens aanleveren", "Deliver data"},
    Entry{"dlv.intro",
          "Lever de registratie van uw organisatie aan als .zip-bestand in het uitwisselformaat, versie 1. Eerst "
          "controleert onderdak het bestand; er wordt niets opgeslagen tot u op Importeren klikt. Een nieuwe "
          "aanlevering voor dezelfde organisatie, regio en periode wordt een nieuwe versie.",
          "Deliver your organisation's registration as a .zip file in the exchange format, version 1. onderdak first "
          "checks the file; nothing is stored until you click Import. A new delivery for the same organisation, region "
          "and period becomes a new version."},
    Entry{"dlv.regions", "U levert aan voor regio", "You deliver for region"},
    Entry{"dlv.organisation", "namens organisatie", "on behalf of organisation"},
    Entry{"dlv.noscript",
          "Aanleveren in de browser vraagt JavaScript. Zonder JavaScript kan het met onderdak check en de API (POST "
          "/api/v1/deliveries).",
          "Delivering in the browser needs JavaScript. Without it, use onderdak check and the API (POST "
          "/api/v1/deliveries)."},
    Entry{"dlv.file", "Aanlevering: een .zip-bestand, of manifest.json met de CSV-bestanden",
          "Delivery: a .zip file, or manifest.json with the CSV files"},
    Entry{"dlv.file_hint",
          "Sleep de bestanden hierheen of kies ze. Losse bestanden of een map worden in uw browser ingepakt tot één "
          ".zip voordat ze worden verstuurd.",
          "Drop the files here or choose them. Separate files or a folder are packed into one .zip in your browser "
          "before they are sent."},
    Entry{"dlv.folder", "Of kies een map met de bestanden", "Or choose a folder holding the files"},
    Entry{"dlv.js.zipping", "Bestanden inpakken…", "Packing the files…"},
    Entry{"dlv.js.choose", "Kies eerst een .zip-bestand, of manifest.json met de CSV-bestanden.",
          "First choose a .zip file, or manifest.json with the CSV files."},
    Entry{"dlv.check", "Controleren", "Check"},
    Entry{"dlv.import", "Importeren", "Import"},
    Entry{"dlv.progress", "Verstuurd", "Sent"},
    Entry{"dlv.history", "Eerdere aanleveringen", "Earlier deliveries"},
    Entry{"dlv.history_caption", "Aanleveringen die u mag zien, nieuwste eerst",
          "Deliveries you may see, newest first"},
    Entry{"dlv.none", "Nog geen aanleveringen.", "No deliveries yet."},
    Entry{"dlv.more", "Alleen de nieuwste 200 zijn getoond.", "Only the newest 200 are shown."},
    Entry{"dlv.col.id", "Nummer", "Number"},
    Entry{"dlv.col.period", "Periode", "Period"},
    Entry{"dlv.col.region", "Regio", "Region"},
    Entry{"dlv.col.organisation", "Organisatie", "Organisation"},
    Entry{"dlv.col.version", "Versie", "Version"},
    Entry{"dlv.col.status", "Status", "Status"},
    Entry{"dlv.col.received", "Ontvangen", "Received"},
    Entry{"dlv.col.source", "Bron", "Source"},
    Entry{"dlv.col.sha", "SHA-256 (begin)", "SHA-256 (start)"},
    Entry{"dlv.col.quality", "Kwaliteit", "Quality"},
    Entry{"dlv.quality.flag", "signaal", "flag"},
    Entry{"dlv.quality.flags", "signalen", "flags"},
    Entry{"dlv.status.current", "in gebruik", "in force"},
    Entry{"dlv.status.replaced", "vervangen", "replaced"},
    Entry{"dlv.js.sending", "Bezig met versturen", "Sending"},
    Entry{"dlv.js.checking", "Bezig met controleren", "Checking"},
    Entry{"dlv.js.valid", "Geen fouten gevonden. U kunt de aanlevering nu importeren.",
          "No errors found. You can import the delivery now."},
    Entry{"dlv.js.errors", "Er is niets opgeslagen. Aantal fouten:", "Nothing was stored. Number of errors:"},
    Entry{"dlv.js.truncated", "Er zijn meer fouten dan hier getoond; verbeter deze en controleer opnieuw.",
          "There are more errors than shown here; correct these and check again."},
    Entry{"dlv.js.groups", "Fouten per bestand en controle", "Errors per file and check"},
    Entry{"dlv.js.details", "Alle fouten", "All errors"},
    Entry{"dlv.js.csv", "Download de fouten als CSV", "Download the errors as CSV"},
    Entry{"dlv.js.imported", "Geïmporteerd als aanlevering", "Imported as delivery"},
    Entry{"dlv.js.unchanged", "Niets opgeslagen: deze aanlevering is gelijk aan de versie in gebruik, aanlevering",
          "Nothing stored: this delivery is identical to the version in force, delivery"},
    Entry{"dlv.js.warnings", "Waarschuwingen (de aanlevering is wel bruikbaar)",
          "Warnings (the delivery can still be used)"},
    Entry{"dlv.js.failed", "Versturen mislukt:", "Sending failed:"},
    Entry{"dlv.js.rows", "Rijen per bestand", "Rows per file"},
    Entry{"dlv.js.col.file", "Bestand", "File"},
    Entry{"dlv.js.col.rule", "Controle", "Check"},
    Entry{"dlv.js.col.count", "Aantal", "Number"},
    Entry{"dlv.js.col.fix", "Oplossing", "Fix"},
    Entry{"dlv.js.col.line", "Regel", "Line"},
    Entry{"dlv.js.col.column", "Kolom", "Column"},
    Entry{"dlv.js.col.message", "Melding", "Message"},
    Entry{"dlv.js.col.suggestion", "Voorstel", "Suggestion"},
    Entry{"quality.completeness", "Ingevulde optionele velden", "Optional fields filled in"},
    Entry{"quality.bsn_share", "Personen zonder BSN", "Persons without a BSN"},
    Entry{"quality.exit_unknown", "Vertrek naar onbekende bestemming", "Exits to an unknown destination"},
    Entry{"quality.long_stay", "Verblijven langer dan vijf jaar", "Stays over five years"},
    Entry{"quality.age", "Personen van 100 jaar of ouder", "Persons aged 100 or older"},
    Entry{"quality.overlap", "Dezelfde persoon in twee opvangplekken tegelijk",
          "The same person in two shelters at once"},
    Entry{"quality.timeliness", "Tijdigheid van de aanlevering", "Timeliness of the delivery"},
    Entry{"quality.change", "Aantal personen ten opzichte van de vorige periode",
          "Persons against the previous period"},
    Entry{"dlv.js.quality", "Kwaliteit van de aanlevering (waarschuwingen, geen weigering)",
          "Quality of the delivery (warnings, not a refusal)"},
    Entry{"dlv.js.flagged", "Bekijken", "Look at"},
    Entry{"dlv.js.ok", "in orde", "fine"},
    Entry{"dlv.js.col.check", "Controle", "Check"},
    Entry{"dlv.js.col.outcome", "Uitkomst", "Outcome"},
    Entry{"dlv.js.col.detail", "Toelichting", "Detail"},
    Entry{"prov.title", "Cijfers van uw organisatie", "Your organisation's figures"},
    Entry{
        "prov.intro",
        "Wat uw eigen leveringen zeggen, per locatie: bezetting tegenover capaciteit, overnachtingen, verblijfsduur en "
        "uitstroom naar wonen, en uw wachtlijsten per soort.",
        "What your own deliveries say, per location: occupancy against capacity, bed-nights, length of stay and exits "
        "to housing, and your waiting lists by type."},
    Entry{"prov.organisation", "Organisatie", "Organisation"},
    Entry{"prov.period", "Periode", "Period"},
    Entry{"prov.region", "Regio", "Region"},
    Entry{"prov.show", "Tonen", "Show"},
    Entry{"prov.choose", "Kies een organisatie die voor uw regio levert.",
          "Choose an organisation that delivers for your region."},
    Entry{"prov.no_org", "Uw account hoort niet bij een organisatie.", "Your account belongs to no organisation."},
    Entry{"prov.not_public",
          "Deze cijfers zijn niet openbaar: alleen uw organisatie en de regio zien ze. Er is daarom geen "
          "statistische geheimhouding toegepast.",
          "These figures are not public: only your organisation and the region see them, so no statistical "
          "disclosure control is applied."},
    Entry{"prov.empty", "Uw organisatie heeft voor deze periode niets aangeleverd.",
          "Your organisation delivered nothing for this period."},
    Entry{"prov.locations", "Locaties", "Locations"},
    Entry{
        "prov.locations_intro",
        "Plaatsen: de capaciteit op de laatste dag van de periode. Bezet: verblijven op die dag. Gemiddelde bezetting: "
        "overnachtingen gedeeld door de plaatsen van elke dag. Tegelijk bij een andere aanbieder: verblijven waarvan "
        "de "
        "persoon een nacht in de periode ook in de opvang van een andere organisatie doorbracht (welke wordt niet "
        "getoond); een van beide is waarschijnlijk onjuist. Klik op een locatie voor de verblijven.",
        "Places: the capacity on the period's last day. Occupied: stays on that day. Average occupancy: bed-nights "
        "divided by the places of every day. At another provider at the same time: stays of which the person spent "
        "a night of the period in another organisation's shelter as well (which one is not shown); one of the two "
        "records is probably wrong. Choose a location for its stays."},
    Entry{"prov.locations_caption", "Opvang per locatie in de periode", "Shelter per location in the period"},
    Entry{"prov.col.location", "Locatie", "Location"},
    Entry{"prov.col.region", "Regio", "Region"},
    Entry{"prov.col.municipality", "Gemeente", "Municipality"},
    Entry{"prov.col.type", "Soort opvang", "Type of shelter"},
    Entry{"prov.col.places", "Plaatsen", "Places"},
    Entry{"prov.col.occupied", "Bezet", "Occupied"},
    Entry{"prov.col.occupancy", "Bezetting", "Occupancy"},
    Entry{"prov.col.bed_nights", "Overnachtingen", "Bed-nights"},
    Entry{"prov.col.average_occupancy", "Gemiddelde bezetting", "Average occupancy"},
    Entry{"prov.col.stays", "Verblijven", "Stays"},
    Entry{"prov.col.persons", "Personen", "Persons"},
    Entry{"prov.col.ended", "Beëindigd", "Ended"},
    Entry{"prov.col.median_days", "Mediane verblijfsduur (dagen)", "Median length of stay (days)"},
    Entry{"prov.col.over_90", "Langer dan 3 maanden", "Longer than 3 months"},
    Entry{"prov.col.exits", "Uitstroom", "Exits"},
    Entry{"prov.col.to_housing", "Naar wonen", "To housing"},
    Entry{"prov.col.elsewhere", "Tegelijk bij een andere aanbieder", "At another provider at the same time"},
    Entry{"prov.no_location", "Zonder locatie", "Without a location"},
    Entry{"prov.csv", "Download als CSV", "Download as CSV"},
    Entry{"prov.waiting", "Wachtlijsten", "Waiting lists"},
    Entry{"prov.waiting_none", "Geen wachtlijstgegevens in deze periode.", "No waiting-list data in this period."},
    Entry{"prov.waiting_caption", "Wachtlijsten per soort", "Waiting lists by type"},
    Entry{"prov.col.list", "Wachtlijst", "Waiting list"},
    Entry{"prov.col.registered", "Aangemeld", "Registered"},
    Entry{"prov.col.placed", "Geplaatst", "Placed"},
    Entry{"prov.col.placed_median", "Mediane wachttijd geplaatsten (dagen)", "Median wait of those placed (days)"},
    Entry{"prov.col.waiting", "Wachtend op de laatste dag", "Waiting on the last day"},
    Entry{"prov.col.waiting_median", "Mediane wachttijd tot nu (dagen)", "Median wait so far (days)"},
    Entry{"prov.definitions",
          "De regels zijn die van de landelijke indicatoren (verblijfsduur P5, uitstroom P6, wachttijd P3 en P4, "
          "capaciteit A1), beperkt tot de leveringen van deze organisatie; een open verblijf telt tot de laatste dag "
          "van zijn levering.",
          "The rules are those of the national indicators (length of stay P5, exits P6, waiting time P3 and P4, "
          "capacity A1), restricted to this organisation's deliveries; an open stay counts up to the last day of its "
          "delivery."},
    Entry{"prov.stays_title", "Verblijven", "Stays"},
    Entry{"prov.stays_intro",
          "De verblijven in de periode, met het pseudoniem van de persoon (nooit een BSN). Een open verblijf loopt "
          "voor zover bekend tot de laatste dag van zijn levering.",
          "The stays in the period, with the person's pseudonym (never a BSN). An open stay is known to last until "
          "the last day of its delivery."},
    Entry{"prov.stays_caption", "Verblijven op deze locatie", "Stays at this location"},
    Entry{"prov.stays_none", "Geen verblijven in deze periode.", "No stays in this period."},
    Entry{"prov.stays_truncated", "Er zijn meer verblijven dan hier getoond; download ze via de API.",
          "There are more stays than shown here; download them through the API."},
    Entry{"prov.col.record", "Record", "Record"},
    Entry{"prov.col.pseudonym", "Pseudoniem", "Pseudonym"},
    Entry{"prov.col.start", "Begin", "Start"},
    Entry{"prov.col.end", "Einde", "End"},
    Entry{"prov.col.length", "Duur (dagen)", "Length (days)"},
    Entry{"prov.col.nights", "Nachten in de periode", "Nights in the period"},
    Entry{"prov.col.exit", "Vertrokken naar", "Left for"},
    Entry{"prov.open", "loopt nog, bekend tot", "ongoing, known until"},
    Entry{"nav.provider", "Cijfers van uw organisatie", "Your organisation's figures"},
};

}  // namespace

std::span<const TextEntry> ProviderTexts() { return kProviderTexts; }

}  // namespace onderdak::web::internal
