"""HTTP layer for the worker registry."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from fastapi.responses import StreamingResponse

from overseas.areas import catalog
from overseas.auth.dependencies import CurrentPrincipal
from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import PageDep, TwoWayPage
from overseas.core.types import Id, Timestamp
from overseas.placements import answers, communes, files, people, reading, service
from overseas.placements.auth import (
    CommuneAssigner,
    PersonDataOfficer,
    PlacementDep,
    PlacementExporter,
    PlacementForWrite,
    PlacementReader,
    PlacementToRemove,
    PlacementWriter,
)
from overseas.placements.models import Channel, Flag, Status
from overseas.placements.reading import PlacementFilters
from overseas.placements.schemas import (
    AssignCommuneIn,
    AssignCommuneResult,
    BatchResult,
    History,
    HistoryEntry,
    PersonCorrection,
    PersonData,
    PersonRequest,
    PlacementBatch,
    PlacementIn,
    PlacementRead,
    PlacementUpdate,
    TransitionIn,
)
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/placements", tags=["placements"])


# Async, as every dependency that only reads the request: no hop to the thread pool.
async def placement_filters(
    status: Status | None = None,
    market_code: Annotated[str | None, Query(max_length=2)] = None,
    agency_id: Id | None = None,
    channel: Channel | None = None,
    home_area_code: Annotated[
        str | None, Query(max_length=10, description="Includes sub-areas and predecessors")
    ] = None,
    departed_from: date | None = None,
    departed_to: date | None = None,
    registered_from: date | None = None,
    registered_to: date | None = None,
    flag: Flag | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Name or national_id")] = None,
    updated_since: Timestamp | None = None,
    unallocated: Annotated[
        bool,
        Query(
            description="Only records of the city coded above commune level (a former "
            "district or the bare province), which still lack a commune"
        ),
    ] = False,
) -> PlacementFilters:
    return PlacementFilters(
        status=status,
        market_code=market_code,
        agency_id=agency_id,
        channel=channel,
        home_area_code=home_area_code,
        departed_from=departed_from,
        departed_to=departed_to,
        registered_from=registered_from,
        registered_to=registered_to,
        flag=flag,
        q=q,
        updated_since=updated_since,
        unallocated=unallocated,
    )


FiltersDep = Annotated[PlacementFilters, Depends(placement_filters)]


# The list's sorts (docs/api.md, "Sorting"); `-` sorts descending.
PlacementSort = Literal[
    "id", "-id", "registered_on", "-registered_on", "departure_date", "-departure_date",
    "full_name", "-full_name", "status", "-status", "updated_at", "-updated_at",
]  # fmt: skip


@router.get(
    "", response_model=TwoWayPage[PlacementRead], responses=problem_responses(401, 403, 422)
)
def list_placements(
    session: SessionDep,
    principal: PlacementReader,
    page: PageDep,
    filters: FiltersDep,
    sort: Annotated[
        PlacementSort,
        Query(
            description="The order; `full_name` in Vietnamese order (given name, then the "
            "rest). A cursor belongs to the sort it came from"
        ),
    ] = "id",
) -> Response:
    """The registry, filtered and sorted, a page at a time by cursor (`next_cursor`,
    `prev_cursor`); an enterprise sees only its own placements."""
    return answers.page(session, principal, page, filters, sort)


@router.post(
    "",
    status_code=201,
    response_model=PlacementRead,
    responses=problem_responses(401, 403, 409, 422),
)
def create_placement(
    data: PlacementIn, session: SessionDep, principal: PlacementWriter, idem: IdempotencyDep
) -> Response:
    """Register a placement; an enterprise's is always its own."""
    placement = service.create(session, principal, data)
    return idem.respond(
        reading.to_read(placement, principal, catalog.load(session)),
        headers=created_headers(f"/api/v1/placements/{placement.id}", placement.version),
    )


@router.post("/batch", response_model=BatchResult, responses=problem_responses(401, 403, 409, 422))
def batch_upsert(
    batch: PlacementBatch,
    session: SessionDep,
    principal: PlacementWriter,
    idem: IdempotencyDep,
    dry_run: bool = False,
) -> Response:
    """Create or update up to 5,000 placements by `(agency_id, external_ref)`, all or nothing:
    one bad item answers 422 listing every bad item, and nothing is written."""
    result = service.upsert(session, principal, batch.items, dry_run=dry_run)
    return idem.respond(result, status_code=200)


@router.post(
    "/import", response_model=BatchResult, responses=problem_responses(401, 403, 409, 413, 422)
)
def import_placements(
    file: Annotated[UploadFile, File(description="A .csv (UTF-8) or .xlsx file; row 1 the header")],
    session: SessionDep,
    principal: PlacementWriter,
    idem: IdempotencyDep,
    dry_run: Annotated[bool, Form()] = False,
    dry_run_query: Annotated[bool, Query(alias="dry_run")] = False,
) -> Response:
    """Create or update placements from a spreadsheet, all or nothing like the batch; each
    error also names its spreadsheet `row`. `dry_run` (form field or query) writes nothing."""
    result = files.import_file(session, principal, file, dry_run=dry_run or dry_run_query)
    return idem.respond(result, status_code=200)


