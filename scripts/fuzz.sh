#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a fixed time each, and prints per target the
# executions libFuzzer made and the seconds it ran.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer needs nightly compiler flags;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them. Targets are built without a
# sanitizer: newsdex has no unsafe code of its own, and the searches for panics, aborts
# and hangs need none. A crash is saved under fuzz/artifacts/TARGET/; make it a
# regression test in the main suite, then delete it.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
budget="${1:-60}"
shift || true
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || {
    echo "fuzz.sh: cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 2
}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
cargo fuzz build --sanitizer none

# A first run starts from the project's own files rather than from nothing, so the
# readers are reached through real articles at once: the sample corpus for the readers,
# queries of README's language for the query parser.
seed() {
    local dir="corpus/$1"
    [ -z "$(ls -A "$dir")" ] || return 0
    case "$1" in
        read_text) find ../sample_corpus -name '*.txt' -exec cp {} "$dir/" \; ;;
        read_json) find ../sample_corpus -name '*.json' -exec cp {} "$dir/" \; ;;
        read_jsonl) find ../sample_corpus -name '*.jsonl' -exec cp {} "$dir/" \; ;;
        read_html) find ../sample_corpus -name '*.html' -exec cp {} "$dir/" \; ;;
        query)
            local n=0
            for q in 'oil AND (iran OR iraq)' '"foreign minister"~2 -sanctions' \
                'title:talks country:Iran' 'official:Dehghani date:2023-09' 'tehr* sanction~1' \
                'person:"Sergei Shoigu" +agency:IMNA' "Reagan's O'Neill" '北京 会議'; do
                n=$((n + 1))
                printf '%s' "$q" >"$dir/seed-$n"
            done
            ;;
    esac
}
status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    seed "$target"
    log="artifacts/$target/last-run.log"
    started=$(date +%s)
    before=$(find "artifacts/$target" -name 'crash-*' | wc -l)
    # -fork=1 -ignore_crashes=1: a crash is saved and the run goes on for its whole budget,
    # so one known crash does not hide the next.
    cargo fuzz run --sanitizer none "$target" "corpus/$target" -- \
        -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
        -max_total_time="$budget" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        >"$log" 2>&1 || status=1
    ran=$(($(date +%s) - started))
    # A forked run's status lines start with "#N" executions so far.
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    crashes=$(($(find "artifacts/$target" -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' | wc -l) - before))
    echo "$target: ${runs:-?} executions in ${ran} s, $crashes new crashes"
    if [ "$crashes" -gt 0 ]; then
        status=1
        echo "$target: see fuzz/$log and fuzz/artifacts/$target/"
    fi
done
exit $status
