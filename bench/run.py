"""govkg's benchmark: one command, a table of figures against their targets, and JSON.

    python bench/run.py                          # 1, 100 and 1,000 reports (a few minutes)
    python bench/run.py --reports 1 100 1000 10000   # + 10,000 (about 10 min more on 2 cores)
    python bench/run.py --reports 10 --skip-page --skip-scaling   # a quick look

Makes a synthetic corpus per size (bench/synth.py, cached in bench/.cache),
then measures: extraction MB/s per core next to the make_doc floor; for each
size a ``kg build --store`` from nothing (time, peak memory of the process
tree, triples), every ``kg export`` format and pyoxigraph's own dump, the
p50/p95 of every named query on Oxigraph (and rdflib up to --rdflib-max
reports, with the answers compared), the page ``kg viz`` writes and its
drawing time in headless Chromium; at the largest size, builds with 1 and 2
processes and a dask cluster when kg offers them, the push throughput when
bench/push.py exists, and a projection of a 1,000,000-report build. Writes
the figures to bench/.cache/latest.json (or --json) and, with
--update-readme, the table into README.md. bench/README.md explains each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for folder in (BENCH, ROOT):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import builds  # noqa: E402
import extraction  # noqa: E402
import synth  # noqa: E402
from figures import Figures, markdown_table, print_table, update_readme  # noqa: E402
from projection import project  # noqa: E402

GIB = 1 << 30
TARGETS = {
    "extract_mb_s": 0.7,  # per core
    "extract_ratio": 2.0,  # pipeline time / make_doc time
    "build_1000_s": 60.0,
    "build_10000_total_s": 600.0,  # build + every export, 2 cores
    "rss_10000": 2 * GIB,
    "export_triples_s": 300_000,
    "export_vs_oxigraph": 0.5,
    "query_p50_s": 1.0,  # on the 10,000-report store, Oxigraph
    "page_drawn_s": 5.0,  # the default page of the 10,000-report graph
    "page_redraw_ms": 300.0,
}
EXPORT_JUDGED_FROM = 100_000  # triples: below, start-up dominates and no verdict is given


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reports",
        type=int,
        nargs="+",
        default=[1, 100, 1000],
        help="corpus sizes (10000 takes about 10 minutes more)",
    )
    parser.add_argument("--seed", type=int, default=0, help="of the synthetic corpus")
    parser.add_argument(
        "--cache",
        type=Path,
        default=synth.DEFAULT_CACHE,
        help="corpora, work folders and latest.json",
    )
    parser.add_argument(
        "--json", type=Path, help="write the figures here (default: <cache>/latest.json)"
    )
    parser.add_argument(
        "--update-readme",
        action="store_true",
        help="write the table between the bench markers of README.md",
    )
    parser.add_argument("--skip-page", action="store_true", help="no page, no Chromium")
    parser.add_argument(
        "--skip-scaling",
        action="store_true",
        help="no 1-process/2-process/dask comparison at the largest size",
    )
    parser.add_argument("--query-runs", type=int, default=5, help="timed runs per query (5-20)")
    parser.add_argument(
        "--query-timeout", type=float, default=60, help="seconds before a query is stopped"
    )
    parser.add_argument(
        "--query-budget", type=float, default=10, help="seconds of repeated runs per query"
    )
    parser.add_argument(
        "--rdflib-max",
        type=int,
        default=100,
        help="also query rdflib, and compare, up to this many reports",
    )
    parser.add_argument(
        "--extract-reports", type=int, default=40, help="reports timed for the extraction speed"
    )
    parser.add_argument("--repeat", type=int, default=3, help="extraction rounds; best kept")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[8, 32, 128],
        help="cluster sizes of the 1,000,000-report projection",
    )
    parser.add_argument(
        "--price",
        type=float,
        default=0.05,
        help="price of one worker (one core) per hour, for the projection",
    )
    parser.add_argument("--keep", action="store_true", help="keep stores and exports")
    args = parser.parse_args()
    args.query_runs = min(max(args.query_runs, 5), 20)
    args.reports = sorted(set(args.reports))
    return args


def main() -> int:
    args = parse_args()
    started = time.perf_counter()
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    print(f"govkg bench: sizes {args.reports}, {cores} cores, load average {load:.1f}", flush=True)
    figures = Figures()
    raw: dict[str, Any] = {"sizes": {}, "machine": _machine(cores, load)}
    corpora = {n: _corpus(n, args) for n in args.reports}
    largest = args.reports[-1]

    _extraction(figures, raw, corpora[largest], args)
    options = builds.build_options()
    startup = builds.startup_seconds()
    raw["kg_startup_s"] = startup
    figures.add("setup", "kg start-up (in every command)", f"{startup:.2f} s", startup)
    build_args = options.args(cores, "processes") if options.offers("processes") else []
    raw["build_args"] = build_args
    work = args.cache / "work"
    latencies: dict[int, list[dict[str, Any]]] = {}
    main_builds: dict[int, builds.Build] = {}
    for n in args.reports:
        print(f"— {_reports(n)}", flush=True)
        entry: dict[str, Any] = raw["sizes"].setdefault(str(n), {})
        folder = work / f"n{n}"
        build = builds.run_build(corpora[n], folder, "default", build_args, reports=n)
        main_builds[n] = build
        _build_figures(figures, entry, build, n, cores, build_args)
        exported = _exports(figures, entry, build, n, folder, startup)
        latencies[n] = _queries(figures, entry, build, folder, n, args)
        if not args.skip_page:
            _page(figures, entry, build, folder, n)
        if n >= 10_000:
            total = build.seconds + exported
            ok = total < TARGETS["build_10000_total_s"] and cores <= 2
            figures.add(
                _reports(n),
                "build + all exports",
                _duration(total),
                total,
                "< 10 min on 2 cores",
                ok,
            )
        if n != largest and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    scaling = (
        {}
        if args.skip_scaling
        else _scaling(
            figures, raw, options, corpora, largest, main_builds[largest], work, build_args
        )
    )
    push_seconds = _push(figures, raw, main_builds[largest])
    _projection(figures, raw, args, largest, scaling, main_builds[largest], push_seconds)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)

    raw["figures"] = figures.as_json()
    raw["seconds"] = time.perf_counter() - started
    title = (
        f"govkg bench ({cores} cores, load {load:.1f}, sizes {', '.join(map(str, args.reports))})"
    )
    target = args.json or args.cache / "latest.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print_table(figures, title)
    _print_queries(latencies)
    for line in raw.get("projection", {}).get("lines", []):
        print("  " + line)
    print(f"figures written to {target} ({raw['seconds']:.0f} s in all)")
    if args.update_readme:
        block = _readme_block(figures, latencies, raw)
        readme = ROOT / "README.md"
        if update_readme(readme, block):
            print(f"table written into {readme}")
        else:
            print(f"{readme} has no bench markers; table not written", file=sys.stderr)
    return 0


def _machine(cores: int, load: float) -> dict[str, Any]:
    return {
        "cores": cores,
        "load_average_at_start": load,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d"),
    }


def _corpus(n: int, args: argparse.Namespace) -> Path:
    started = time.perf_counter()
    folder = synth.ensure_corpus(n, seed=args.seed, cache_dir=args.cache)
    seconds = time.perf_counter() - started
    print(f"corpus of {_reports(n)}: {folder} ({seconds:.1f} s)", flush=True)
    return folder


def _extraction(
    figures: Figures, raw: dict[str, Any], corpus: Path, args: argparse.Namespace
) -> None:
    paths = sorted(corpus.glob("*.txt"))[: args.extract_reports]
    result = extraction.measure(paths, args.repeat)
    raw["extraction"] = result
    section = f"extraction ({result['texts']} reports, {result['megabytes']:.2f} MB)"
    mb_s, floor, ratio = result["pipeline_mb_s"], result["floor_mb_s"], result["ratio"]
    figures.add(
        section,
        "pipeline, per core",
        f"{mb_s:.2f} MB/s",
        mb_s,
        f"≥ {TARGETS['extract_mb_s']} MB/s",
        mb_s >= TARGETS["extract_mb_s"],
    )
    figures.add(section, "make_doc floor, per core", f"{floor:.2f} MB/s", floor)
    figures.add(
        section,
        "pipeline time / floor time",
        f"{ratio:.2f}×",
        ratio,
        f"≤ {TARGETS['extract_ratio']:g}×",
        ratio <= TARGETS["extract_ratio"],
    )


def _build_figures(
    figures: Figures,
    entry: dict[str, Any],
    build: builds.Build,
    n: int,
    cores: int,
    build_args: list[str],
) -> None:
    entry["build"] = {k: v for k, v in asdict(build).items() if k not in ("store", "out")}
    section = _reports(n)
    how = " ".join(build_args) or "one process"
    target, ok = "", None
    if n == 1000:
        target, ok = "< 1 min", build.seconds < TARGETS["build_1000_s"]
    figures.add(
        section, f"kg build --store ({how})", _duration(build.seconds), build.seconds, target, ok
    )
    figures.add(section, "reports/s", f"{n / build.seconds:.2f}", n / build.seconds)
    target, ok = ("< 2 GiB", build.peak_rss < TARGETS["rss_10000"]) if n >= 10_000 else ("", None)
    figures.add(
        section, "peak RSS (process tree)", _bytes(build.peak_rss), build.peak_rss, target, ok
    )
    figures.add(section, "triples (union)", f"{build.triples:,}", build.triples)
    if build.reports != n:
        figures.add(
            section, "reports built", f"{build.reports:,} of {n:,}", build.reports, f"{n:,}", False
        )


def _exports(
    figures: Figures,
    entry: dict[str, Any],
    build: builds.Build,
    n: int,
    folder: Path,
    startup: float,
) -> float:
    """Every export timed; returns their total seconds."""
    assert build.store is not None
    exports = builds.run_exports(build.store, folder / "exports")
    dump = builds.oxigraph_dump(build.store, folder / "exports")
    entry["exports"] = [asdict(e) for e in exports]
    entry["oxigraph_dump"] = asdict(dump)
    section = _reports(n)
    times = ", ".join(f"{e.format} {e.seconds:.1f}" for e in exports)
    total = sum(e.seconds for e in exports)
    figures.add(section, "kg export, every format, added up", f"{total:.1f} s", total, "")
    entry["exports_line"] = times
    figures.add(section, "  per format (s)", times)
    ox_rate = dump.lines / max(dump.seconds, 1e-9)
    figures.add(section, "pyoxigraph Store.dump N-Quads", f"{ox_rate / 1e3:,.0f}k quads/s", ox_rate)
    counted = {"ttl": build.triples, "nq": next((e.lines for e in exports if e.format == "nq"), 0)}
    for export in exports:
        if export.format not in counted:
            continue
        net = max(export.seconds - startup, 1e-3)
        rate = counted[export.format] / net
        judged = counted[export.format] >= EXPORT_JUDGED_FROM
        ok = (
            (
                rate >= TARGETS["export_triples_s"]
                and rate >= TARGETS["export_vs_oxigraph"] * ox_rate
            )
            if judged
            else None
        )
        figures.add(
            section,
            f"kg export -f {export.format} (net of start-up)",
            f"{rate / 1e3:,.0f}k/s = {rate / ox_rate:.2f}× dump",
            rate,
            "≥ 300k/s and ≥ 0.5× dump" if judged else "(too small to judge)",
            ok,
        )
    return total


def _queries(
    figures: Figures,
    entry: dict[str, Any],
    build: builds.Build,
    folder: Path,
    n: int,
    args: argparse.Namespace,
) -> list[dict[str, Any]]:
    from query_latency import time_queries

    assert build.store is not None
    trig = folder / "exports" / "graph.trig"
    compare = n <= args.rdflib_max and trig.is_file()
    examples = _examples(n, args.seed)
    run = time_queries(
        build.store,
        trig if compare else None,
        args.query_runs,
        timeout=args.query_timeout,
        budget=args.query_budget,
        examples=examples,
    )
    rows = [asdict(latency) for latency in run.latencies]
    entry["query_examples"] = examples
    entry["queries"] = rows
    entry["query_mismatches"] = run.mismatches
    entry["query_timeouts"] = run.timed_out
    section = _reports(n)
    with_params = {r.query for r in run.latencies if r.bound}
    for backend in ("oxigraph", "rdflib"):
        mine = [r for r in run.latencies if r.backend == backend]
        if not mine:
            continue
        # as a user asks: bound when the query has parameters, else for the whole graph
        asked = [r for r in mine if r.bound or r.query not in with_params]
        whole = [r for r in mine if not r.bound and r.query in with_params]
        for kind, group in (("as asked", asked), ("unbound, whole graph", whole)):
            judged = backend == "oxigraph" and n >= 10_000 and kind == "as asked"
            figures.add(
                section,
                f"slowest query p50/p95, {backend}, {kind} ({len(group)})",
                _slowest(group, args.query_timeout),
                _worst(group),
                "every p50 < 1 s" if judged else "",
                (_worst(group) < TARGETS["query_p50_s"]) if judged else None,
            )
    if compare:
        alike = run.compared - len(run.mismatches)
        asked_runs = len(run.latencies) // 2
        unanswered = asked_runs - run.compared
        shown = f"{alike} of {run.compared}" + (
            f" ({unanswered} not compared: timed out)" if unanswered else ""
        )
        figures.add(
            section,
            "queries answered alike, rdflib vs Oxigraph",
            shown,
            alike,
            "all",
            not run.mismatches and not unanswered,
        )
        for line in run.mismatches:
            print(f"  mismatch at {_reports(n)}: {line}", flush=True)
    return rows


def _examples(n: int, seed: int) -> dict[str, str]:
    """Parameters for the bound queries: the region with the most reports in the corpus."""
    every = synth.slots(seed)
    first = [every[i % len(every)] for i in range(n)]
    counts = Counter(slot.region.name for slot in first)
    region = max(sorted(counts), key=lambda name: counts[name])
    years = sorted(slot.year for slot in first if slot.region.name == region)
    earlier = years[0] if len(years) > 1 else years[-1] - 1
    return {"region": region, "year": str(years[-1]), "earlierYear": str(earlier)}


def _worst(group: list[Any]) -> float:
    return max((float("inf") if r.p50 is None else r.p50 for r in group), default=0.0)


def _slowest(group: list[Any], timeout: float) -> str:
    slow = [r.query for r in group if r.p50 is None]
    if slow:
        return f"{len(slow)} past {timeout:g} s ({', '.join(slow)})"
    worst = max(group, key=lambda r: r.p50)
    return f"{_ms(worst.p50)} / {_ms(worst.p95)} ({worst.query})"


def _page(
    figures: Figures, entry: dict[str, Any], build: builds.Build, folder: Path, n: int
) -> None:
    from page import measure_page

    assert build.out is not None
    seen = measure_page(build.out / "graph.ttl", folder / "page.html")
    entry["page"] = asdict(seen)
    section = _reports(n)
    figures.add(
        section,
        "page: kg viz writes it",
        f"{seen.write_seconds:.1f} s, {seen.megabytes:.1f} MB",
        seen.write_seconds,
    )
    judged = n >= 10_000
    if seen.drawn_seconds is None or seen.redraw_ms is None:
        figures.add(section, "page in Chromium", "not available", None, seen.status)
        return
    figures.add(
        section,
        "page: load until drawn",
        f"{seen.drawn_seconds:.2f} s",
        seen.drawn_seconds,
        "< 5 s" if judged else "",
        seen.drawn_seconds < TARGETS["page_drawn_s"] if judged else None,
    )
    figures.add(
        section,
        "page: redraw",
        f"{seen.redraw_ms:.0f} ms",
        seen.redraw_ms,
        "< 300 ms" if judged else "",
        seen.redraw_ms < TARGETS["page_redraw_ms"] if judged else None,
    )
    if seen.errors not in ("", "none"):
        figures.add(section, "page: console errors", seen.errors[:80], None, "none", False)


def _scaling(
    figures: Figures,
    raw: dict[str, Any],
    options: builds.BuildOptions,
    corpora: dict[int, Path],
    n: int,
    default: builds.Build,
    work: Path,
    build_args: list[str],
) -> dict[str, float]:
    """The largest corpus built with 1 and 2 processes and on a dask LocalCluster."""
    section = f"executors ({n:,} reports)"
    configs = {
        "1 process": options.args(1, "processes") if options.offers("processes") else None,
        "2 processes": options.args(2, "processes") if options.offers("processes") else None,
        "dask LocalCluster, 2 workers": options.args(2, "dask") if options.offers("dask") else None,
    }
    if not options.jobs:  # a kg without -j builds in one process: that is the default build
        configs["1 process"] = []
    seconds: dict[str, float] = {}
    for label, extra in configs.items():
        if extra is None:
            figures.add(section, label, "not available", None, "kg build has no such executor")
            continue
        if extra == build_args:
            build = default
        else:
            print(f"— {n:,} reports, {label}", flush=True)
            build = builds.run_build(
                corpora[n], work / f"scaling-{len(seconds)}", label, extra, reports=n
            )
            shutil.rmtree(work / f"scaling-{len(seconds)}", ignore_errors=True)
        seconds[label] = build.seconds
        speedup = seconds.get("1 process", build.seconds) / build.seconds
        figures.add(
            section,
            f"{label} ({' '.join(extra) or 'no options'})",
            f"{_duration(build.seconds)}, ×{speedup:.2f}, {_bytes(build.peak_rss)}",
            build.seconds,
        )
    raw["scaling"] = seconds
    return seconds


def _push(figures: Figures, raw: dict[str, Any], build: builds.Build) -> float | None:
    """bench/push.py's measure_push on the largest store, when it exists: its seconds."""
    section = f"push to a local oxigraph serve ({build.reports:,} reports)"
    try:
        from push import measure_push
    except ImportError:
        figures.add(section, "push throughput", "not available", None, "bench/push.py missing")
        return None
    assert build.store is not None
    try:
        result: dict[str, Any] = measure_push(build.store)
    except (RuntimeError, OSError) as error:
        figures.add(section, "push throughput", "not available", None, str(error)[:60])
        return None
    raw["push"] = result
    rate = next((float(v) for k, v in result.items() if "per_s" in k), None)
    seconds = result.get("seconds")
    shown = f"{rate:,.0f} triples/s" if rate else "?"
    if isinstance(seconds, int | float):
        shown += f" ({result.get('triples', 0):,} in {seconds:.1f} s)"
    figures.add(section, f"kg push, server {result.get('server', '')}".strip(), shown, rate)
    return float(seconds) if isinstance(seconds, int | float) else None


