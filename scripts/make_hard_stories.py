#!/usr/bin/env python3
"""Harder story cases than make_wire_copies.py writes, with gold for score_stories.py.

  make_hard_stories.py --gold DEV.gold.jsonl --export DEV.export.jsonl --root DEV \
      --out HARD_DIR --gold-out HARD.gold.jsonl [--sources N] [--seed S]

Takes up to N (default 150) source articles of a make_wire_copies.py corpus that have
three paragraphs or more, with the bodies newsdex extracted from them (`newsdex export`
of the indexed corpus, so site furniture is already gone), and writes under HARD_DIR, as
text pages:

  src/I.txt      the source itself;
  caps/I.txt     the whole copy in capitals (headline and body);
  brief/I.txt    the lede paragraph alone, under a headline of its own;
  reorder/I.txt  an intro of the outlet's own, then every paragraph but the lede in
                 reverse order;
  roundup/J.txt  the first half of the paragraphs of two sources, one after the other
                 (kind "roundup", "parts" naming both): a different story.

Python 3 standard library only.
"""

import argparse
import json
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", required=True)
    parser.add_argument("--export", required=True)
    parser.add_argument("--root", required=True, help="the corpus folder the gold paths are relative to")
    parser.add_argument("--out", required=True)
    parser.add_argument("--gold-out", required=True)
    parser.add_argument("--sources", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    root = os.path.realpath(args.root) + "/"
    articles = {}
    with open(args.export) as export:
        for line in export:
            article = json.loads(line)
            if article["path"].startswith(root):
                articles.setdefault(article["path"][len(root):], article)
    with open(args.gold) as gold:
        sources = [g for g in map(json.loads, gold) if g["kind"] == "source"]
    random.Random(args.seed).shuffle(sources)

    def paragraphs(body):
        return [p for p in body.split("\n\n") if p.strip()]

    def write(relative, title, body):
        path = os.path.join(args.out, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as out:
            out.write(f"{title}\n\n{body}\n")

    lines, used = [], []
    for i, source in enumerate(sources[: args.sources]):
        article = articles.get(source["story"])
        if article is None or len(paragraphs(article["body"])) < 3:
            continue
        parts = paragraphs(article["body"])
        story = f"src/{i}.txt"
        used.append((story, parts))
        write(story, article["title"], article["body"])
        lines.append({"path": story, "story": story, "kind": "source"})
        copies = {
            f"caps/{i}.txt": (article["title"].upper(), article["body"].upper(), "all-caps"),
            f"brief/{i}.txt": ("In brief: " + article["title"].split()[0], parts[0], "lede-only"),
            f"reorder/{i}.txt": (
                "Our view",
                "The Valley Courier has followed this story closely for its readers in the region.\n\n"
                + "\n\n".join(parts[1:][::-1]),
                "partial-reorder-intro",
            ),
        }
        for path, (title, body, transform) in copies.items():
            write(path, title, body)
            lines.append({"path": path, "story": story, "kind": "copy", "transforms": [transform]})
    for j in range(0, len(used) - 1, 2):
        (a, pa), (b, pb) = used[j], used[j + 1]
        path = f"roundup/{j}.txt"
        write(path, "Business roundup", "\n\n".join(pa[: max(1, len(pa) // 2)] + pb[: max(1, len(pb) // 2)]))
        lines.append({"path": path, "story": path, "kind": "roundup", "parts": [a, b]})
    with open(args.gold_out, "w") as out:
        out.writelines(json.dumps(line) + "\n" for line in lines)
    print(f"{len(used)} sources, {len(lines)} gold lines")


if __name__ == "__main__":
    main()
