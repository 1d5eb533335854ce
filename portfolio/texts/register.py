"""Texts for the governance register's tables (vedtak, sjekkliste, risiko,
gevinster, gevinstmålinger) in the Excel template and when files are read:
what each column holds, numbers with decimals, the 1–5 scale, the risk score
the app computes. (The validation messages are in texts.VALIDATION.)"""

# What each column holds, in plain Norwegian (the template's instructions sheet;
# merged into portfolio.texts.update.COLUMN_HELP)
COLUMN_HELP = {
    "decisions": {
        "decision_id": "Fast ID for vedtaket: små bokstaver, tall og bindestrek, for eksempel «kdl-2021-10-18».",
        "initiative_id": "Tiltaket vedtaket gjelder.",
        "decided_on": "Datoen vedtaket ble gjort.",
        "body": "Hvem som vedtok.",
        "decision_point": "Beslutningspunktet (BP1–BP5) vedtaket ble gjort i. Tomt for andre vedtak.",
        "title": "Kort tittel på vedtaket.",
        "text": "Vedtaket slik det er formulert.",
        "case_number": "Saksnummer i arkivet.",
        "is_public": "Om vedtaket vises på den offentlige siden. Bare for offentlige tiltak.",
    },
    "checklist_answers": {
        "initiative_id": "Tiltaket sjekklisten gjelder.",
        "decision_point": "Beslutningspunktet (BP1–BP5) sjekklisten hører til.",
        "item_no": "Nummeret på spørsmålet i Prosjektveiviserens sjekkliste for beslutningspunktet.",
        "question": "Spørsmålet. Tomt: spørsmålet fra sjekklisten.",
        "answer": "Svaret: Ja, Nei, Delvis, Ikke vurdert eller et eget svar, som skrevet.",
        "comment": "Kommentar (intern).",
    },
    "risks": {
        "risk_id": "Fast ID for risikoen: små bokstaver, tall og bindestrek.",
        "initiative_id": "Tiltaket risikoen hører til.",
        "title": "Kort tittel på risikoen.",
        "description": "Hva som kan skje, og hvorfor.",
        "category": "Kategori, for eksempel økonomi, fremdrift eller personvern.",
        "probability": "Sannsynlighet fra 1 (svært lav) til 5 (svært høy).",
        "consequence": "Konsekvens fra 1 (svært liten) til 5 (svært stor).",
        "owner": "Risikoeier.",
        "mitigation": "Tiltak: hva som gjøres med risikoen.",
        "status": "Status for risikoen.",
        "strategy": "Strategi for risikoen.",
        "identified_on": "Datoen risikoen ble identifisert.",
        "review_by": "Datoen risikoen skal vurderes på nytt.",
        "residual_probability": "Sannsynlighet etter tiltak, 1–5. Tomt hvis ikke vurdert.",
        "residual_consequence": "Konsekvens etter tiltak, 1–5. Tomt hvis ikke vurdert.",
    },
    "benefits": {
        "benefit_id": "Fast ID for gevinsten: små bokstaver, tall og bindestrek.",
        "initiative_id": "Tiltaket gevinsten kommer fra.",
        "title": "Gevinsten med få ord.",
        "kind": "Hva slags gevinst det er.",
        "owner": "Gevinstansvarlig.",
        "indicator": "Måleindikator: hva som måles.",
        "unit": "Enheten indikatoren måles i.",
        "baseline": "Startverdi (nullpunkt) for indikatoren.",
        "baseline_on": "Datoen startverdien gjelder.",
        "target": "Målverdi for indikatoren.",
        "target_on": "Datoen målverdien skal være nådd.",
        "is_public": "Om gevinsten vises på den offentlige siden. Bare for offentlige tiltak.",
    },
    "benefit_measurements": {
        "benefit_id": "Gevinsten som er målt.",
        "measured_on": "Datoen for målingen; ikke før datoen for startverdien.",
        "value": "Målt verdi, i indikatorens enhet.",
        "comment": "Kommentar (intern).",
    },
}

# More steps of the instructions sheet (after portfolio.texts.update.INSTRUCTIONS_STEPS)
INSTRUCTIONS_STEPS = (
    "9. Styring: arkene «Vedtak», «Sjekkliste», «Risiko», «Gevinster» og «Gevinstmålinger» er "
    "registeret KDL styrer etter. En fil uten disse arkene (en eldre mal) endrer dem ikke: de "
    "beholdes som de er.",
    "10. Risiko: sannsynlighet og konsekvens er hele tall fra 1 til 5. Risikoskåren "
    "(sannsynlighet × konsekvens) regner appen ut; den er ikke en kolonne i filen.",
    "11. Sjekkliste: «Punkt» er nummeret på spørsmålet i Prosjektveiviserens sjekkliste for "
    "beslutningspunktet. Svar «Ja», «Nei», «Delvis» eller «Ikke vurdert», eller skriv et eget svar.",
    "12. Gevinster: tall skrives med desimalkomma, for eksempel 12,5. En måling kan ikke være "
    "fra før datoen for startverdien. Et offentlig vedtak eller en offentlig gevinst må høre til "
    "et offentlig tiltak.",
)

# The instructions sheet's «Gyldige verdier» for numbers
WHOLE_RANGE_NOTE = "Helt tall fra {minimum} til {maximum}"
WHOLE_MINIMUM_NOTE = "Helt tall, {minimum} eller mer"
DECIMAL_NOTE = "Tall, med desimalkomma (for eksempel 12,5)"
ANSWER_NOTE = "Ja, Nei, Delvis, Ikke vurdert eller et eget svar"

# The template's checks in Excel
SCALE_ERROR_TITLE = "Ugyldig verdi"
SCALE_ERROR = "Skriv et helt tall fra {minimum} til {maximum}."
WHOLE_ERROR_TITLE = "Ugyldig tall"
WHOLE_ERROR = "Skriv et helt tall, {minimum} eller mer."
DECIMAL_ERROR_TITLE = "Ugyldig tall"
DECIMAL_ERROR = "Skriv et tall, for eksempel 12,5."
ANSWER_HELP_TITLE = "Svar"
ANSWER_HELP = "Velg Ja, Nei, Delvis eller Ikke vurdert, eller skriv et eget svar."
# A reference to another table than Tiltak (Tiltak: portfolio.texts.update.REFERENCE_ERROR)
REFERENCE_ERRORS = {
    "benefits": ("Ukjent gevinst", "Gevinst-ID-en finnes ikke i arket Gevinster. Vil du beholde den likevel?"),
}

# Reading files: a cell or a column
PROBLEMS = {
    "float": "«{value}» er ikke et tall. Skriv tallet med desimalkomma, for eksempel 12,5 eller 1 234,5.",
    "int_range": "«{value}» er ikke et heltall. Skriv et helt tall fra {minimum} til {maximum}.",
    "int_minimum": "«{value}» er ikke et heltall. Skriv et helt tall, {minimum} eller mer.",
    "not_whole_range": "«{value}» har desimaler; skriv et helt tall fra {minimum} til {maximum}.",
    "score_column": (
        "risikoskåren er ikke en kolonne i filen: appen regner den ut (sannsynlighet × konsekvens). "
        "Slett kolonnen."
    ),
}
# Headers a user may give the risk score (compared ignoring case and spaces)
SCORE_HEADERS = ("score", "skår", "skåre", "risikoskår", "risikoskåre", "risikoscore", "risikotall")
