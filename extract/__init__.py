"""Text in, plain records out.

``extract`` owns everything between a report file and typed records: decoding,
layout repair, the spaCy pipeline and the domain knowledge in ``resources/``.
It knows nothing of RDF and never imports ``kg``.
"""

from extract.errors import ExtractError, GovKGError, InputError
from extract.records import (
    DocumentNumber,
    Entity,
    EntityRef,
    Mention,
    Relation,
    ReportRecord,
    Statistic,
)

__all__ = [
    "DocumentNumber",
    "Entity",
    "EntityRef",
    "ExtractError",
    "GovKGError",
    "InputError",
    "Mention",
    "Relation",
    "ReportRecord",
    "Statistic",
]
