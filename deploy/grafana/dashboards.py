"""Generates the Grafana dashboards of deploy/grafana/dashboards/ (edit here, then run: python3 deploy/grafana/dashboards.py).

scripts/check-dashboards.sh fails when the committed JSON differs from what this script generates, and evaluates
every query of every panel against a real Prometheus scraping the running platform.
"""
import json
import os
import sys
DS = {"type": "prometheus", "uid": "prometheus"}

class Board:
    def __init__(self):
        self.panels = []
        self.next_id = 1
        self.y = 0
    def row(self, title):
        self.panels.append({"id": self.next_id, "type": "row", "title": title, "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.next_id += 1
        self.y += 1
        self.x = 0
    def panel(self, kind, title, desc, targets, w=12, h=8, unit=None, extra=None, stack=False, minv=None, maxv=None, thresholds=None):
        if self.x + w > 24:
            self.x = 0
            self.y += self.h_last
        p = {"id": self.next_id, "type": kind, "title": title, "description": desc, "datasource": DS,
             "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y},
             "targets": [{"datasource": DS, "refId": chr(65 + i), "expr": e, "legendFormat": l,
                          "range": True, "instant": kind in ("stat", "bargauge", "table")}
                         for i, (e, l) in enumerate(targets)],
             "fieldConfig": {"defaults": {}, "overrides": []}, "options": {}}
        d = p["fieldConfig"]["defaults"]
        if unit: d["unit"] = unit
        if minv is not None: d["min"] = minv
        if maxv is not None: d["max"] = maxv
        if thresholds: d["thresholds"] = {"mode": "absolute", "steps": thresholds}
        if kind == "timeseries":
            d["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10 if not stack else 60,
                           "stacking": {"mode": "normal" if stack else "none", "group": "A"}, "showPoints": "never"}
            p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                            "tooltip": {"mode": "multi", "sort": "desc"}}
        if kind == "stat":
            p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                            "colorMode": "background", "graphMode": "area", "textMode": "value_and_name"}
        if extra: p.update(extra)
        self.panels.append(p)
        self.next_id += 1
        self.x += w
        self.h_last = h
        if self.x >= 24:
            self.x = 0
            self.y += h
    def finish_row(self):
        if self.x:
            self.y += self.h_last
            self.x = 0

def dashboard(uid, title, desc, board, templating, tags):
    return {"uid": uid, "title": title, "description": desc, "tags": tags, "timezone": "utc",
            "schemaVersion": 39, "version": 1, "editable": True, "graphTooltip": 1,
            "time": {"from": "now-1h", "to": "now"}, "refresh": "30s",
            "templating": {"list": templating}, "annotations": {"list": []}, "links": [],
            "panels": board.panels}

