"""Readers of the formats reports are published in: HTML pages, PDF and DOCX files.

Each reader turns a file's bytes into plain text with one paragraph, heading
or table row per line (table cells joined by `` | ``), the shape a plain-text
report has once ``extract.layout`` has repaired it; ``extract.ingest`` picks
the reader by content (``extract.formats.sniff``), the file name being only a hint.
"""

from __future__ import annotations

# File name endings a folder of reports is searched for; any other file given
# by name is read too, by its content.
REPORT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx")

__all__ = ["REPORT_SUFFIXES"]
