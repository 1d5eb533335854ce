"""Texts for the collaboration tables (medvirkning, samhandlingsundersøkelser,
samhandlingsskårer) in the Excel template and when files are read: what each
column holds, the 1–5 scale with decimals, the suggested dimensions and
instruments. (The validation messages are in texts.VALIDATION; the seven
dimensions themselves in portfolio.texts.dimensions.)"""

_COUNT = "Antall deltakere som var {group}. Helt tall, 0 eller mer; tomt hvis ikke telt."

# What each column holds, in plain Norwegian (the template's instructions sheet;
# merged into portfolio.texts.update.COLUMN_HELP)
COLUMN_HELP = {
    "engagements": {
        "engagement_id": "Fast ID for medvirkningen: små bokstaver, tall og bindestrek, for eksempel "
                         "«dialogverksted-2021-1».",
        "initiative_id": "Tiltaket medvirkningen hører til.",
        "kind": "Hva slags møte det er.",
        "title": "Tittel, slik det ble invitert til.",
        "held_on": "Datoen (første dag, om det varer flere dager).",
        "place": "Hvor det holdes, eller «digitalt».",
        "participants_citizens": _COUNT.format(group="innbyggere"),
        "participants_politicians": _COUNT.format(group="politikere"),
        "participants_leaders": _COUNT.format(group="ledere"),
        "participants_staff": _COUNT.format(group="ansatte"),
        "participants_volunteers": _COUNT.format(group="frivillige"),
        "participants_business": _COUNT.format(group="fra næringslivet"),
        "participants_other": _COUNT.format(group="andre"),
        "is_public": "Om medvirkningen vises på den offentlige siden (uten antall deltakere). Bare for "
                     "offentlige tiltak.",
        "note": "Merknad (intern).",
    },
    "collaboration_surveys": {
        "survey_id": "Fast ID for undersøkelsen: små bokstaver, tall og bindestrek, for eksempel "
                     "«rk-helse-2023».",
        "initiative_id": "Tiltaket undersøkelsen gjelder. Tomt når den gjelder et kommunalområde.",
        "area": "Kommunalområdet undersøkelsen gjelder, skrevet som i arket Tiltak. Tomt når den gjelder et "
                "tiltak.",
        "conducted_on": "Datoen undersøkelsen ble avsluttet.",
        "respondent_group": "Hvem som svarte, for eksempel ansatte, ledere eller partnere.",
        "respondents": "Hvor mange som svarte (n).",
        "instrument": "Måleinstrumentet, for eksempel «Relasjonell koordinering (Gittell)».",
    },
    "collaboration_scores": {
        "survey_id": "Undersøkelsen resultatet hører til.",
        "dimension": "Dimensjonen, for eksempel «Felles mål». De sju dimensjonene i relasjonell koordinering "
                     "står i listen; et annet måleinstrument kan ha egne.",
        "mean": "Gjennomsnittet på skalaen fra 1 til 5, med desimalkomma, for eksempel 3,8.",
        "n": "Hvor mange som svarte på denne dimensjonen; ikke flere enn undersøkelsens antall svar. Under 5 "
             "svar vises ikke gjennomsnittet.",
    },
}

# More steps of the instructions sheet (after portfolio.texts.register.INSTRUCTIONS_STEPS)
INSTRUCTIONS_STEPS = (
    "13. Samhandling: arket «Medvirkning» har møtene med innbyggere og partnere (dialogverksteder, "
    "konferanser, seminarer), med antall deltakere per gruppe. Antallene er interne; en offentlig "
    "medvirkning vises uten dem, og må høre til et offentlig tiltak.",
    "14. «Samhandlingsundersøkelser» er målinger av samhandlingen (relasjonell kapasitet) i ett tiltak eller "
    "ett kommunalområde: fyll ut enten Tiltak-ID eller Kommunalområde, ikke begge. «Samhandlingsskårer» har "
    "resultatet per dimensjon: gjennomsnitt fra 1 til 5 og antall svar. Et gjennomsnitt av færre enn 5 svar "
    "vises ikke. En fil uten disse arkene (en eldre mal) endrer dem ikke.",
)

# The instructions sheet's «Gyldige verdier»
DECIMAL_RANGE_NOTE = "Tall fra {minimum} til {maximum}, med desimalkomma (for eksempel 3,8)"
DIMENSION_NOTE = "En av de sju dimensjonene i relasjonell koordinering, eller en dimensjon fra et annet instrument"
INSTRUMENT_NOTE = "For eksempel «{instrument}», eller et annet instrument"
AREA_NOTE = "Et kommunalområde fra arket Tiltak (Kommunalområde eller Samarbeidende områder)"

# The template's checks in Excel
DECIMAL_RANGE_ERROR_TITLE = "Ugyldig tall"
DECIMAL_RANGE_ERROR = "Skriv et tall fra {minimum} til {maximum}, for eksempel 3,8."
DIMENSION_HELP_TITLE = "Dimensjon"
DIMENSION_HELP = "Velg en av de sju dimensjonene, eller skriv en dimensjon fra et annet instrument."
INSTRUMENT_HELP_TITLE = "Måleinstrument"
INSTRUMENT_HELP = "Velg fra listen, eller skriv navnet på et annet instrument."
AREA_ERROR_TITLE = "Ukjent kommunalområde"
AREA_ERROR = (
    "Kommunalområdet er ikke nevnt i arket Tiltak. Skriv det slik det står der under Kommunalområde eller "
    "Samarbeidende områder. Vil du beholde det likevel?"
)
# A reference to another table than Tiltak (merged with portfolio.texts.register.REFERENCE_ERRORS)
REFERENCE_ERRORS = {
    "collaboration_surveys": (
        "Ukjent undersøkelse",
        "Undersøkelse-ID-en finnes ikke i arket Samhandlingsundersøkelser. Vil du beholde den likevel?",
    ),
}
