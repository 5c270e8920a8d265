"""A synthetic corpus of any size, made from the bundled sample reports, for benchmarks.

    python bench/synth.py 1000 [--seed 0] [--cache bench/.cache]   # prints the folder

Report ``i`` of seed ``s`` is always the same file, whatever the corpus size, so
a corpus of 100 is the first 100 reports of a corpus of 1,000. Each report is
one of the four samples (bench/synth/templates.tsv says which years and kind of
region each fits: the narrative format before 2019, the national tables after)
moved to another place and year:

- the region: a real city or district from extract/resources (regions.tsv,
  prefecture_cities.tsv, county_divisions.tsv), replacing the sample's own place
  names and the organ names, issuer abbreviation, web address, e-mail,
  telephone and postcode built from them (bench/synth/substitutions.tsv);
- the year: every year in the text moves with the report's year;
- document numbers: local ones get the region's issuer code and a new serial;
  national ones of the report's own year (国办发〔2016〕19号, the year's work
  plan) the new year and a serial fixed per year, so that reports of one year
  cite the same national documents, as real ones do; earlier national ones
  (the format notices) stay as they are;
- figures: every figure in prose and tables is multiplied by one whole factor
  per report, which keeps table sums and percentages consistent.

Slots (region, year) are shuffled once per seed, so a small corpus has a
different region in nearly every report and a large one several years of
most regions. Names are ``<region slug>-<year>-<n>.txt``. Corpora are written
to ``<cache>/corpus/seed<s>-n<N>/`` and reused while this generator, its
tables and the samples are unchanged.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "kg" / "samples"
RESOURCES = ROOT / "extract" / "resources"
TABLES = Path(__file__).resolve().parent / "synth"
DEFAULT_CACHE = Path(__file__).resolve().parent / ".cache"
NAME_WIDTH = 7  # n in file names, zero-padded: the same name for report n in every size
FACTORS = (1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15, 20)  # figure multipliers, small ones likelier
FIRST_YEAR, LAST_YEAR = 1990, 2030  # a four-digit number in this range is read as a year
SLUG_LETTERS = "abcdefghjkmnpqrstuvwxyz"
# Private-use characters mark stretches already rewritten, so the figure scaler skips them.
_OPEN, _CLOSE, _TOKEN_BASE = "\ue000", "\ue001", 0xE100


@dataclass(frozen=True)
class Region:
    """A place a report can be moved to, with what its text and codes need."""

    name: str  # 长沙市
    kind: str  # city | district
    province: str  # 湖南省
    issuer: str  # 长政: abbreviation + government word of its issuer codes

    @property
    def short(self) -> str:
        return self.name[:-1]

    @property
    def slug(self) -> str:
        """A stable ASCII name for file names and web addresses."""
        digest = hashlib.sha1(self.name.encode("utf-8")).digest()
        return "".join(SLUG_LETTERS[b % len(SLUG_LETTERS)] for b in digest[:6])

    def digits(self, salt: str, count: int) -> str:
        digest = hashlib.sha1(f"{salt}:{self.name}".encode()).hexdigest()
        return str(int(digest, 16))[:count]


@dataclass(frozen=True)
class Template:
    name: str
    year: int
    first_year: int
    last_year: int
    region_kind: str
    text: str
    substitutions: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Slot:
    region: Region
    year: int


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file whose header follows its # comments."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@cache
def templates() -> tuple[Template, ...]:
    substitutions: dict[str, list[tuple[str, str]]] = {}
    for row in _rows(TABLES / "substitutions.tsv"):
        substitutions.setdefault(row["template"], []).append((row["original"], row["replacement"]))
    made = []
    for row in _rows(TABLES / "templates.tsv"):
        name = row["template"]
        made.append(
            Template(
                name=name,
                year=int(name.rsplit("-", 1)[1]),
                first_year=int(row["first_year"]),
                last_year=int(row["last_year"]),
                region_kind=row["region_kind"],
                text=(SAMPLES / f"{name}.txt").read_text(encoding="utf-8-sig"),
                substitutions=tuple(substitutions.get(name, ())),
            )
        )
    return tuple(made)


@cache
def regions() -> tuple[Region, ...]:
    """Cities (市) and districts (区) of China with unambiguous names, in a stable order."""
    issuers = {
        row["city"]: row["abbreviation"] + row["gov_word"]
        for row in _rows(RESOURCES / "city_issuer_codes.tsv")
    }
    found: list[Region] = []
    for row in _rows(RESOURCES / "regions.tsv"):
        if row["name"].endswith("市"):  # the four municipalities: 渝府发, 京政发 …
            found.append(
                Region(row["name"], "city", row["name"], row["abbreviations"].split(",")[0] + "府")
            )
    for row in _rows(RESOURCES / "prefecture_cities.tsv"):
        if row["name"].endswith("市"):
            found.append(Region(row["name"], "city", row["province"], ""))
    for row in _rows(RESOURCES / "county_divisions.tsv"):
        kind = {"市": "city", "区": "district"}.get(row["name"][-1:])
        if kind is not None:
            found.append(Region(row["name"], kind, row["province"], ""))
    counts = Counter(region.name for region in found)
    unique = {}
    for region in found:
        if counts[region.name] == 1 and len(region.name) >= 3:
            issuer = region.issuer or issuers.get(region.name) or region.name[0] + "政"
            unique[region.name] = Region(region.name, region.kind, region.province, issuer)
    return tuple(unique[name] for name in sorted(unique))


@cache
def slots(seed: int) -> tuple[Slot, ...]:
    """Every (region, year) a template fits, in the seed's shuffled order."""
    made = [
        Slot(region, year)
        for region in regions()
        for template in templates()
        if template.region_kind == region.kind
        for year in range(template.first_year, template.last_year + 1)
    ]
    random.Random(seed).shuffle(made)
    return tuple(made)


