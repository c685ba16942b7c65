#!/usr/bin/env python3
"""Gather one bench/run.sh run's raw tool outputs into RUN_DIR/results.json.

  collect.py RUN_DIR

Reads RUN_DIR/raw/manifest.tsv (one tab-separated record per measurement, written by
run.sh) and the files it names: /usr/bin/time -v logs, newsdex's and tantivy-cli's
index and bench outputs, hyperfine's JSON exports, and criterion's estimates. Writes
the figures, per tool and corpus, with medians over runs; bench/report.py turns them
into BENCHMARKS.md. Python 3 standard library only.
"""
import json
import os
import platform
import re
import statistics
import sys
from collections import defaultdict

TIME_FIELDS = {
    "Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall_s",
    "Maximum resident set size (kbytes)": "max_rss_kb",
    "User time (seconds)": "user_s",
    "System time (seconds)": "sys_s",
    "Percent of CPU this job got": "cpu_percent",
    "Exit status": "exit",
}
NEWSDEX_SUMMARY_RE = re.compile(
    r"(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) removed files: (\d+) articles written")
WARM_UP_ROUNDS = 3  # tantivy-cli's bench has none of its own: run.sh adds three rounds


def clock_seconds(text):
    """'1:02:03.5' / '2:03.5' / '3.5' -> seconds."""
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def parse_time_log(path):
    """The fields of a GNU `time -v` log that the report uses."""
    fields = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, _, value = line.strip().rpartition(": ")
            key = TIME_FIELDS.get(name)
            if key == "wall_s":
                fields[key] = clock_seconds(value)
            elif key == "cpu_percent":
                fields[key] = float(value.rstrip("%") or 0)
            elif key:
                fields[key] = float(value) if "." in value else int(value)
    fields["max_rss_mb"] = fields.get("max_rss_kb", 0) * 1024 / 1e6  # MB of 10^6 bytes
    # CPU seconds move less than wall time when other work shares the machine.
    fields["cpu_s"] = fields.get("user_s", 0) + fields.get("sys_s", 0)
    return fields


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def percentile(sorted_values, q):
    """The same nearest-rank percentile `newsdex bench` reports."""
    return sorted_values[int((len(sorted_values) - 1) * q + 0.5)]


def timing_summary(samples_ms):
    samples = sorted(samples_ms)
    return {
        "runs": len(samples),
        "p50_ms": percentile(samples, 0.5),
        "p99_ms": percentile(samples, 0.99),
        "min_ms": samples[0],
        "mean_ms": sum(samples) / len(samples),
    }


def parse_tantivy_bench(path):
    """tantivy-cli `bench` output: the SEARCH section's `query<TAB>hits<TAB>micros` lines,
    summarised per query after the warm-up rounds."""
    samples, hits, in_search = defaultdict(list), {}, False
    for line in read_text(path).splitlines():
        if line.startswith("SEARCH"):
            in_search = True
        elif line.startswith("FETCH STORE"):
            break
        elif in_search:
            parts = line.split("\t")
            if len(parts) == 3 and parts[1].isdigit():
                samples[parts[0]].append(int(parts[2]) / 1000)
                hits[parts[0]] = int(parts[1])
    out = []
    for query, values in samples.items():
        timed = values[WARM_UP_ROUNDS:] or values
        out.append(dict(search=query, hits=hits[query], **timing_summary(timed)))
    return out


def parse_hyperfine(path):
    with open(path, encoding="utf-8") as f:
        results = json.load(f)["results"]
    out = []
    for r in results:
        tool, _, name = r["command"].partition(": ")
        out.append({
            "tool": tool,
            "search": name,
            "median_ms": r["median"] * 1000,
            "mean_ms": r["mean"] * 1000,
            "stddev_ms": (r.get("stddev") or 0) * 1000,
            "min_ms": r["min"] * 1000,
            "max_ms": r["max"] * 1000,
            "runs": len(r.get("times", [])),
            "exit_codes": sorted(set(r.get("exit_codes", []))),
        })
    return out


def parse_criterion(root):
    """Every benchmark under criterion's output folder: median and mean time per
    iteration, and articles/s where the bench declares a throughput."""
    out = []
    for folder, _, files in os.walk(root):
        if os.path.basename(folder) != "new" or "estimates.json" not in files:
            continue
        with open(os.path.join(folder, "estimates.json"), encoding="utf-8") as f:
            estimates = json.load(f)
        with open(os.path.join(folder, "benchmark.json"), encoding="utf-8") as f:
            bench = json.load(f)
        elements = (bench.get("throughput") or {}).get("Elements")
        median_ns = estimates["median"]["point_estimate"]
        out.append({
            "id": bench.get("full_id") or bench.get("title"),
            "median_ns": median_ns,
            "mean_ns": estimates["mean"]["point_estimate"],
            "elements": elements,
            "per_second": elements / (median_ns / 1e9) if elements else None,
        })
    return sorted(out, key=lambda b: b["id"])


