"""Dutch texts for the demo's action plans, assignments, logbook entries and signals.

No text here names a person, an address, a phone number or any other number: the signals'
descriptions must pass the personal-data guard (opbouw.core.personal_data).
"""

from __future__ import annotations

# Priorities of a neighbourhood action plan per domain: (title, description).
PRIORITIES = {
    "work": [
        ("Meer bewoners aan het werk of in een zinvolle dagbesteding",
         "Bewoners met een uitkering vinden via buurtnetwerken de weg naar werk, "
         "vrijwilligerswerk of scholing."),
        ("Armoede en schulden eerder in beeld",
         "Huishoudens met geldzorgen worden eerder bereikt en doorverwezen naar "
         "schuldhulpverlening."),
        ("Taal als opstap naar werk",
         "Meer bewoners volgen een taaltraject dat aansluit op werk in de wijk."),
    ],
    "education": [
        ("Ouders betrokken bij de school van hun kind",
         "Ouders en scholen werken samen aan opvoeding en schoolsucces."),
        ("Minder schooluitval onder jongeren",
         "Jongeren die dreigen uit te vallen worden op straat en op school bereikt."),
        ("Voorschool bereikt alle peuters",
         "Meer ouders kennen en gebruiken de voorschoolse voorzieningen in de buurt."),
    ],
    "liveability": [
        ("Schone en hele straten",
         "Minder zwerfafval en bijplaatsingen; bewoners nemen zelf verantwoordelijkheid voor "
         "hun straat."),
        ("Prettig samenleven in de portiek",
         "Minder burenoverlast door afspraken tussen bewoners en eerder ingrijpen."),
        ("Groen en ontmoeten in de openbare ruimte",
         "Pleinen en groenstroken worden samen met bewoners ingericht en beheerd."),
    ],
    "safety": [
        ("Jongeren op straat in beeld en in gesprek",
         "Overlast door hangjongeren neemt af; jongeren krijgen een plek en een perspectief."),
        ("Minder drugsoverlast rond woningen en pleinen",
         "Bewoners melden overlast sneller; politie, corporatie en opbouwwerk trekken samen op."),
        ("Bewoners voelen zich veiliger in hun buurt",
         "Donkere en onveilige plekken worden samen met bewoners aangepakt."),
    ],
    "own": [
        ("Eenzaamheid onder ouderen doorbreken",
         "Meer ontmoeting en onderlinge hulp voor ouderen die alleen wonen."),
        ("Nieuwe bewoners thuis in de wijk",
         "Nieuwkomers leren de buurt en de voorzieningen kennen en doen mee."),
        ("Bewonersinitiatieven die zelf verder kunnen",
         "Groepen bewoners organiseren hun activiteiten steeds meer zonder begeleiding."),
    ],
}

WAP_SUMMARY = ("Het wijkactieplan {year} voor {district} is opgesteld met bewoners, partners en "
               "het opbouwwerk. Het benoemt waar de wijk dit jaar samen aan werkt.")

ASSIGNMENT_DESCRIPTION = (
    "Opbouwwerk in {district}: bewoners ondersteunen bij het verbeteren van hun buurt, "
    "signalen ophalen en doorgeleiden, en bijdragen aan de prioriteiten van het "
    "wijkactieplan {year}."
)

AMENDMENT_REASON = ("Extra inzet op zwerfafval en jongeren na de zomer, afgesproken in het "
                    "wijkoverleg.")

