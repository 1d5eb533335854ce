"""Texts of the pages «Om dataene» and «Tilgjengelighetserklæring», and the
navigation of the public entry point."""

import datetime as dt

# Navigation
ABOUT_DATA_PAGE = "Om dataene"
STATEMENT_PAGE = "Tilgjengelighetserklæring"
PUBLIC_NAV = "Samhandlingskommunen"

# -- Om dataene ----------------------------------------------------------------
ABOUT_TITLE = "Om dataene"
ABOUT_INTRO = (
    "Her står det hva dataene i løsningen er, hvor ferske de er, og hvem som svarer for dem."
)

WHAT_HEADING = "Hva dataene er"
WHAT = (
    "Dataene beskriver tiltakene i programmet Samhandlingskommunen Kristiansand og tiltak som "
    "henger sammen med det. For hvert tiltak står det hva det er, hvilken fase det er i, "
    "milepæler med datoer, budsjett og regnskap per år, og det ledelsen styrer etter: vedtak, "
    "sjekklister ved beslutningspunktene, risikoer og gevinster.\n\n"
    "Hver gang noen oppdaterer dataene, lagres et nytt øyeblikksbilde av hele porteføljen. "
    "Gamle øyeblikksbilder blir aldri endret. Derfor kan vi se hvordan porteføljen så ut "
    "på en tidligere dato."
)
PUBLIC_PART = (
    "Den offentlige siden «For innbyggere og politikere» viser bare tiltak, milepæler, vedtak og "
    "gevinster som er merket som offentlige, og bare felt som er offentlige. Interne vurderinger, "
    "kommentarer, prognoser, notater, risikoer og sjekklister vises aldri der. Hvilke felt som "
    "er offentlige, er bestemt ett sted i løsningen, i datamodellen."
)

OPEN_DATA_HEADING = "Åpne data"
OPEN_DATA = (
    "De offentlige dataene er åpne data. Du kan laste dem ned på siden «For innbyggere og "
    "politikere», under «Last ned dataene». De samme filene følger med når kommunen publiserer "
    "porteføljen som en egen nettside. Hver tabell finnes som CSV og som Parquet:"
)
OPEN_DATA_FORMATS = (
    "**CSV:** tekst i UTF-8 med komma mellom feltene og datoer som ÅÅÅÅ-MM-DD. Et felt med flere "
    "verdier står som en JSON-liste, for eksempel [\"Oppvekst\",\"Helse og mestring\"]. Et tomt felt "
    "betyr at verdien mangler.",
    "**Parquet:** de samme radene, med typene fra datamodellen (tall, datoer og lister). Passer for dataanalyse.",
    "**datapackage.json:** beskriver filene etter standarden Frictionless Data Package: hver kolonne "
    "med navn, norsk tittel og forklaring, type, om den er påkrevd, gyldige verdier, nøkler og hvilken "
    "tabell den viser til. Filene kan kontrolleres med `frictionless validate datapackage.json`.",
    "**catalog.jsonld:** beskriver datasettet etter DCAT-AP-NO, slik at Felles datakatalog "
    "(data.norge.no) kan høste det: hvem som utgir dataene, hvem du kan kontakte, tema, lisens og filene.",
    "**changes.xml:** en Atom-feed med én oppføring per endring i de offentlige dataene. Du kan følge "
    "den i en nyhetsleser.",
    "**kalender.ics:** en kalender med de offentlige milepælene, arrangementene og vedtakene. Du kan "
    "abonnere på den i kalenderen din.",
)
OPEN_DATA_PUBLISHED_ONLY = (
    "Katalogbeskrivelsen og feeden med endringer finnes bare i den publiserte mappen, fordi de trenger "
    "kommunens innstillinger og historikken."
)
OPEN_DATA_LICENCE = (
    "Du kan bruke dataene fritt etter Norsk lisens for offentlige data (NLOD) 2.0. Oppgi "
    "Kristiansand kommune som kilde."
)

