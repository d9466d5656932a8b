#!/usr/bin/env python3
"""How TimeBank and AQUAINT annotate the same things differently (TempEval-3 data).

Evidence for the time tagger's held-out figures (crates/sourcetrace-time/README.md):
the two parts of TempEval-3's training data follow different extent and value
conventions, and AQUAINT is not consistent with itself. Two reports:

    # 1. convention markers counted in the gold of each part (reads no system output)
    python3 tools/te3_conventions.py counts ../shared/data/tempeval3

    # 2. every wrong value in a scorer listing, sorted into classes
    target/release/sourcetrace eval tempeval ../shared/data/tempeval3 --write /tmp/te3-out
    python3 ../shared/tools/te3_score.py ../shared/data/tempeval3/aquaint /tmp/te3-out/aquaint \\
        --errors > /tmp/aquaint-errors.tsv
    python3 tools/te3_conventions.py values /tmp/aquaint-errors.tsv ../shared/data/tempeval3/aquaint

The classes of report 2 are decided from the gold and system strings alone
(for example: the gold writes a year "1968-XX" where the system writes "1968");
"other" lists the rest, line by line, for reading.
"""
import collections
import datetime
import os
import re
import sys

TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ADVERBS = ["now", "recently", "soon", "currently", "today"]
# How a value is written, where the two parts write the same thing two ways.
VALUE_FORMS = [
    (r"\d{4}", "year value YYYY"),
    (r"\d{4}(-XX)+", "year value YYYY-XX"),
    (r"\d{4}-W\d", "week value unpadded (W7)"),
    (r"\d{4}-W\d\d", "week value padded (W07)"),
    (r"\d{3}", "decade value DDD"),
    (r"\d{3}X", "decade value DDDX"),
]


def counts(root):
    for part in sorted(os.listdir(root)):
        folder = os.path.join(root, part)
        if not os.path.isdir(folder):
            continue
        c = collections.Counter()
        tags = 0
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".tml"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                whole = f.read()
            body = whole[whole.find("<TEXT>"):]
            plain = re.sub(r"<[^>]+>", "", body)
            for w in ADVERBS:
                c[f'"{w}" in the text'] += len(re.findall(r"\b%s\b" % w, plain, re.I))
            for m in TIMEX.finditer(body):
                tags += 1
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
                text, value, kind = m.group(2).lower(), attrs.get("value", ""), attrs.get("type", "")
                if text.startswith("the "):
                    c['"the" inside the tag'] += 1
                if body[max(0, m.start() - 4):m.start()].lower() == "the ":
                    c['"the" just before the tag'] += 1
                if text in ADVERBS:
                    c[f'"{text}" tagged'] += 1
                for pattern, label in VALUE_FORMS:
                    if re.fullmatch(pattern, value):
                        c[label] += 1
                if any(w in text for w in WEEKDAYS) and re.search(r"night|morning|afternoon|evening", text):
                    c[f"weekday + part of day as {kind}"] += 1
                m2 = re.search(r"\b(last|this|next) week$", text)
                if m2:
                    kind_of = "week value" if re.search(r"W\d", value) else "other value"
                    c[f'"{m2.group(1)} week" with a {kind_of}'] += 1
        print(f"{part}: {tags} TIMEX3")
        for key in sorted(c):
            print(f"  {c[key]:5d}  {key}")


def as_date(value):
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    try:
        return datetime.date(*map(int, m.groups())) if m else None
    except ValueError:
        return None


def value_class(gold_text, gold_type, gold_value, sys_type, sys_value, dct=None):
    low = gold_text.lower()
    named = [w for w in WEEKDAYS if w in low]
    gd, sd = as_date(gold_value), as_date(sys_value)
    if re.search(r"morning|night|evening|afternoon|tonight", low) and gold_type == "DATE" and sys_type == "TIME":
        return "part of day: DATE in the gold, TIME (…TNI, …TMO) in ours"
    if re.fullmatch(r"\d{4}(-XX)+", gold_value) and re.fullmatch(r"\d{4}", sys_value):
        return "year written YYYY-XX"
    if re.search(r"-W\d$", gold_value):
        return "week number unpadded (W7)"
    if re.fullmatch(r"\d{3}X", gold_value) and re.fullmatch(r"\d{3}", sys_value):
        return "decade written DDDX"
    if "week" in low and not re.search(r"W\d\d", gold_value) and re.search(r"W\d\d", sys_value):
        return '"this/last/next week" given a month, a day or P1W'
    if ("month" in low or "september" in low) and gold_value.startswith("P"):
        return "a month as DURATION P1M"
    if named and gd and WEEKDAYS[gd.weekday()] not in named:
        return "gold date is not the weekday the text names"
    if named and gd and sd and dct and (gd > dct) != (sd > dct):
        return "weekday: one side of the DCT in the gold, the other in ours (direction)"
    if named and gd and sd and gd != sd:
        return "weekday anchored to another week than the DCT implies"
    if gd and sd and gd.year != sd.year:
        return "gold anchored to another year than the DCT"
    if "weekend" in low:
        return "weekend as P2D or a day"
    if re.search(r"decade|century", low) and gold_value.startswith("P") != sys_value.startswith("P"):
        return "decade or century (ago, past, this): DURATION vs DATE"
    return "other"


def document_date(folder, name):
    if folder is None:
        return None
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        m = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', f.read())
    return as_date(m.group(1)) if m else None


def values(listing, gold=None):
    c = collections.Counter()
    other = []
    with open(listing, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 8 or p[0] != "WRONG" or p[4] == p[7]:
                continue
            key = value_class(p[2], p[3], p[4], p[6], p[7], document_date(gold, p[1]))
            c[key] += 1
            if key == "other" or "direction" in key:
                tag = "other" if key == "other" else "direction"
                other.append(f"{tag}: {p[1]}\tgold {p[2]!r} {p[3]} {p[4]}\tours {p[5]!r} {p[6]} {p[7]}")
    for key, n in c.most_common():
        print(f"{n:5d}  {key}")
    print(f"{sum(c.values()):5d}  wrong values in all")
    for line in other:
        print("  " + line)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("counts", "values"):
        sys.exit(__doc__)
    if sys.argv[1] == "counts":
        counts(sys.argv[2])
    else:
        values(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
