#!/usr/bin/env bash
# Scores newsdex's entity extraction on the shared dev sets (see EVALUATION.md).
#
#   eval/run.sh            convert the dev sets (once), extract, score, time
#   ERRORS=10 eval/run.sh  also list the most frequent misses and false hits
#   SPEED_SETS= eval/run.sh  scores alone, without the extraction speed runs
#
# Needs ../shared beside the repository root, or SHARED=folder (the CoNLL-2003 and
# Reuters-21578 corpora and the scoring tools); without it the script says so and does nothing. Everything it writes
# goes to eval-data/, which git ignores.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
tools="$shared/tools"
data="$root/eval-data"
errors="${ERRORS:-0}"

if [[ ! -d "$tools" || ! -d "$shared/corpora" ]]; then
    echo "eval/run.sh: no corpora and scoring tools under $shared (set SHARED=folder): nothing to evaluate"
    exit 0
fi

cd "$root"
mkdir -p "$data"

if [[ ! -f "$data/conll.gold.jsonl" ]]; then
    python3 "$tools/conll_to_articles.py" "$shared/corpora/conll2003/valid.txt" \
        --out "$data/conll" --gold "$data/conll.gold.jsonl"
fi
if [[ ! -f "$data/reuters.gold.jsonl" ]]; then
    python3 "$tools/reuters_to_articles.py" --sgml-dir "$shared/corpora/reuters21578" \
        --out "$data/reuters" --gold "$data/reuters.gold.jsonl" --formats txt
fi
if [[ ! -d "$data/synth-txt" ]]; then
    python3 "$tools/synth_news.py" --sgml-dir "$shared/corpora/reuters21578" --n 10000 \
        --out "$data/synth-txt" --format txt
fi

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdex"

for set in conll reuters; do
    start=$(date +%s%N)
    "$bin" extract "$data/$set" > "$data/$set.pred.jsonl"
    end=$(date +%s%N)
    n=$(wc -l < "$data/$set.pred.jsonl")
    echo "newsdex extract $set: $n articles in $(( (end - start) / 1000000 )) ms (reading, extracting, writing JSON)"
done

score() {
    python3 "$tools/score_entities.py" --errors "$errors" "$@"
}

echo
echo "== CoNLL-2003 valid: people (strict, lenient) and places"
score --gold "$data/conll.gold.jsonl" --pred "$data/conll.pred.jsonl" --fields people,places
echo
echo "== Reuters-21578: countries against the gold places"
score --gold "$data/reuters.gold.jsonl" --pred "$data/reuters.pred.jsonl" --reuters --fields countries
echo
echo "== Reuters-21578, articles with gold people: people by surname"
score --gold "$data/reuters.gold.jsonl" --pred "$data/reuters.pred.jsonl" --reuters \
    --skip-empty-gold --fields people

echo
echo "== Extraction alone, one thread (best of three passes)"
for set in ${SPEED_SETS-reuters synth-txt}; do
    NEWSDEX_SPEED_DIR="$data/$set" cargo test --release --quiet --lib \
        extract::entities::tests::speed -- --ignored --nocapture 2>&1 | grep 'articles/s' \
        | sed "s/^/$set: /"
done
