// The texts of error pages (err.*): a title and an explanation per HTTP status, in plain
// Dutch first. The server's own message stays English (it is the API's and the log's
// language, ADR 0034) and appears beneath, marked as such. Split from i18n.cc by what
// they are for; T() looks in every table. Also the plain-language fixes of the submission
// form's own rules (sub.fix.*, submission/content.h).

#include "onderdak/web/i18n_table.h"

namespace onderdak::web::internal {
namespace {

using Entry = TextEntry;

constexpr Entry kErrorTexts[] = {
    Entry{"err.title.400", "Dit verzoek kan niet worden verwerkt", "This request cannot be processed"},
    Entry{"err.text.400",
          "Het adres of het formulier bevat een waarde die onderdak niet kent of niet toestaat. Ga terug en "
          "controleer de waarde; de melding hieronder noemt welke.",
          "The address or the form holds a value onderdak does not know or does not allow. Go back and check the "
          "value; the message below names it."},
    Entry{"err.title.401", "Inloggen nodig", "Login required"},
    Entry{"err.text.401", "Log in om deze pagina te zien of dit te doen.", "Log in to see this page or do this."},
    Entry{"err.title.403", "Geen toegang", "No access"},
    Entry{"err.text.403",
          "Uw rol geeft geen toegang tot deze pagina of deze handeling. Persoonsgegevens zijn alleen zichtbaar "
          "binnen de eigen regio. Hebt u toegang nodig, vraag dan de beheerder van onderdak in uw organisatie.",
          "Your role gives no access to this page or this action. Person-level data is visible only inside its own "
          "region. If you need access, ask the onderdak administrator of your organisation."},
    Entry{"err.title.404", "Pagina niet gevonden", "Page not found"},
    Entry{"err.text.404",
          "Op dit adres staat geen pagina, of de gevraagde regio, periode of aanlevering bestaat niet (meer).",
          "There is no page at this address, or the region, period or delivery asked for does not exist (any more)."},
    Entry{"err.title.405", "Deze handeling kan hier niet", "This action is not possible here"},
    Entry{"err.text.405", "Dit adres accepteert deze soort verzoek niet.",
          "This address does not take this kind of request."},
    Entry{"err.title.408", "Het verzoek kwam te langzaam binnen", "The request arrived too slowly"},
    Entry{"err.text.408", "De verbinding was te traag of viel weg. Probeer het opnieuw.",
          "The connection was too slow or dropped. Please try again."},
    Entry{"err.title.409", "Intussen gewijzigd", "Changed in the meantime"},
    Entry{"err.text.409", "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.",
          "Someone else changed this in the meantime. Reload the page and try again."},
    Entry{"err.title.413", "Te groot", "Too large"},
    Entry{"err.text.413", "Het bestand of formulier is groter dan onderdak aanneemt.",
          "The file or form is larger than onderdak accepts."},
    Entry{"err.title.415", "Verkeerd soort bestand", "Wrong kind of file"},
    Entry{"err.text.415", "onderdak kan dit soort bestand hier niet lezen.",
          "onderdak cannot read this kind of file here."},
    Entry{"err.title.429", "Te veel verzoeken", "Too many requests"},
    Entry{"err.text.429", "Er kwamen in korte tijd te veel verzoeken. Wacht even en probeer het dan opnieuw.",
          "Too many requests came in a short time. Wait a moment and try again."},
    Entry{"err.title.431", "Te groot", "Too large"},
    Entry{"err.text.431", "De kopregels van het verzoek zijn groter dan onderdak aanneemt.",
          "The request's headers are larger than onderdak accepts."},
    Entry{"err.title.500", "Er ging iets mis", "Something went wrong"},
    Entry{"err.text.500",
          "De server kon dit verzoek niet beantwoorden. De fout staat in het logboek van de server; er is niets "
          "gewijzigd.",
          "The server could not answer this request. The error is in the server's log; nothing was changed."},
    Entry{"err.title.503", "Tijdelijk niet beschikbaar", "Temporarily unavailable"},
    Entry{"err.text.503", "De server is druk of wordt onderhouden. Probeer het over een minuut opnieuw.",
          "The server is busy or under maintenance. Please try again in a minute."},
    Entry{"err.title.other", "Verzoek geweigerd", "Request refused"},
    Entry{"err.text.other", "onderdak kon dit verzoek niet uitvoeren.", "onderdak could not carry out this request."},
    Entry{"err.detail", "Technische melding (in het Engels)", "Technical message"},
    Entry{"err.details", "Technische meldingen (in het Engels)", "Technical messages"},
    Entry{"sub.fix.shape", "Het formulier kwam niet goed binnen. Laad de pagina opnieuw en vul de gegevens opnieuw in.",
          "The form did not arrive intact. Reload the page and enter the data again."},
    Entry{"sub.fix.number_from", "Vul een heel getal in van {} of meer, zonder punten of spaties.",
          "Enter a whole number of {} or more, without dots or spaces."},
    Entry{"sub.fix.number_between", "Vul een heel getal in van {} tot en met {}.",
          "Enter a whole number from {} to {}."},
    Entry{"sub.upload_refused", "Het werkblad is niet overgenomen; er is niets gewijzigd.",
          "The workbook was not taken over; nothing was changed."},
    Entry{"sub.fix.plan_rows", "Het regioplan is één rij; verwijder de andere rijen.",
          "The regional plan is one row; remove the other rows."},
    Entry{"sub.fix.plan_required", "Vul het regioplan in (één rij) voordat u indient.",
          "Fill in the regional plan (one row) before you submit."},
    Entry{"sub.fix.comment", "Schrijf een toelichting: wat moet de regio aanpassen?",
          "Write a comment: what should the region change?"},
    Entry{"sub.fix.formula", "Vul de waarde zelf in; een formule neemt onderdak niet over.",
          "Enter the value itself; onderdak does not take formulas."},
    Entry{"sub.fix.cell_error",
          "De cel bevat een foutwaarde van het rekenblad (zoals #DEEL/0!); vul de juiste waarde in.",
          "The cell holds a spreadsheet error (such as #DIV/0!); enter the right value."},
    Entry{"sub.fix.layout",
          "Het werkblad wijkt af van het sjabloon van onderdak. Download het sjabloon opnieuw en laat de namen van de "
          "bladen en kolommen staan.",
          "The workbook differs from onderdak's template. Download the template again and keep the names of the sheets "
          "and columns."},
    Entry{"err.home", "Naar het overzicht", "To the overview"},
    Entry{"err.login", "Inloggen", "Log in"},
};

}  // namespace

std::span<const TextEntry> ErrorTexts() { return kErrorTexts; }

}  // namespace onderdak::web::internal
