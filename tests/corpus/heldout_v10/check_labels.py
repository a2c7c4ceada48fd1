#!/usr/bin/env python3
"""Self-check for labelled de-identification corpus files (JSON Lines).
Usage: python3 check.py FILE.jsonl
Checks: valid JSON, required keys, unique ids, every value/also occurs in text,
occurrence index valid, personnummer/samordningsnummer pass Luhn (and samordningsnummer day 61-91),
known kinds; prints counts per kind and number of clean texts. Exit code 1 on problems."""

import json
import re
import sys
from collections import Counter

KINDS = {
    "personnummer",
    "samordningsnummer",
    "phone",
    "email",
    "address",
    "postcode",
    "registration_number",
    "url",
    "ip_address",
    "account_number",
    "social_handle",
    "name",
    "date",
    "age",
    "workplace",
}
FIELDS = {
    "case_description",
    "question",
    "acute_reason",
    "other_actors",
    "coordinator_note",
    "message",
    "meeting_notes",
    "meeting_place",
    "consent_reference",
    "annual_commentary",
}


def luhn_ok(d10):
    s = 0
    for i, ch in enumerate(d10):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        s += v - 9 if v > 9 else v
    return s % 10 == 0


def pnr_digits(ident):
    """10 digits YYMMDDNNNC from value (+ also parts for split numbers)."""
    parts = [ident["value"], *list(ident.get("also", []))]
    digs = [re.sub(r"\D", "", p) for p in parts]
    full = [d for d in digs if len(d) in (10, 12)]
    if full:
        d = full[0]
        return d[-10:]
    last4 = [d for d in digs if len(d) == 4]
    # split, birth date written with month name, e.g. "12 mars 1981"
    months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    for p in parts:
        m = re.search(
            r"(\d{1,2})\s*(?:e\s+|:e\s+)?(" + "|".join(months) + r")\s+(\d{4})", p.lower()
        )
        if m and last4:
            month = months.index(m.group(2)) + 1
            return f"{m.group(3)[2:]}{month:02d}{int(m.group(1)):02d}{last4[0]}"
    # split: numeric birth date (YYMMDD or YYYYMMDD in any punctuation) + last four
    birth = [d for d in digs if len(d) in (6, 8)]
    if last4 and birth:
        return birth[0][-6:] + last4[0]
    return None


def main(path):
    problems = []
    counts = Counter()
    clean = 0
    ids = set()
    rows = 0
    fields = Counter()
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            rows += 1
            try:
                r = json.loads(line)
            except Exception as e:
                problems.append(f"line {ln}: bad JSON {e}")
                continue
            for k in ("id", "field", "text", "identifiers"):
                if k not in r:
                    problems.append(f"line {ln}: missing {k}")
            rid = r.get("id")
            if rid in ids:
                problems.append(f"line {ln}: duplicate id {rid}")
            ids.add(rid)
            fields[r.get("field")] += 1
            if r.get("field") not in FIELDS:
                problems.append(f"{rid}: unknown field {r.get('field')}")
            text = r.get("text", "")
            idents = r.get("identifiers", [])
            if not idents:
                clean += 1
            for it in idents:
                kind, val = it.get("kind"), it.get("value", "")
                counts[kind] += 1
                if kind not in KINDS:
                    problems.append(f"{rid}: unknown kind {kind}")
                n = text.count(val) if val else 0
                if n == 0:
                    problems.append(f"{rid}: value not in text: {val!r}")
                occ = it.get("occurrence")
                if occ is not None and not (
                    1 <= occ <= len([i for i in range(len(text)) if text.startswith(val, i)])
                ):
                    problems.append(f"{rid}: bad occurrence {occ} for {val!r}")
                for a in it.get("also", []):
                    if a not in text:
                        problems.append(f"{rid}: also not in text: {a!r}")
                if kind in ("personnummer", "samordningsnummer"):
                    d = pnr_digits(it)
                    if d is None:
                        problems.append(f"{rid}: cannot read digits of {kind} {val!r}")
                    elif not luhn_ok(d):
                        problems.append(f"{rid}: Luhn fails for {kind} {val!r} ({d})")
                    else:
                        day = int(d[4:6])
                        if kind == "samordningsnummer" and not 61 <= day <= 91:
                            problems.append(f"{rid}: samordningsnummer day not 61-91: {val!r}")
                        if kind == "personnummer" and not 1 <= day <= 31:
                            problems.append(f"{rid}: personnummer day out of range: {val!r}")
    for p in problems:
        print("PROBLEM", p)
    print(f"rows: {rows}  clean: {clean}  labelled: {rows - clean}")
    print("per kind:")
    for k, v in sorted(counts.items(), key=lambda x: -x[1]):
        print(f"  {k:22s} {v}")
    print("per field:", dict(fields))
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
