#!/usr/bin/env bash
# Throughput benchmark (issue 13, target 2): one run of the packaged local platform (every service, the broker and
# PostgreSQL on this machine), a warm-up at the first rate, then each rate for a step. After each step it prints the
# intents accepted and verdicts issued per second and the late verdicts (TIMING, MISSING_LEGACY, MISSING_SHADOW: what
# lag produces), the CPU the step took (cores busy on the whole machine and in the platform's JVM, and milliseconds of
# CPU per intent accepted) and each consumer group's lag (which service the pipeline waits for), and at the end the
# rate where the first late verdict appeared. Build first:
#   ./mvnw -q -DskipTests package
#   scripts/benchmark-throughput.sh [seconds per step] [rate ...]     e.g. scripts/benchmark-throughput.sh 60 20 40 80 160
# WARM_UP_SECONDS (default 90) sets the warm-up. One platform at a time: it uses ports 9092, 15432 and 8080-8090.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
rates=("${@:-10 20 40}")
rates=(${rates[@]})
if (( ${#rates[@]} < 2 )); then
  rates=("${rates[0]}" "${rates[0]}") # a warm-up and one step need the stepped mode: the same rate twice
fi
jar=$(ls local-runner/target/local-runner-*-exec.jar | head -n 1)
data_dir="$(mktemp -d)"
log="$data_dir/run.log"
trap 'rm -rf "$data_dir"' EXIT
joined=$(IFS=,; echo "${rates[*]}")
java -jar "$jar" --rate="$joined" --step="PT${seconds}S" --warm-up="PT${WARM_UP_SECONDS:-90}S" \
  --data-dir="$data_dir" --summary-every=10 > "$log" 2>&1 || true
if ! grep -q '^\[parallel-run\] step ' "$log"; then
  echo "the platform did not run its steps; the end of its log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
grep -E '^\[parallel-run\] (step |  consumer lag|  cpu during)' "$log" | sed 's/^\[parallel-run\] //'
# the rate the pipeline falls behind at: the first step with a late verdict
grep '^\[parallel-run\] step ' "$log" | awk '{
    rate = $0; sub(/.*offered=/, "", rate); sub(/\/s.*/, "", rate)
    if ($NF == "up" && !behind) kept = rate
    if ($NF == "behind" && !behind) behind = rate
  } END {
    print "kept up to: " (kept == "" ? "none" : kept " intents/s") "; falls behind at: " (behind == "" ? "not reached" : behind " intents/s")
  }'
