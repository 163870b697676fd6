import hashlib
from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.auth.deps import CurrentSubject, login_required
from api.core.openapi import body_schema
from api.core.reads import JSON, json_body
from api.core.responses import RECORD
from api.core.schemas import Output, QueryBool
from api.core.schemas import ShortLabel as Source
from api.db import SessionDep
from api.idempotency import service as idempotency
from api.idempotency.deps import IdempotencyKey
from api.imports import service
from api.imports.schemas import ImportMode, ImportReport, ImportRequest
from api.memberships.deps import MembersEditable

router = APIRouter(tags=["memberships"], dependencies=login_required)

# The route reads its body itself (a CSV file's bytes, whose encoding it detects): OpenAPI
# says what it takes.
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": body_schema(ImportRequest)},
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@dataclass(frozen=True)
class ImportBody:
    content: bytes
    content_type: str


async def _body(request: Request) -> ImportBody:
    return ImportBody(await request.body(), request.headers.get("content-type", ""))


class _Fingerprint(Output):
    """What makes two imports the same request, for their `Idempotency-Key`."""

    body_sha256: str
    content_type: str
    mode: ImportMode
    source: str | None


@router.post(
    "/committees/{committee_id}/members/import",
    operation_id="memberships-import",
    responses=RECORD,
    response_model=ImportReport,
    openapi_extra=_BODY,
)
def import_members(
    session: SessionDep,
    committee_id: MembersEditable,
    subject: CurrentSubject,
    body: Annotated[ImportBody, Depends(_body)],
    mode: ImportMode = ImportMode.merge,
    dry_run: Annotated[
        QueryBool, Query(description="Answer the plan, row by row, and write nothing.")
    ] = False,
    source: Annotated[
        Source | None, Query(description="The source of the rows that name none.")
    ] = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Create, update (and with `mode=replace` end) the committee's members from a source
    system's file: a CSV file (`text/csv`: UTF-8, with or without BOM, or Windows-1252; `,`
    or `;`; both detected and reported; one column per field of `ImportRow`, French headers
    read too, dates also as DD/MM/YYYY) or JSON rows. A row names a person by `source` and
    `external_id`. The answer is the plan, row by row: `create`, `update`, `unchanged`,
    `end`, or `error` with each fault's column, stable code and French message.

    Applying is all or nothing: a row at fault is a 422 listing every fault (`errors`, `loc`
    = body, line, column) and nothing is written. `mode=replace` ends today the terms in
    force of the people of the file's sources who are absent from it; people entered by hand
    or from another source are left. Events are those of the single writes."""
    options = service.ImportOptions(mode=mode, dry_run=dry_run, source=source)
    run = partial(
        service.run_import,
        session,
        committee_id=committee_id,
        body=body.content,
        content_type=body.content_type,
        options=options,
        subject=subject,
    )
    if dry_run:
        return _answer(run())
    fingerprint = _Fingerprint(
        body_sha256=hashlib.sha256(body.content).hexdigest(),
        content_type=body.content_type,
        mode=mode,
        source=source,
    )
    return _answer(
        idempotency.once(
            session,
            key=idempotency_key,
            user_id=subject.user_id,
            client_id=subject.client_id,
            scope=f"POST /committees/{committee_id}/members/import",
            request=fingerprint,
            output=ImportReport,
            run=run,
        )
    )


def _answer(report: ImportReport) -> Response:
    # Written once from the model (ten thousand rows): FastAPI would validate it again first.
    return Response(json_body(ImportReport, report), media_type=JSON)
