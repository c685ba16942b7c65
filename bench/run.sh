#!/usr/bin/env bash
# The benchmark suite: newsdex against tantivy-cli on the same articles, in the same run.
#
#   bench/run.sh [--quick]
#
# Builds the corpora from the shared folder into bench-data/ (kept and reused: delete a
# corpus folder, or bench-data/tantivy/ after a change to extraction, to rebuild it),
# converts each to tantivy-cli documents (title and body), then
# times, for both tools: indexing (wall time, peak RSS through /usr/bin/time -v, index
# size), the searches of bench/queries.txt in-process (`newsdex bench`, `tantivy bench`)
# and as whole processes (hyperfine), newsdex's re-index of an unchanged 100,000-file
# folder, and extraction alone (criterion, benches/extract.rs).
#
# Everything lands in bench/runs/<YYYY-MM-DD>-<host>/: results.json, made by
# bench/collect.py from the raw tool outputs kept beside it in raw/. A full run also
# writes BENCHMARKS.md through bench/report.py; a --quick run writes its report into
# its own run folder only, so it never replaces the published figures.
#
#   --quick   one run of each timing, and no 1,000,000-article corpus: the searches
#             run on the 100,000-article index instead
#
# Environment:
#   SHARED=DIR        the shared folder with corpora/reuters21578 and tools/
#                     (default: ../shared beside the repository)
#   NEWSDEX_BIN=FILE  the newsdex binary to measure (default: this repository's, built
#                     here with `cargo build --release`; CARGO_TARGET_DIR is honoured)
#   TANTIVY_CLI=FILE  tantivy-cli's binary (default: `tantivy` on PATH)
#   BENCH_DATA=DIR    where corpora, conversions and indexes go (default: bench-data/)
set -euo pipefail

quick=0
for arg in "$@"; do
    case $arg in
        --quick) quick=1 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "bench: unknown argument \`$arg\` (usage: bench/run.sh [--quick])" >&2
            exit 2
            ;;
    esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$repo/bench
shared=${SHARED:-$repo/../shared}
sgml=$shared/corpora/reuters21578
if [[ ! -f $sgml/reut2-000.sgm ]]; then
    echo "bench: ${SHARED:-../shared} not found, skipping (the suite needs the Reuters-21578 corpus)"
    exit 0
fi
shared=$(cd "$shared" && pwd)
sgml=$shared/corpora/reuters21578

# --- Tools -------------------------------------------------------------------------

missing=()
command -v hyperfine >/dev/null || missing+=("hyperfine: apt-get install hyperfine")
/usr/bin/time -v true >/dev/null 2>&1 || missing+=("GNU time at /usr/bin/time: apt-get install time")
command -v python3 >/dev/null || missing+=("python3")
tantivy=${TANTIVY_CLI:-$(command -v tantivy || true)}
if [[ -z $tantivy || ! -x $tantivy ]]; then
    missing+=("tantivy-cli: cargo install tantivy-cli (without --locked on a recent toolchain), then put \`tantivy\` on PATH or set TANTIVY_CLI=/path/to/tantivy")
