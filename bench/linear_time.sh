#!/usr/bin/env bash
# Does extraction take time in proportion to an article's size? Times `newsdex extract`
# on one-article files of growing size and prints the time per MB of each, and the ratio
# of the largest file's time per MB to the smallest's (the goal: at most 2).
#
#   bench/linear_time.sh            sizes 1 2 4 8 (MB), three runs of each, medians
#   SIZES="1 8" RUNS=5 bench/linear_time.sh
#
# The inputs are made here, into bench-data/linear/ (git-ignored), never committed:
#   news         Reuters-21578 articles (made from ../shared by its reuters_to_articles.py)
#                put end to end in one file: ordinary wire copy, many people and places;
#                skipped with a message when ../shared is absent
#   tehran       "Tehran xx. " repeated: one place mentioned over and over, one long line
#   smith        "John Smith said. " repeated: one person mentioned over and over
#   many-names   "Abcd Efgh, " with ever new names: a list of many people
#   capitals     "John Smith " repeated, no punctuation: one long run of capitalised words
#
# Time is user + system CPU time (GNU time), less that of a one-word file (building the
# gazetteers), so that other work on the machine moves the figures less than wall time.
#
# Environment: NEWSDEX_BIN (default: this repository's release build, built here),
# SHARED (default: ../shared beside the repository), BENCH_DATA (default: bench-data/).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=${SIZES:-1 2 4 8}
runs=${RUNS:-3}
shared=${SHARED:-$repo/../shared}
data=${BENCH_DATA:-$repo/bench-data}/linear
mkdir -p "$data"

/usr/bin/time -f %U true >/dev/null 2>&1 || {
    echo "linear_time: needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 1
}
if [[ -z ${NEWSDEX_BIN:-} ]]; then
    (cd "$repo" && cargo build --release --locked --quiet)
    target=$(cd "$repo" && cargo metadata --no-deps --format-version 1 |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    NEWSDEX_BIN=$target/release/newsdex
fi
newsdex=$NEWSDEX_BIN

families="tehran smith many-names capitals"
if [[ -f $shared/corpora/reuters21578/reut2-000.sgm ]]; then
    if [[ ! -d $data/reuters ]]; then
        python3 "$shared/tools/reuters_to_articles.py" --sgml-dir "$shared/corpora/reuters21578" \
            --out "$data/reuters" --formats txt >/dev/null
    fi
    families="news $families"
else
    echo "linear_time: no ../shared (Reuters-21578): the news family is skipped"
fi

# Writes FAMILY-SIZEmb.txt for every family and size not made yet.
python3 - "$data" "$sizes" $families <<'EOF'
import os, sys

data, sizes, families = sys.argv[1], [int(s) for s in sys.argv[2].split()], sys.argv[3:]

def name(i):
    letters = "abcdefghijklmnopqrstuvwxyz"
    word = ""
    for _ in range(4):
        word += letters[i % 26]
        i //= 26
    return word.capitalize()

def repeated(unit):
    return lambda i: unit

def reuters():
    root = os.path.join(data, "reuters")
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".txt"))
    while True:
        for path in paths:
            with open(path, encoding="utf-8") as f:
                yield f.read()

units = {
    "tehran": repeated("Tehran xx. "),
    "smith": repeated("John Smith said. "),
    "many-names": lambda i: f"{name(i)} {name(i * 7 + 3)}, ",
    "capitals": repeated("John Smith "),
}
for family in families:
    for mb in sizes:
        path = os.path.join(data, f"{family}-{mb}mb.txt")
        if os.path.exists(path):
            continue
        limit = mb * 2**20
        parts, size = [] if family == "news" else ["Headline\n\n"], 0
        source = reuters() if family == "news" else (units[family](i) for i in range(10**9))
        for part in source:
            parts.append(part)
            size += len(part.encode())
            if size >= limit:
                break
        text = "".join(parts).encode()[:limit].decode("utf-8", "ignore")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
EOF
echo word >"$data/one-word.txt"

# The median CPU seconds of `newsdex extract FILE`, over $runs runs.
cpu() {
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%U %S" -o "$data/time.out" "$newsdex" extract "$1" >/dev/null
        awk '{ print $1 + $2 }' "$data/time.out"
    done | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

base=$(cpu "$data/one-word.txt")
echo "newsdex: $newsdex; start-up (one-word file): ${base} s CPU; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %6s %10s %10s\n' family MB "CPU s" "s per MB"
for family in $families; do
    first=""
    for mb in $sizes; do
        t=$(cpu "$data/$family-${mb}mb.txt")
        per=$(awk -v t="$t" -v b="$base" -v mb="$mb" 'BEGIN { d = t - b; if (d < 0) d = 0; printf "%.4f", d / mb }')
        printf '%-12s %6s %10s %10s\n' "$family" "$mb" "$t" "$per"
        first=${first:-$per}
        last=$per
    done
    awk -v f="$first" -v l="$last" -v fam="$family" 'BEGIN {
        r = f > 0 ? l / f : 0
        printf "%-12s per-MB time, largest / smallest: %.2fx (%s)\n", fam, r, r <= 2 ? "within 2x" : "OVER 2x"
    }'
done
