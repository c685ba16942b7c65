#!/usr/bin/env python3
"""Write BENCHMARKS.md from one bench/run.sh run.

  report.py RUN_DIR/results.json [-o BENCHMARKS.md]

The report gives the machine and its load, each goal of the benchmark suite as a table
(newsdex, tantivy-cli, the ratio, the target, met or not), then every figure of the run
with the command behind it. A hand-written RUN_DIR/notes.md, when present, is included
as the run's notes: what limits the goals not met. Python 3 standard library only.
"""
import argparse
import json
import os
import sys

GOAL_FACETS = "--facets country,official,agency,year"
FACETED_TERM = "iran " + GOAL_FACETS
BARE_COUNT = "iran --limit 0"
PHRASE = "'\"interest rates\"'"
BIG = ("synth-jsonl-1m", "synth-jsonl-100k")  # the archive-scale corpus, full or quick
CORPUS_LABELS = {
    "reuters": "Reuters folder (txt, json, html)",
    "synth-jsonl-100k": "synthetic, JSONL, 100k",
    "synth-jsonl-1m": "synthetic, JSONL, 1M",
    "synth-txt-100k": "synthetic, .txt files, 100k",
    "synth-txt-2k": "synthetic, .txt files, 2k",
}
RSS_FLAT = 1.25  # "flat": the 1M peak within 25% of the 100k peak


def fmt(value, digits=1, unit=""):
    if value is None:
        return "—"
    if isinstance(value, int) or abs(value) >= 1000:
        return f"{value:,.0f}{unit}"
    return f"{value:.{digits}f}{unit}"


def ratio(a, b):
    return a / b if a is not None and b else None


def verdict(ok):
    return "—" if ok is None else ("**met**" if ok else "**not met**")


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    # A pipe inside a cell (a shell pipeline in a command) would end the cell.
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


class Run:
    """Look-ups into one results.json."""

    def __init__(self, results):
        self.r = results
        self.big = next((c for c in BIG if c in results["index"].get("newsdex", {})), None)

    def index(self, tool, corpus):
        return self.r["index"].get(tool, {}).get(corpus)

    def inproc(self, corpus, tool, search):
        timings = self.r["searches"].get(corpus, {}).get("in_process", {}).get(tool, [])
        return next((t for t in timings if t["search"] == search), None)

    def whole(self, corpus, tool, search):
        timings = self.r["searches"].get(corpus, {}).get("whole_process", [])
        return next((t for t in timings if t["tool"] == tool and t["search"] == search), None)

    def pair(self, line):
        return next((p for p in self.r["pairs"] if p["newsdex"] == line), None)

    def tantivy_whole(self, corpus, line):
        p = self.pair(line)
        if not p or not p["query"]:
            return None
        return self.whole(corpus, "tantivy", f"{p['query']} [{p['agg']}]")

    def tantivy_inproc(self, corpus, line):
        p = self.pair(line)
        return self.inproc(corpus, "tantivy", p["query"]) if p and p["query"] else None

    def criterion(self, bench_id):
        return next((b for b in self.r["criterion"] if b["id"] == bench_id), None)