@router.post(
    "/assign-commune",
    response_model=AssignCommuneResult,
    responses=problem_responses(401, 403, 409, 422),
)
def assign_commune(
    data: AssignCommuneIn,
    session: SessionDep,
    principal: CommuneAssigner,
    idem: IdempotencyDep,
    dry_run: bool = False,
) -> Response:
    """Officers give the records a filter finds a commune (records made before the 2025
    reform sit at a former district, those made since at the bare province): each takes the
    unit with `home_area_code` valid on its registration day, which must be a commune-level
    unit inside the record's own unit; all or nothing, audited. `dry_run` counts only."""
    result = communes.assign(session, principal, data, dry_run=dry_run)
    return idem.respond(result, status_code=200)


def file_responses(description: str, *media_types: str) -> dict[int | str, dict[str, Any]]:
    """A file download in the OpenAPI document, beside the problems it may answer."""
    content = {m: {"schema": {"type": "string", "format": "binary"}} for m in media_types}
    return {200: {"content": content, "description": description}}


@router.get(
    "/import-template",
    response_class=Response,
    responses=file_responses("The template", files.CSV_MEDIA_TYPE, files.XLSX_MEDIA_TYPE)
    | problem_responses(401, 422),
)
def import_template(
    session: SessionDep,
    principal: CurrentPrincipal,
    file_format: Annotated[files.TemplateFormat, Query(alias="format")] = files.TemplateFormat.csv,
) -> Response:
    """The import template: the Vietnamese headers and one made-up example row; the XLSX adds
    drop-down lists of the words each coded column takes and a guide sheet."""
    return files.template_response(session, principal, file_format)


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses=file_responses(
        "The placements, streamed",
        files.CSV_MEDIA_TYPE,
        files.XLSX_MEDIA_TYPE,
        files.NDJSON_MEDIA_TYPE,
    )
    | problem_responses(401, 403, 422),
)
def export_placements(
    session: SessionDep,
    principal: PlacementExporter,
    filters: FiltersDep,
    file_format: Annotated[files.ExportFormat, Query(alias="format")] = files.ExportFormat.csv,
    labels: Annotated[
        bool,
        Query(
            description="Vietnamese headings and values for people: names, codes in words, "
            "dates dd/mm/yyyy (the web app asks for it); false keeps the field names and codes "
            "that scripts read"
        ),
    ] = False,
) -> StreamingResponse:
    """The filtered registry as CSV (UTF-8 with BOM), XLSX or NDJSON, streamed. By default the
    headers are the field names and the values codes, for scripts; `labels=true` writes them
    for people. Either imports again."""
    files.audit_export(session, principal, file_format, filters, labels=labels)
    return files.export_response(session.get_bind(), principal, filters, file_format, labels=labels)


@router.get(
    "/{placement_id}", response_model=PlacementRead, responses=problem_responses(401, 403, 404)
)
def get_placement(placement_id: Id, session: SessionDep, principal: PlacementReader) -> Response:
    """One placement, with its ETag."""
    return answers.one(session, principal, placement_id)


@router.patch(
    "/{placement_id}",
    response_model=PlacementRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_placement(
    placement: PlacementForWrite,
    data: PlacementUpdate,
    session: SessionDep,
    principal: PlacementWriter,
    response: Response,
) -> PlacementRead:
    """Correct a placement; `If-Match` guards against lost edits."""
    placement = service.update_placement(session, principal, placement, data)
    set_etag(response, placement.version)
    return reading.to_read(placement, principal, catalog.load(session))


@router.delete("/{placement_id}", status_code=204, responses=problem_responses(401, 403, 404, 412))
def delete_placement(placement: PlacementToRemove, session: SessionDep) -> Response:
    """Remove a placement entered by mistake (officers only; the audit log keeps it)."""
    service.delete(session, placement)
    return Response(status_code=204)


@router.post(
    "/{placement_id}/transitions",
    response_model=PlacementRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def transition_placement(
    placement: PlacementForWrite,
    data: TransitionIn,
    session: SessionDep,
    principal: PlacementWriter,
    response: Response,
) -> PlacementRead:
    """Move a placement to its next status; `on` becomes the departure or return date."""
    placement = service.transition(session, principal, placement, data)
    set_etag(response, placement.version)
    return reading.to_read(placement, principal, catalog.load(session))


@router.get(
    "/{placement_id}/history", response_model=History, responses=problem_responses(401, 403, 404)
)
def placement_history(placement: PlacementDep, session: SessionDep) -> History:
    """Every status change, oldest first, with who made it."""
    return History(
        items=[HistoryEntry.model_validate(e) for e in reading.history(session, placement)]
    )


workers_router = APIRouter(prefix="/api/v1/workers", tags=["workers"])


@workers_router.post(
    "/data-request", response_model=PersonData, responses=problem_responses(401, 403, 404, 422)
)
def data_request(
    request: PersonRequest, session: SessionDep, principal: PersonDataOfficer
) -> PersonData:
    """Everything held about one person, for that person's own request (audited); the
    national ID travels in the body, never in a URL."""
    return people.data_of(session, principal, request.national_id)


@workers_router.post(
    "/correction", response_model=PersonData, responses=problem_responses(401, 403, 404, 409, 422)
)
def correct_person(
    request: PersonCorrection, session: SessionDep, principal: PersonDataOfficer
) -> PersonData:
    """Correct a person's particulars on their request, on every placement of theirs, through
    the registry's rules; all or nothing, with the reason kept in the audit log."""
    return people.correct(session, principal, request)