context_var = {"name": "context", "label": "context", "type": "query", "datasource": DS,
               "query": {"query": "label_values(reconciliation_verdicts_decided_total, context)", "refId": "context"},
               "definition": "label_values(reconciliation_verdicts_decided_total, context)",
               "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "sort": 1,
               "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}

C = '{context=~"$context"}'
def c(extra):
    return '{context=~"$context",' + extra + '}'
AGREE = c('agreement="agree"')
COUNTED = c('agreement=~"agree|disagree"')
NOTMATCH = c('classification!="MATCH"')
MISSING = c('classification=~"MISSING_.*"')
FAILED = c('classification="FAILED"')
OPEN_CASES = c('state=~"OPEN|ACKNOWLEDGED"')
CLOSED_CASES = c('state=~"RESOLVED|SUPERSEDED"')

# ---------------------------------------------------------------------------------------------- overview
b = Board()
b.row("Match rate: may the new service take authority?")
b.panel("timeseries", "Match rate vs target",
        "agree / (agree + disagree) of the current verdicts decided in the last 15 minutes (reconciliation-service, from the verdict store), per context and outcome type, with each outcome type's target (the readiness target of its rule set) as a dashed line. Below the line for 15 minutes: alert MatchRateBelowTarget.",
        [(f'max by (context, outcome_type) (reconciliation_match_rate_ratio{C})', "{{context}} / {{outcome_type}}"),
         (f'max by (context, outcome_type) (reconciliation_match_rate_target_ratio{C})', "target {{context}} / {{outcome_type}}")],
        w=12, h=9, unit="percentunit", minv=0, maxv=1,
        extra={"fieldConfig": {"defaults": {"unit": "percentunit", "min": 0, "max": 1, "custom": {"showPoints": "never", "lineWidth": 2}},
                               "overrides": [{"matcher": {"id": "byRegexp", "options": "target .*"},
                                              "properties": [{"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [10, 10]}},
                                                             {"id": "color", "value": {"mode": "fixed", "fixedColor": "red"}}]}]}})
b.panel("stat", "Match rate now",
        "The current 15-minute match rate per context and outcome type. Red below 95%, yellow below 99%.",
        [(f'max by (context, outcome_type) (reconciliation_match_rate_ratio{C})', "{{context}} / {{outcome_type}}")],
        w=6, h=9, unit="percentunit", minv=0, maxv=1,
        thresholds=[{"color": "red", "value": None}, {"color": "yellow", "value": 0.95}, {"color": "green", "value": 0.99}])
b.panel("stat", "Verdicts in the match-rate window",
        "Current verdicts behind the match rate: agree (MATCH, TOLERATED, EXPECTED_DIFFERENCE, TIMING), disagree (MISMATCH, MISSING_*), excluded (DATA_QUALITY, FAILED). Few verdicts make a noisy rate; the alert needs 20.",
        [(f'sum by (agreement) (max by (context, outcome_type, agreement) (reconciliation_match_rate_window_verdicts{C}))', "{{agreement}}")],
        w=6, h=9, extra={"options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                                     "colorMode": "none", "graphMode": "none", "textMode": "value_and_name"}})
b.finish_row()
b.panel("timeseries", "Live match rate from verdict counters (5m)",
        "The same ratio from the counters of verdicts as they are decided (superseded MISSING_* verdicts included): reacts faster than the 15-minute gauge.",
        [(f'sum by (context, outcome_type) (rate(reconciliation_verdicts_decided_total{AGREE}[5m])) / sum by (context, outcome_type) (rate(reconciliation_verdicts_decided_total{COUNTED}[5m]))', "{{context}} / {{outcome_type}}")],
        w=12, h=8, unit="percentunit", minv=0, maxv=1)
b.panel("timeseries", "Verdicts by classification",
        "Verdicts decided per second by classification. MATCH / TOLERATED / EXPECTED_DIFFERENCE / TIMING agree; MISMATCH and MISSING_* disagree; DATA_QUALITY and FAILED are excluded from the match rate.",
        [(f'sum by (classification) (rate(reconciliation_verdicts_decided_total{C}[$__rate_interval]))', "{{classification}}")],
        w=12, h=8, unit="ops", stack=True)
b.row("Authority and cutover")
NOTFAILED = c('status!="failed"')
STAGES = [{"type": "value", "options": {str(i): {"text": name, "index": i}}} for i, name in enumerate(["SHADOW", "VALIDATED", "SELECTIVE", "FULL"])]
b.panel("stat", "Authority stage",
        "Where each context stands: SHADOW (legacy authoritative), VALIDATED (still legacy), SELECTIVE (the new service for its cohorts), FULL (the new service; legacy is the reverse shadow and the fallback). Decisions: GET /api/v1/authority/{context}/decisions.",
        [(f'max by (context) (parallelrun_authority_stage{C})', "{{context}}")],
        w=6, h=6, extra={"fieldConfig": {"defaults": {"mappings": STAGES}},
                         "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                                     "colorMode": "none", "graphMode": "none", "textMode": "value_and_name"}})
b.panel("stat", "Ready for the next step",
        "parallelrun_readiness_ready: every readiness criterion of the context's rule set met (GET /api/v1/readiness/{context} lists each with its actual value). A promotion that is not ready is refused unless overridden with a reason.",
        [(f'max by (context) (parallelrun_readiness_ready{C})', "{{context}}")],
        w=6, h=6, extra={"fieldConfig": {"defaults": {"mappings": [{"type": "value", "options": {"0": {"text": "not ready", "index": 0}, "1": {"text": "ready", "index": 1}}}]}},
                         "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                                     "colorMode": "none", "graphMode": "none", "textMode": "value_and_name"}})
b.panel("timeseries", "Authoritative-path success rate",
        "Share of the outcomes on outcomes.authoritative.v1 (one per correlation id and outcome type: the authoritative side's, or legacy's fallback) that are not failed. Below 99%: alert AuthoritativePathFailing.",
        [(f'sum by (context) (rate(parallelrun_authoritative_outcomes_total{NOTFAILED}[$__rate_interval])) / sum by (context) (rate(parallelrun_authoritative_outcomes_total{C}[$__rate_interval]))', "{{context}}")],
        w=12, h=6, unit="percentunit", minv=0, maxv=1)
b.panel("timeseries", "Authoritative outcomes by side",
        "Which side's outcome is the truth, per second: legacy before and outside the cohorts, shadow (the new service) where it is authoritative; legacy with fallback=true is counted under the fallbacks panel too.",
        [(f'sum by (context, side, status) (rate(parallelrun_authoritative_outcomes_total{C}[$__rate_interval]))', "{{context}} {{side}} {{status}}")],
        w=12, h=8, unit="ops", stack=True)
b.panel("timeseries", "Fallbacks to legacy",
        "Intents legacy executed for real because the authoritative new service answered failed or did not answer within the window, per 5 minutes. Any: alert FallbackUsed.",
        [(f'sum by (context, reason) (increase(parallelrun_fallbacks_total{C}[5m]))', "{{context}} {{reason}}")],
        w=12, h=8)
b.panel("timeseries", "Processing latency per side p99",
        "From the intent's acceptance at the ingress to each side's outcome, p99 per side and outcome type, side by side: what the parallel run teaches about the new service's performance (seed 003).",
        [(f'histogram_quantile(0.99, sum by (le, side, outcome_type) (rate(parallelrun_side_latency_seconds_bucket{C}[$__rate_interval])))', "{{side}} {{outcome_type}}")],
        w=24, h=8, unit="s")
b.row("Replay, what-if and noise")
b.panel("timeseries", "Replayed intents",
        "Replayed intents per second: committed to the intent topics (counted from the topics, every runner together) and published by each instance's replay runner. Replays and noise runs are never side-effecting and are excluded from live match rates and readiness (docs/replay.md).",
        [(f'sum by (context) (rate(parallelrun_replayed_intents_total{C}[$__rate_interval]))', "{{context}} committed"),
         (f'sum by (context) (rate(parallelrun_replay_published_total{C}[$__rate_interval]))', "{{context}} published by the runners")],
        w=8, h=8, unit="ops")
b.panel("timeseries", "Replay progress",
        "Of the running replays and noise runs, the intents (copies) published so far over those selected, per context and kind (replay or noise). No line while nothing runs; GET /api/v1/replays lists each run with its own selected and published.",
        [(f'max by (context, kind) (parallelrun_replay_running_published_intents{C}) / clamp_min(max by (context, kind) (parallelrun_replay_running_selected_intents{C}), 1)', "{{context}} {{kind}}")],
        w=8, h=8, unit="percentunit", minv=0, maxv=1)
b.panel("timeseries", "Replay and noise runs by state",
        "Runs recorded in PostgreSQL per context, kind (replay, noise) and state (RUNNING, COMPLETED, FAILED, CANCELLED). A new FAILED run: alert ReplayFailed; GET /api/v1/replays says why (failure).",
        [(f'max by (context, kind, state) (parallelrun_replay_runs{C})', "{{context}} {{kind}} {{state}}")],
        w=8, h=8)
b.panel("timeseries", "Replay verdicts",
        "Verdicts decided for replayed intents (replays and noise runs) per second, per context: counted here and never in reconciliation_verdicts_decided_total, so they move no match rate. GET /api/v1/replays/{id}/verdicts compares them with the originals.",
        [(f'sum by (context) (rate(parallelrun_replay_verdicts_total{C}[$__rate_interval]))', "{{context}}")],
        w=6, h=8, unit="ops")
b.panel("timeseries", "Legacy answers from store",
        "Governed replays the legacy adapter answered with the outcomes stored for the original intent (found=true: legacy never called) or answered failed because none were stored (found=false: the original never processed there, or past its retention; alert ReplayAnsweredWithoutStoredOutcome).",
        [(f'sum by (context, side, found) (rate(participant_replays_answered_from_store_total{C}[$__rate_interval]))', "{{context}} {{side}} found={{found}}")],
        w=6, h=8, unit="ops", stack=True)
b.panel("timeseries", "What-if runs",
        "What-if runs (POST /api/v1/rule-sets/what-if: a candidate rule set against stored pairs, official verdicts untouched) in the last hour, per context.",
        [(f'sum by (context) (increase(parallelrun_what_if_runs_total{C}[1h]))', "{{context}} runs / h")],
        w=6, h=8)
b.panel("timeseries", "What-if run duration",
        "The slowest what-if run of the last hour per context: the comparison streams every stored pair of the range, so a wide range takes long.",
        [(f'max by (context) (max_over_time(parallelrun_what_if_run_duration_seconds_max{C}[1h]))', "{{context}} slowest")],
        w=6, h=8, unit="s")
b.row("Divergences")
b.panel("timeseries", "Divergences by classification",
        "Everything that is not a clean MATCH, per second: the work queue of the ops team (GET /api/v1/reconciliations?classification=...).",
        [(f'sum by (classification) (rate(reconciliation_verdicts_decided_total{NOTMATCH}[$__rate_interval]))', "{{classification}}")],
        w=12, h=8, unit="ops", stack=True)
b.panel("timeseries", "Divergences by severity",
        "Stored verdicts that are not a MATCH, by the severity of their worst differing field. HIGH and CRITICAL mismatches block a cutover.",
        [(f'sum by (severity) (rate(reconciliation_verdicts_total{NOTMATCH}[$__rate_interval]))', "{{severity}}")],
        w=12, h=8, unit="ops", stack=True)
b.row("Ops work queue")
b.panel("timeseries", "Open divergence cases",
        "Divergence cases still asking for work, per context and state (OPEN: nobody has looked yet; ACKNOWLEDGED: someone works on it). Every disagreeing live verdict opens one case per pair and outcome type; a later agreeing verdict supersedes it. Work them at GET /api/v1/cases?state=OPEN (docs/operations.md, \"Divergence cases\"). An open CRITICAL case blocks readiness.",
        [(f'max by (context, state) (parallelrun_cases{OPEN_CASES})', "{{context}} {{state}}")],
        w=8, h=8, stack=True)
b.panel("timeseries", "Closed divergence cases by category",
        "Cases resolved by a person, by what they turned out to be (NEW_SERVICE_DEFECT, HIDDEN_LEGACY_RULE, EVENT_SEMANTICS, ACCEPTED_VARIANCE, BOUNDARY_WRONG, LEGACY_DEFECT, UPSTREAM_DATA), and cases SUPERSEDED by a later agreeing verdict (category none).",
        [(f'sum by (state, category) (parallelrun_cases{CLOSED_CASES})', "{{state}} {{category}}")],
        w=8, h=8, stack=True)
b.panel("timeseries", "Oldest open divergence case",
        "How long the oldest open or acknowledged case of each context has waited since it (last) opened; 0 with none. Steadily growing: the queue is not being worked.",
        [(f'max by (context) (parallelrun_cases_oldest_open_age_seconds{C})', "{{context}}")],
        w=8, h=8, unit="s")
b.row("Reconciliation latency and correlation")
b.panel("timeseries", "Reconciliation latency p50 / p95 / p99",
        "From the second outcome's arrival at the correlator to the verdict being committed on reconciliation.verdicts.v1 (visible to read-committed readers).",
        [(f'histogram_quantile({q}, sum by (le) (rate(reconciliation_verdict_latency_seconds_bucket{C}[$__rate_interval])))', f"p{int(q*100)}") for q in (0.5, 0.95, 0.99)],
        w=8, h=8, unit="s")
b.panel("timeseries", "Arrival skew between the sides p50 / p95 / p99",
        "How long the first outcome of a pair waited for the second. Approaching the matching window (30s by default) means MISSING_* verdicts will follow.",
        [(f'histogram_quantile({q}, sum by (le) (rate(reconciliation_arrival_skew_milliseconds_bucket{C}[$__rate_interval])))', f"p{int(q*100)}") for q in (0.5, 0.95, 0.99)],
        w=8, h=8, unit="ms")
b.panel("timeseries", "Pending correlations and missing sides",
        "Outcomes waiting for their counterpart (all instances), and MISSING_LEGACY / MISSING_SHADOW verdicts per minute. Pending should stay near rate x window; steady growth: alert PendingCorrelationsGrowing.",
        [('sum(reconciliation_pending_correlations)', "pending"),
         (f'sum by (classification) (rate(reconciliation_verdicts_decided_total{MISSING}[$__rate_interval])) * 60', "{{classification}} / min")],
        w=8, h=8)
b.row("Failures")
b.panel("timeseries", "FAILED verdicts",
        "Pairs where a side reported a technical failure (timeout, 5xx), per minute, by outcome type. Excluded from the match rate; see Legacy health.",
        [(f'sum by (outcome_type) (rate(reconciliation_verdicts_decided_total{FAILED}[$__rate_interval])) * 60', "{{outcome_type}}")],
        w=12, h=8)
b.panel("timeseries", "Dead-lettered records",
        "Records on each *.dlq topic (every service), from the topics' end offsets. A rising line: alert DeadLetterGrowth; the reason is in each record's dlq-reason header.",
        [('max by (topic) (parallelrun_dead_letter_records)', "{{topic}}")],
        w=12, h=8)
b.row("Ingress")
b.panel("timeseries", "Intents accepted and rejected",
        "Intents answered with 202 per second (by type; idempotent replays separately) and requests answered with an error by status and reason.",
        [('sum by (type, replayed) (rate(ingress_intents_accepted_total[$__rate_interval]))', "accepted {{type}} replayed={{replayed}}"),
         ('sum by (status, reason) (rate(ingress_intents_rejected_total[$__rate_interval]))', "rejected {{status}} {{reason}}")],
        w=12, h=8, unit="reqps")
b.panel("timeseries", "Publish latency p95 / p99",
        "Until Kafka acknowledged an intent (acks=all): the 202 waits for it. Failed publishes answer 503.",
        [(f'histogram_quantile({q}, sum by (le) (rate(ingress_intents_publish_seconds_bucket[$__rate_interval])))', f"p{int(q*100)}") for q in (0.95, 0.99)],
        w=12, h=8, unit="s")
b.panel("timeseries", "Intents in and out of the parallel run (sampling)",
        "Accepted intents per second by context and whether the new service processes them (sampled=false: left out by the sampling rate of PUT /api/v1/sampling/{context}/{intentType}; never MISSING_SHADOW). A match rate rests only on the sampled ones.",
        [('sum by (context, sampled) (rate(ingress_intents_sampled_total' + C + '[$__rate_interval]))', "{{context}} sampled={{sampled}}")],
        w=24, h=6, unit="reqps", stack=True)
b.row("Legacy health")
b.panel("timeseries", "Legacy call latency p50 / p95 / p99",
        "Calls of the legacy adapter on the legacy system, retries included.",
        [(f'histogram_quantile({q}, sum by (le) (rate(legacy_call_seconds_bucket[$__rate_interval])))', f"p{int(q*100)}") for q in (0.5, 0.95, 0.99)],
        w=12, h=8, unit="s")
b.panel("timeseries", "Legacy call failures and retries",
        "Failed attempts by kind (timeout, connection, server-error, client-error, unreadable) and retries, per second. The legacy side's FAILED outcomes follow from failures after the last retry.",
        [('sum by (kind) (rate(legacy_call_failures_total[$__rate_interval]))', "failure {{kind}}"),
         ('sum(rate(legacy_call_retries_total[$__rate_interval]))', "retries")],
        w=12, h=8, unit="ops")
b.row("Kafka")
b.panel("timeseries", "Consumer lag",
        "Records not yet consumed per consumer group and topic (the Kafka Streams correlation is group reconciliation-service). Beyond 1000 for 10 minutes: alert ConsumerLagHigh.",
        [('max by (group, topic) (parallelrun_consumer_group_lag)', "{{group}} on {{topic}}")],
        w=16, h=8)
b.panel("timeseries", "Shadow side effects suppressed",
        "Side effects the shadow services recorded instead of performing: the intent did not name the shadow side authoritative, or was a replay.",
        [('sum by (type) (rate(participant_side_effects_total{side="shadow", status="suppressed"}[$__rate_interval]))', "{{type}}")],
        w=8, h=8, unit="ops")
overview = dashboard("parallel-run-overview", "Parallel run overview",
                     "Is the new service ready to take authority? Match rate against target, divergences, latency, failures, ingress, legacy health and Kafka lag. Runbooks: docs/operations.md.",
                     b, [context_var], ["parallel-run"])

# ---------------------------------------------------------------------------------------------- service health
job_var = {"name": "job", "label": "service", "type": "query", "datasource": DS,
           "query": {"query": "label_values(up, job)", "refId": "job"}, "definition": "label_values(up, job)",
           "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "sort": 1,
           "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}
J = '{job=~"$job"}'
h = Board()
h.row("Availability")
h.panel("stat", "Up", "1 when Prometheus can scrape the service (alert ServiceDown after 2 minutes at 0).",
        [(f'up{J}', "{{job}}")], w=24, h=4,
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 1}])
h.row("HTTP")
h.panel("timeseries", "HTTP requests by status", "Requests served per second, by service and status.",
        [(f'sum by (job, status) (rate(http_server_requests_seconds_count{J}[$__rate_interval]))', "{{job}} {{status}}")],
        w=12, h=8, unit="reqps")
h.panel("timeseries", "HTTP latency mean and max", "Mean request duration per service over the interval, and the slowest request of the last minutes (Spring MVC observation).",
        [(f'sum by (job) (rate(http_server_requests_seconds_sum{J}[$__rate_interval])) / sum by (job) (rate(http_server_requests_seconds_count{J}[$__rate_interval]))', "mean {{job}}"),
         (f'max by (job) (http_server_requests_seconds_max{J})', "max {{job}}")],
        w=12, h=8, unit="s")
h.row("JVM")
h.panel("timeseries", "Heap used", "JVM heap in use per service (in the local runner all services share one JVM).",
        [(f'sum by (job) (jvm_memory_used_bytes{{job=~"$job",area="heap"}})', "{{job}}")], w=8, h=8, unit="bytes")
h.panel("timeseries", "CPU", "Process CPU usage (0-1 of all cores).",
        [(f'max by (job) (process_cpu_usage{J})', "{{job}}")], w=8, h=8, unit="percentunit")
h.panel("timeseries", "Live threads", "JVM live threads.",
        [(f'max by (job) (jvm_threads_live_threads{J})', "{{job}}")], w=8, h=8)
h.row("Reconciliation internals")
h.panel("timeseries", "Verdict sink batch size and write time",
        "Verdicts per PostgreSQL write and the mean time of a write.",
        [('sum(rate(reconciliation_verdict_sink_batch_size_sum[$__rate_interval])) / sum(rate(reconciliation_verdict_sink_batch_size_count[$__rate_interval]))', "verdicts per batch"),
         ('sum(rate(reconciliation_verdict_sink_write_seconds_sum[$__rate_interval])) / sum(rate(reconciliation_verdict_sink_write_seconds_count[$__rate_interval]))', "seconds per write")],
        w=12, h=8)
h.panel("timeseries", "Decision to stored p95",
        "From the verdict's decision to its row in PostgreSQL (auditor API).",
        [('histogram_quantile(0.95, sum by (le) (rate(reconciliation_verdict_store_delay_seconds_bucket[$__rate_interval])))', "p95")],
        w=12, h=8, unit="s")
h.panel("timeseries", "Consumer lag, worst partition",
        "The largest single-partition lag per group and topic: one stuck partition hides in a sum.",
        [('max by (group, topic) (parallelrun_consumer_group_lag_max_partition)', "{{group}} on {{topic}}")],
        w=12, h=8)
h.panel("timeseries", "Consumer lag last read",
        "Seconds since reconciliation-service last read consumer-group offsets (alert ConsumerLagUnknown beyond 5 minutes).",
        [('time() - max(parallelrun_consumer_lag_last_success_timestamp_seconds)', "age")],
        w=12, h=8, unit="s")
h.row("Participants")
h.panel("timeseries", "Intents handled by the shadow service", "Shadow services' intents by result (not_sampled: left out of the parallel run by sampling).",
        [('sum by (result) (rate(participant_intents_total{side="shadow"}[$__rate_interval]))', "{{result}}")], w=8, h=8, unit="ops")
h.panel("timeseries", "Legacy adapter outcomes", "Canonical outcomes the adapter published, by status and reason.",
        [('sum by (status, reason) (rate(legacy_adapter_outcomes_total[$__rate_interval]))', "{{status}} {{reason}}")], w=8, h=8, unit="ops")
h.panel("timeseries", "Legacy system requests", "Requests the legacy stand-in answered, by status code.",
        [('sum by (status) (rate(legacy_system_requests_total[$__rate_interval]))', "{{status}}")], w=8, h=8, unit="ops")
health = dashboard("parallel-run-service-health", "Parallel run service health",
                   "Per-service health: availability, HTTP, JVM, and the internals of reconciliation and the participants.",
                   h, [job_var], ["parallel-run"])

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards")
for name, d in (("parallel-run-overview.json", overview), ("parallel-run-service-health.json", health)):
    with open(os.path.join(out, name), "w") as f:
        json.dump(d, f, indent=2)
        f.write("\n")
