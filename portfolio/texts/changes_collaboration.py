"""Texts of the changes in the collaboration tables (medvirkning,
samhandlingsundersøkelser, samhandlingsskårer) on «Endringer», in the
summary per initiative, the import preview and `python -m portfolio diff`.
Merged into portfolio.texts.changes (its dicts hold every kind)."""

KIND_LABELS = {
    "engagement_added": "Ny medvirkning",
    "engagement_removed": "Fjernet medvirkning",
    "engagement_changed": "Medvirkning endret",
    "survey_added": "Ny samhandlingsundersøkelse",
    "survey_removed": "Fjernet samhandlingsundersøkelse",
    "survey_changed": "Samhandlingsundersøkelse endret",
    "collaboration_score_moved": "Samhandlingsskår flyttet",
    "collaboration_score_added": "Ny samhandlingsskår",
    "collaboration_score_changed": "Samhandlingsskår endret",
    "collaboration_score_removed": "Fjernet samhandlingsskår",
}

WHAT = {
    "engagements": "Medvirkning «{title}»",
    "collaboration_surveys": "Samhandlingsundersøkelse per {date}",
    "collaboration_scores": "Skår for «{dimension}» per {date}",
}

# A mean of too few answers is never shown (schema.MIN_RESPONDENTS)
TOO_FEW = "for få svar (n = {n})"

SUMMARY_PARTS = {
    "engagement_added": ("{count} ny medvirkning", "{count} nye medvirkninger"),
    "collaboration_score_moved": ("{count} samhandlingsskår flyttet", "{count} samhandlingsskårer flyttet"),
}

SEVERITY_LABEL = "Samhandling"

# The summary per initiative. {unit} is empty for an initiative's survey, or
# UNIT_AREA for a kommunalområde's.
UNIT_AREA = " for {area}"
SENTENCES = {
    "engagement_added_one": "Ny medvirkning: «{title}» ({kind}, {date}).",
    "engagement_added_many": "{count} nye medvirkninger: {items}.",
    "engagement_item": "«{title}» ({date})",
    "engagement_removed_one": "Medvirkningen «{title}» er fjernet.",
    "engagement_removed_many": "Fjernede medvirkninger: {items}.",
    "survey_added": "Ny samhandlingsundersøkelse{unit} per {date}: {group}, {respondents} svar ({instrument}).",
    "survey_removed": "Samhandlingsundersøkelsen{unit} per {date} er fjernet.",
    "scores": "Samhandlingsskårer{unit} per {date} ({group}): {parts}.",
    "score_up": "«{dimension}» opp fra {old} til {new}",
    "score_down": "«{dimension}» ned fra {old} til {new}",
    "score_same": "«{dimension}» uendret {new}",
    "score_first": "«{dimension}» {new}",
    "score_too_few": "«{dimension}» har for få svar til å vise gjennomsnittet (n = {n})",
    "score_changed": "Skåren for «{dimension}»{unit} per {date} er endret fra {old} til {new}.",
    "score_removed_one": "Skåren for «{dimension}»{unit} per {date} er fjernet.",
    "score_removed_many": "{count} skårer{unit} per {date} er fjernet: {items}.",
    "score_item": "«{dimension}»",
    "subject_engagements": "medvirkningen «{title}»",
    "subject_collaboration_surveys": "samhandlingsundersøkelsen per {date}",
    "subject_collaboration_scores": "skåren for «{dimension}» per {date}",
}

# «Endringer»: the section, and the name of the changes that belong to no initiative
PAGE = {
    "section_collaboration": "Samhandling",
    "section_collaboration_caption": (
        "Medvirkning og samhandlingsundersøkelser. En skår er flyttet når gjennomsnittet er et annet enn i "
        "forrige undersøkelse for samme tiltak eller kommunalområde og respondentgruppe. Gjennomsnitt av færre "
        "enn {min_n} svar vises ikke."
    ),
}
NO_INITIATIVE = "Kommunalområder (undersøkelser uten tiltak)"
