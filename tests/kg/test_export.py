"""Every export format round-trips or loads in its target tool's library, repeatably."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from handmade import handmade_record
from kg_subprocess import run_kg
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from samples import CORPUS, SAMPLES
from typer.testing import CliRunner

from extract.pipeline import extract_file
from extract.records import ReportRecord
from kg.cli import app
from kg.errors import GraphError
from kg.export import (
    FORMATS,
    export,
    export_bytes,
    read_graph,
    union_graph,
    write_dataset,
)
from kg.export_network import ALIAS_SEPARATOR, EDGE_COLUMNS, NODE_COLUMNS
from kg.export_rdf import SYNTAXES
from kg.iri import DEFAULT_BASE
from kg.report_graph import build_graph
from kg.viz import graph_to_networkx
from kg.vocab import GKG

RDF_FORMATS = sorted(SYNTAXES)
runner = CliRunner()
ENGINES = ("oxigraph", "rdflib")
LINE_FORMATS = ("ttl", "trig", "nq", "nt")


@pytest.fixture(scope="module")
def records() -> list[ReportRecord]:
    return [extract_file(CORPUS / name) for name in SAMPLES]


@pytest.fixture(scope="module")
def samples(records: list[ReportRecord]) -> Dataset:
    return build_graph(records)


@pytest.fixture(scope="module")
def handmade() -> Dataset:
    return build_graph([handmade_record()])


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    """Non-empty graphs by name, the default graph under ''."""
    found = {}
    for graph in ds.graphs():
        if len(graph):
            name = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
            found[name] = graph
    return found


def parse_back(path: Path, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(path, format=SYNTAXES[fmt].rdflib)
    return ds


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_every_rdf_export_of_the_samples_parses_back_isomorphic(
    samples: Dataset, fmt: str, engine: str, tmp_path: Path
) -> None:
    path = tmp_path / f"graph.{fmt}"
    written = export(samples, path, fmt, engine=engine)  # type: ignore[arg-type]
    back = parse_back(path, fmt)
    if SYNTAXES[fmt].datasets:  # each report's named graph survives as it was
        expected, found = named_graphs(samples), named_graphs(back)
        assert sorted(found) == sorted(expected) and len(expected) == len(SAMPLES) + 1  # + shared
        for name, graph in expected.items():
            assert isomorphic(graph, found[name]), name
        assert written.graphs == len(SAMPLES) + 1
    else:
        union = union_graph(samples)
        assert isomorphic(union, union_graph(back))
        assert written.statements == len(union)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_an_independent_parser_reads_every_rdf_export(
    handmade: Dataset, fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / f"graph.{fmt}"
    written = export(handmade, path, fmt)
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.from_extension(fmt)))
    assert len(quads) == written.statements > 0


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_the_same_graph_gives_byte_identical_files(
    records: list[ReportRecord], fmt: str, engine: str, tmp_path: Path
) -> None:
    first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
    two = records[:2]
    export(build_graph(two), first, fmt, engine=engine)  # type: ignore[arg-type]
    export(build_graph(two[::-1]), second, fmt, engine=engine)  # type: ignore[arg-type]
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_exporting_a_reread_export_gives_the_same_bytes(
    handmade: Dataset, fmt: str, tmp_path: Path
) -> None:
    """A file read back and exported again is unchanged: the bytes depend on the graph alone."""
    source = tmp_path / "graph.trig"
    write_dataset(handmade, source)
    direct = export(handmade, tmp_path / "direct" / f"g.{fmt}", fmt)
    again = export(read_graph(source), tmp_path / "again" / f"g.{fmt}", fmt)
    for one, other in zip(direct.paths, again.paths, strict=True):
        assert one.read_bytes() == other.read_bytes()


def test_blank_nodes_are_canonicalised_so_output_repeats(tmp_path: Path) -> None:
    text = (
        '_:a <http://ex.org/p> _:b .\n_:b <http://ex.org/q> "x"@zh .\n_:c <http://ex.org/p> _:a .\n'
    )
    outputs = set()
    for n in range(3):
        path = tmp_path / f"{n}.nt"
        path.write_text(text, encoding="utf-8")
        outputs.add(export_bytes(read_graph(path), "nq"))
    assert len(outputs) == 1


def test_trig_keeps_one_named_graph_per_report_and_the_shared_graph(
    samples: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "graph.trig"
    write_dataset(samples, path)
    back = named_graphs(parse_back(path, "trig"))
    shared = back.pop(f"{DEFAULT_BASE}graph/shared")
    reports = {str(r) for r in samples.subjects(RDF.type, GKG.AnnualReport)}
    assert set(back) == reports
    for name, graph in back.items():
        assert (URIRef(name), RDF.type, GKG.AnnualReport) in graph
    assert (None, RDF.type, GKG.Agency) in shared
    assert (None, RDF.type, GKG.AnnualReport) not in shared


def test_graph_formats_declare_only_the_prefixes_they_use(handmade: Dataset) -> None:
    turtle = export_bytes(handmade, "ttl").decode("utf-8")
    assert "@prefix gkg:" in turtle and "@prefix nif:" in turtle
    assert "@prefix brick:" not in turtle and "@prefix foaf:" not in turtle


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_load_in_networkx_with_the_same_counts(
    samples: Dataset, fmt: str, read: object, tmp_path: Path
) -> None:
    expected = graph_to_networkx(samples)
    path = tmp_path / f"graph.{fmt}"
    written = export(samples, path, fmt)
    loaded = read(path)  # type: ignore[operator]
    assert loaded.number_of_nodes() == expected.number_of_nodes() == written.nodes
    assert loaded.number_of_edges() == expected.number_of_edges() == written.edges
    node, attrs = next(iter(expected.nodes(data=True)))
    assert loaded.nodes[node]["label"] == attrs["label"]
    assert loaded.nodes[node]["kind"] == attrs["kind"]


def test_network_attributes_are_strings_with_aliases_joined(
    samples: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "graph.graphml"
    export(samples, path)
    loaded = nx.read_graphml(path)
    for _, attrs in loaded.nodes(data=True):
        assert all(isinstance(v, str) for v in attrs.values())
    expected = graph_to_networkx(samples)
    for node, attrs in expected.nodes(data=True):
        assert loaded.nodes[node]["aliases"] == ALIAS_SEPARATOR.join(sorted(attrs["aliases"]))
    assert any(ALIAS_SEPARATOR in a["aliases"] for _, a in loaded.nodes(data=True))


def test_characters_xml_forbids_are_dropped_from_network_exports(tmp_path: Path) -> None:
    graph = Graph()
    node = URIRef("https://w3id.org/govkg/id/agency/x")
    graph.add((node, RDF.type, GKG.Agency))
    graph.add((node, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("甲\x0b乙")))
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        export(graph, path)
        assert read(path).nodes[str(node)]["label"] == "甲乙"


def test_csv_is_a_node_table_and_an_edge_table_with_a_bom(samples: Dataset, tmp_path: Path) -> None:
    written = export(samples, tmp_path / "graph.csv")
    nodes_path, edges_path = written.paths
    assert (nodes_path.name, edges_path.name) == ("graph-nodes.csv", "graph-edges.csv")
    assert nodes_path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs it for Chinese
    with nodes_path.open(encoding="utf-8-sig", newline="") as handle:
        nodes = list(csv.reader(handle))
    with edges_path.open(encoding="utf-8-sig", newline="") as handle:
        edges = list(csv.reader(handle))
    expected = graph_to_networkx(samples)
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    assert len(nodes) - 1 == expected.number_of_nodes() == written.nodes
    assert len(edges) - 1 == expected.number_of_edges() == written.edges
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in edges[1:])
    assert any(ALIAS_SEPARATOR in row[3] for row in nodes[1:])


@pytest.mark.parametrize("folder", [".", "new"])
def test_csv_into_a_folder_and_without_bom(handmade: Dataset, folder: str, tmp_path: Path) -> None:
    written = export(handmade, tmp_path / folder, "csv", bom=False)
    assert written.paths == (tmp_path / folder / "nodes.csv", tmp_path / folder / "edges.csv")
    assert written.paths[0].read_bytes().startswith(b"id,label")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_graph_that_cannot_be_written_leaves_the_old_file(engine: str, tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    path.write_text("previous", encoding="utf-8")
    graph = Graph()
    graph.add((URIRef("http://ex.org/a b"), URIRef("http://ex.org/p"), BNode()))
    with pytest.raises(GraphError, match="a b"):
        export(graph, path, engine=engine)  # type: ignore[arg-type]
    assert path.read_text("utf-8") == "previous"


@pytest.mark.parametrize("content", ["this is not <turtle", "\x00\xff", ""])
def test_a_bad_graph_file_is_a_graph_error_naming_it(content: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(content, encoding="latin-1")
    if not content:  # an empty file is an empty graph, not an error
        assert len(export_bytes(read_graph(path), "nt")) == 0
        return
    with pytest.raises(GraphError, match=r"bad\.ttl"):
        read_graph(path)


def test_cli_names_a_bad_input_file_on_one_line_and_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "a rather long folder name for wrapping" / "broken graph.ttl"
    bad.parent.mkdir()
    bad.write_text("<http://ex.org/a> <http://ex.org/p> .\n", encoding="utf-8")
    result = run_kg("export", bad, "-f", "nq", "-o", tmp_path / "out.nq", cwd=tmp_path, columns=80)
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert str(bad) in line and "Traceback" not in result.stderr
    assert not (tmp_path / "out.nq").exists()


def test_cli_exports_by_suffix_and_to_standard_output(handmade: Dataset, tmp_path: Path) -> None:
    source = tmp_path / "graph.trig"
    write_dataset(handmade, source)
    result = runner.invoke(app, ["export", str(source), "-o", str(tmp_path / "graph.nq")])
    assert result.exit_code == 0, result.output
    assert "named graphs" in result.stdout
    piped = runner.invoke(app, ["export", str(source), "-f", "nq"])
    assert piped.stdout_bytes == (tmp_path / "graph.nq").read_bytes()


@pytest.mark.parametrize("args", [["-f", "docx"], ["-f", "csv"], ["--engine", "jena"]])
def test_cli_usage_errors_exit_2(handmade: Dataset, args: list[str], tmp_path: Path) -> None:
    source = tmp_path / "graph.trig"
    write_dataset(handmade, source)
    result = runner.invoke(app, ["export", str(source), *args])
    assert result.exit_code == 2 and "error" in result.stderr


def test_an_oxigraph_store_folder_exports_with_its_named_graphs(
    handmade: Dataset, tmp_path: Path
) -> None:
    source = tmp_path / "graph.nq"
    write_dataset(handmade, source, "nq")
    folder = tmp_path / "store"
    store = pyoxigraph.Store(str(folder))
    store.load(path=str(source), format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    del store
    written = export(read_graph(folder), tmp_path / "again.nq")
    # the report's graph and the shared graph
    assert written.graphs == 2 and written.statements == len(source.read_bytes().splitlines())


def test_two_processes_write_the_same_bytes(handmade: Dataset, tmp_path: Path) -> None:
    """Prefix order and blank node labels come from nothing that varies between runs."""
    source = tmp_path / "graph.trig"
    write_dataset(handmade, source)
    code = (
        "import sys; from pathlib import Path; from kg.export import export_bytes, read_graph; "
        "sys.stdout.buffer.write(export_bytes(read_graph(Path(sys.argv[1])), 'trig'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(source)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2)
    }
    assert len(outputs) == 1 and b"@prefix gkg:" in outputs.pop()
