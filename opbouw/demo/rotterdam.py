"""Rotterdam's districts (deelgemeenten, 2008-2014) and their neighbourhoods.

The names are facts. The district (GB) and neighbourhood (WK) codes below are made up
for the demo and are marked as synthetic in the data; import the CBS's own codes
with ``manage.py import_areas`` for real use. Which provider works where is
illustrative, not taken from the seed paper.
"""

MUNICIPALITY = ("GM0599", "Rotterdam")
SOURCE = "Demo: namen Rotterdamse deelgemeenten en wijken; codes verzonnen"

DISTRICTS: dict[str, list[str]] = {
    "Centrum": ["Stadsdriehoek", "Cool", "C.S. Kwartier", "Oude Westen", "Dijkzigt",
                "Nieuwe Werk"],
    "Charlois": ["Tarwewijk", "Carnisse", "Oud-Charlois", "Wielewaal", "Zuidwijk", "Pendrecht",
                 "Zuidplein", "Heijplaat"],
    "Delfshaven": ["Delfshaven", "Bospolder", "Tussendijken", "Spangen", "Nieuwe Westen",
                   "Middelland", "Schiemond", "Witte Dorp", "Oud-Mathenesse"],
    "Feijenoord": ["Feijenoord", "Noordereiland", "Kop van Zuid", "Kop van Zuid-Entrepot",
                   "Afrikaanderwijk", "Bloemhof", "Hillesluis", "Katendrecht", "Vreewijk"],
    "Hillegersberg-Schiebroek": ["Hillegersberg-Zuid", "Hillegersberg-Noord", "Schiebroek",
                                 "Terbregge", "Molenlaankwartier"],
    "Hoek van Holland": ["Hoek van Holland"],
    "Hoogvliet": ["Hoogvliet-Noord", "Hoogvliet-Zuid"],
    "IJsselmonde": ["Lombardijen", "Groot-IJsselmonde", "Oud-IJsselmonde", "Beverwaard"],
    "Kralingen-Crooswijk": ["Rubroek", "Nieuw-Crooswijk", "Oud-Crooswijk", "Kralingen-West",
                            "Kralingen-Oost", "De Esch", "Struisenburg"],
    "Noord": ["Agniesebuurt", "Provenierswijk", "Bergpolder", "Blijdorp", "Liskwartier",
              "Oude Noorden", "Blijdorpsepolder"],
    "Overschie": ["Overschie", "Kleinpolder", "Noord-Kethel", "Zestienhoven", "Landzicht"],
    "Pernis": ["Pernis"],
    "Prins Alexander": ["Het Lage Land", "Prinsenland", "Ommoord", "Zevenkamp", "Oosterflank",
                        "Kralingseveer", "Nesselande", "'s-Gravenland"],
    "Rozenburg": ["Rozenburg"],
}

# The five providers of the seed paper and the districts they work in here (illustrative).
PROVIDERS = [
    ("SONOR", "SONOR", ["Kralingen-Crooswijk", "Prins Alexander", "Hillegersberg-Schiebroek",
                        "Overschie", "Pernis", "Hoek van Holland", "Rozenburg"]),
    ("Stichting DOCK", "DOCK", ["Centrum", "Noord", "Feijenoord", "IJsselmonde"]),
    ("Stichting Delphi Opbouwwerk", "Delphi", ["Delfshaven"]),
    ("Stichting Welzijn Hoogvliet", "SWH", ["Hoogvliet"]),
    ("Charlois' Welzijn", "Charlois' Welzijn", ["Charlois"]),
]
# Relative size of each provider's workforce.
PROVIDER_WEIGHTS = [0.34, 0.30, 0.14, 0.09, 0.13]
BRANCH = ("Opbouwwerkkamer Rotterdam", "Opbouwwerkkamer")
CITY = ("Gemeente Rotterdam", "Gemeente")
EDUCATION = ("Hogeschool Rotterdam, opleiding Social Work", "Hogeschool")

FIRST_NAMES = [
    "Fatima", "Mohamed", "Sanne", "Kevin", "Aysel", "Jeroen", "Naima", "Dennis", "Esra",
    "Marco", "Priya", "Youssef", "Lotte", "Rachid", "Inge", "Hamza", "Marieke", "Osman",
    "Ilse", "Kofi", "Yasmina", "Bart", "Shirley", "Tarik", "Nadia", "Ruud", "Anouk",
    "Emre", "Chantal", "Stefan", "Samira", "Wouter", "Gloria", "Bilal", "Petra", "Anil",
    "Zeynep", "Sander", "Miriam", "Jamal",
]
LAST_NAMES = [
    "de Vries", "El Amrani", "Jansen", "Yilmaz", "Bakker", "Martina", "Visser", "Bouzid",
    "Smit", "Doğan", "Meijer", "Ramdin", "de Boer", "Kaya", "Mulder", "Haddou", "de Groot",
    "Sedney", "Bos", "Öztürk", "Vos", "Mohan", "Peters", "Benali", "Hendriks", "Kerkhof",
    "van Dijk", "Asante", "van Leeuwen", "Rosario", "Dekker", "Çelik", "Brouwer", "Tahiri",
    "de Wit", "Soekhoe", "Dijkstra", "Ait Taleb", "Verhoeven", "Gomes",
]