def goals(run):
    """(goal, newsdex, tantivy-cli, ratio, target, met) rows, and the commands behind."""
    rows = []
    big = run.big
    n, t = run.index("newsdex", big) if big else None, run.index("tantivy", big) if big else None
    label = CORPUS_LABELS.get(big, "1M synthetic JSONL (not run)")
    if big == "synth-jsonl-1m":
        r = ratio(n and n["median_wall_s"], t and t["median_wall_s"])
        rows.append(("1M JSONL, full extraction: wall time", fmt(n and n["median_wall_s"], 1, " s"),
                     fmt(t and t["median_wall_s"], 1, " s"), fmt(r, 2, "×"), "≤ 2.0×",
                     verdict(None if r is None else r <= 2.0)))
        cpu = ratio(n and n["median_cpu_s"], t and t["median_cpu_s"])
        rows.append(("1M JSONL: CPU time, user + system (context)",
                     fmt(n and n["median_cpu_s"], 1, " s"), fmt(t and t["median_cpu_s"], 1, " s"),
                     fmt(cpu, 2, "×"), "", "—"))
        rss = n and n["max_rss_mb"]
        rows.append(("1M JSONL: peak RSS", fmt(rss, 0, " MB"), fmt(t and t["max_rss_mb"], 0, " MB"),
                     fmt(ratio(rss, t and t["max_rss_mb"]), 2, "×"), "≤ 1,000 MB",
                     verdict(None if rss is None else rss <= 1000)))
        small = run.index("newsdex", "synth-jsonl-100k")
        growth = ratio(rss, small and small["max_rss_mb"])
        rows.append(("peak RSS, 1M vs 100k (flat)", f"{fmt(small and small['max_rss_mb'], 0)} → "
                     f"{fmt(rss, 0)} MB", "", fmt(growth, 2, "×"), f"≤ {RSS_FLAT}×",
                     verdict(None if growth is None else growth <= RSS_FLAT)))
    else:
        rows.append(("1M JSONL, full extraction: wall time, peak RSS",
                     "not run (--quick)", "", "", "≤ 2.0×, ≤ 1 GB", "—"))
    n, t = run.index("newsdex", "reuters"), run.index("tantivy", "reuters")
    r = ratio(n and n["median_wall_s"], t and t["median_wall_s"])
    rows.append(("Reuters folder: wall time", fmt(n and n["median_wall_s"], 2, " s"),
                 fmt(t and t["median_wall_s"], 2, " s") + " (from JSONL)", fmt(r, 2, "×"),
                 "≤ 2.5×", verdict(None if r is None else r <= 2.5)))
    c = run.criterion("extract/synth_txt_2k/extract")
    rate = c and c["per_second"]
    rows.append(("extraction alone, one core", fmt(rate, 0, " articles/s"), "", "",
                 "≥ 25,000/s", verdict(None if rate is None else rate >= 25000)))
    if big:
        w = run.whole(big, "newsdex", FACETED_TERM)
        tw = run.tantivy_whole(big, FACETED_TERM)
        med = w and w["median_ms"]
        rows.append((f"term + 4 facets + top 10, whole process ({label})", fmt(med, 1, " ms"),
                     fmt(tw and tw["median_ms"], 1, " ms") + " (agency, year aggs)",
                     fmt(ratio(med, tw and tw["median_ms"]), 2, "×"), "≤ 25 ms",
                     verdict(None if med is None else med <= 25)))
        i = run.inproc(big, "newsdex", FACETED_TERM)
        ti = run.tantivy_inproc(big, FACETED_TERM)
        rows.append((f"term + 4 facets, in-process p50 ({label})", fmt(i and i["p50_ms"], 2, " ms"),
                     fmt(ti and ti["p50_ms"], 2, " ms") + " (no facets)",
                     fmt(ratio(i and i["p50_ms"], ti and ti["p50_ms"]), 2, "×"), "≤ 10 ms",
                     verdict(None if i is None else i["p50_ms"] <= 10)))
        rows.append((f"term + 4 facets, in-process p99 ({label})", fmt(i and i["p99_ms"], 2, " ms"),
                     fmt(ti and ti["p99_ms"], 2, " ms") + " (no facets)",
                     fmt(ratio(i and i["p99_ms"], ti and ti["p99_ms"]), 2, "×"), "≤ 50 ms",
                     verdict(None if i is None else i["p99_ms"] <= 50)))
        w = run.whole(big, "newsdex", BARE_COUNT)
        tw = run.tantivy_whole(big, BARE_COUNT)
        r = ratio(w and w["median_ms"], tw and tw["median_ms"])
        rows.append((f"bare term count, whole process ({label})", fmt(w and w["median_ms"], 1, " ms"),
                     fmt(tw and tw["median_ms"], 1, " ms"), fmt(r, 2, "×"), "≤ 1.5×",
                     verdict(None if r is None else r <= 1.5)))
        i = run.inproc(big, "newsdex", PHRASE)
        ti = run.tantivy_inproc(big, PHRASE)
        r = ratio(i and i["p50_ms"], ti and ti["p50_ms"])
        rows.append((f"phrase, in-process p50 ({label})", fmt(i and i["p50_ms"], 2, " ms"),
                     fmt(ti and ti["p50_ms"], 2, " ms"), fmt(r, 2, "×"), "≤ 2.0×",
                     verdict(None if r is None else r <= 2.0)))
    re_ = run.r["reindex"].get("synth-txt-100k")
    med = re_ and re_["median_wall_s"]
    rows.append(("re-index, unchanged 100,000 files", fmt(med, 2, " s"), "", "", "≤ 5 s",
                 verdict(None if med is None else med <= 5)))
    if big:
        n, t = run.index("newsdex", big), run.index("tantivy", big)
        r = ratio(n and n.get("size_bytes"), t and t.get("size_text_bytes"))
        rows.append((f"index size ({label})", fmt(n and n.get("size_bytes", 0) / 1e6, 0, " MB"),
                     fmt(t and t.get("size_text_bytes", 0) / 1e6, 0, " MB") + " (title, body)",
                     fmt(r, 2, "×"), "≤ 1.2×", verdict(None if r is None else r <= 1.2)))
    return rows


