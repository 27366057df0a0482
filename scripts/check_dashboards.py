#!/usr/bin/env python3
"""Proves the Grafana dashboards and the alert rules against a real Prometheus that scrapes the platform.

  check_dashboards.py structure <dashboards-dir> <datasource-provisioning.yml>
      validates the dashboard JSON (no Prometheus needed)
  check_dashboards.py queries <prometheus-url> <dashboards-dir> <expected-alert-rule-count>
      evaluates every panel query (template variables substituted: "All" and each variable's first value),
      every metric selector inside it, every variable query and every alert rule expression; fails on an
      error or an empty result

An alert expression normally returns nothing (nothing is wrong), so it is proven three ways: it evaluates
without error; its comparisons turned into `bool` comparisons return at least one series (the signal exists
and the threshold is applied to real data); and every metric selector in it returns series (no typo hides
behind `or vector(0)`). Standard library only.
"""
import json
import math
import os
import re
import sys
import urllib.parse
import urllib.request

BUILTINS = {"__rate_interval": "1m", "__interval": "15s", "__range": "5m", "__range_s": "300", "__interval_ms": "15000"}
PANEL_TYPES = {"row", "timeseries", "stat", "gauge", "bargauge", "table", "text", "heatmap", "state-timeline"}
KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left",
            "group_right", "inf", "nan", "atan2"}
failures = []


def fail(message):
    failures.append(message)
    print("  FAIL " + message)


# ------------------------------------------------------------------------------------------- structure
def load_dashboards(directory):
    boards = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".json"):
            with open(os.path.join(directory, name)) as f:
                boards.append((name, json.load(f)))
    if not boards:
        fail("no dashboard JSON in " + directory)
    return boards


def datasource_uids(provisioning_file):
    with open(provisioning_file) as f:
        return set(re.findall(r"^\s*uid:\s*(\S+)\s*$", f.read(), re.M))


def panels_of(board):
    for panel in board.get("panels", []):
        yield panel
        for inner in panel.get("panels", []) or []:
            yield inner


def variables_in(text):
    return set(re.findall(r"\$\{?(\w+)", text))


def check_structure(directory, provisioning_file):
    uids = datasource_uids(provisioning_file)
    print("== dashboard structure (data sources provisioned: %s)" % ", ".join(sorted(uids)))
    seen_uids = set()
    for name, board in load_dashboards(directory):
        for key, kind in (("uid", str), ("title", str), ("schemaVersion", int), ("panels", list)):
            if not isinstance(board.get(key), kind):
                fail("%s: '%s' missing or not a %s" % (name, key, kind.__name__))
        if board.get("uid") in seen_uids:
            fail("%s: uid %s used twice" % (name, board.get("uid")))
        seen_uids.add(board.get("uid"))
        defined = set(BUILTINS)
        for var in board.get("templating", {}).get("list", []):
            defined.add(var.get("name"))
            if var.get("type") == "query":
                if (var.get("datasource") or {}).get("uid") not in uids:
                    fail("%s: variable %s uses an unprovisioned data source" % (name, var.get("name")))
                if not query_of_variable(var):
                    fail("%s: variable %s has no query" % (name, var.get("name")))
        ids, boxes, targets = set(), [], 0
        for panel in panels_of(board):
            where = "%s panel %r" % (name, panel.get("title"))
            if panel.get("type") not in PANEL_TYPES:
                fail("%s: unknown type %r" % (where, panel.get("type")))
            if not panel.get("title"):
                fail("%s: no title" % where)
            if panel.get("id") in ids or not isinstance(panel.get("id"), int):
                fail("%s: id missing or not unique" % where)
            ids.add(panel.get("id"))
            grid = panel.get("gridPos") or {}
            if not all(isinstance(grid.get(k), int) for k in ("h", "w", "x", "y")):
                fail("%s: gridPos needs integer h, w, x, y" % where)
                continue
            if grid["x"] < 0 or grid["w"] < 1 or grid["x"] + grid["w"] > 24:
                fail("%s: gridPos outside the 24 columns" % where)
            for other_title, other in boxes:
                if (grid["x"] < other["x"] + other["w"] and other["x"] < grid["x"] + grid["w"]
                        and grid["y"] < other["y"] + other["h"] and other["y"] < grid["y"] + grid["h"]):
                    fail("%s: overlaps panel %r" % (where, other_title))
            boxes.append((panel.get("title"), grid))
            if panel.get("type") in ("row", "text"):
                continue
            if (panel.get("datasource") or {}).get("uid") not in uids:
                fail("%s: data source is not the provisioned one" % where)
            if not panel.get("description"):
                fail("%s: no description (ops read it as the panel's help)" % where)
            refs = set()
            if not panel.get("targets"):
                fail("%s: no query" % where)
            for target in panel.get("targets", []):
                targets += 1
                if not target.get("expr"):
                    fail("%s: target without expr" % where)
                if target.get("refId") in refs:
                    fail("%s: refId %s twice" % (where, target.get("refId")))
                refs.add(target.get("refId"))
                if (target.get("datasource") or {}).get("uid") not in uids:
                    fail("%s: target data source is not the provisioned one" % where)
                for var in variables_in(target.get("expr", "")):
                    if var not in defined:
                        fail("%s: uses undefined variable $%s" % (where, var))
        print("  %s: %d panels, %d queries, variables: %s" % (name, len(ids), targets,
              ", ".join(v.get("name") for v in board.get("templating", {}).get("list", [])) or "none"))


def query_of_variable(var):
    query = var.get("query")
    return query.get("query") if isinstance(query, dict) else query


