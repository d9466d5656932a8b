#!/usr/bin/env python3
"""Build sourcetrace's compact lexicons from maintained public sources.

Countries come from the `countryinfo` package on PyPI (country names,
alternative spellings, capitals, demonyms, ISO codes); first names and their
usual gender from the `gender-guesser` package (Jörg Michael's name
dictionary). Reproduce with:

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install countryinfo==1.0.1 gender-guesser==0.4.0
    /tmp/lexvenv/bin/python tools/build_lexicons.py countries > data/lexicon/countries.tsv
    /tmp/lexvenv/bin/python tools/build_lexicons.py first-names > data/lexicon/first-names.tsv
    /tmp/lexvenv/bin/python tools/build_lexicons.py mostly-first-names > data/lexicon/mostly-first-names.tsv

countries.tsv: one country a line, tab-separated: name, capital, demonym, ISO
alpha-2, ISO alpha-3, then alternative English names separated by `|` (ASCII
letters, spaces, dots and hyphens only; codes and native spellings dropped).

first-names.tsv: one first name a line, tab-separated: the name and `m` or
`f`, for names whose gender the dictionary gives as male or female (not
"mostly" or androgynous) in the USA, else Great Britain, else anywhere.

mostly-first-names.tsv: the same for the names the dictionary gives as
"mostly" male or female ("Bernie", "Chris", "Sandy") and that first-names.tsv
lacks; the resolver uses them to tell "he" from "she", never the tagger.
"""
import re
import sys



def clean_capital(capital):
    # Some entries list several capitals; news names the first. "Washington
    # D.C." -> "Washington": news writes the bare city.
    if isinstance(capital, list):
        capital = capital[0] if capital else ""
    return re.sub(r",?\s+D\.?C\.?$", "", capital or "").strip()


def countries():
    import countryinfo

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


def gendered_names(mostly):
    """First names whose gender-guesser answer is male/female, or with
    `mostly`, those whose first decisive answer (USA, Great Britain, then any
    country) is mostly_male/mostly_female instead."""
    import gender_guesser.detector as gender

    d = gender.Detector(case_sensitive=False)
    sys.stdout.write("# name\tgender (m or f)" + (", mostly" if mostly else "") + "\n")
    sys.stdout.write("# built by tools/build_lexicons.py from the gender-guesser package (PyPI) 0.4.0\n")
    wanted = ("mostly_male", "mostly_female") if mostly else ("male", "female")
    for name in sorted(d.names):
        if not re.fullmatch(r"[a-z][a-z'-]+", name):
            continue
        guess = None
        for country in ("usa", "great_britain", None):
            g = d.get_gender(name, country) if country else d.get_gender(name)
            if g in wanted:
                guess = g
                break
            # For the "mostly" list, a definite answer ends the search empty.
            if mostly and g in ("male", "female"):
                break
        if guess:
            sys.stdout.write(f"{name}\t{guess.removeprefix('mostly_')[0]}\n")


def first_names():
    gendered_names(mostly=False)


def mostly_first_names():
    gendered_names(mostly=True)


if __name__ == "__main__":
    {"countries": countries, "first-names": first_names, "mostly-first-names": mostly_first_names}[sys.argv[1] if len(sys.argv) > 1 else "countries"]()
