#!/usr/bin/env python3
"""Counts person facet values that are a surname alone beside full names of the archive.

    newsdex --index DIR search --facets person --facet-limit 0 --limit 0 --format json \
        | python3 eval/identity.py

A surname-only value (one word, "Reagan") is a *duplicate* when exactly one full name of
the facet ends in it ("Ronald Reagan"): one person, two facet values. It is *ambiguous*
when several do ("Baker": James Baker, Howard Baker). Prints both counts and the largest
of each, so a change to identity can be measured before and after.
"""
import collections
import json
import sys
import unicodedata


def fold(word):
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def main():
    results = json.load(sys.stdin)
    values = {v["value"]: v["count"] for v in results["facets"]["person"]["values"]}
    full = collections.defaultdict(list)
    for name, count in values.items():
        parts = name.split()
        if len(parts) > 1:
            full[fold(parts[-1])].append((name, count))
    single = [name for name in values if len(name.split()) == 1]
    duplicates = [n for n in single if len(full.get(fold(n), [])) == 1]
    ambiguous = [n for n in single if len(full.get(fold(n), [])) > 1]
    print(f"person values: {len(values)}, surname alone: {len(single)}")
    print(f"surname-only duplicates of one full name: {len(duplicates)}")
    print(f"surnames shared by several full names: {len(ambiguous)}")
    show = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    for name in sorted(duplicates, key=lambda n: -values[n])[:show]:
        print(f"  duplicate  {name} {values[name]} = {full[fold(name)][0][0]} {full[fold(name)][0][1]}")
    for name in sorted(ambiguous, key=lambda n: -values[n])[:show]:
        names = sorted(full[fold(name)], key=lambda x: -x[1])
        listed = ", ".join(f"{n} {c}" for n, c in names[:4])
        print(f"  ambiguous  {name} {values[name]}: {listed}")


if __name__ == "__main__":
    main()
