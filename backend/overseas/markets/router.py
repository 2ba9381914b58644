"""HTTP layer for markets and market records."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from overseas import flows
from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Timestamp
from overseas.markets import service
from overseas.markets.auth import (
    MarketDep,
    MarketForRecords,
    MarketForWrite,
    MarketReader,
    MarketWriter,
)
from overseas.markets.models import RecordKind, Tier
from overseas.markets.schemas import (
    MarketCreate,
    MarketRead,
    MarketRecordCreate,
    MarketRecordRead,
    MarketUpdate,
    PublicMarket,
    PublicMarketRecord,
)
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1", tags=["markets"])
public_router = APIRouter(prefix="/api/v1/public", tags=["public"])


@router.get("/markets", response_model=Page[MarketRead], responses=problem_responses(401, 422))
def list_markets(
    session: SessionDep,
    _principal: MarketReader,
    page: PageDep,
    tier: Tier | None = None,
    updated_since: Timestamp | None = None,
) -> Page[MarketRead]:
    """Destination markets, ordered by code."""
    rows, cursor, total = service.list_markets(
        session, page, tier=tier, updated_since=updated_since
    )
    return Page(items=[MarketRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)


@router.post(
    "/markets",
    status_code=201,
    response_model=MarketRead,
    responses=problem_responses(401, 403, 409, 422),
)
def create_market(
    data: MarketCreate, session: SessionDep, _p: MarketWriter, idem: IdempotencyDep
) -> Response:
    """Add a destination market."""
    market = service.create_market(session, data)
    return idem.respond(
        MarketRead.model_validate(market),
        headers=created_headers(f"/api/v1/markets/{market.code}", market.version),
    )


@router.get("/markets/{code}", response_model=MarketRead, responses=problem_responses(401, 404))
def get_market(market: MarketDep, response: Response) -> MarketRead:
    """One market, with its ETag."""
    set_etag(response, market.version)
    return MarketRead.model_validate(market)


@router.patch(
    "/markets/{code}",
    response_model=MarketRead,
    responses=problem_responses(401, 403, 404, 412, 422),
)
def update_market(
    market: MarketForWrite, data: MarketUpdate, session: SessionDep, response: Response
) -> MarketRead:
    """Change a market's tier, programmes or notes; `If-Match` guards against lost edits."""
    market = service.update_market(session, market, data)
    set_etag(response, market.version)
    return MarketRead.model_validate(market)


@router.get(
    "/markets/{code}/records",
    response_model=Page[MarketRecordRead],
    responses=problem_responses(401, 404, 422),
)
def list_market_records(
    market: MarketDep,
    session: SessionDep,
    page: PageDep,
    kind: RecordKind | None = None,
    since: Annotated[date | None, Query(description="Effective on or after")] = None,
) -> Page[MarketRecordRead]:
    """The records of one market, oldest first; `since` keeps those effective from that day."""
    rows, cursor, total = service.list_records(
        session, page, market_code=market.code, kind=kind, since=since
    )
    return Page(
        items=[MarketRecordRead.model_validate(r) for r in rows], next_cursor=cursor, total=total
    )


@router.post(
    "/markets/{code}/records",
    status_code=201,
    response_model=MarketRecordRead,
    responses=problem_responses(401, 403, 404, 422),
)
def create_market_record(
    market: MarketForRecords, data: MarketRecordCreate, session: SessionDep, idem: IdempotencyDep
) -> Response:
    """Add a dated record to a market."""
    record = flows.record_market_entry(session, market, data)
    return idem.respond(
        MarketRecordRead.model_validate(record),
        headers={"Location": f"/api/v1/markets/{market.code}/records/{record.id}"},
    )


@router.get(
    "/market-records",
    response_model=Page[MarketRecordRead],
    responses=problem_responses(401, 422),
)
def list_all_market_records(
    session: SessionDep,
    _principal: MarketReader,
    page: PageDep,
    market_code: str | None = None,
    kind: RecordKind | None = None,
    since: date | None = None,
) -> Page[MarketRecordRead]:
    """Records of every market, oldest first; filters `market_code`, `kind`, `since`."""
    rows, cursor, total = service.list_records(
        session, page, market_code=market_code, kind=kind, since=since
    )
    return Page(
        items=[MarketRecordRead.model_validate(r) for r in rows], next_cursor=cursor, total=total
    )


@public_router.get("/markets", response_model=list[PublicMarket])
def list_public_markets(session: SessionDep, response: Response) -> list[PublicMarket]:
    """Markets with their public records (no login)."""
    response.headers["Cache-Control"] = "public, max-age=300"
    return [
        PublicMarket(
            code=m.code,
            name_vi=m.name_vi,
            name_en=m.name_en,
            tier=m.tier,
            programmes=m.programmes,
            records=[PublicMarketRecord.model_validate(r) for r in records],
        )
        for m, records in service.public_markets(session)
    ]