FRESH_HEADING = "Hvor ferske dataene er"
FRESH_PUBLIC = "Dataene ble sist oppdatert {date}."
FRESH_INTERNAL = "Siste øyeblikksbilde er fra {date}. Det ble lagret av {author}."
FRESH_COUNT = "Det finnes {count} øyeblikksbilder. Det første er fra {first}."
FRESH_SHOWN = "Du ser nå øyeblikksbildet fra {date}."
FRESH_TABLE = "Øyeblikksbildet har {initiatives} tiltak, {budgets} budsjettlinjer og {milestones} milepæler."
FRESH_PUBLIC_TABLE = "Det er publisert {initiatives} tiltak, {budgets} budsjettlinjer og {milestones} milepæler."

WHO_HEADING = "Hvem som svarer for dataene"
WHO_INTRO = "Hvert tiltak har en prosjekteier, som er lederen med ansvar for tiltaket og dataene om det."
WHO_PROGRAMME = "{name}: {count} tiltak hører til programmet. Prosjekteier er {owner}."
WHO_LEADER = "Prosjektleder er {leader}."
WHO_NO_LEADER = "Prosjektleder er ikke oppgitt i dataene."
WHO_MORE = "Det finnes {count} programmer til."
WHO_NONE = "Det finnes ingen programmer i dataene ennå."
WHO_CONTACT = (
    "Spørsmål om dataene kan sendes til kommunens postmottak: "
    "[postmottak@kristiansand.kommune.no](mailto:postmottak@kristiansand.kommune.no)."
)

DEMO_HEADING = "Eksempeldata"
DEMO_YES = (
    "Dataene du ser nå, er eksempeldata (demodata). De er merket som eksempeldata, og "
    "sidene med data sier det. Eksempeldataene bygger på fem offentlige dokumenter om "
    "Samhandlingskommunen Kristiansand:"
)
DEMO_SOURCES = (
    "nyhetssaken «Samhandlingskommune er i gang!» (høsten 2021)",
    "invitasjonen til konferansen «Sammen.» (27.–28. oktober)",
    "artikkelen «Sterkere sammen – med innbyggerne» (tidlig i 2022)",
    "mandatet for konseptfasen, behandlet av kommunedirektørens ledergruppe 18.10.2021",
    "artikkelen «Første fellessamling i helse og sosial» (16.11.2017)",
)
DEMO_ILLUSTRATIVE = (
    "Alt annet er laget for å vise hvordan løsningen virker, og er ikke fakta om kommunen. "
    "Det gjelder blant annet alle statuser og kommentarer, de fleste budsjetter, alt regnskap "
    "og alle prognoser, de fleste datoer, alle risikoer og alle målinger av gevinstene. "
    "Vedtakene i kommunedirektørens ledergruppe fra 2020 og 2021, svarene på sjekklisten ved "
    "beslutningspunkt 1 og de tre gevinstene står i mandatet. Prosjektledere som dokumentene "
    "ikke nevner, står tomme i stedet for å bli diktet opp. En full oversikt over hvilke verdier som "
    "kommer fra hvilket dokument, står i filen data/README.md i løsningen."
)
DEMO_NO = "Dataene er kommunens egne data, ikke eksempeldata."

# -- Tilgjengelighetserklæring ---------------------------------------------------
STATEMENT_DATE = dt.date(2026, 11, 23)
STATEMENT_TITLE = "Tilgjengelighetserklæring"
STATEMENT_INTRO = (
    "Kristiansand kommune har ansvar for denne løsningen: porteføljeoversikten for "
    "Samhandlingskommunen Kristiansand, med den offentlige siden «For innbyggere og "
    "politikere». Løsningen skal være universelt utformet, slik at alle kan bruke den."
)
STATEMENT_DATE_LINE = "Erklæringen ble skrevet {date}. Vi oppdaterer den når løsningen endres."

LAW_HEADING = "Hvilke krav løsningen skal følge"
LAW = (
    "Likestillings- og diskrimineringsloven og forskrift om universell utforming av "
    "IKT-løsninger krever at offentlige nettløsninger, også intranett, følger standarden "
    "WCAG 2.1 på nivå A og AA. Offentlige virksomheter skal også ha en "
    "tilgjengelighetserklæring."
)

