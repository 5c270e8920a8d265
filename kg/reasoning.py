"""OWL consistency of a built graph under the ontology: owlready2 runs HermiT.

owlready2 reads no Turtle, so the ontology and the graph are written as
N-Triples into a temporary folder and loaded into a fresh ``owlready2.World``
(never the global default world: each check starts clean). HermiT needs Java.

HermiT only says *that* a graph is inconsistent; ``kg.diagnosis`` then names
the nodes that make it so. Ill-typed literals ("abc"^^xsd:integer) are
inconsistent by themselves and owlready2 cannot even read them: they are
reported as such and kept from the reasoner.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal

from kg.diagnosis import explain_inconsistency
from kg.errors import GraphError
from kg.names import node_name, term_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Consistency:
    """What HermiT said: consistent or not, and the causes found when not."""

    consistent: bool
    problems: tuple[str, ...] = ()  # one sentence each, naming a node
    unsatisfiable: tuple[str, ...] = ()  # classes that can have no member
    seconds: float = 0.0


def check_consistency(data: Graph, ontology: Graph) -> Consistency:
    """Run HermiT over ``ontology`` and ``data`` together.

    Raises ``GraphError`` when the reasoner cannot run (no Java, a Java error).
    """
    import owlready2  # imported here: it is slow to import and only this needs it

    if shutil.which(owlready2.JAVA_EXE) is None:
        raise GraphError(
            f"cannot run the HermiT reasoner: {owlready2.JAVA_EXE!r} (Java) is not installed; "
            "install a JRE or pass --no-reason"
        )
    started = time.perf_counter()
    readable, ill_typed = _split_ill_typed(data)
    with tempfile.TemporaryDirectory(prefix="govkg-reason-") as folder:
        files = [Path(folder) / "ontology.nt", Path(folder) / "graph.nt"]
        for graph, path in zip((ontology, readable), files, strict=True):
            graph.serialize(path, format="nt", encoding="utf-8")
        consistent, unsatisfiable = _run_hermit(files)
    seconds = time.perf_counter() - started
    log.info("HermiT: %s in %.1f s", "consistent" if consistent else "inconsistent", seconds)
    problems = ill_typed
    if not consistent:
        problems += explain_inconsistency(readable, ontology) or (
            "HermiT finds the graph inconsistent with the ontology, "
            "but no single node could be named as the cause",
        )
    return Consistency(consistent and not ill_typed, problems, unsatisfiable, seconds)


def _split_ill_typed(data: Graph) -> tuple[Graph, tuple[str, ...]]:
    """``data`` without its ill-typed literals, and a sentence for each of them."""
    if not any(isinstance(o, Literal) and o.ill_typed for o in data.objects()):
        return data, ()
    problems, readable = [], Graph()
    for s, p, o in data:
        if isinstance(o, Literal) and o.ill_typed and o.datatype is not None:
            problems.append(
                f"{node_name(data, s)} has {term_text(data, p)} {term_text(data, o)}, "
                f"which is not a valid {term_text(data, o.datatype)}"
            )
        else:
            readable.add((s, p, o))
    return readable, tuple(sorted(problems))


def _run_hermit(files: list[Path]) -> tuple[bool, tuple[str, ...]]:
    """Load ``files`` into a new world and reason; owlready2's chatter goes to the log."""
    import owlready2 as owl

    world = owl.World()
    chatter = io.StringIO()
    try:
        with (
            contextlib.redirect_stdout(chatter),
            contextlib.redirect_stderr(chatter),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            for path in files:
                try:
                    world.get_ontology(path.as_uri()).load()
                except owl.OwlReadyOntologyParsingError as error:
                    raise GraphError(f"owlready2 cannot read the graph: {error}") from error
            try:
                owl.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
            except owl.OwlReadyInconsistentOntologyError:
                return False, ()
            except owl.OwlReadyJavaError as error:
                raise GraphError(f"the HermiT reasoner failed: {_first_line(error)}") from error
            nothing = {c.iri for c in world.inconsistent_classes()}
            return True, tuple(sorted(nothing))
    finally:
        if chatter.getvalue().strip():
            log.debug("owlready2: %s", chatter.getvalue().strip())
        world.close()


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    useful = [line for line in lines if "Exception" in line or "Error" in line]
    return (useful or lines or [type(error).__name__])[0][:300]
