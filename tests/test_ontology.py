"""The ontology in ``ontology/*.ttl`` declares exactly the terms of ``kg.vocab.GKG``.

It also documents every term in both languages and loads in rdflib, pyoxigraph
and owlready2 (no reasoner: that needs Java).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.vocab import GKG, ONTOLOGY_IRI

ONTOLOGY_DIR = Path(__file__).parents[1] / "ontology"
ONTOLOGY_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))
NS = ONTOLOGY_IRI + "#"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


def declared_terms(graph: Graph) -> set[str]:
    """Local names of the gkg: subjects that have an rdf:type."""
    return {
        str(s)[len(NS) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(NS)
    }


def vocab_terms() -> set[str]:
    return set(GKG.__annotations__)


def test_ontology_files_exist() -> None:
    assert ONTOLOGY_FILES, f"no *.ttl in {ONTOLOGY_DIR}"


def test_ontology_declares_exactly_the_vocab_terms(ontology: Graph) -> None:
    declared = declared_terms(ontology)
    only_in_ontology = sorted(declared - vocab_terms())
    only_in_vocab = sorted(vocab_terms() - declared)
    assert not only_in_ontology and not only_in_vocab, (
        f"declared in ontology/*.ttl but not in kg/vocab.py: {only_in_ontology}; "
        f"in kg/vocab.py but not declared in ontology/*.ttl: {only_in_vocab}"
    )


@pytest.mark.parametrize("term", sorted(vocab_terms()))
def test_term_has_zh_and_en_label_and_a_comment(ontology: Graph, term: str) -> None:
    iri = GKG[term]
    labels = [o for o in ontology.objects(iri, RDFS.label) if isinstance(o, Literal)]
    comments = [o for o in ontology.objects(iri, RDFS.comment) if isinstance(o, Literal)]
    languages = {label.language for label in labels}
    assert {"zh", "en"} <= languages, f"gkg:{term} has rdfs:label in {languages}, needs zh and en"
    assert comments, f"gkg:{term} has no rdfs:comment"


def test_every_term_is_declared_once_with_one_kind(ontology: Graph) -> None:
    kinds = {
        URIRef("http://www.w3.org/2002/07/owl#" + k)
        for k in ("Class", "ObjectProperty", "DatatypeProperty", "NamedIndividual")
    }
    wrong = {
        term: found
        for term in vocab_terms()
        if len(found := set(ontology.objects(GKG[term], RDF.type)) & kinds) != 1
    }
    assert not wrong, f"terms without exactly one OWL kind: {wrong}"


def test_channel_kinds_are_concepts_of_the_scheme(ontology: Graph) -> None:
    from kg.vocab import CHANNEL_TYPES

    skos_in_scheme = URIRef("http://www.w3.org/2004/02/skos/core#inScheme")
    members = {
        str(s)[len(NS) :]
        for s in ontology.subjects(skos_in_scheme, GKG.ChannelTypeScheme)
        if (s, RDF.type, GKG.ChannelType) in ontology
    }
    assert members == set(CHANNEL_TYPES)


def test_no_gkg_class_is_a_subclass_of_another_gkg_class(ontology: Graph) -> None:
    # The scorer maps subclasses to contract types through rdfs:subClassOf; a gkg
    # class below another would count its instances twice.
    crossed = [
        (s, o)
        for s, o in ontology.subject_objects(RDFS.subClassOf)
        if str(s).startswith(NS) and str(o).startswith(NS)
    ]
    assert not crossed


@pytest.mark.parametrize("path", ONTOLOGY_FILES, ids=lambda p: p.name)
def test_turtle_parses_with_pyoxigraph(path: Path) -> None:
    triples = list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(path, format="turtle"))


def test_owlready2_loads_the_ontology(ontology: Graph, tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    nt = tmp_path / "govkg.nt"
    ontology.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load()
    classes = {c.iri for c in world.classes()}
    assert str(GKG.Agency) in classes
    assert onto.base_iri == NS
    assert world[str(GKG.year)] is not None