def template_for(slot: Slot) -> Template:
    for template in templates():
        if (
            template.region_kind == slot.region.kind
            and template.first_year <= slot.year <= template.last_year
        ):
            return template
    raise ValueError(f"no template for {slot}")


def report(seed: int, n: int) -> tuple[str, str]:
    """The file name and text of report ``n`` of ``seed``."""
    every = slots(seed)
    slot = every[n % len(every)]
    rng = random.Random(f"govkg-synth:{seed}:{n}")
    name = f"{slot.region.slug}-{slot.year}-{n:0{NAME_WIDTH}d}.txt"
    return name, Rewriter(template_for(slot), slot, rng).text()


class Rewriter:
    """Moves one template to a slot: places, document numbers, years and figures."""

    def __init__(self, template: Template, slot: Slot, rng: random.Random) -> None:
        self.template = template
        self.slot = slot
        self.rng = rng
        self.shift = slot.year - template.year
        self.factor = rng.choice(FACTORS)
        self.kept: list[str] = []  # rewritten stretches, restored last
        self.serials: dict[tuple[str, str], int] = {}

    def text(self) -> str:
        text = _DOCUMENT_NUMBER.sub(self._document_number, self.template.text)
        text = self._places(text)
        text = _NUMBER.sub(self._number, text)
        return _KEPT.sub(lambda m: self.kept[ord(m[1]) - _TOKEN_BASE], text)

    def _keep(self, final: str) -> str:
        self.kept.append(final)
        return f"{_OPEN}{chr(_TOKEN_BASE + len(self.kept) - 1)}{_CLOSE}"

    def _places(self, text: str) -> str:
        region = self.slot.region
        values = {
            "name": region.name,
            "short": region.short,
            "province": region.province,
            "issuer": region.issuer,
            "domain": f"www.{region.slug}.gov.cn",
            "mailbox": region.slug,
            "area": "0" + region.digits("area", 3),
            "phone": region.digits("phone", 8),
            "postcode": region.digits("postcode", 6),
        }
        table = {original: new.format(**values) for original, new in self.template.substitutions}
        if not table:
            return text
        pattern = re.compile("|".join(re.escape(o) for o in sorted(table, key=len, reverse=True)))
        return pattern.sub(lambda m: self._keep(table[m[0]]), text)

    def _document_number(self, match: re.Match[str]) -> str:
        """〔2012〕194号 → the report's year and a serial: per year for national issuers."""
        prefix, year, serial = match["prefix"], int(match["year"]), match["serial"]
        if prefix.startswith("国") and year != self.template.year:
            return match[0]  # an earlier national document (a format notice): cited as it is
        new_year = year + self.shift
        if prefix.startswith("国"):
            digest = hashlib.sha1(f"{prefix}:{new_year}:{serial}".encode()).digest()
            new_serial = 1 + int.from_bytes(digest[:4], "big") % 120
        else:
            key = (prefix, match[0])
            new_serial = self.serials.setdefault(key, self.rng.randint(1, 300))
        body, at = [], match.end("prefix")
        for group, value in (("year", new_year), ("serial", new_serial)):
            body += [match.string[at : match.start(group)], str(value)]
            at = match.end(group)
        body.append(match.string[at : match.end()])
        return prefix + self._keep("".join(body))

    def _number(self, match: re.Match[str]) -> str:
        sign, digits = match["sign"], match["digits"]
        before, after = _neighbours(match.string, match.start(), match.end())
        if "." not in digits and len(digits) == 4 and FIRST_YEAR <= int(digits) <= LAST_YEAR:
            return sign + str(int(digits) + self.shift)  # a year
        if not _is_figure(before, after):
            return match[0]
        value = Decimal(sign + digits) * self.factor
        places = len(digits.partition(".")[2])
        return f"{value:.{places}f}"


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The character before ``start`` and a few after ``end``, skipping white space
    (a line break may fall anywhere in text taken from a PDF)."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    return text[start - 1 : start], text[end : end + 3]


