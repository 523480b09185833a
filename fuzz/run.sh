#!/usr/bin/env bash
# Runs fuzz targets one after the other, one process each (the machine is shared), each for
# FUZZ_SECONDS seconds or, with FUZZ_RUNS set, that many executions; prints libFuzzer's
# closing line for each. New inputs go to fuzz/corpus/<target>/, crashes to fuzz/artifacts/.
# Usage (from the repository's root): fuzz/run.sh [target…]   (default: every target)
set -euo pipefail
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode_index add_shard ask read_text read_markdown read_html read_jsonl read_manifest)
mkdir -p target/fuzz-logs
status=0
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  limit=(-max_total_time="$seconds")
  [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
  # Comparison tracing would find magic values, but the formats' tags are in the seeds, and
  # it halves the speed. Pages and questions past 2 KB only slow the search down: the hostile sizes (deep nesting,
  # run-on text) are measured by `make bench-build` and tests/ingest.rs.
  max_len=2048
  case $target in decode_index | add_shard) max_len=65536 ;; esac
  log=target/fuzz-logs/$target.log
  echo "fuzzing $target (${FUZZ_RUNS:-$seconds s}${FUZZ_RUNS:+ runs}), log in $log"
  (cd fuzz && cargo +nightly fuzz run --sanitizer none --no-trace-compares "$target" "corpus/$target" "../target/fuzz-seeds/$target" -- \
      "${limit[@]}" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 -report_slow_units=1 -print_final_stats=1) \
      > "$log" 2>&1 || { status=1; echo "  $target FAILED: see $log and fuzz/artifacts/$target/"; }
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed 's/^/  /' || true
  grep -c 'Slow unit' "$log" | sed 's/^/  slow units (over 1 s): /' || true
done
exit $status
