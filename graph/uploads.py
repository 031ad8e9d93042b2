"""Workbooks uploaded in the browser, kept beside the data, never over it.

Each upload is kept as ``{store}/uploads/{time}-{name}.xlsx``, accepted or not (a refused one stays for the
person who fixes it). The last one a build accepted is copied to ``{store}/uploads/accepted.xlsx``; every later
build of that store (``lires build``, ``/admin/rebuild``) reads its sheets in place of the data directory's files
for the tables it holds (loaders.dataset.table_files), until it is deleted. The data directory is never written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

UPLOADS = "uploads"
ACCEPTED = "accepted.xlsx"
KEEP = 20
"""Uploads kept besides the accepted one; older ones are removed as new ones arrive."""


def folder(store: Path) -> Path:
    """Where a store keeps its uploads."""
    return store / UPLOADS


def keep(store: Path, name: str, data: bytes) -> Path:
    """Keep an uploaded workbook under a new name (``20260101T120000123456-projecten.xlsx``) and return its path;
    raises OSError when the store cannot be written."""
    target = folder(store)
    target.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-.")[:60] or "workbook"
    path = target / f"{dt.datetime.now().strftime('%Y%m%dT%H%M%S%f')}-{stem}.xlsx"
    path.write_bytes(data)
    kept = sorted(p for p in target.glob("*.xlsx") if p.name != ACCEPTED)
    for old in kept[:-KEEP]:
        old.unlink(missing_ok=True)
    return path


def accepted(store: Path) -> Path | None:
    """The workbook every build of ``store`` reads in place of the tables it holds, if one was accepted."""
    path = folder(store) / ACCEPTED
    return path if path.exists() else None


def accept(store: Path, upload: Path) -> Path:
    """Make ``upload`` the accepted workbook (a copy, switched in with one atomic rename)."""
    temporary = folder(store) / f".{ACCEPTED}.{os.getpid()}"
    shutil.copyfile(upload, temporary)
    os.replace(temporary, folder(store) / ACCEPTED)
    return folder(store) / ACCEPTED
