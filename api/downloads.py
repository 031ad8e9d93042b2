"""Tables as files people open: CSV in the dialect asked for (RFC 4180, or Dutch-locale Excel's) and XLSX, written
by graph.publish.sheets; one helper for the analysis endpoints and the pages' download links."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from fastapi.responses import Response

from graph.publish.sheets import DIALECTS, Sheet, csv_bytes, dialect_for, xlsx_bytes
from ontology.formats import CSV, XLSX, Format

DialectQuery = Annotated[
    Literal["rfc4180", "excel-nl"] | None,
    Query(
        description="CSV dialect: rfc4180 (',', decimal point, UTF-8) or excel-nl (';', decimal comma, UTF-8 with "
        "a byte order mark: what Excel opens by a double click in a Dutch locale). Default: rfc4180 on /api, the "
        "page's language on a page's download (excel-nl in Dutch)"
    ),
]


def table_response(
    sheet: Sheet, format: Format, dialect: str | None = None, lang: str = "en", name: str | None = None
) -> Response:
    """``sheet`` as ``format`` (CSV or XLSX). A CSV is in ``dialect``, else in the one ``lang`` reads
    (graph.publish.sheets.dialect_for); ``name`` makes it a download of that file name (without extension)."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.{format.extension}"'} if name else {}
    if format is XLSX:
        return Response(xlsx_bytes([sheet]), media_type=XLSX.media_type, headers=headers)
    chosen = DIALECTS[dialect] if dialect else dialect_for(lang)
    return Response(csv_bytes(sheet, chosen), media_type=f"{CSV.media_type}; charset=utf-8", headers=headers)