fi
if ((${#missing[@]})); then
    echo "bench: missing tools:" >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 1
fi

if [[ -z ${NEWSDEX_BIN:-} ]]; then
    echo "bench: building newsdex (cargo build --release)"
    (cd "$repo" && cargo build --release --locked --quiet)
    target=$(cd "$repo" && cargo metadata --no-deps --format-version 1 |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    NEWSDEX_BIN=$target/release/newsdex
fi
newsdex=$NEWSDEX_BIN
[[ -x $newsdex ]] || { echo "bench: $newsdex is not an executable" >&2; exit 1; }

# --- The run folder ----------------------------------------------------------------

data=${BENCH_DATA:-$repo/bench-data}
mkdir -p "$data"
data=$(cd "$data" && pwd)
run_name="$(date +%F)-$(hostname)"
((quick)) && run_name+="-quick"
run_dir=$bench/runs/$run_name
raw=$run_dir/raw
rm -rf "$raw"
mkdir -p "$raw"
manifest=$raw/manifest.tsv
: >"$manifest"

if ((quick)); then
    index_runs=1 big_runs=0 bench_runs=50
else
    index_runs=3 big_runs=2 bench_runs=200
fi

# One tab-separated line of the manifest that bench/collect.py reads.
record() { (IFS=$'\t' && echo "$*") >>"$manifest"; }
# The 1-, 5- and 15-minute load averages, for the note on how quiet the machine was.
load() { record load "$1" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
say() { echo "bench: $*"; }

record info quick "$quick"
record info newsdex_bin "$newsdex"
record info newsdex_version "$("$newsdex" --version)"
record info newsdex_commit "$(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
record info tantivy_cli "$tantivy"
record info tantivy_cli_version "$("$tantivy" --version 2>&1 | head -1)"
record info hyperfine_version "$(hyperfine --version)"
record info uptime_start "$(uptime)"
load start

# --- Corpora -------------------------------------------------------------------------

# Builds $data/NAME with the command after NAME, unless an earlier run finished it.
make_corpus() {
    local name=$1
    shift
    if [[ -f $data/$name.done && -d $data/$name ]]; then
        say "reusing $data/$name"
    else
        say "building $data/$name"
        rm -rf "${data:?}/$name"
        "$@" >"$raw/make-$name.log" 2>&1
        touch "$data/$name.done"
    fi
    record corpus "$name" "$data/$name" "$(find "$data/$name" -type f | wc -l)" \
        "$(du -sb "$data/$name" | cut -f1)"
}

synth() { python3 "$shared/tools/synth_news.py" --sgml-dir "$sgml" "$@"; }

make_corpus reuters python3 "$shared/tools/reuters_to_articles.py" --sgml-dir "$sgml" \
    --out "$data/reuters"
make_corpus synth-jsonl-100k synth --n 100000 --out "$data/synth-jsonl-100k"
make_corpus synth-txt-100k synth --n 100000 --format txt --out "$data/synth-txt-100k"
make_corpus synth-txt-2k synth --n 2000 --format txt --out "$data/synth-txt-2k"
((quick)) || make_corpus synth-jsonl-1m synth --n 1000000 --out "$data/synth-jsonl-1m"

# --- tantivy-cli documents -----------------------------------------------------------

# Converts corpus NAME to $data/tantivy/NAME.jsonl, once, with the command after NAME
# and its description (the command's output is the documents); the seconds it took are
# kept beside the documents.
convert() {
    local name=$1 description=$2 out=$data/tantivy/$1.jsonl
    shift 2
    mkdir -p "$data/tantivy"
    if [[ ! -f $out || ! -f $out.seconds ]]; then
        say "converting $name for tantivy-cli"
        local started
        started=$(now)
        "$@" >"$out"
        since "$started" >"$out.seconds"
    fi
    record convert "$name" "$(cat "$out.seconds")" "$description"
}

extract_reuters() { "$newsdex" extract "$data/reuters" | python3 "$bench/to_tantivy.py"; }
convert reuters "newsdex extract bench-data/reuters | bench/to_tantivy.py" extract_reuters
for name in synth-jsonl-100k synth-jsonl-1m; do
    [[ $name == synth-jsonl-1m ]] && ((quick)) && continue
    convert "$name" "bench/to_tantivy.py bench-data/$name/*.jsonl" \
        python3 "$bench/to_tantivy.py" "$data/$name"/*.jsonl
done

# --- Indexing ------------------------------------------------------------------------

indexes=$data/indexes
mkdir -p "$indexes"

# `newsdex index` under /usr/bin/time -v. Exit 1 means some files were skipped, with a
# warning: the run still counts, and the warnings are kept in the .err file.
time_newsdex() {
    local tag=$1
    shift
    local status=0
    /usr/bin/time -v -o "$raw/$tag.time" "$newsdex" "$@" >"$raw/$tag.out" 2>"$raw/$tag.err" ||
        status=$?
    if ((status > 1)); then
        echo "bench: newsdex failed ($tag), see $raw/$tag.err" >&2
        exit 1
    fi
}

# Indexes corpus NAME RUNS times with each tool, alternating, so that both meet the
# same load. tantivy-cli reads $data/tantivy/NAME.jsonl when it exists.
index_corpus() {
    local name=$1 runs=$2 docs=$data/tantivy/$1.jsonl
    local nidx=$indexes/newsdex-$name tidx=$indexes/tantivy-$name
    [[ -f $docs ]] && record docs "$name" "$(wc -l <"$docs")"
    for ((run = 1; run <= runs; run++)); do
        load "index $name $run"
        if [[ -f $docs ]]; then
            say "index $name, run $run/$runs: tantivy-cli -t 2"
            rm -rf "$tidx" && mkdir -p "$tidx" && cp "$bench/tantivy-meta.json" "$tidx/meta.json"
            /usr/bin/time -v -o "$raw/index-tantivy-$name-$run.time" \
                "$tantivy" index -i "$tidx" -t 2 -f "$docs" >"$raw/index-tantivy-$name-$run.out" 2>&1
            record index tantivy "$name" "$run" "index-tantivy-$name-$run"
        fi
        say "index $name, run $run/$runs: newsdex"
        rm -rf "$nidx"
        time_newsdex "index-newsdex-$name-$run" --index "$nidx" index --full "$data/$name"
        record index newsdex "$name" "$run" "index-newsdex-$name-$run"
    done
    record size newsdex "$name" "$(du -sb "$nidx" | cut -f1)" 0
    if [[ -f $docs ]]; then
        # tantivy-cli's fast columns hold only agency, year and month: left out of the
        # size of "the same title and body text".
        local fast
        fast=$(find "$tidx" -name '*.fast' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
        record size tantivy "$name" "$(du -sb "$tidx" | cut -f1)" "$fast"
    fi
}

index_corpus reuters "$index_runs"
index_corpus synth-jsonl-100k "$index_runs"
index_corpus synth-txt-100k "$index_runs"
((quick)) || index_corpus synth-jsonl-1m "$big_runs"

for ((run = 1; run <= index_runs; run++)); do
    load "reindex $run"
    say "re-index of the unchanged synth-txt-100k, run $run/$index_runs"
    time_newsdex "reindex-synth-txt-100k-$run" --index "$indexes/newsdex-synth-txt-100k" \
        index "$data/synth-txt-100k"
    record reindex newsdex synth-txt-100k "$run" "reindex-synth-txt-100k-$run"
done

record command index_newsdex "newsdex --index INDEX index --full CORPUS"
record command index_tantivy "tantivy index -i INDEX -t 2 -f CORPUS.jsonl (schema: bench/tantivy-meta.json)"
record command reindex "newsdex --index INDEX index bench-data/synth-txt-100k"

# --- Searches --------------------------------------------------------------------------

# The non-comment lines of a file.
lines_of() { grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1"; }

# The tantivy-cli column (2: query, 3: agg) of bench/tantivy-queries.tsv for a line of
# bench/queries.txt.
tantivy_column() {
    LINE=$1 awk -F'\t' -v col="$2" '!/^#/ && $1 == ENVIRON["LINE"] { print $col; exit }' \
        "$bench/tantivy-queries.tsv"
}

agg_json() {
    case $1 in
        count) echo '{"hits":{"value_count":{"field":"year"}}}' ;;
        facets) echo '{"agency":{"terms":{"field":"agency"}},"year":{"terms":{"field":"year"}}}' ;;
    esac
}

# Times every search on corpus NAME: in-process with both tools' bench commands, and as
# whole processes with hyperfine.
query_corpus() {
    local name=$1 nidx=$indexes/newsdex-$1 tidx=$indexes/tantivy-$1
    load "queries $name"
    say "searches on $name: in-process"
    "$newsdex" --index "$nidx" bench --queries "$bench/queries.txt" --runs "$bench_runs" \
        --format json >"$raw/inproc-newsdex-$name.json"
    record inproc newsdex "$name" "inproc-newsdex-$name.json"
    local tqueries=$raw/tantivy-bench-queries.txt
    lines_of "$bench/tantivy-queries.tsv" | tail -n +2 | cut -f2 | grep -vx -- - | sort -u >"$tqueries"
    # tantivy-cli's bench has no warm-up: three more rounds, dropped by collect.py.
    "$tantivy" bench -i "$tidx" -q "$tqueries" -n $((bench_runs + 3)) \
        >"$raw/inproc-tantivy-$name.txt"
    record inproc tantivy "$name" "inproc-tantivy-$name.txt"

    say "searches on $name: whole processes (hyperfine)"
    local commands=() line query agg cmd
    declare -A seen=()
    while IFS= read -r line; do
        commands+=(-n "newsdex: $line" "$(printf '%q' "$newsdex") --index $(printf '%q' "$nidx") search $line")
        query=$(tantivy_column "$line" 2)
        agg=$(tantivy_column "$line" 3)
        [[ -z $query || $query == - ]] && continue
        cmd="$(printf '%q' "$tantivy") search -i $(printf '%q' "$tidx") -q '$query' -a '$(agg_json "$agg")'"
        [[ -n ${seen[$cmd]:-} ]] && continue
        seen[$cmd]=1
        commands+=(-n "tantivy: $query [$agg]" "$cmd")
    done < <(lines_of "$bench/queries.txt")
    # -i: a search with no match exits 1, and is still a search.
    hyperfine -N -i --warmup 3 --runs 30 --style basic \
        --export-json "$raw/whole-$name.json" "${commands[@]}" >"$raw/whole-$name.txt" 2>&1
    record whole both "$name" "whole-$name.json"
}

query_corpus reuters
if ((quick)); then query_corpus synth-jsonl-100k; else query_corpus synth-jsonl-1m; fi

record command inproc_newsdex "newsdex --index INDEX bench --queries bench/queries.txt --runs $bench_runs --format json"
record command inproc_tantivy "tantivy bench -i INDEX -q QUERIES -n $((bench_runs + 3)) (first 3 rounds dropped)"
record command whole "hyperfine -N -i --warmup 3 --runs 30 'newsdex --index INDEX search LINE' \"tantivy search -i INDEX -q 'QUERY' -a 'AGG'\""

# --- Extraction alone ------------------------------------------------------------------

load criterion
say "criterion benches (extraction, search)"
(cd "$repo" && CRITERION_HOME=$data/criterion NEWSDEX_BENCH_SYNTH=$data/synth-txt-2k \
    cargo bench --locked --bench extract --bench search -- --noplot) >"$raw/criterion.txt" 2>&1
record criterion "$data/criterion"
record command criterion "cargo bench --bench extract --bench search (NEWSDEX_BENCH_SYNTH=bench-data/synth-txt-2k)"

load end
record info uptime_end "$(uptime)"

# --- Results -----------------------------------------------------------------------

python3 "$bench/collect.py" "$run_dir"
if ((quick)); then
    python3 "$bench/report.py" "$run_dir/results.json" -o "$run_dir/BENCHMARKS.md"
    say "done: $run_dir (quick: report in $run_dir/BENCHMARKS.md)"
else
    python3 "$bench/report.py" "$run_dir/results.json" -o "$repo/BENCHMARKS.md"
    say "done: $run_dir and BENCHMARKS.md"
fi