def machine_section(run):
    info, m = run.r["run"]["info"], run.r["run"]["machine"]
    mem = m.get("memory_bytes")
    lines = [
        f"- CPU: {m['cpu']}, {m['nproc']} cores; memory {fmt(mem and mem / 2**30, 1, ' GiB')}; "
        f"Linux {m['kernel']}",
        f"- {info.get('newsdex_version', 'newsdex ?')} at commit `{info.get('newsdex_commit', '?')}`; "
        f"{info.get('tantivy_cli_version', 'tantivy-cli ?')}; {info.get('hyperfine_version', '')}",
        f"- run `{run.r['run']['name']}`{' (--quick)' if info.get('quick') == '1' else ''}",
        f"- load at the start: `{info.get('uptime_start', '?').strip()}`",
        f"- load at the end: `{info.get('uptime_end', '?').strip()}`",
    ]
    loads = run.r["run"]["load"]
    if loads:
        lines.append("- load average (1, 5, 15 min) as each phase began: " + "; ".join(
            f"{l['phase']} {l['loadavg']}" for l in loads))
    lines.append("")
    lines.append("Other work shares this 2-core machine, so absolute times move from run to "
                 "run; the two tools are timed alternately in the same run, and the ratios "
                 "are the figures to trust.")
    return "\n".join(lines)


def index_section(run):
    rows = []
    for corpus, info in run.r["corpora"].items():
        for tool in ("newsdex", "tantivy"):
            e = run.index(tool, corpus)
            if not e:
                continue
            rows.append((
                CORPUS_LABELS.get(corpus, corpus), tool if tool == "newsdex" else "tantivy-cli -t 2",
                f"{info['files']:,} files, {info['bytes'] / 1e6:,.1f} MB",
                fmt(e.get("articles")), len(e["runs"]), fmt(e["median_wall_s"], 2, " s"),
                fmt(e["median_cpu_s"], 1, " s"),
                fmt(e.get("articles_per_s"), 0), fmt(e.get("corpus_mb_per_s"), 1),
                fmt(e["max_rss_mb"], 0, " MB"),
                fmt(e.get("size_bytes", 0) / 1e6, 1, " MB") if e.get("size_bytes") else "—",
            ))
    out = [table(("corpus", "tool", "input", "articles", "runs", "median wall", "CPU", "articles/s",
                  "corpus MB/s", "peak RSS", "index size"), rows)]
    out.append("")
    out.append("tantivy-cli indexes the same articles converted to JSON lines of title and body "
               "(plus agency, year and month columns for its aggregations), with no extraction; "
               "its MB/s is over the same corpus bytes as newsdex's. Its index size "
               "above includes those columns; the goal compares without them. Conversion, "
               "done once and not in the times above:")
    out.append("")
    out.append(table(("corpus", "seconds", "command"), [
        (CORPUS_LABELS.get(k, k), fmt(v["seconds"], 1), f"`{v['command']}`")
        for k, v in run.r["conversions"].items()]))
    re_ = run.r["reindex"]
    if re_:
        out.append("")
        out.append("Re-index of an unchanged folder (no `--full`): " + "; ".join(
            f"{CORPUS_LABELS.get(k, k)}: median {fmt(v['median_wall_s'], 2, ' s')} over "
            f"{len(v['runs'])} run{'s' if len(v['runs']) > 1 else ''}, peak RSS {fmt(v['max_rss_mb'], 0, ' MB')}"
            for k, v in re_.items()) + ".")
    return "\n".join(out)


