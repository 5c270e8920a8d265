"""What a build of 1,000,000 reports would take on a cluster of W workers, and cost.

Amdahl's law fitted to two measured builds of the same corpus: with one
process it takes T1 = s + p, with two T2 = s + p/2, so the part that spreads
over workers is p = 2 (T1 - T2) and the part that does not is s = T1 - p. With
only one build measured, p is the extraction alone (reports x bytes / MB/s per
core) and s the rest. Both grow in proportion to the reports; the exports are
written once, after the build, at the speed measured; the push to a remote
store, when measured, at its triples/s. A worker is billed for the whole
build, idle or not, at ``price`` per worker-hour.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Projection:
    reports: int
    lines: list[str] = field(default_factory=list)  # the arithmetic, to print
    hours: dict[int, float] = field(default_factory=dict)  # workers -> hours
    cost: dict[int, float] = field(default_factory=dict)  # workers -> price units


def project(
    *,
    measured_reports: int,
    one_process: float,
    two_processes: float | None,
    extraction_core_seconds: float,
    exports_seconds: float,
    push_seconds: float | None,
    workers: list[int],
    price: float,
    one_label: str = "1 process",
    target_reports: int = 1_000_000,
) -> Projection:
    """Seconds measured on ``measured_reports`` reports → hours and cost for the target."""
    made = Projection(target_reports)
    say = made.lines.append
    scale = target_reports / measured_reports
    if two_processes is not None:
        parallel = min(max(2 * (one_process - two_processes), 0.0), one_process)
        say(
            f"measured on {measured_reports:,} reports: T1 = {one_process:.1f} s (1 process), "
            f"T2 = {two_processes:.1f} s (2 processes)"
        )
        say(
            f"parallel part p = 2 (T1 - T2) = {parallel:.1f} s; serial s = T1 - p = "
            f"{one_process - parallel:.1f} s"
        )
    else:
        parallel = min(extraction_core_seconds, one_process)
        say(
            f"measured on {measured_reports:,} reports: T1 = {one_process:.1f} s ({one_label}); "
            "no 2-process build to split it, so p = the extraction alone"
        )
        say(
            f"p = {parallel:.1f} s (extraction core-seconds); s = T1 - p = "
            f"{one_process - parallel:.1f} s"
        )
    serial = one_process - parallel
    push = push_seconds or 0.0
    say(
        f"x {scale:,.0f} for {target_reports:,} reports: p = {parallel * scale / 3600:.2f} h, "
        f"s = {serial * scale / 3600:.2f} h, exports = {exports_seconds * scale / 3600:.2f} h"
        + (
            f", push = {push * scale / 3600:.2f} h"
            if push_seconds is not None
            else ", push not measured"
        )
    )
    for count in workers:
        seconds = (parallel / count + serial + exports_seconds + push) * scale
        made.hours[count] = seconds / 3600
        made.cost[count] = made.hours[count] * count * price
        say(
            f"W = {count}: p/W + s + exports{' + push' if push_seconds is not None else ''} = "
            f"{made.hours[count]:.2f} h; cost = {made.hours[count]:.2f} h x {count} workers "
            f"x {price:g}/worker-hour = {made.cost[count]:,.2f}"
        )
    return made
