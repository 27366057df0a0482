#!/usr/bin/env bash
# Throughput benchmark: runs the packaged local platform at each given traffic rate for a while (a
# fresh data folder each time) and prints what it reached: intents accepted per second, verdicts stored
# per second, match rate and classification mix. Build first: ./mvnw -q -DskipTests package
#   scripts/benchmark-throughput.sh [seconds per rate] [rate ...]      e.g. scripts/benchmark-throughput.sh 90 3 20 50
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-90}"
shift || true
rates=("${@:-3 20}")
jar=$(ls local-runner/target/local-runner-*-exec.jar | head -n 1)

printf '%-8s %-10s %-14s %-14s %-10s %s\n' "rate/s" "seconds" "intents/s" "verdicts/s" "match" "mix"
for rate in ${rates[@]}; do
  data_dir="$(mktemp -d)"
  log="$data_dir/run.log"
  java -jar "$jar" --duration="PT${seconds}S" --rate="$rate" --data-dir="$data_dir" --summary-every=5 > "$log" 2>&1 || true
  last=$(grep '^\[parallel-run\] intents accepted' "$log" | tail -n 1)
  accepted=$(sed -E 's/.*intents accepted=([0-9]+).*/\1/' <<<"$last")
  overall=$(sed -E 's/.*, ([0-9.]+)\/s overall.*/\1/' <<<"$last")
  match=$(sed -E 's/.*match rate ([^|]*[^| ]) \|.*/\1/' <<<"$last")
  mix=$(sed -E 's/.*\| match rate [^|]*\| //' <<<"$last")
  printf '%-8s %-10s %-14s %-14s %-10s %s\n' "$rate" "$seconds" "$(awk -v a="$accepted" -v s="$seconds" 'BEGIN{printf "%.1f", a/s}')" \
    "$overall" "$match" "$mix"
  rm -rf "$data_dir"
done