# ------------------------------------------------------------------------------------------- PromQL
class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        query = urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen(self.url + path + ("?" + query if query else ""), timeout=30) as response:
            return json.load(response)

    def query(self, expr):
        try:
            body = self.get("/api/v1/query", query=expr)
        except urllib.error.HTTPError as e:
            return None, json.load(e).get("error", str(e))
        if body.get("status") != "success":
            return None, body.get("error")
        return body["data"]["result"], None


def strip_strings(expr):
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)


def selectors(expr):
    """The metric selectors of an expression, e.g. rate(x{a="b"}[5m]) -> ['x{a="b"}']."""
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    found = []
    for match in re.finditer(r'(?<![a-zA-Z0-9_:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![a-zA-Z0-9_:])\s*(\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})?(?![\s{]*\()', text):
        name = match.group(1)
        start = match.start()
        if name.lower() in KEYWORDS or (start > 0 and (text[start - 1].isdigit() or text[start - 1] == ".")):
            continue
        found.append(name + (match.group(2) or ""))
    return list(dict.fromkeys(found))


def comparisons_to_bool(expr):
    """Adds `bool` to every comparison outside label matchers, so filtered-out series come back as 0."""
    out, depth, i, in_string = [], 0, 0, False
    while i < len(expr):
        ch = expr[i]
        if in_string:
            out.append(ch)
            if ch == "\\":
                out.append(expr[i + 1])
                i += 1
            elif ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if depth == 0 and ch in "<>=!":
            op = expr[i:i + 2] if expr[i:i + 2] in (">=", "<=", "==", "!=") else ch
            if op in (">=", "<=", "==", "!=", ">", "<"):
                rest = expr[i + len(op):]
                out.append(op + ("" if re.match(r"\s*bool\b", rest) else " bool"))
                i += len(op)
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def has_value(result):
    for series in result:
        value = series.get("value", [None, "NaN"])[1]
        try:
            if not math.isnan(float(value)):
                return True
        except ValueError:
            pass
    return False


def regex_value(value):
    """A variable value as Grafana puts it into a PromQL regex: metacharacters escaped, backslashes doubled."""
    return re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\\\1", value)


def substitute(expr, values):
    for name, value in sorted(values.items(), key=lambda item: -len(item[0])):
        expr = expr.replace("${%s}" % name, value).replace("$" + name, value)
    return expr


def check_expression(prom, where, expr, require_value=True):
    result, error = prom.query(expr)
    if error:
        fail("%s: error %s in: %s" % (where, error, expr))
        return
    if not result:
        fail("%s: no series for: %s" % (where, expr))
        return
    if require_value and not has_value(result):
        fail("%s: only NaN for: %s" % (where, expr))
    for selector in selectors(expr):
        found, error = prom.query(selector)
        if error or not found:
            fail("%s: selector %s returns %s" % (where, selector, error or "no series"))


def variable_values(prom, board):
    """Each query variable's values from Prometheus (label_values(metric, label) only)."""
    values = {}
    for var in board.get("templating", {}).get("list", []):
        query = query_of_variable(var) or ""
        match = re.fullmatch(r"\s*label_values\(\s*([^,]+?)\s*,\s*(\w+)\s*\)\s*", query)
        if not match:
            fail("variable %s: only label_values(metric, label) queries are checked, got %r" % (var.get("name"), query))
            continue
        body = prom.get("/api/v1/label/%s/values" % match.group(2), **{"match[]": match.group(1)})
        values[var["name"]] = body.get("data") or []
        if not values[var["name"]]:
            fail("variable %s: %s returns no values" % (var.get("name"), query))
    return values


def check_queries(prom_url, directory, expected_rules):
    prom = Prometheus(prom_url)
    checked = 0
    for name, board in load_dashboards(directory):
        values = variable_values(prom, board)
        print("== %s: variables %s" % (name, {k: v[:5] for k, v in values.items()}))
        choices = [dict(BUILTINS, **{var: ".*" for var in values})]
        if all(values.values()):
            choices.append(dict(BUILTINS, **{var: regex_value(v[0]) for var, v in values.items()}))
        for panel in panels_of(board):
            for target in panel.get("targets", []) or []:
                for choice in choices:
                    expr = substitute(target["expr"], choice)
                    check_expression(prom, "%s / %s / %s" % (name, panel.get("title"), target.get("refId")), expr)
                    checked += 1
    print("== alert rules")
    groups = prom.get("/api/v1/rules")["data"]["groups"]
    rules = [rule for group in groups for rule in group["rules"] if rule["type"] == "alerting"]
    if len(rules) != expected_rules:
        fail("Prometheus loaded %d alert rules, the rule files have %d" % (len(rules), expected_rules))
    for rule in rules:
        where = "alert %s" % rule["name"]
        if rule.get("health") not in ("ok", "unknown") or rule.get("lastError"):
            fail("%s: rule health %s %s" % (where, rule.get("health"), rule.get("lastError", "")))
        result, error = prom.query(rule["query"])
        if error:
            fail("%s: error %s" % (where, error))
            continue
        signal = comparisons_to_bool(rule["query"])
        check_expression(prom, where + " (bool form)", signal, require_value=False)
        checked += 1
        print("  %-28s state=%-8s firing series now=%d, bool-form series=%d" % (
            rule["name"], rule.get("state"), len(result), len(prom.query(signal)[0] or [])))
    print("== %d dashboard and alert expressions evaluated, %d failures" % (checked, len(failures)))


def main(argv):
    if len(argv) == 4 and argv[1] == "structure":
        check_structure(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "queries":
        check_queries(argv[2], argv[3], int(argv[4]))
    else:
        print(__doc__)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
