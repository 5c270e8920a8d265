"""docs/ontology.md, generated from ontology/govkg.ttl and ontology/shapes.ttl.

Run ``python -m kg.ontology_doc`` after changing the ontology; a test fails
while the page is stale. (pyLODE, the usual generator, does not install in a
working state on Python 3.11, so this small module does the job offline.)
The page lists every class, property and individual with its labels, comment
and alignments, and draws the classes as a Mermaid diagram.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS
from rdflib.term import Node

from kg.vocab import GKG, ONTOLOGY_IRI

NS = str(GKG._NS)
QB = "http://purl.org/linked-data/cube#"
OWL_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
KINDS = (
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Individuals", OWL.NamedIndividual),
)


def short(graph: Graph, term: Node) -> str:
    if isinstance(term, URIRef) and str(term).startswith(NS):
        return "gkg:" + str(term)[len(NS) :]
    return str(term.n3(graph.namespace_manager))


def _text(graph: Graph, subject: Node, predicate: URIRef, lang: str) -> str:
    found = sorted(
        str(o)
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == lang
    )
    return " / ".join(found)


def _classes(graph: Graph, node: Node | None) -> list[str]:
    """A named class, or the members of a union, as prefixed names."""
    if node is None:
        return []
    if isinstance(node, URIRef):
        return [short(graph, node)]
    union = graph.value(node, OWL.unionOf)
    return [short(graph, m) for m in Collection(graph, union)] if union is not None else []


def _terms(graph: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(
        (
            s
            for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(NS)
        ),
        key=str,
    )


def _term_section(graph: Graph, term: URIRef) -> Iterator[str]:
    yield f"### {short(graph, term)}"
    yield ""
    yield f"**{_text(graph, term, RDFS.label, 'zh')}** · {_text(graph, term, RDFS.label, 'en')}"
    yield ""
    yield _text(graph, term, RDFS.comment, "en")
    yield ""
    yield _text(graph, term, RDFS.comment, "zh")
    yield ""
    facts = [
        ("subclass of", [short(graph, o) for o in graph.objects(term, RDFS.subClassOf)]),
        ("subproperty of", [short(graph, o) for o in graph.objects(term, RDFS.subPropertyOf)]),
        ("inverse of", [short(graph, o) for o in graph.objects(term, OWL.inverseOf)]),
        ("domain", _classes(graph, graph.value(term, RDFS.domain))),
        ("range", _classes(graph, graph.value(term, RDFS.range))),
        ("type", [short(graph, o) for o in graph.objects(term, RDF.type) if o not in OWL_KINDS]),
        ("components", list(_components(graph, term))),
        ("in scheme", [short(graph, o) for o in graph.objects(term, SKOS.inScheme)]),
        ("see also", [f"<{o}>" for o in graph.objects(term, RDFS.seeAlso)]),
    ]
    for name, values in facts:
        if values:
            shown = (v if v.startswith("<") else f"`{v}`" for v in sorted(values))
            yield f"- {name}: {', '.join(shown)}"
    yield ""


def _components(graph: Graph, structure: Node) -> Iterator[str]:
    """The RDF Data Cube components of a data structure definition: ``qb:dimension gkg:measure``."""
    for component in graph.objects(structure, URIRef(QB + "component")):
        required = graph.value(component, URIRef(QB + "componentRequired"))
        for role in ("dimension", "measure", "attribute"):
            for prop in graph.objects(component, URIRef(QB + role)):
                flag = " (required)" if role == "attribute" and required else ""
                yield f"qb:{role} {short(graph, prop)}{flag}"


def _channel_types(graph: Graph) -> Iterator[str]:
    yield "The sixteen concepts of `gkg:ChannelTypeScheme` (individuals of `gkg:ChannelType`):"
    yield ""
    yield "| code | zh | en | meaning |"
    yield "|---|---|---|---|"
    for term in sorted(graph.subjects(RDF.type, GKG.ChannelType), key=str):
        code = short(graph, term)
        zh, en = _text(graph, term, SKOS.prefLabel, "zh"), _text(graph, term, SKOS.prefLabel, "en")
        yield f"| `{code}` | {zh} | {en} | {_text(graph, term, RDFS.comment, 'en')} |"
    yield ""


def _alignments(graph: Graph) -> Iterator[str]:
    yield "| govkg term | relation | standard term |"
    yield "|---|---|---|"
    for relation in (RDFS.subClassOf, RDFS.subPropertyOf):
        for s, o in sorted(graph.subject_objects(relation), key=lambda p: (str(p[0]), str(p[1]))):
            if str(s).startswith(NS) and not str(o).startswith(NS):
                yield f"| `{short(graph, s)}` | {short(graph, relation)} | `{short(graph, o)}` |"
    yield ""


def mermaid(graph: Graph, shapes: Graph) -> str:
    """A Mermaid class diagram: gkg classes, their attributes, links and standard superclasses."""
    lines = ["classDiagram", "    direction LR"]
    ids: dict[str, str] = {}

    def ident(name: str) -> str:
        if name not in ids:
            ids[name] = name.replace("gkg:", "").replace(":", "_")
            if ":" in name and not name.startswith("gkg:"):
                lines.append(f'    class {ids[name]}["{name}"]')
        return ids[name]

    attributes: dict[str, list[str]] = {}
    for prop in _terms(graph, OWL.DatatypeProperty):
        ranges = _classes(graph, graph.value(prop, RDFS.range))
        for cls in _classes(graph, graph.value(prop, RDFS.domain)):
            attributes.setdefault(cls, []).append(f"{short(graph, prop)[4:]} : {ranges[0][4:]}")
    for cls in _terms(graph, OWL.Class):
        name = short(graph, cls)
        members = attributes.get(name, [])
        lines.append(f"    class {ident(name)}" + (" {" if members else ""))
        if members:
            lines.extend(f"        {member}" for member in members)
            lines.append("    }")
    for cls in _terms(graph, OWL.Class):
        for parent in sorted(graph.objects(cls, RDFS.subClassOf), key=str):
            lines.append(f"    {ident(short(graph, parent))} <|-- {ident(short(graph, cls))}")
    for a, b, label in sorted(set(_links(graph, shapes))):
        lines.append(f"    {ident(a)} --> {ident(b)} : {label}")
    return "\n".join(lines)


def _links(graph: Graph, shapes: Graph) -> Iterator[tuple[str, str, str]]:
    for prop in _terms(graph, OWL.ObjectProperty):
        for a in _classes(graph, graph.value(prop, RDFS.domain)):
            for b in _classes(graph, graph.value(prop, RDFS.range)):
                yield a, b, short(graph, prop)[4:]
    # standard properties the graph uses between gkg classes, as the shapes require them;
    # labelled "subOrganizationOf (org)": Mermaid reads a second colon as a syntax error
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        targets = [t for t in shapes.objects(shape, SH.targetClass) if str(t).startswith(NS)]
        for prop_shape in shapes.objects(shape, SH.property):
            path, cls = shapes.value(prop_shape, SH.path), shapes.value(prop_shape, SH["class"])
            if isinstance(path, URIRef) and not str(path).startswith(NS) and cls is not None:
                for target in targets:
                    prefix, local = short(graph, path).split(":", 1)
                    yield short(graph, target), short(graph, cls), f"{local} ({prefix})"


def render(ontology: Graph, shapes: Graph) -> str:
    root = URIRef(ONTOLOGY_IRI)
    out = [
        f"# {_text(ontology, root, URIRef('http://purl.org/dc/terms/title'), 'en')}",
        "",
        "<!-- generated by `python -m kg.ontology_doc` from ontology/govkg.ttl and "
        "ontology/shapes.ttl: edit those, not this page -->",
        "",
        f"**{_text(ontology, root, URIRef('http://purl.org/dc/terms/title'), 'zh')}**",
        "",
        f"- IRI: `{ONTOLOGY_IRI}`, prefix `gkg:` = `{NS}`",
        f"- version: {ontology.value(root, OWL.versionInfo)} "
        f"(`{ontology.value(root, OWL.versionIRI)}`)",
        "",
        _text(ontology, root, URIRef("http://purl.org/dc/terms/description"), "en"),
        "",
        _text(ontology, root, URIRef("http://purl.org/dc/terms/description"), "zh"),
        "",
        "## Class diagram",
        "",
        "```mermaid",
        mermaid(ontology, shapes),
        "```",
        "",
        "## Alignments with standard vocabularies",
        "",
        *_alignments(ontology),
    ]
    channel_types = set(ontology.subjects(RDF.type, GKG.ChannelType))
    for title, kind in KINDS:
        out += [f"## {title}", ""]
        for term in _terms(ontology, kind):
            if term not in channel_types:
                out += list(_term_section(ontology, term))
    out += ["### Channel types", "", *_channel_types(ontology)]
    out += ["## Shapes (ontology/shapes.ttl)", "", "| shape | targets | rule |", "|---|---|---|"]
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        targets = ", ".join(
            sorted(f"`{short(shapes, t)}`" for t in shapes.objects(shape, SH.targetClass))
        )
        rules = [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]
        for rule in sorted(str(shapes.value(r, SH.message)) for r in rules):
            out.append(
                f"| `{short(shapes, shape)}` | {targets or '(subjects of a property)'} | {rule} |"
            )
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parents[1]
    folder = Path(args[0]) if args else root / "ontology"
    target = Path(args[1]) if len(args) > 1 else root / "docs" / "ontology.md"
    ontology = Graph().parse(folder / "govkg.ttl", format="turtle")
    shapes = Graph().parse(folder / "shapes.ttl", format="turtle")
    target.write_text(render(ontology, shapes), encoding="utf-8")


if __name__ == "__main__":
    main()