def _projection(
    figures: Figures,
    raw: dict[str, Any],
    args: argparse.Namespace,
    n: int,
    scaling: dict[str, float],
    build: builds.Build,
    push_seconds: float | None,
) -> None:
    sizes = raw["sizes"][str(n)]
    one = scaling.get("1 process", build.seconds)
    one_label = (
        "1 process"
        if "1 process" in scaling
        else "the default build, " + (" ".join(raw["build_args"]) or "one process")
    )
    two = scaling.get("2 processes")
    corpus_mb = sum(p.stat().st_size for p in _corpus_files(args, n)) / 1e6
    extraction_seconds = corpus_mb / raw["extraction"]["pipeline_mb_s"]
    startup = raw["kg_startup_s"]  # a fixed cost of each command, not a cost per report
    exports = sum(max(e["seconds"] - startup, 0.0) for e in sizes.get("exports", []))
    made = project(
        measured_reports=n,
        one_process=max(one - startup, 1e-3),
        two_processes=None if two is None else max(two - startup, 1e-3),
        extraction_core_seconds=extraction_seconds,
        exports_seconds=exports,
        push_seconds=push_seconds,
        workers=args.workers,
        price=args.price,
        one_label=one_label,
    )
    made.lines.insert(0, f"every time net of the kg start-up ({startup:.2f} s per command)")
    if n < 1000:
        made.lines.append(
            f"measured on only {n:,} reports, where fixed costs (loading spaCy in each worker, "
            "starting a cluster) dominate: run --reports 10000 for a telling projection"
        )
    raw["projection"] = asdict(made)
    section = "1,000,000 reports (projected)"
    for count in args.workers:
        figures.add(
            section,
            f"{count} workers",
            f"{made.hours[count]:.1f} h, "
            f"cost {made.cost[count]:,.0f} at {args.price:g}/worker-hour",
            made.hours[count],
        )


