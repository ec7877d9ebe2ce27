#!/bin/sh
# Runs one fuzz target for a bounded time at low priority (one at a time: the machine is shared):
#   Fuzz/run.sh TARGET SECONDS [LIBFUZZER-OPTION ...]    TARGET: json, push, config, text, mapping
# Build first with Fuzz/build.py (the seeds, committed, come from Fuzz/seeds.py). The corpus grows
# in .build-fuzz/corpus/TARGET (seeded from Fuzz/Seeds/TARGET); a crash leaves its input in
# .build-fuzz/findings/TARGET/; the log, with libFuzzer's final stats (executions, coverage), is
# .build-fuzz/TARGET.log.
set -eu
target=${1:?TARGET}
seconds=${2:?SECONDS}
shift 2
# TOMLKit 0.6.0 leaks the C string of every string value it hands out, and a little at each syntax
# error (its code, not ours: a few bytes once per run); leaks would stop every config run at once.
if [ "$target" = config ]; then set -- -detect_leaks=0 "$@"; export ASAN_OPTIONS=detect_leaks=0; fi
cd "$(dirname "$0")/.."
out=.build-fuzz
mkdir -p "$out/corpus/$target" "$out/findings/$target"
SWIFT_BACKTRACE=enable=no nice -n 10 "$out/fuzz-$target" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=4096 \
    -timeout=10 -artifact_prefix="$out/findings/$target/" "$@" "$out/corpus/$target" "Fuzz/Seeds/$target" \
    > "$out/$target.log" 2>&1 && status=0 || status=$?
grep -E "^stat::|^Done|SUMMARY|ERROR|Fatal error|Test unit written" "$out/$target.log" || true
echo "$target: exit $status, findings: $(ls "$out/findings/$target" | wc -l)"
exit $status
