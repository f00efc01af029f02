"""The words ``relations.located`` reads: what names a unit of land, a site, a seat, a realm or a direction, and the
verbs and prepositions that place one name in another. Kept apart from the rules so that each list is read, and
changed, in one place."""

from __future__ import annotations

from dossier.extract.relations import lexicon as lx

# Name words of administrative units that the entity layer may type as organisations.
ADMIN_NAME_WORDS = lx.GEO_NOUNS | frozenset(
    "voivodeship gmina powiat oblast raion canton parish borough commune comune shire governorate emirate "
    "arrondissement kommune municipality okrug krai republic island islands peninsula".split()
)
# Nouns that describe what lies somewhere: "a village in", "a school in", "a church of".
PLACE_NOUNS = lx.GEO_NOUNS | ADMIN_NAME_WORDS | frozenset(
    "capital settlement hamlet locality community commune comune seat suburb quarter station airport port "
    "river lake mountain island park museum church cathedral temple mosque monastery castle palace school "
    "college university hospital stadium bridge site building monument hotel prison library theatre "
    "theater street road square centre center".split()
)
# What an organisation may be described as when the text says where it is: "a daily newspaper published in".
ORG_KIND_NOUNS = frozenset(
    "band team club newspaper magazine station studio airline label publisher broadcaster orchestra choir "
    "brewery restaurant store shop mall factory plant mine festival".split()
)
# What an organisation is said to be "from" where it is based: "a football club from Bergen", "a band from Leeds".
FROM_NOUNS = frozenset("band team club group company firm orchestra choir ensemble".split())
# Kinds of business a country or city may own as its largest, busiest: "Turkey's largest weapons manufacturer".
TRADE_NOUNS = frozenset(
    "manufacturer maker producer carrier airline broadcaster newspaper operator lender insurer retailer "
    "exporter".split()
)
# Where an organisation has a site of its own: "Hezbollah's headquarters in Beirut", "its offices in Istanbul".
SEAT_WORDS = frozenset({"headquarters", "office", "offices", "base", "bases", "branch", "bureau", "seat"})
MOVE_VERBS = frozenset({"move", "relocate", "transfer", "shift"})  # "moved its headquarters to Houston"
CONTAIN_VERBS = frozenset({"contain", "include", "comprise", "encompass", "encompasse"})
LOCATE_VERBS = frozenset({"locate", "situate", "lie", "sit", "base", "headquarter", "set", "publish"})
IN_PREPS = frozenset({"in", "within", "near"})
DIRECTION_WORDS = frozenset(
    "northern southern eastern western central north south east west northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern north-eastern north-western south-eastern "
    "south-western upper lower far the".split()
)
# Units that "the P <unit> of Q" names as Q (a settlement of P): "the California town of Ojai".
TOWN_UNITS = frozenset("city town village hamlet municipality comune commune borough township state".split())
# Units whose name is a region, not a town: "the U.S. state of Oregon" is no town called Oregon.
REGION_UNITS = frozenset(
    "state province region county prefecture oblast governorate district department territory voivodeship "
    "canton".split()
)
# Institutions with a site of their own: "X University in Y" says where X is, "the ANC in Durban" does not.
SITE_NAMES = frozenset(
    "university school college academy institute hospital museum gallery library airport prison stadium arena "
    "cathedral church abbey monastery mosque temple palace castle theatre theater zoo observatory embassy "
    "consulate seminary".split()
)
# "in the far northeastern part of the Province of Rieti", "on the outskirts of X", "in the north west of
# Shetland": a part of a place is in it (a direction only as a noun after "in the": "south of X" is outside it).
PART_NOUNS = frozenset(
    "part parts outskirts centre center heart edge corner tip interior north south east west northeast "
    "northwest southeast southwest".split()
)
# Prepositions of place whose object may be followed at once by "in" its larger place: "born in A in B", "south
# of A in B", "flights to A in B", "a town on Mbanika Island in the Russell Islands".
NEXT_HEADS = frozenset({"in", "of", "to", "from", "near", "at", "on"})
# Natural features and built sites: "Clark Lake is a lake located in Gogebic County", "Independence Pass is a
# high mountain pass in", "Symphony Hall is a concert hall located at" say what the name is, whatever its type
# (no person is a lake, a pass or a hall; "a site engineer" is an engineer: only the head noun counts).
FEATURE_NOUNS = frozenset(
    "lake river tributary mountain island creek bay hill peninsula glacier reservoir pass isthmus strait canyon "
    "waterfall site hall church cathedral chapel castle palace bridge stadium monument temple mosque museum tramway "
    "railway".split()
)
# Unit nouns that make the name before them ("the Lazio region") or after "of" ("the municipality of Assesse")
# a place whatever its type: no person or organisation is named so.
UNIT_NOUNS = frozenset(
    "region province district county municipality prefecture oblast governorate voivodeship gmina powiat raion "
    "canton parish borough commune comune comarca shire arrondissement kommune okrug krai township village town "
    "city hamlet valley island".split()
)
# Public bodies of a state or region, named "<body> of <place>": "the Supreme Court of Florida".
BODY_WORDS = frozenset(
    "court parliament assembly legislature senate congress government ministry police university".split()
)
# Realms named "the <realm> of X" in histories: "in the duchy of Lorraine".
REALM_NOUNS = frozenset("duchy grand-duchy kingdom principality margraviate county electorate emirate".split())
# Members of a legislature, "from" their constituency: "a U.S. Representative from Illinois".
LEGISLATOR_TITLES = frozenset(
    "representative senator congressman congresswoman congressperson lawmaker legislator mp deputy "
    "assemblyman assemblywoman".split()
)
# Name words of what is named after a place without lying there: an agreement between states ("the Australia–Chile
# Free Trade Agreement"), a firm named after its founders ("Gordon Advisors", "Bridgewater Associates") and a team
# named after the place it represents, like an embassy ("India national under-19 cricket team").
UNSITED_NAME_WORDS = frozenset("agreement treaty accord pact protocol associates advisors advisers team squad".split())

# A road's word before its number: "State Route 52", "Interstate 5", "Highway 82" name a road, a place, whose number
# is part of the name (entity repair joins it; the place rules accept the digit).
ROAD_WORDS = frozenset({"route", "highway", "interstate", "motorway", "expressway", "freeway"})
# A street's word after its name, as written in an address ("1600 Pennsylvania Avenue", "2301 W. Big Beaver Rd.")
STREET_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd drive dr lane ln way place court ct highway hwy parkway pkwy "
    "terrace circle square crescent".split()
)