# Logbook descriptions per contact form.
ACTIVITIES = {
    "group": [
        "Bijeenkomst met een bewonersgroep over de plannen voor het plein.",
        "Koffieochtend in het buurthuis, gesprek over wat er speelt in de straat.",
        "Groepsbijeenkomst met ouders over opvoeding en school.",
        "Taalcafé in de bibliotheek, oefenen in kleine groepjes.",
        "Buurtmaaltijd voorbereid en begeleid met vrijwilligers.",
        "Opschoonactie in de straat samen met bewoners en kinderen.",
        "Activiteit voor jongeren in de sporthal, kennismaking en afspraken.",
        "Workshop voor vrijwilligers over het organiseren van een activiteit.",
    ],
    "meeting": [
        "Overleg met het bewonerscomité over de voorjaarsactiviteiten.",
        "Voorbereiding van het wijkoverleg met actieve bewoners.",
        "Bijeenkomst van de buurtpreventiegroep, rooster en aandachtspunten besproken.",
        "Overleg met bewoners over de herinrichting van het binnenterrein.",
        "Evaluatie van het buurtfeest met de organiserende bewoners.",
    ],
    "conversation": [
        "Gesprek met een bewoner die een initiatief wil starten.",
        "Gesprek met een actieve bewoner over het overdragen van taken.",
        "Vraagverheldering met een bewoner die zich zorgen maakt over de buurt.",
        "Gesprek met een vrijwilliger over de inzet in de komende maanden.",
    ],
    "street": [
        "Ronde door de wijk, contact gelegd met bewoners bij het speelplein.",
        "Outreachend gewerkt rond het winkelcentrum, signalen opgehaald.",
        "Straatronde met de wijkagent langs de bekende hangplekken.",
        "Bij de schoolpoort ouders aangesproken over de ouderavond.",
        "Ronde langs de portieken, bewoners uitgenodigd voor de buurtbijeenkomst.",
    ],
    "home_visit": [
        "Huisbezoek samen met het wijkteam na een signaal van de buren.",
        "Huisbezoek bij een nieuwe bewoner, kennismaking en uitleg over de buurt.",
        "Huisbezoek bij een oudere bewoner die weinig contacten heeft.",
    ],
    "network": [
        "Netwerkoverleg met wijkteam, corporatie en wijkagent.",
        "Signaleringsoverleg met partners in het gebied.",
        "Afstemming met de school over de aanpak van verzuim.",
        "Overleg met de wijkmanager over de voortgang van het wijkactieplan.",
    ],
    "remote": [
        "Telefonisch contact met een bewoner over de aanvraag voor het bewonersinitiatief.",
        "Online overleg met vrijwilligers over de planning.",
        "Telefonisch nagebeld na de bijeenkomst van vorige week.",
    ],
}

ACTIVITY_FOLLOW_UPS = [
    "Volgende week terugkoppelen aan de groep.",
    "Afspraak gemaakt voor een vervolggesprek.",
    "Signaal doorgegeven aan het wijkteam.",
    "Bewoners maken zelf een plan; over twee weken evalueren.",
    "Navragen bij de corporatie wat er met de melding gebeurt.",
    "Uitnodiging sturen voor het volgende wijkoverleg.",
]

