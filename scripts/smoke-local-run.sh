#!/usr/bin/env bash
# Runs the packaged local platform (real Kafka, embedded PostgreSQL, every service, traffic) for a
# while in a scratch data folder, then checks that verdicts of every classification the claims mix
# produces were stored: clean claims MATCH, rounding-policy differences TOLERATED, the new fraud model's
# richer reasons EXPECTED_DIFFERENCE, its same-day high-value review MISMATCH, legacy failures FAILED,
# unknown policies DATA_QUALITY.
# With SMOKE_LOG=<file> it starts nothing and checks the output of a run made elsewhere (scripts/check-dashboards.sh
# runs the platform once for its checks and these).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-75}"
rate="${2:-5}"
if [[ -n "${SMOKE_LOG:-}" ]]; then
  data_dir=""
  log="$SMOKE_LOG"
else
  data_dir="$(mktemp -d)"
  log="$data_dir/run.log"
  jar=$(ls local-runner/target/local-runner-*-exec.jar | head -n 1)
  java -jar "$jar" --duration="PT${seconds}S" --rate="$rate" --data-dir="$data_dir" --summary-every=5 | tee "$log"
fi

last=$(grep '^\[parallel-run\] intents accepted' "$log" | tail -n 1)
echo "last summary: $last"
for classification in MATCH TOLERATED EXPECTED_DIFFERENCE MISMATCH FAILED DATA_QUALITY; do
  # a whole word: MATCH= must not be satisfied by MISMATCH=
  if ! grep -qE "(^|[ |])$classification=[0-9]" <<<"$last"; then
    echo "smoke run FAILED: no $classification verdict after ${seconds}s" >&2
    exit 1
  fi
done
echo "smoke run passed"
if [[ -n "$data_dir" ]]; then rm -rf "$data_dir"; fi
