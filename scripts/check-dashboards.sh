#!/usr/bin/env bash
# Proves the ops tooling against the real platform, in one run of the packaged local platform:
#  1. static: promtool check config/rules, promtool test rules, dashboard JSON structure, dashboards up to date
#     with their generator (deploy/grafana/dashboards.py);
#  2. live: starts the local platform (real Kafka, embedded PostgreSQL, every service, traffic) and a real
#     Prometheus scraping it every 2 s with the alert rules loaded; once verdicts, latency, match rate and lag
#     are scraped, evaluates every dashboard query and every alert expression through Prometheus's HTTP API
#     (scripts/check_dashboards.py) and fails on an error or an empty result;
#  3. the smoke checks of scripts/smoke-local-run.sh on the same run's output (verdict classifications).
# Installs Debian's prometheus package when promtool is missing. Bounded in time; stops what it started.
#
# usage: scripts/check-dashboards.sh [max-platform-seconds (default 300)] [claims per second (default 5)]
#                                    [min-platform-seconds before the smoke checks (default 75)]
# env:   PROMETHEUS_PORT (default 19090), KEEP_RUN_DIR=1 keeps the scratch folder
set -euo pipefail
cd "$(dirname "$0")/.."
max_seconds="${1:-300}"
rate="${2:-5}"
min_seconds="${3:-75}"
prometheus_port="${PROMETHEUS_PORT:-19090}"
prometheus_url="http://127.0.0.1:${prometheus_port}"
run_dir="$(mktemp -d)"
platform_pid=""
prometheus_pid=""

log() { echo "[check-dashboards] $*"; }

stop() {
  local pid="$1" name="$2"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  stop "$prometheus_pid" prometheus
  stop "$platform_pid" "the local platform"
  if [[ "${KEEP_RUN_DIR:-0}" == 1 ]]; then log "kept $run_dir"; else rm -rf "$run_dir"; fi
}
trap cleanup EXIT

# --- tools -------------------------------------------------------------------------------------------
if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  log "installing Debian's prometheus package (promtool and the server)"
  sudo_cmd=""
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }
for port in 8080 8081 8082 8083 8090 9092 9093 15432 "$prometheus_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: another platform or Prometheus is running" >&2
    exit 1
  fi
done

# --- static checks -----------------------------------------------------------------------------------
log "promtool check config / rules, promtool test rules"
# promtool checks that the scrape password file exists: compose mounts it as a secret, here a stand-in
printf %s metrics > "$run_dir/metrics_password"
sed -e "s#/etc/prometheus/rules/#$PWD/deploy/prometheus/rules/#" -e "s#/run/secrets/metrics_password#$run_dir/metrics_password#" \
  deploy/prometheus/prometheus.yml > "$run_dir/compose-prometheus.yml"
