"""The limit of this stack for the read benchmarks: a bare Starlette app on psycopg's own
connection pool that runs the same SQL as the app for the same requests and answers the same
JSON (bench/reads.py checks that the answers are equal), including the audit row the app
writes for every read of workers' records. What it leaves out is the app's own work: token
checking, validation, the ORM, the response models, middleware.

    .venv/bin/python bench/bare.py --port 8100 --dsn postgresql://postgres@127.0.0.1/db

The home areas (the unit a code named, and today's units holding its territory) are worked
out once at start from the project's catalog, as the app keeps its catalog in memory too.
OVERSEAS_SECRET_KEY must be the app's, so that cursors are signed alike.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import psycopg
import uvicorn
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

FLAGS = ["fee_above_cap", "deposit_above_cap", "possible_duplicate", "late_report", "over_quota"]
COLUMNS = """id, agency_id, external_ref, channel, market_code, programme, occupation,
    employer_name, contract_months, monthly_salary, salary_currency, service_fee_vnd,
    deposit_vnd, loan_vnd, status, registered_on, departure_date, return_date,
    contract_signed_on, notes, recruitment_notice_id, national_id, previous_national_id,
    full_name, date_of_birth, sex, home_area_code, home_area_id, phone, policy_groups,
    version, created_at, updated_at, """ + ", ".join(FLAGS)
AUDIT = """INSERT INTO audit_log (at, actor, action, entity, entity_id, changes)
    VALUES (%s, %s, 'read_pii', 'placements', %s, %s)"""
ACTOR = "officer"


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")


def placement(r: dict[str, Any], homes: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """The app's JSON of a placement for an officer (who sees personal data in full)."""
    return {
        "agency_id": r["agency_id"],
        "external_ref": r["external_ref"],
        "channel": r["channel"],
        "market_code": r["market_code"],
        "programme": r["programme"],
        "occupation": r["occupation"],
        "employer_name": r["employer_name"],
        "contract_months": r["contract_months"],
        "monthly_salary": _decimal(r["monthly_salary"]),
        "salary_currency": r["salary_currency"],
        "service_fee_vnd": r["service_fee_vnd"],
        "deposit_vnd": r["deposit_vnd"],
        "loan_vnd": r["loan_vnd"],
        "status": r["status"],
        "registered_on": _day(r["registered_on"]),
        "departure_date": _day(r["departure_date"]),
        "return_date": _day(r["return_date"]),
        "contract_signed_on": _day(r["contract_signed_on"]),
        "notes": r["notes"],
        "recruitment_notice_id": r["recruitment_notice_id"],
        "id": r["id"],
        "worker": {
            "national_id": r["national_id"],
            "previous_national_id": r["previous_national_id"],
            "full_name": r["full_name"],
            "date_of_birth": _day(r["date_of_birth"]),
            "sex": r["sex"],
            "home_area_code": r["home_area_code"],
            "home_area": homes[r["home_area_id"]],
            "phone": r["phone"],
            "policy_groups": r["policy_groups"],
        },
        "flags": [f for f in FLAGS if r[f]],
        "version": r["version"],
        "created_at": _moment(r["created_at"]),
        "updated_at": _moment(r["updated_at"]),
    }


def _signature(payload: bytes) -> str:
    key = os.environ["OVERSEAS_SECRET_KEY"].encode()
    digest = hmac.new(key, b"cursor\n" + payload, hashlib.sha256).digest()[:12]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def encode_cursor(last_id: int, *, backward: bool = False) -> str:
    data: dict[str, Any] = {"o": "default", "v": [last_id]}
    if backward:
        data["b"] = True
    raw = json.dumps(data).encode()
    payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"{payload}.{_signature(payload.encode())}"


def decode_cursor(cursor: str) -> int:
    payload, _, signature = cursor.partition(".")
    if not hmac.compare_digest(signature.encode(), _signature(payload.encode()).encode()):
        raise ValueError("bad cursor")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return int(data["v"][0])


def home_areas(dsn: str) -> dict[int, dict[str, Any]]:
    """Every unit's home area as the app shows it, from the project's catalog (once)."""
    from sqlmodel import Session

    from overseas.areas import catalog
    from overseas.core.db import build_engine

    engine = build_engine(dsn.replace("postgresql://", "postgresql+psycopg://", 1), pool_size=1)
    with Session(engine) as session:
        places = catalog.load(session)
        homes = {
            unit.id: {
                "code": unit.code,
                "name": unit.name,
                "level": unit.level.value,
                "today": [{"code": u.code, "name": u.name} for u in places.today_of(unit)],
            }
            for unit in places.units.values()
        }
    engine.dispose()
    return homes


def create_app(dsn: str) -> Starlette:
    pool = ConnectionPool(dsn, min_size=4, max_size=10, open=True)
    homes = home_areas(dsn)

    def audit(conn: psycopg.Connection[Any], entity_id: str, ids: list[int]) -> None:
        conn.execute(AUDIT, (datetime.now(UTC), ACTOR, entity_id, json.dumps({"ids": ids})))

    def one(request: Request) -> Response:
        placement_id = int(request.path_params["placement_id"])
        with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            row = cur.execute(
                f"SELECT {COLUMNS} FROM placements WHERE id = %s", (placement_id,)
            ).fetchone()
            if row is None:
                return JSONResponse({"detail": "not found"}, status_code=404)
            audit(conn, str(placement_id), [placement_id])
        return JSONResponse(placement(row, homes))

    def page(request: Request) -> Response:
        limit = int(request.query_params.get("limit", "50"))
        where: list[str] = ["TRUE"]
        args: list[Any] = []
        if market := request.query_params.get("market_code"):
            where.append("market_code = %s")
            args.append(market.upper())
        if cursor := request.query_params.get("cursor"):
            where.append("id > %s")
            args.append(decode_cursor(cursor))
        sql = (
            f"SELECT {COLUMNS} FROM placements WHERE {' AND '.join(where)} "
            f"ORDER BY id LIMIT {limit + 1}"
        )
        with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            rows = cur.execute(sql, args).fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            if rows:
                ids = [r["id"] for r in rows]
                audit(conn, str(ids[0]) if len(ids) == 1 else "list", ids)
        return JSONResponse(
            {
                "items": [placement(r, homes) for r in rows],
                "next_cursor": encode_cursor(rows[-1]["id"]) if more else None,
                "total": None,
                # A page reached by a cursor has one before it (the app's `prev_cursor`).
                "prev_cursor": (
                    encode_cursor(rows[0]["id"], backward=True) if cursor and rows else None
                ),
            }
        )

    def me(request: Request) -> Response:
        # The app's lookup of the caller on every request; the bare endpoint trusts the name.
        with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            row = cur.execute(
                "SELECT id, username, role, agency_id, active, token_version FROM users "
                "WHERE username = %s",
                (ACTOR,),
            ).fetchone()
        assert row is not None
        return JSONResponse(
            {
                "id": row["id"],
                "username": row["username"],
                "role": row["role"],
                "agency_id": row["agency_id"],
                "kind": "user",
            }
        )

    def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/api/v1/placements/{placement_id:int}", one),
            Route("/api/v1/placements", page),
            Route("/api/v1/auth/me", me),
            Route("/healthz", healthz),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dsn", required=True)
    args = parser.parse_args()
    uvicorn.run(create_app(args.dsn), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
