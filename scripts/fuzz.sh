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
status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    log="artifacts/$target/last-run.log"
    started=$(date +%s)
    if ! cargo fuzz run --sanitizer none "$target" "corpus/$target" -- \
        -max_total_time="$budget" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        >"$log" 2>&1; then
        status=1
        echo "$target: CRASH, see fuzz/$log and fuzz/artifacts/$target/"
    fi
    ran=$(($(date +%s) - started))
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
    echo "$target: $runs executions in ${ran} s"
done
exit $status
