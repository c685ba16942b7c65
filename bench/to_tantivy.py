#!/usr/bin/env python3
"""Turn article JSON lines into tantivy-cli documents for bench/tantivy-meta.json.

Reads JSON lines from the files given (or standard input) and writes one tantivy-cli
document per line to standard output: title and body as they are, plus the metadata
the whole-process aggregations need: agency, year and month (YYYYMM, for date ranges).
It takes either shape the suite has:

  newsdex extract output   title, body, date ("1987-03-02" or null), agency
  synthetic JSONL shards   title, body, published ("1987-03-02T10:00:00Z"), source

No extraction happens here: this is the text a user would hand tantivy-cli.
Python 3 standard library only.
"""
import json
import sys


def document(article):
    """The tantivy-cli document for one article object."""
    doc = {"title": article.get("title") or "", "body": article.get("body") or ""}
    agency = article.get("agency") or article.get("source")
    if isinstance(agency, str) and agency:
        doc["agency"] = agency
    day = article.get("date") or article.get("published") or ""
    if len(day) >= 7 and day[:4].isdigit() and day[5:7].isdigit():
        doc["year"] = int(day[:4])
        doc["month"] = int(day[:4]) * 100 + int(day[5:7])
    return doc


def lines(paths):
    if not paths:
        yield from sys.stdin
        return
    for path in paths:
        with open(path, encoding="utf-8") as f:
            yield from f


def main():
    out = sys.stdout
    for line in lines(sys.argv[1:]):
        if line.strip():
            out.write(json.dumps(document(json.loads(line)), ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()
