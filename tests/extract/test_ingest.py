"""read_report: a file on disk → SourceText, or an InputError that names the file."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.ingest import SourceText, read_report
from extract.layout import repair_layout

CORPUS = Path(__file__).parents[1] / "data" / "corpus"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_report_file_is_read_decoded_and_repaired(tmp_path: Path, encoding: str) -> None:
    text = (CORPUS / "chongqing-2016.txt").read_text(encoding="utf-8")
    data = text.replace("\n", "\r\n").encode(encoding)
    path = tmp_path / "chongqing-2016.txt"
    path.write_bytes(data)

    source = read_report(path)

    assert source == SourceText(
        name="chongqing-2016.txt",
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        text=repair_layout(text),
    )
    assert "（国办发〔2016〕19号）" in source.text


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"abc")  # the FIPS 180-2 test vector
    sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert read_report(path).sha256 == sha


def test_source_text_is_frozen(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\n", encoding="utf-8")
    source = read_report(path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        source.text = "changed"  # type: ignore[misc]


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(InputError, match=r"missing\.txt: no such file$"):
        read_report(path)


def test_directory_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_report(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("政府信息公开\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"secret\.txt: permission denied$"):
            read_report(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n1 0 obj", "is a damaged PDF file"),
        (b"", "is empty"),
        ("- 1 -\n\f\n第 2 页 共 3 页\n\n3\n".encode(), "contains no text"),
    ],
    ids=["pdf", "empty", "only-page-numbers"],
)
def test_file_without_report_text_raises_input_error(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert str(excinfo.value).startswith(f"{path}: ")
    assert reason in str(excinfo.value)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot be read (Input/output error)"),
    ],
    ids=["permission", "io-error"],
)
def test_os_error_while_reading_becomes_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    path = tmp_path / "r.txt"
    path.write_text("政府信息公开\n", encoding="utf-8")

    def fail(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(InputError) as excinfo:
        read_report(path)
    assert str(excinfo.value) == f"{path}: {reason}"
