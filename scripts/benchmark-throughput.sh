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
summary_every=5

printf '%-8s %-10s %-14s %-14s %-26s %-10s %s\n' "rate/s" "seconds" "intents/s" "verdicts/s" "2nd half: intents, verdicts/s" "match" "mix"
for rate in ${rates[@]}; do
  data_dir="$(mktemp -d)"
  log="$data_dir/run.log"
  java -jar "$jar" --duration="PT${seconds}S" --rate="$rate" --data-dir="$data_dir" --summary-every="$summary_every" > "$log" 2>&1 || true
  last=$(grep '^\[parallel-run\] intents accepted' "$log" | tail -n 1)
  accepted=$(sed -E 's/.*intents accepted=([0-9]+).*/\1/' <<<"$last")
  overall=$(sed -E 's/.*, ([0-9.]+)\/s overall.*/\1/' <<<"$last")
  match=$(sed -E 's/.*match rate ([^|]*[^| ]) \|.*/\1/' <<<"$last")
  mix=$(sed -E 's/.*\| match rate [^|]*\| //' <<<"$last")
  # the steady state: the second half of the summaries taken while traffic ran (the first minutes on 2 cores are the JIT)
  steady=$(grep '^\[parallel-run\] intents accepted' "$log" \
    | sed -E 's/.*intents accepted=([0-9]+).*verdicts=([0-9]+) .*/\1 \2/' \
    | awk -v every="$summary_every" '{ a[NR] = $1; v[NR] = $2 } END {
        n = NR; while (n > 1 && a[n] == a[n - 1]) n--;   # drop the summaries after traffic stopped
        h = int(n / 2); if (h < 1 || n - h < 1) { print "n/a"; exit }
        printf "%.1f, %.1f", (a[n] - a[h]) / ((n - h) * every), (v[n] - v[h]) / ((n - h) * every) }')
  printf '%-8s %-10s %-14s %-14s %-26s %-10s %s\n' "$rate" "$seconds" "$(awk -v a="$accepted" -v s="$seconds" 'BEGIN{printf "%.1f", a/s}')" \
    "$overall" "$steady" "$match" "$mix"
  rm -rf "$data_dir"
done
