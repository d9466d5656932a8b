#!/usr/bin/env python3
"""Build sourcetrace's compact country lexicon from a maintained public source.

Source: the `countryinfo` package on PyPI (country names, alternative
spellings, capitals, demonyms, ISO codes). Reproduce with:

    python3 -m venv /tmp/lexvenv && /tmp/lexvenv/bin/pip install countryinfo==1.0.1
    /tmp/lexvenv/bin/python tools/build_lexicons.py > data/lexicon/countries.tsv

Output: one country a line, tab-separated: name, capital, demonym, ISO alpha-2,
ISO alpha-3, then alternative English names separated by `|` (ASCII letters,
spaces, dots and hyphens only; codes and native spellings dropped).
"""
import re
import sys

import countryinfo


def clean_capital(capital):
    # Some entries list several capitals; news names the first. "Washington
    # D.C." -> "Washington": news writes the bare city.
    if isinstance(capital, list):
        capital = capital[0] if capital else ""
    return re.sub(r",?\s+D\.?C\.?$", "", capital or "").strip()


def main():
    rows = []
    infos = [c.info() for c in countryinfo.all_countries()]
    for info in sorted(infos, key=lambda i: i.get("name") or ""):
        name = info.get("name")
        if not name:
            continue
        iso = info.get("ISO") or {}
        alt = []
        for spelling in info.get("altSpellings") or []:
            if re.fullmatch(r"[A-Za-z][A-Za-z .'-]+", spelling) and len(spelling) > 3 and spelling != name:
                alt.append(spelling)
        rows.append("\t".join([
            name,
            clean_capital(info.get("capital")),
            str(info.get("demonym") or ""),
            iso.get("alpha2", ""),
            iso.get("alpha3", ""),
            "|".join(sorted(set(alt))),
        ]))
    sys.stdout.write("# name\tcapital\tdemonym\talpha2\talpha3\talternative names\n")
    sys.stdout.write("# built by tools/build_lexicons.py from the countryinfo package (PyPI) 1.0.1\n")
    for row in rows:
        sys.stdout.write(row + "\n")


if __name__ == "__main__":
    main()
