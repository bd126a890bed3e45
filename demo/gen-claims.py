#!/usr/bin/env python3
"""Regenerates demo/nk2020-claims.jsonl from ../shared/facts/nk2020-claims.jsonl.

Keeps the facts and figures with their source URLs; drops the grouping key
(incident_key: the linker must find incidents itself), the free-text damage
notes, and the victims' names and personal details (victims becomes a
category). Run from the repository root:  python3 demo/gen-claims.py
"""
import json, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/facts/nk2020-claims.jsonl"
out = "demo/nk2020-claims.jsonl"

def victims(v):
    v = (v or "").lower()
    if any(w in v for w in ("uniform", "combatant", "detainee", "captive", "captured")):
        return "captives"
    if any(w in v for w in ("civilian", "journalist", "reporter", "residents", "villager", "family", "people")):
        return "civilians"
    return "unknown"

keep = ["date", "place", "place_alt", "country_or_region", "killed_min", "killed_max",
        "injured_min", "injured_max", "victims", "weapon", "alleged_perpetrator",
        "claimant", "publisher", "published", "url", "denied_by"]
with open(src) as f, open(out, "w") as w:
    for n, line in enumerate(f, 1):
        d = json.loads(line)
        d["victims"] = victims(d.get("victims"))
        row = {k: d.get(k) for k in keep}
        row["ref"] = "nk2020:%d" % n
        w.write(json.dumps(row, ensure_ascii=False) + "\n")
