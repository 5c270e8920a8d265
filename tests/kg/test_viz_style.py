"""The page's names for kinds and channel types are the ontology's."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from kg.viz_style import CHANNEL_TYPES, KINDS, SWATCHES
from kg.vocab import GKG

ONTOLOGY = Path(__file__).parents[2] / "ontology" / "govkg.ttl"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def zh_label(ontology: Graph, name: str) -> str:
    labels = [o for o in ontology.objects(GKG[name], RDFS.label) if isinstance(o, Literal)]
    return next(str(o) for o in labels if o.language == "zh")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_names_are_the_ontology_labels(ontology: Graph, kind: str) -> None:
    label = zh_label(ontology, kind)
    if kind == "AnnualReport":  # 政府信息公开工作年度报告, shortened for the legend
        assert label.endswith(KINDS[kind].name_zh)
    else:
        assert KINDS[kind].name_zh == label


@pytest.mark.parametrize("code", sorted(CHANNEL_TYPES))
def test_channel_type_names_are_the_ontology_labels(ontology: Graph, code: str) -> None:
    assert CHANNEL_TYPES[code] == zh_label(ontology, code)


def test_every_kind_has_a_swatch_for_the_legend() -> None:
    assert {style.shape for style in KINDS.values()} <= set(SWATCHES)
