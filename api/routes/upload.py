"""``/admin/upload``: a strategist drops the workbook in the browser; the graph is rebuilt with it, or a report says
per row and cell what is wrong while the previous graph keeps serving.

The upload is kept in the store (graph.uploads), never over the data; a build that accepts it makes it the
workbook later builds read in place of the tables it holds. Needs the server's ``LIRES_ADMIN_TOKEN``, given in
the form (``token``) or as ``Authorization: Bearer``; one admin action at a time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from babel.dates import format_datetime
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.admin_access import one_at_a_time, token_problem
from api.deps import SettingsDep
from api.errors import RESPONSES, ErrorBody
from api.language import LangDep
from api.models import BuildSummary, DataFinding, UploadReport
from api.pages.error import prefers_html
from api.settings import ApiSettings
from graph import uploads
from graph.build import BuildBusy, ShapeViolations, build
from graph.store import NoGraph, open_current
from ontology.formats import HTML, JSON, MULTIPART, XLSX
from records.findings import DataError, Finding
from viz.i18n import NUMBER_LOCALES, Language, finding_text, gettext

router = APIRouter(prefix="/admin", tags=["admin"], responses=RESPONSES)

ZIP_MAGIC = b"PK\x03\x04"
"""How every .xlsx file starts (it is a ZIP archive)."""


def _cell(finding: Finding) -> str | None:
    """``F12`` for a finding in column ``F (budget (euro))`` of row 12, else None."""
    letters = re.match(r"([A-Z]{1,3}) \(", finding.column)
    return f"{letters[1]}{finding.line}" if letters and finding.line else None


def data_finding(finding: Finding, lang: str, renamed: Mapping[str, str] | None = None) -> DataFinding:
    """A loader finding as the report shows it, in ``lang``; ``renamed`` gives a file its name as the person
    knows it (a kept upload by the name it was uploaded under)."""
    return DataFinding(
        file=(renamed or {}).get(finding.file_name, finding.file_name),
        sheet=finding.sheet,
        row=finding.line,
        column=finding.column,
        cell=_cell(finding),
        value=finding.value,
        expected=finding_text(finding, lang),
    )


def _state(settings: ApiSettings, lang: str) -> dict[str, object]:
    """What the page says of the graph served now: when it was built and from which workbook, if any."""
    try:
        current = open_current(settings.store)
    except NoGraph:
        return {}
    when = format_datetime(current.built_at, "medium", locale=NUMBER_LOCALES[lang])
    return {"built_at": when, "workbook": current.manifest.get("workbook")}


def _page(request: Request, settings: ApiSettings, lang: Language, status: int = 200, **shown: object) -> HTMLResponse:
    html = request.app.state.templates.get_template("upload.html").render(
        lang=lang,
        enabled=settings.admin_token is not None,
        state=_state(settings, str(lang)),
        xlsx=XLSX,
        **shown,
    )
    return HTMLResponse(html, status_code=status)


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(request: Request, settings: SettingsDep, lang: LangDep) -> HTMLResponse:
    """The upload form: the admin token, the workbook (dropped or chosen), and a link to the current workbook."""
    return _page(request, settings, lang)


@router.post(
    "/upload",
    response_model=UploadReport,
    operation_id="admin_upload",
    responses={
        200: {"content": {JSON.media_type: {}, HTML.media_type: {}}, "description": "The workbook was accepted"},
        422: {
            "model": UploadReport | ErrorBody,
            "description": "The workbook was refused (the report says why, per cell), or the request has no workbook",
        },
    },
    openapi_extra={"requestBody": {"content": {MULTIPART.media_type: {}}}},
)
async def upload(
    request: Request,
    settings: SettingsDep,
    lang: LangDep,
    workbook: Annotated[
        UploadFile, File(description="The workbook (.xlsx), as `lires export --format xlsx` writes it")
    ],
    token: Annotated[str | None, Form(description="LIRES_ADMIN_TOKEN (or send it as a bearer token)")] = None,
) -> Response:
    """Rebuild the graph with an uploaded workbook in place of the tables its sheets hold (organisations,
    projects, project partners, memberships, deelregio memberships) and serve it.

    200: accepted, the new graph is served. 422: refused, with every error (file, sheet, row, column, cell,
    value, what was expected, in the request's language); the previous graph keeps serving. The upload is kept
    in the store either way. 400 for a file that is no .xlsx workbook, 401/403 without the admin token, 409
    while another admin action runs. A browser gets the report as a page.
    """
    html = prefers_html(request.headers.get("accept"))
    _ = gettext(str(lang))
    header = request.headers.get("authorization", "")
    given = token or (header[7:] if header.lower().startswith("bearer ") else "")
    if problem := token_problem(settings, given):
        if html:
            status = 403 if settings.admin_token is None else 401
            return _page(request, settings, lang, status, problem=_("The admin token is missing or wrong."))
        raise problem
    data = await workbook.read()
    if not data.startswith(ZIP_MAGIC) or not (workbook.filename or "").lower().endswith(".xlsx"):
        message = _("Expected an Excel workbook (.xlsx), as the download above gives it.")
        if html:
            return _page(request, settings, lang, 400, problem=message)
        return JSONResponse({"error": "bad_request", "detail": message}, status_code=400)
    kept = uploads.keep(settings.store, workbook.filename or "workbook.xlsx", data)
    report = await run_in_threadpool(_rebuild, request, settings, kept, workbook.filename or kept.name, str(lang))
    status = 200 if report.accepted else 422
    if html:
        return _page(request, settings, lang, status, report=report)
    return JSONResponse(report.model_dump(mode="json"), status_code=status)


def _rebuild(request: Request, settings: ApiSettings, kept: Path, original: str, lang: str) -> UploadReport:
    """Build with the kept upload; on success make it the accepted workbook. Raises api.errors.Conflict while
    another admin action runs, BuildBusy while another build of the store runs."""

    lock = one_at_a_time(request)
    try:
        report = build(
            settings.data, settings.store, settings.base_iri, workbook=kept, rdf=request.app.state.graphs.rdf
        )
    except DataError as exc:
        return UploadReport(
            accepted=False,
            upload=kept.name,
            errors=[
                data_finding(f, lang, {kept.name: original}) for f in sorted(exc.errors, key=lambda f: (f.file, f.line))
            ],
            more=exc.more,
        )
    except ShapeViolations as exc:
        shapes = [
            DataFinding(file="", sheet=None, row=0, column="", cell=None, value=None, expected=str(v))
            for v in exc.violations
        ]
        return UploadReport(accepted=False, upload=kept.name, errors=shapes)
    except BuildBusy:
        raise
    finally:
        lock.release()
    uploads.accept(settings.store, kept)
    return UploadReport(
        accepted=True,
        upload=kept.name,
        build=BuildSummary(
            build=report.path.name,
            entities=report.entities,
            triples=report.triples,
            warnings=len(report.warnings),
            seconds=report.seconds,
        ),
        warnings=[data_finding(f, lang, {kept.name: original}) for f in report.warnings],
    )