# Signal descriptions per category name.
SIGNALS = {
    "Werkloosheid en uitkering": [
        "Meerdere bewoners vertellen dat ze hun werk zijn kwijtgeraakt en de weg naar het "
        "loket niet kennen.",
        "Jongvolwassenen in de buurt zitten thuis zonder werk of opleiding.",
    ],
    "Schulden en armoede": [
        "Bewoners vertellen over oplopende rekeningen en betalingsachterstanden.",
        "Bij de voedselbank komen meer gezinnen uit de straat.",
        "Een huishouden durft de post niet meer open te maken door geldzorgen.",
    ],
    "Taal en werk": [
        "Bewoners willen Nederlands leren maar vinden geen plek in een taalcursus.",
        "Door de taal lukt het een groep moeders niet om werk te vinden.",
    ],
    "Schooluitval en verzuim": [
        "Jongeren hangen onder schooltijd rond bij het winkelcentrum.",
        "Ouders maken zich zorgen over kinderen die niet meer naar school gaan.",
    ],
    "Opvoedingsvragen": [
        "Ouders zoeken hulp bij de opvoeding maar weten niet waar ze terecht kunnen.",
        "Op het speelplein botsen ouders over het gedrag van kinderen.",
    ],
    "Voorschool en kinderopvang": [
        "Ouders kennen de voorschool in de buurt niet.",
        "Er is een wachtlijst voor de peuteropvang in de wijk.",
    ],
    "Vuil en zwerfafval": [
        "Bij de containers staat steeds vuilnis naast de bak.",
        "Zwerfafval op het plein na warme avonden.",
        "Grofvuil blijft dagenlang op de stoep staan.",
    ],
    "Onderhoud van woningen": [
        "Vocht en schimmel in meerdere woningen in het blok.",
        "De verlichting in de portiek is al weken kapot.",
    ],
    "Openbare ruimte en groen": [
        "Het speeltoestel op het plein is kapot en afgezet.",
        "Bewoners willen de verwaarloosde groenstrook zelf onderhouden.",
    ],
    "Burenoverlast": [
        "Geluidsoverlast in de avond leidt tot spanningen in het portiek.",
        "Bewoners klagen over overlast van een bovenwoning.",
    ],
    "Jongeren op straat": [
        "Groep jongeren hangt 's avonds bij de ingang van de flat, bewoners voelen zich "
        "onprettig.",
        "Jongeren op scooters rijden hard over het plein.",
    ],
    "Drugsoverlast": [
        "Bewoners zien dealen bij de achteringang van het winkelcentrum.",
        "Lachgas en drugsafval op het speelplein gevonden.",
        "Verkeer van auto's die kort stoppen bij de flat, bewoners vermoeden drugshandel.",
    ],
    "Onveilige plekken": [
        "Het pad langs het water is 's avonds donker en bewoners mijden het.",
        "De onderdoorgang bij het station voelt onveilig.",
    ],
    "Inbraak en vandalisme": [
        "Meerdere fietsen en bergingen in de straat opengebroken.",
        "Vernielingen aan de bankjes op het plein.",
    ],
    "Eenzaamheid": [
        "Een oudere bewoner komt de deur nauwelijks meer uit en heeft weinig contacten.",
        "Bewoners maken zich zorgen over een buurman die zich terugtrekt.",
    ],
    "Zorgmijding": [
        "Een bewoner heeft zichtbaar zorg nodig maar wil geen hulp.",
        "Buren zien dat iemand zijn huis verwaarloost.",
    ],
    "Verward gedrag": [
        "Een bewoner gedraagt zich verward op straat en buren weten niet wat te doen.",
        "Herhaaldelijk verward gedrag in het portiek, bewoners zijn ongerust.",
    ],
    "Mantelzorg onder druk": [
        "Een mantelzorger geeft aan het niet meer vol te houden.",
        "Meerdere mantelzorgers in de straat zoeken respijtzorg.",
    ],
    "Spanningen tussen groepen": [
        "Spanningen tussen oude en nieuwe bewoners over het gebruik van het plein.",
        "Onenigheid tussen groepen bij het buurthuis.",
    ],
    "Weinig ontmoetingsplekken": [
        "Bewoners missen een plek om elkaar te ontmoeten sinds het buurthuis dicht is.",
        "Ouderen zoeken een plek voor een wekelijkse koffieochtend.",
    ],
    "Nieuwe bewoners niet bereikt": [
        "Nieuwe bewoners in de vernieuwde blokken doen niet mee aan buurtactiviteiten.",
        "Statushouders in de wijk kennen de voorzieningen niet.",
    ],
}
SIGNAL_FALLBACK = "Bewoners maken zich zorgen over de situatie in de buurt."

FOLLOW_UP_NOTES = {
    ("open", "referred"): "Doorgegeven aan de partner met een korte toelichting.",
    ("referred", "taken_up"): "Partner heeft het signaal opgepakt en contact gelegd.",
    ("taken_up", "closed"): "Afgerond: de situatie is verbeterd, bewoners zijn tevreden.",
    ("open", "closed"): "Zelf opgepakt met de bewoners; geen doorverwijzing nodig.",
    ("referred", "referred"): "Nagevraagd bij de partner; nog geen reactie.",
    ("open", "open"): "Meer informatie opgehaald bij bewoners in de straat.",
}