def _is_figure(before: str, after: str) -> bool:
    """Not a date, an ordinal, a list marker, a percentage or a quoted code."""
    if before in _NOT_AFTER or after[:1] in _NOT_BEFORE:
        return False
    if before and after and before in '（(“"' and after[0] in '）)”"':
        return False
    return not re.match(r"[.、．](?!\d)", after)  # 1.属于国家秘密, 1、


_NOT_AFTER = set("第月〔")
_NOT_BEFORE = set("年月日号%％‰层楼届时点岁分秒")
_DOCUMENT_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]*)\s*〔\s*(?P<year>\d{4})\s*〕\s*(?P<serial>\d+)\s*号"
)
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.@/_\-])(?P<sign>-?)(?P<digits>\d+(?:\.\d+)?)(?![0-9A-Za-z@_])"
)
_KEPT = re.compile(f"{_OPEN}(.){_CLOSE}", re.S)


def fingerprint() -> str:
    """Changes when anything that shapes the corpus changes: then the cache is rebuilt."""
    digest = hashlib.sha256()
    sources = [Path(__file__), *sorted(TABLES.glob("*.tsv")), *sorted(SAMPLES.glob("*.txt"))]
    sources += [
        RESOURCES / n
        for n in (
            "regions.tsv",
            "prefecture_cities.tsv",
            "county_divisions.tsv",
            "city_issuer_codes.tsv",
        )
    ]
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_corpus(reports: int, *, seed: int = 0, cache_dir: Path = DEFAULT_CACHE) -> Path:
    """The folder of the corpus of ``reports`` reports for ``seed``, made unless cached."""
    folder = cache_dir / "corpus" / f"seed{seed}-n{reports}"
    stamp = {"seed": seed, "reports": reports, "fingerprint": fingerprint()}
    marker = folder / "synth.json"
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == stamp:
        return folder
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for n in range(reports):
        name, text = report(seed, n)
        (partial / name).write_text(text, encoding="utf-8")
    (partial / "synth.json").write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(partial, folder)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", type=int, help="how many reports")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where corpora are kept")
    args = parser.parse_args()
    print(ensure_corpus(args.reports, seed=args.seed, cache_dir=args.cache))
    return 0


if __name__ == "__main__":
    sys.exit(main())
