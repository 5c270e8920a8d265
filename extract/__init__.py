"""Text in, plain records out.

``extract`` owns everything between a report file and typed records: decoding,
layout repair, the spaCy pipeline and the domain knowledge in ``resources/``.
It knows nothing of RDF and never imports ``kg``.
"""

from extract.errors import ExtractError, GovKGError, InputError
from extract.records import DocumentNumber, Mention, Organization, ReportRecord

__all__ = [
    "DocumentNumber",
    "ExtractError",
    "GovKGError",
    "InputError",
    "Mention",
    "Organization",
    "ReportRecord",
]