def read_pairs(path):
    """bench/tantivy-queries.tsv: each newsdex search line with tantivy-cli's equivalent
    query ("-" for none) and the aggregation its whole-process timing runs."""
    pairs = []
    rows = [line.rstrip("\n").split("\t") for line in read_text(path).splitlines()
            if line.strip() and not line.startswith("#")]
    for newsdex, query, agg in rows[1:]:
        pairs.append({"newsdex": newsdex, "query": None if query == "-" else query,
                      "agg": None if agg == "-" else agg})
    return pairs


def machine():
    cpu = "unknown"
    for line in read_text("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = re.search(r"MemTotal:\s+(\d+) kB", read_text("/proc/meminfo"))
    return {
        "nproc": os.cpu_count(),
        "memory_bytes": int(mem.group(1)) * 1024 if mem else None,
        "cpu": cpu,
        "kernel": platform.release(),
        "host": platform.node(),
    }


def summarise_runs(runs):
    walls = [r["wall_s"] for r in runs]
    return {
        "runs": runs,
        "median_wall_s": statistics.median(walls),
        "min_wall_s": min(walls),
        "median_cpu_s": statistics.median(r["cpu_s"] for r in runs),
        "max_rss_mb": max(r["max_rss_mb"] for r in runs),
    }


def collect(run_dir):
    raw = os.path.join(run_dir, "raw")
    result = {
        "run": {"name": os.path.basename(os.path.abspath(run_dir)), "machine": machine(),
                "info": {}, "load": [], "commands": {}},
        "corpora": {}, "conversions": {}, "index": {}, "reindex": {}, "searches": {},
        "criterion": [],
        "pairs": read_pairs(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "tantivy-queries.tsv")),
    }
    index_runs, reindex_runs, sizes, docs = defaultdict(list), defaultdict(list), {}, {}
    with open(os.path.join(raw, "manifest.tsv"), encoding="utf-8") as f:
        records = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for kind, *fields in records:
        if kind == "info":
            result["run"]["info"][fields[0]] = fields[1]
        elif kind == "load":
            result["run"]["load"].append({"phase": fields[0], "loadavg": fields[1]})
        elif kind == "command":
            result["run"]["commands"][fields[0]] = fields[1]
        elif kind == "corpus":
            name, path, files, size = fields
            result["corpora"][name] = {"path": path, "files": int(files), "bytes": int(size)}
        elif kind == "convert":
            result["conversions"][fields[0]] = {"seconds": float(fields[1]), "command": fields[2]}
        elif kind in ("index", "reindex"):
            tool, corpus, run, tag = fields
            measured = parse_time_log(os.path.join(raw, tag + ".time"))
            out = read_text(os.path.join(raw, tag + ".out"))
            summary = NEWSDEX_SUMMARY_RE.search(out)
            if summary:
                measured["articles"] = int(summary.group(5))
                measured["unchanged_files"] = int(summary.group(3))
            elif corpus in docs:
                measured["articles"] = docs[corpus]
            measured["run"] = int(run)
            (index_runs if kind == "index" else reindex_runs)[(tool, corpus)].append(measured)
        elif kind == "docs":
            docs[fields[0]] = int(fields[1])
        elif kind == "size":
            tool, corpus, total, fast = fields
            sizes[(tool, corpus)] = (int(total), int(total) - int(fast))
        elif kind == "inproc":
            tool, corpus, name = fields
            path = os.path.join(raw, name)
            if tool == "newsdex":
                with open(path, encoding="utf-8") as f:
                    timings = json.load(f)
            else:
                timings = parse_tantivy_bench(path)
            result["searches"].setdefault(corpus, {}).setdefault("in_process", {})[tool] = timings
        elif kind == "whole":
            _, corpus, name = fields
            result["searches"].setdefault(corpus, {})["whole_process"] = parse_hyperfine(
                os.path.join(raw, name))
        elif kind == "criterion":
            result["criterion"] = parse_criterion(fields[0])

    for (tool, corpus), runs in sorted(index_runs.items()):
        entry = summarise_runs(runs)
        corpus_bytes = result["corpora"].get(corpus, {}).get("bytes", 0)
        articles = runs[-1].get("articles")
        entry["articles"] = articles
        if articles:
            entry["articles_per_s"] = articles / entry["median_wall_s"]
        entry["corpus_mb_per_s"] = corpus_bytes / 1e6 / entry["median_wall_s"]
        if (tool, corpus) in sizes:
            entry["size_bytes"], entry["size_text_bytes"] = sizes[(tool, corpus)]
        result["index"].setdefault(tool, {})[corpus] = entry
    for (_, corpus), runs in sorted(reindex_runs.items()):
        result["reindex"][corpus] = summarise_runs(runs)
    return result


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: collect.py RUN_DIR")
    run_dir = sys.argv[1]
    result = collect(run_dir)
    with open(os.path.join(run_dir, "results.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