promtool check config "$run_dir/compose-prometheus.yml" >/dev/null
promtool check config deploy/prometheus/prometheus-local.yml >/dev/null
promtool check rules deploy/prometheus/rules/*.yml
promtool test rules deploy/prometheus/tests/*.test.yml

log "dashboard JSON: structure, and up to date with deploy/grafana/dashboards.py"
python3 scripts/check_dashboards.py structure deploy/grafana/dashboards deploy/grafana/provisioning/datasources/prometheus.yml
mkdir -p "$run_dir/generated"
python3 deploy/grafana/dashboards.py "$run_dir/generated"
diff -r "$run_dir/generated" deploy/grafana/dashboards >/dev/null || {
  echo "deploy/grafana/dashboards differs from what deploy/grafana/dashboards.py generates: run it and commit" >&2
  exit 1
}
alert_rules=$(cat deploy/prometheus/rules/*.yml | grep -c '^ *- alert:')

# --- the platform and Prometheus ---------------------------------------------------------------------
jar=$(ls local-runner/target/local-runner-*-exec.jar | head -n 1)
platform_log="$run_dir/platform.log"
log "starting the local platform ($jar, up to ${max_seconds}s, ${rate} intents/s)"
# refresh the match-rate gauges and the consumer lag faster than in production, for a short run
RECONCILIATION_METRICS_MATCHRATE_REFRESHINTERVAL=5s RECONCILIATION_METRICS_CONSUMERLAG_INTERVAL=5s \
  java -jar "$jar" --duration="PT${max_seconds}S" --rate="$rate" --data-dir="$run_dir/data" --summary-every=5 \
  > "$platform_log" 2>&1 &
platform_pid=$!
started=$SECONDS
deadline=$((SECONDS + max_seconds))

sed -e "s#scrape_interval: 15s#scrape_interval: 2s#" -e "s#evaluation_interval: 15s#evaluation_interval: 2s#" \
    -e "s#- rules/\*.yml#- $PWD/deploy/prometheus/rules/*.yml#" deploy/prometheus/prometheus-local.yml > "$run_dir/prometheus.yml"
prometheus --config.file="$run_dir/prometheus.yml" --storage.tsdb.path="$run_dir/tsdb" \
  --web.listen-address="127.0.0.1:${prometheus_port}" --log.level=warn > "$run_dir/prometheus.log" 2>&1 &
prometheus_pid=$!

query() {  # prints the number of series an instant query returns
  curl -sf --max-time 10 --get "$prometheus_url/api/v1/query" --data-urlencode "query=$1" \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))' 2>/dev/null || echo 0
}

log "waiting for the services, the verdicts, the match rate, the latency histogram and the consumer lag"
ready=(
  'up{job=~"ingress-service|legacy-adapter|claims-service|reconciliation-service|legacy-claims-system"} == 1'
  'sum(reconciliation_verdicts_decided_total) > 30'
  'sum(reconciliation_verdicts_total{classification!="MATCH"}) > 0'
  'reconciliation_match_rate_ratio'
  'sum(rate(reconciliation_verdict_latency_seconds_count[1m])) > 0'
  'sum(rate(legacy_call_seconds_count[1m])) > 0'
  'parallelrun_consumer_group_lag{group="reconciliation-service"}'
  'parallelrun_dead_letter_records'
)
while :; do
  missing=""
  for expr in "${ready[@]}"; do
    [[ "$(query "$expr")" -gt 0 ]] || { missing="$expr"; break; }
  done
  [[ "$(query "${ready[0]}")" -ge 5 ]] || missing="${missing:-all five services up}"
  [[ -z "$missing" ]] && break
  if ! kill -0 "$platform_pid" 2>/dev/null || grep -q "Application run failed" "$platform_log" \
      || (( SECONDS > deadline - 30 )); then
    tail -n 40 "$platform_log" >&2
    echo "check-dashboards FAILED: still waiting for: $missing" >&2
    exit 1
  fi
  sleep 3
done
# a rejected intent: one real rejection besides the series registered at zero
curl -s -o /dev/null -X POST http://localhost:8080/api/v1/intents/ClaimSubmitted \
  -H 'Content-Type: application/json' -H 'X-Api-Key: local-dev-key' -d '{"claimId": 1}' || true
# two more rate windows of traffic behind every rate() and histogram
sleep 20

log "evaluating every dashboard query and alert expression against $prometheus_url"
python3 scripts/check_dashboards.py queries "$prometheus_url" deploy/grafana/dashboards "$alert_rules"

log "metrics, one sample each (reconciliation-service at :8083 unless noted)"
for metric in reconciliation_match_rate_ratio reconciliation_match_rate_target_ratio reconciliation_verdicts_decided_total \
    reconciliation_verdict_latency_seconds_count parallelrun_consumer_group_lag parallelrun_dead_letter_records; do
  curl -s localhost:8083/actuator/prometheus | grep "^$metric" | head -n 1 || true
done

stop "$prometheus_pid" prometheus
# the smoke checks expect traffic for a while (every scenario, the legacy failures, the unknown policies)
while (( SECONDS - started < min_seconds )) && kill -0 "$platform_pid" 2>/dev/null; do sleep 1; done
stop "$platform_pid" "the local platform"
log "smoke checks on the same run"
SMOKE_LOG="$platform_log" bash scripts/smoke-local-run.sh
log "passed"
