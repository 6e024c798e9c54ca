#!/usr/bin/env python3
"""Validate the held-out gold cases in this folder against the annotation guide's format.

usage: python3 check.py [DIR]

Checks every *.json: valid JSON with the dev fields, id matching the file name,
published a real YYYY-MM-DD date, text 600-2500 characters, each fact's type,
subject, bloc/object, role, date (YYYY, YYYY-MM or YYYY-MM-DD, a real date, not
after published unless status is planned), status, and that its quote is an
exact substring of text. Exits 1 and lists every problem when one is found.
"""
import datetime
import glob
import json
import os
import re
import sys

MEMBERSHIP = {"APPLIED", "INVITED", "JOINED", "DECLINED", "WITHDREW", "SUSPENDED"}
TYPES = MEMBERSHIP | {"ATTENDED", "VISITED"}
ROLES = {"member", "partner", "observer", "candidate"}
STATUSES = {"occurred", "planned"}
BLOCS = {"BRICS", "NATO", "EU", "SCO", "ASEAN", "AU", "G7", "G20", "OPEC", "ECOWAS", "AES",
         "EAEU", "CSTO", "CIS", "GCC", "MERCOSUR", "OAS", "COE", "CPTPP", "OECD", "WTO", "UN",
         "SCHENGEN", "EUROZONE", "EAC", "COMMONWEALTH", "OAU", "ARAB LEAGUE"}
ISO3 = re.compile(r"^[A-Z]{3}$")
FIELDS = {"id", "url", "published", "text", "facts"}


def parse_date(s):
    """Return (earliest day, latest day) covered by a partial date, or raise ValueError."""
    parts = s.split("-")
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
        raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
    y = int(parts[0])
    if len(parts) == 1:
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    m = int(parts[1])
    if len(parts) == 2:
        first = datetime.date(y, m, 1)
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        return first, nxt - datetime.timedelta(days=1)
    d = datetime.date(y, m, int(parts[2]))
    return d, d


def check_fact(i, f, text, published):
    errs = []
    t = f.get("type")
    if t not in TYPES:
        return ["fact %d: bad type %r" % (i, t)]
    subj = f.get("subject")
    if not isinstance(subj, str) or not subj.strip():
        errs.append("fact %d: empty subject" % i)
    elif t in MEMBERSHIP and not (ISO3.match(subj) or subj in BLOCS):
        errs.append("fact %d: membership subject %r is neither ISO3 nor a bloc id" % (i, subj))
    elif t in ("ATTENDED", "VISITED") and subj not in text:
        errs.append("fact %d: person %r not written as such in text" % (i, subj))
    if t == "VISITED":
        if not ISO3.match(str(f.get("object"))):
            errs.append("fact %d: VISITED object %r is not ISO3" % (i, f.get("object")))
        if "bloc" in f or "role" in f:
            errs.append("fact %d: VISITED takes object, not bloc/role" % i)
    else:
        if f.get("bloc") not in BLOCS:
            errs.append("fact %d: unknown bloc %r" % (i, f.get("bloc")))
    if t in MEMBERSHIP:
        if f.get("role") not in ROLES:
            errs.append("fact %d: bad role %r" % (i, f.get("role")))
    elif "role" in f:
        errs.append("fact %d: role only on membership facts" % i)
    if f.get("status") not in STATUSES:
        errs.append("fact %d: bad status %r" % (i, f.get("status")))
    d = f.get("date")
    if d is not None:
        try:
            lo, _ = parse_date(d)
            if f.get("status") == "occurred" and lo > published:
                errs.append("fact %d: occurred date %s after published %s" % (i, d, published))
        except ValueError as e:
            errs.append("fact %d: bad date %r: %s" % (i, d, e))
    q = f.get("quote")
    if not isinstance(q, str) or not q:
        errs.append("fact %d: empty quote" % i)
    elif q not in text:
        errs.append("fact %d: quote is not an exact substring of text: %r" % (i, q[:80]))
    return errs


def check_file(path):
    try:
        with open(path, encoding="utf-8") as fh:
            c = json.load(fh)
    except (OSError, ValueError) as e:
        return ["invalid JSON: %s" % e]
    errs = []
    if set(c) - {"source"} != FIELDS:
        errs.append("fields %s, want %s" % (sorted(c), sorted(FIELDS)))
    if c.get("id") != os.path.splitext(os.path.basename(path))[0]:
        errs.append("id %r does not match file name" % c.get("id"))
    try:
        published = datetime.date.fromisoformat(c.get("published", ""))
    except (TypeError, ValueError):
        return errs + ["bad published %r" % c.get("published")]
    text = c.get("text") or ""
    if not 600 <= len(text) <= 2500:
        errs.append("text length %d outside 600-2500" % len(text))
    keys = set()
    for i, f in enumerate(c.get("facts") or []):
        errs += check_fact(i, f, text, published)
        k = (f.get("type"), f.get("subject"), f.get("bloc") or f.get("object"), f.get("role"), f.get("date"))
        if k in keys:
            errs.append("fact %d: duplicate of an earlier fact %s" % (i, k))
        keys.add(k)
    return errs


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    paths = sorted(glob.glob(os.path.join(d, "*.json")))
    if not paths:
        print("no *.json in %s" % d)
        return 1
    bad = 0
    nfacts = 0
    for p in paths:
        errs = check_file(p)
        if errs:
            bad += 1
            for e in errs:
                print("%s: %s" % (os.path.basename(p), e))
        else:
            with open(p, encoding="utf-8") as fh:
                nfacts += len(json.load(fh)["facts"])
    print("%d files, %d with problems, %d facts in the good ones" % (len(paths), bad, nfacts))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
