#!/usr/bin/env bash
# Scores newsdex's reading of real web pages on the shared html-dev set (see EVALUATION.md):
# main text, headline and publication day, through `newsdex extract`.
#
#   eval/html.sh                          the release binary (built first)
#   eval/html.sh before=/tmp/old/newsdex  each LABEL=BINARY given, one table row each
#
# Needs ../shared beside the repository root (or SHARED=folder): the html-dev corpus and
# score_html.py. Without it the script says so and does nothing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
score="$shared/tools/score_html.py"

if [[ ! -f "$score" || ! -d "$shared/corpora/html-dev" ]]; then
    echo "eval/html.sh: no html-dev corpus or score_html.py under $shared: nothing to evaluate"
    exit 0
fi

cd "$root"
if [[ $# -eq 0 ]]; then
    cargo build --release --locked --quiet
    set -- "newsdex=target/release/newsdex"
fi

echo "| on html-dev | main text F1 | empty bodies | title, normalised | dates right / wrong / missing | pages/s, one core (CPU time) |"
echo "|---|---:|---:|---:|---:|---:|"
for labelled in "$@"; do
    label="${labelled%%=*}"
    binary="${labelled#*=}"
    python3 "$score" "$binary" --pages "$shared/corpora/html-dev/html" \
        --gold "$shared/corpora/html-dev/gold.json" --json |
        python3 -c '
import json, sys
s = json.load(sys.stdin)
b, t, d, v = s["body"], s["title"], s["date"], s["speed"]
print("| %s | %.3f | %d | %.3f | %.3f / %.3f / %.3f | %.0f |" % (
    sys.argv[1], b["f1"], b["empty_pages"], t["normalised"],
    d["correct"], d["wrong"], d["missing"], v["pages_per_s_cpu"]))
' "$label"
done
