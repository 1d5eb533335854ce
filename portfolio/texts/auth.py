"""Texts for login, roles and local mode."""

LOCAL_AUTHOR = "Lokal bruker (uten innlogging)"
UNKNOWN_AUTHOR = "Ukjent bruker"
LOCAL_MODE = (
    "Lokal modus: appen kjører uten innlogging og bare på denne maskinen, og alle som bruker "
    "den her kan endre data. Sett opp innlogging før den tas i bruk i kommunens nett."
)
ALL_ADDRESSES = "alle adresser"
REFUSED_NON_LOCAL = (
    "Appen nekter å kjøre uten innlogging på adressen «{address}», fordi da kan andre i "
    "nettverket se og endre data. Sett opp innlogging i .streamlit/secrets.toml (se README), "
    "eller start appen på localhost."
)
REFUSED_REQUEST_HOST = (
    "Appen kjører uten innlogging og svarer bare når den åpnes på denne maskinen, som "
    "http://localhost:{port}. Denne siden ble åpnet under et annet navn, og det kan være en "
    "annen nettside som prøver å styre appen. Åpne http://localhost:{port} i nettleseren."
)
LOGIN_REQUIRED = "Du må logge inn for å se denne siden."
FORBIDDEN = (
    "Du er logget inn, men har ikke tilgang til denne siden. Kontakt prosjektleder for "
    "Samhandlingskommunen hvis du trenger tilgang."
)
LOGIN_PAGE = "Logg inn"
LOGIN_TITLE = "Logg inn"
LOGIN_INTRO = (
    "Porteføljeoversikten for ledergruppen og prosjektlederne krever innlogging med "
    "kommunens konto. Innbyggere og politikere finner den offentlige oversikten uten å logge inn."
)
LOGIN_BUTTON = "Logg inn med kommunens konto"
LOGOUT_BUTTON = "Logg ut"
NO_ROLE = (
    "Du er logget inn som {email}, men har ingen rolle i porteføljeoversikten ennå. "
    "Kontakt prosjektleder for Samhandlingskommunen for å få tilgang."
)
SIGNED_IN_AS = "Innlogget som {who} ({role})"
ROLE_NAMES = {"public": "offentlig", "viewer": "leser", "editor": "redaktør"}