STATUS_HEADING = "Hvor godt løsningen følger kravene"
STATUS = (
    "Løsningen følger kravene **delvis**. Vi kjenner til noen mangler, og noe har vi ikke "
    "testet ennå. Det står nedenfor."
)

OK_HEADING = "Dette er i orden"
OK = (
    "Alle sidene testes automatisk med verktøyet axe-core mot kravene i WCAG 2.1 A og AA. "
    "Testen finner ingen alvorlige eller kritiske feil.",
    "Sidene er merket som norsk bokmål, slik at skjermlesere leser teksten med norsk uttale.",
    "Hver side har én hovedoverskrift, og overskriftene kommer i riktig rekkefølge.",
    "Filtrene og søkefeltene kan brukes med tastaturet.",
    "Status vises alltid med ord, ikke bare med farge.",
    "Fargene har nok kontrast. Tekst har minst 4,5:1 mot bakgrunnen. Farger som betyr noe "
    "i diagrammer, har minst 3:1.",
    "Hvert diagram har en setning som sier det viktigste, og en tabell med de samme tallene.",
    "Den offentlige siden virker på en mobilskjerm og er skrevet i et enkelt språk.",
)

NOT_OK_HEADING = "Dette er ikke i orden ennå"
NOT_OK = (
    "**Verktøytips i diagrammene:** Tallene i et diagram vises som verktøytips når du holder "
    "musen over en stolpe. Verktøytipsene kan ikke åpnes med tastaturet, og skjermlesere leser "
    "dem ikke. De samme tallene står i tabellen ved siden av hvert diagram.",
    "**Store tabeller:** De store tabellene i den interne delen, for eksempel statustabellen, er "
    "tegnet på et lerret (canvas). De kan være tungvinte å bruke med skjermleser. Tabellene ved "
    "diagrammene på oversiktssiden er vanlige tabeller. Tabellene kan lastes ned som Excel eller CSV.",
    "**Engelske knapper og etiketter:** Noen knapper og skjulte etiketter som følger med "
    "verktøyet Streamlit, er på engelsk, for eksempel «Skip to main content», «Main menu», "
    "«Fullscreen» og «Upload». De er ikke merket som engelsk, så skjermlesere kan lese dem "
    "med norsk uttale.",
    "**Emoji:** Emoji kan vises som tomme firkanter på maskiner som mangler en skrift med "
    "emoji. Vi bruker derfor ikke emoji til å vise status eller annen viktig informasjon.",
    "**Brede tabeller på mobil:** Sidene for ledelsen har brede tabeller. På en liten skjerm "
    "må du rulle sidelengs i dem.",
    "**Nedlastede filer:** Excel- og CSV-filene som kan lastes ned, er ikke testet for "
    "universell utforming.",
)

NOT_TESTED_HEADING = "Dette har vi ikke testet ennå"
NOT_TESTED = (
    "Vi har ikke testet løsningen med skjermlesere (for eksempel NVDA, JAWS eller VoiceOver) "
    "eller med brukere som har nedsatt funksjonsevne. Automatiske tester finner bare en del "
    "av feilene. Erklæringen er ikke publisert i Digitaliseringsdirektoratets løsning "
    "uustatus.no ennå."
)

FEEDBACK_HEADING = "Gi oss beskjed"
FEEDBACK = (
    "Har du funnet noe som ikke virker for deg? Eller trenger du innholdet i en annen form? "
    "Send en e-post til kommunens postmottak: "
    "[postmottak@kristiansand.kommune.no](mailto:postmottak@kristiansand.kommune.no). "
    "Skriv «Porteføljeoversikt – universell utforming» i emnefeltet."
)

COMPLAINT_HEADING = "Klage"
COMPLAINT = (
    "Får du ikke svar, eller er du ikke fornøyd med svaret? Da kan du melde fra til "
    "Tilsynet for universell utforming av IKT (Uu-tilsynet). Der står det også hvordan du "
    "klager: [uutilsynet.no](https://www.uutilsynet.no/). Klager på brudd på reglene "
    "behandles av [Diskrimineringsnemnda](https://www.diskrimineringsnemnda.no/)."
)
