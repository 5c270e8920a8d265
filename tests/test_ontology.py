"""The ontology in ``ontology/*.ttl`` declares exactly the terms of ``kg.vocab.GKG``.

It also documents every term in both languages, declares the external terms
the graph uses, loads without warnings in rdflib, pyoxigraph and owlready2, is
consistent for HermiT, and lets score.py count subclass-typed entities.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from kg.agency_kinds import AGENCY_KINDS, NO_KIND, kind_rules
from kg.ontology_doc import mermaid, render
from kg.vocab import CHANNEL_TYPES, ELI, GKG, ITSRDF, NIF, ONTOLOGY_IRI, ORG, PROV, QB

ROOT = Path(__file__).parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
SCORE = ROOT / "tests" / "data" / "score.py"
ONTOLOGY_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))
NS = ONTOLOGY_IRI + "#"
CONTRACT_TYPES = {
    "AnnualReport",
    "Agency",
    "PolicyDocument",
    "DocumentNumber",
    "DisclosureChannel",
    "Reform",
    "Topic",
    "Statistic",
    "ChannelType",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


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
    skos_in_scheme = URIRef("http://www.w3.org/2004/02/skos/core#inScheme")
    members = {
        str(s)[len(NS) :]
        for s in ontology.subjects(skos_in_scheme, GKG.ChannelTypeScheme)
        if (s, RDF.type, GKG.ChannelType) in ontology
    }
    assert members == set(CHANNEL_TYPES)


def test_agency_kinds_are_the_subclasses_of_agency_and_of_the_kind_table(ontology: Graph) -> None:
    subclasses = {
        str(s)[len(NS) :]
        for s in ontology.subjects(RDFS.subClassOf, GKG.Agency)
        if str(s).startswith(NS)
    }
    assert subclasses == set(AGENCY_KINDS)
    used = {rule.kind for rule in kind_rules()} - {NO_KIND}
    assert used <= subclasses


def test_no_gkg_class_falls_under_two_contract_types(ontology: Graph) -> None:
    # The scorer maps a class to the contract types above it through
    # rdfs:subClassOf: a class under two of them would count its instances twice,
    # and a contract type under another would count every one of its instances twice.
    parents: dict[str, set[str]] = {}
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        if str(s).startswith(NS) and str(o).startswith(NS):
            parents.setdefault(str(s)[len(NS) :], set()).add(str(o)[len(NS) :])

    def above(cls: str) -> set[str]:
        found = {cls} if cls in CONTRACT_TYPES else set()
        for parent in parents.get(cls, ()):
            found |= above(parent)
        return found

    assert {cls: above(cls) for cls in parents if len(above(cls)) != 1} == {}
    assert not CONTRACT_TYPES & set(parents)


def test_every_external_term_the_graph_uses_is_declared(ontology: Graph) -> None:
    # OWL 2 DL tools (Protégé, HermiT) need every IRI typed; the builder's terms:
    used = [ELI.LegalResource, ELI.id_local, QB.Observation, QB.DataSet, QB.dataSet,
            QB.structure, PROV.Activity, PROV.SoftwareAgent, PROV.Entity, PROV.wasDerivedFrom,
            PROV.wasGeneratedBy, PROV.used, PROV.wasAssociatedWith, NIF.Context, NIF.Phrase,
            NIF.OffsetBasedString, NIF.isString, NIF.beginIndex, NIF.endIndex, NIF.anchorOf,
            NIF.referenceContext, ITSRDF.taIdentRef, ORG.subOrganizationOf,
            SKOS.altLabel]  # fmt: skip
    assert [term for term in used if (term, RDF.type, None) not in ontology] == []


def test_sub_organisation_is_transitive_through_orgs_own_superproperty(ontology: Graph) -> None:
    transitive = ORG.transitiveSubOrganizationOf
    assert (ORG.subOrganizationOf, RDFS.subPropertyOf, transitive) in ontology
    assert (transitive, RDF.type, OWL.TransitiveProperty) in ontology


def test_ontology_imports_nothing(ontology: Graph) -> None:
    # no network at run time: external terms are declared, never imported
    assert list(ontology.objects(None, OWL.imports)) == []


def test_shapes_allow_exactly_the_channel_kinds_of_the_scheme(shapes: Graph) -> None:
    lists = [
        {str(item)[len(NS) :] for item in Collection(shapes, node)}
        for prop in shapes.subjects(SH.path, GKG.channelType)
        for node in shapes.objects(prop, SH["in"])
    ]
    lists += [
        {str(item)[len(NS) :] for item in Collection(shapes, node)}
        for prop in shapes.subjects(SH.path, GKG.usesChannelType)
        for node in shapes.objects(prop, SH["in"])
    ]
    assert len(lists) == 2
    assert all(found == set(CHANNEL_TYPES) for found in lists)


def test_every_shape_rule_says_what_it_wants_in_words(shapes: Graph) -> None:
    rules = set(shapes.subjects(SH.path, None)) | set(shapes.objects(None, SH.sparql))
    silent = [rule for rule in rules if shapes.value(rule, SH.message) is None]
    assert rules and silent == []


@pytest.mark.parametrize("path", ONTOLOGY_FILES, ids=lambda p: p.name)
def test_turtle_loads_in_rdflib_without_warnings(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="rdflib"), warnings.catch_warnings():
        warnings.simplefilter("error")
        graph = Graph().parse(path, format="turtle")
    assert len(graph) > 0
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("path", ONTOLOGY_FILES, ids=lambda p: p.name)
def test_turtle_parses_with_pyoxigraph_without_warnings(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        triples = list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(path, format="turtle"))


def owlready2_world(tmp_path: Path) -> Any:
    """The ontology (govkg.ttl) loaded into a fresh owlready2 world, via N-Triples."""
    owlready2 = pytest.importorskip("owlready2")
    nt = tmp_path / "govkg.nt"
    Graph().parse(ONTOLOGY_DIR / "govkg.ttl").serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(nt.as_uri()).load()
    return world


def test_owlready2_loads_the_ontology_without_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        world = owlready2_world(tmp_path)
    printed = capsys.readouterr()  # owlready2 prints its warnings instead of raising them
    assert (printed.out, printed.err) == ("", "")
    ontology = world.get_ontology(ONTOLOGY_IRI)
    assert ontology.base_iri == NS
    classes = {c.iri for c in world.classes()}
    assert {str(GKG.Agency), str(GKG.Government)} <= classes
    assert world[str(GKG.year)] is not None


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable(tmp_path: Path) -> None:
    import owlready2

    world = owlready2_world(tmp_path)
    owlready2.sync_reasoner_hermit(world, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_sub_organisation_query_gives_every_ancestor_in_rdflib_and_oxigraph(
    ontology: Graph,
) -> None:
    data = Graph()
    office, government, province = (URIRef(f"https://example.org/agency/{n}") for n in "abc")
    for node, label in (
        (office, "某市人民政府办公厅"),
        (government, "某市人民政府"),
        (province, "某省人民政府"),
    ):
        data.add((node, RDF.type, GKG.Agency))
        data.add((node, RDFS.label, Literal(label, lang="zh")))
    data.add((office, ORG.subOrganizationOf, government))
    data.add((government, ORG.subOrganizationOf, province))
    query = (ROOT / "queries" / "agency-hierarchy.rq").read_text(encoding="utf-8")
    ours = {(str(row[1]), str(row[3])) for row in data.query(query)}  # type: ignore[index]
    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(*(_ox(t) for t in triple)) for triple in data)
    oxigraph = {(row[1].value, row[3].value) for row in store.query(query)}  # type: ignore[union-attr]
    assert (
        ours
        == oxigraph
        == {
            ("某市人民政府办公厅", "某市人民政府"),
            ("某市人民政府办公厅", "某省人民政府"),
            ("某市人民政府", "某省人民政府"),
        }
    )


def _ox(term: Any) -> Any:
    if isinstance(term, Literal):
        return pyoxigraph.Literal(str(term), language=term.language)
    return pyoxigraph.NamedNode(str(term))


def test_score_py_counts_an_agency_typed_only_with_a_kind_as_an_agency(tmp_path: Path) -> None:
    report = URIRef("https://example.org/report/x-2016.txt")
    office = URIRef("https://example.org/agency/office")
    graph = Graph()
    graph.add((report, RDF.type, GKG.AnnualReport))
    graph.add((report, GKG.sourceFile, Literal("x-2016.txt")))
    graph.add((report, GKG.mentions, office))
    graph.add((office, RDF.type, GKG.Office))  # no gkg:Agency: only the ontology says it is one
    graph.add((office, RDFS.label, Literal("某市人民政府办公厅", lang="zh")))
    graph.serialize(tmp_path / "graph.ttl", format="turtle")
    gold = {
        "report": {"file": "x-2016.txt", "title": "", "region": "", "year": 2016,
                   "publisher": "", "channel_types": []},
        "entities": [{"id": "a1", "type": "Agency", "label": "某市人民政府办公厅"}],
        "relations": [],
    }  # fmt: skip
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x-2016.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    scores = {}
    for ontology in ([], ["--ontology", str(ONTOLOGY_DIR)]):
        command = [sys.executable, str(SCORE), str(tmp_path / "graph.ttl")]
        command += ["--gold", str(tmp_path / "gold"), "--json", str(tmp_path / "s.json"), *ontology]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        summary = json.loads((tmp_path / "s.json").read_text("utf-8"))["summary"]
        scores[bool(ontology)] = summary["Agency"]["tp"]
    assert scores == {False: 0, True: 1}


def test_docs_ontology_md_is_generated_from_the_current_ontology(shapes: Graph) -> None:
    page = render(Graph().parse(ONTOLOGY_DIR / "govkg.ttl"), shapes)
    stale = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8") != page
    assert not stale, "docs/ontology.md is stale: run `python -m kg.ontology_doc`"


def test_readme_draws_the_current_class_diagram(shapes: Graph) -> None:
    diagram = mermaid(Graph().parse(ONTOLOGY_DIR / "govkg.ttl"), shapes)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{diagram}\n```" in readme, "copy the diagram of docs/ontology.md"