def search_section(run, corpus):
    out = [f"### {CORPUS_LABELS.get(corpus, corpus)}", "",
           "In-process (`newsdex bench`: parse, filter, facets, top 10 with snippets; "
           "`tantivy bench`: top 10 and count, no snippets, no facets):", ""]
    rows = []
    for p in run.r["pairs"]:
        n = run.inproc(corpus, "newsdex", p["newsdex"])
        if not n:
            continue
        t = run.tantivy_inproc(corpus, p["newsdex"])
        rows.append((f"`{p['newsdex']}`", fmt(n["hits"]), fmt(n["p50_ms"], 2), fmt(n["p99_ms"], 2),
                     f"`{p['query']}`" if p["query"] else "no equivalent",
                     fmt(t and t["hits"]), fmt(t and t["p50_ms"], 2), fmt(t and t["p99_ms"], 2),
                     fmt(ratio(n["p50_ms"], t and t["p50_ms"]), 2, "×")))
    out.append(table(("newsdex search", "hits", "p50 ms", "p99 ms", "tantivy-cli query", "hits",
                      "p50 ms", "p99 ms", "p50 ratio"), rows))
    out += ["", "Whole process (hyperfine: start, open, search, print; tantivy-cli prints "
            "an aggregation, its only mode that does not print every hit):", ""]
    rows = []
    for p in run.r["pairs"]:
        n = run.whole(corpus, "newsdex", p["newsdex"])
        if not n:
            continue
        t = run.tantivy_whole(corpus, p["newsdex"])
        rows.append((f"`{p['newsdex']}`", fmt(n["median_ms"], 1), fmt(n["stddev_ms"], 1),
                     f"`{p['query']}` [{p['agg']}]" if p["query"] else "no equivalent",
                     fmt(t and t["median_ms"], 1), fmt(ratio(n["median_ms"], t and t["median_ms"]), 2, "×")))
    out.append(table(("newsdex search", "median ms", "σ ms", "tantivy-cli", "median ms",
                      "ratio"), rows))
    return "\n".join(out)


def criterion_section(run):
    rows = [(f"`{b['id']}`", fmt(b["median_ns"] / 1e6, 3), fmt(b["elements"]),
             fmt(b["per_second"], 0)) for b in run.r["criterion"]]
    return table(("criterion bench", "median ms / iteration", "articles", "articles/s"), rows)


def report(results, notes):
    run = Run(results)
    commands = results["run"]["commands"]
    parts = [
        "# Benchmarks",
        "",
        "Measured by `bench/run.sh` (one command; `--quick` for a short run) on the corpora it "
        "builds from `../shared`: the Reuters-21578 articles as a folder of .txt, .json and "
        ".html files, and synthetic articles from `shared/tools/synth_news.py` as JSON Lines "
        "(100,000 and 1,000,000) and as 100,000 .txt files. Every figure is a median; each "
        "is set against tantivy-cli 0.24 (`-t 2`) on the same articles in the same run. Raw "
        f"outputs and `results.json`: `bench/runs/{results['run']['name']}/`. This file is "
        "written by `bench/report.py` from that `results.json`.",
        "",
        "## Machine",
        "",
        machine_section(run),
        "",
        "## Goals",
        "",
        table(("goal", "newsdex", "tantivy-cli", "ratio", "target", "verdict"), goals(run)),
        "",
        f"Peak RSS is GNU time's maximum resident set size; 1 GB is 1,000 MB of 10⁶ bytes. "
        f"\"Flat\" means the 1M peak within {RSS_FLAT}× the 100k peak. Index size is "
        "`du -sb` of the whole newsdex index (every field stored, facets, dates) against "
        "tantivy-cli's title and body.",
    ]
    if notes:
        parts += ["", "## Notes on this run", "", notes.strip()]
    parts += ["", "## Indexing", "", index_section(run), "", "## Searches", ""]
    for corpus in results["searches"]:
        parts += [search_section(run, corpus), ""]
    parts += ["## Extraction and search micro-benchmarks", "", criterion_section(run), "",
              "## Commands", "", "```"]
    parts += [f"{k}: {v}" for k, v in commands.items()]
    parts += ["```", "", "Reproduce: `bench/run.sh` (needs `../shared`, hyperfine, GNU time and "
              "tantivy-cli; `TANTIVY_CLI=` and `NEWSDEX_BIN=` override the binaries), then "
              "`python3 bench/report.py bench/runs/RUN/results.json -o BENCHMARKS.md`.", ""]
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="a run's results.json")
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    args = ap.parse_args()
    with open(args.results, encoding="utf-8") as f:
        results = json.load(f)
    notes_path = os.path.join(os.path.dirname(args.results), "notes.md")
    notes = open(notes_path, encoding="utf-8").read() if os.path.exists(notes_path) else ""
    text = report(results, notes)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
