"""The kind of an agency (government, department, office …), read from its name.

The rules are data, in ``agency_kinds.tsv`` beside this module: a prefix or a
suffix of the normalised label and the gkg:Agency subclass it means, tried in
order, the first match winning. ``AGENCY_KINDS`` lists the subclasses that the
ontology declares; a test holds the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from extract.normalize import normalize_label
from kg.errors import GraphError

TABLE = "agency_kinds.tsv"
NO_KIND = "-"
AGENCY_KINDS: tuple[str, ...] = (
    "Government",
    "Department",
    "Office",
    "PartyOrgan",
    "PeoplesCongress",
    "JudicialOrgan",
    "PublicInstitution",
)


@dataclass(frozen=True, slots=True)
class KindRule:
    match: str  # "prefix" or "suffix"
    text: str
    kind: str  # a name of AGENCY_KINDS, or NO_KIND

    def matches(self, label: str) -> bool:
        return label.startswith(self.text) if self.match == "prefix" else label.endswith(self.text)


def parse_rules(lines: list[str], source: str = TABLE) -> tuple[KindRule, ...]:
    """Rules from TSV lines (``#`` comments, a ``match text kind`` header)."""
    rules: list[KindRule] = []
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    for number, line in enumerate(rows[1:], start=2):
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 3 or fields[0] not in ("prefix", "suffix") or not fields[1]:
            raise GraphError(f"{source}: row {number} is not 'prefix|suffix<TAB>text<TAB>kind'")
        if fields[2] not in (*AGENCY_KINDS, NO_KIND):
            raise GraphError(f"{source}: row {number}: unknown agency kind {fields[2]!r}")
        rules.append(KindRule(fields[0], fields[1], fields[2]))
    return tuple(rules)


@cache
def kind_rules() -> tuple[KindRule, ...]:
    """The rules of the table shipped with the package, read once."""
    text = resources.files("kg").joinpath(TABLE).read_text(encoding="utf-8")
    return parse_rules(text.splitlines())


def agency_kind(label: str, rules: tuple[KindRule, ...] | None = None) -> str | None:
    """The gkg:Agency subclass for an agency named ``label``, or None if no rule says one."""
    name = normalize_label(label)
    for rule in kind_rules() if rules is None else rules:
        if rule.matches(name):
            return None if rule.kind == NO_KIND else rule.kind
    return None
