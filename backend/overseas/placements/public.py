"""HTTP layer for what the registry tells anyone about placements: the fee check."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Response

from overseas.core.db import SessionDep, today
from overseas.core.errors import problem_responses
from overseas.placements import feecheck
from overseas.placements.models import Channel, Programme

public_router = APIRouter(prefix="/api/v1/public", tags=["public"])


@public_router.get("/fee-check", response_model=feecheck.FeeCheck, responses=problem_responses(422))
def fee_check(
    session: SessionDep,
    response: Response,
    market_code: Annotated[str, Query(min_length=2, max_length=2, description="e.g. JP, KR")],
    monthly_salary: Annotated[
        Decimal, Query(gt=0, max_digits=14, decimal_places=2, description="As in the contract")
    ],
    salary_currency: Annotated[str, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 4217")],
    contract_months: Annotated[int, Query(ge=1, le=120)],
    programme: Programme | None = None,
    channel: Channel = Channel.service_enterprise,
    on: Annotated[date | None, Query(description="Default: today")] = None,
) -> feecheck.FeeCheck:
    """The most an enterprise may take from a worker as a service fee and as a deposit, with
    the legal basis and the exchange rate used (public, no login)."""
    response.headers["Cache-Control"] = "public, max-age=300"
    return feecheck.fee_check(
        session,
        market_code=market_code,
        programme=programme,
        channel=channel,
        monthly_salary=monthly_salary,
        salary_currency=salary_currency,
        contract_months=contract_months,
        on=on or today(),
    )