def _reports(n: int) -> str:
    return f"{n:,} report" + ("" if n == 1 else "s")


def _corpus_files(args: argparse.Namespace, n: int) -> list[Path]:
    return sorted(synth.ensure_corpus(n, seed=args.seed, cache_dir=args.cache).glob("*.txt"))


def _print_queries(latencies: dict[int, list[dict[str, Any]]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="named queries, p50 / p95", header_style="bold")
    table.add_column("query")
    columns = [
        (n, b)
        for n, rows in latencies.items()
        for b in ("oxigraph", "rdflib")
        if any(r["backend"] == b for r in rows)
    ]
    for n, backend in columns:
        table.add_column(f"{n:,} {backend}", justify="right")
    keys = sorted({(r["query"], r["bound"]) for rows in latencies.values() for r in rows})
    for name, bound in keys:
        cells = []
        for n, backend in columns:
            row = next(
                r
                for r in latencies[n]
                if (r["query"], r["bound"], r["backend"]) == (name, bound, backend)
            )
            cells.append(_p50_p95(row))
        table.add_row(f"{name} (bound)" if bound else name, *cells)
    Console(width=max(140, Console().width)).print(table)


def _readme_block(
    figures: Figures, latencies: dict[int, list[dict[str, Any]]], raw: dict[str, Any]
) -> str:
    machine = raw["machine"]
    lines = [
        f"Measured {machine['date']} with `python bench/run.py --reports "
        f"{' '.join(raw['sizes'])}` on {machine['cores']} cores (load average "
        f"{machine['load_average_at_start']:.1f} at the start), Python {machine['python']}.",
        "",
        markdown_table(figures),
    ]
    largest = max(latencies, default=None)
    if largest is not None:
        lines += [
            "",
            f"Named queries on {largest:,} reports, p50 / p95:",
            "",
            "| query | backend | p50 | p95 | rows |",
            "|---|---|---:|---:|---:|",
        ]
        for r in latencies[largest]:
            name = f"{r['query']} (bound)" if r["bound"] else r["query"]
            lines.append(
                f"| {name} | {r['backend']} | {_ms(r['p50'])} | {_ms(r['p95'])} | {r['rows']} |"
            )
    projection = raw.get("projection", {}).get("lines", [])
    if projection:
        lines += ["", "Projection of a 1,000,000-report build:", ""]
        lines += [f"- {line}" for line in projection]
    return "\n".join(lines)


def _p50_p95(row: dict[str, Any]) -> str:
    if row["p50"] is None:
        return "timed out"
    return f"{_ms(row['p50'])} / {_ms(row['p95'])}"


def _duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def _bytes(count: float) -> str:
    return f"{count / GIB:.2f} GiB" if count >= GIB else f"{count / (1 << 20):.0f} MiB"


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "timed out"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.0f} s"


if __name__ == "__main__":
    sys.exit(main())
