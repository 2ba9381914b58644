"""The `overseas` console script."""

import argparse
import getpass
import sys
from collections.abc import Sequence

from overseas.core.principal import Role


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from overseas.core.config import get_settings

    uvicorn.run(
        "overseas.main:serving_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        # The client address behind a proxy is read by the app, and only from the proxies
        # listed in OVERSEAS_TRUSTED_PROXIES (overseas.core.network).
        proxy_headers=False,
        log_level=get_settings().log_level.lower(),
    )
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from overseas.core import migrate

    migrate.upgrade(revision=args.revision)
    return 0


def _db_downgrade(args: argparse.Namespace) -> int:
    from overseas.core import migrate

    migrate.downgrade(revision=args.revision)
    return 0


def _db_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from overseas.core.backup import BackupError, backup
    from overseas.core.config import get_settings

    try:
        backup(get_settings().sqlalchemy_url, Path(args.file))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"backup written to {args.file}")
    return 0


def _db_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from overseas.core.backup import BackupError, restore
    from overseas.core.config import get_settings

    try:
        restore(get_settings().sqlalchemy_url, Path(args.file), force=args.force)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"restored from {args.file}; run 'overseas db upgrade' if the backup is older")
    return 0


def _users_create(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from overseas.core.db import get_engine
    from overseas.core.errors import AppError
    from overseas.users import service
    from overseas.users.schemas import UserCreate

    password = args.password or getpass.getpass("Password (at least 10 characters): ")
    try:
        data = UserCreate(
            username=args.username,
            full_name=args.full_name,
            role=Role(args.role),
            agency_id=args.agency_id,
            password=password,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with Session(get_engine()) as session:
        session.info["actor"] = "cli"
        try:
            user = service.create_user(session, data)
        except AppError as exc:
            print(f"error: {exc.detail}", file=sys.stderr)
            return 1
        session.commit()
        print(f"created user {user.username} (id {user.id}, role {user.role})")
    return 0


def _demo_load(args: argparse.Namespace) -> int:
    from overseas.demo import load_demo

    if args.placements < 0:
        print("error: --placements must be 0 or more", file=sys.stderr)
        return 2
    load_demo(placements=args.placements)
    what = "accounts, enterprises, market records, inspections, complaints"
    print(f"Demo data loaded: synthetic {what}", end="")
    print(f" and {args.placements} placements." if args.placements else ".")
    return 0


def _demo_logins(_args: argparse.Namespace) -> int:
    from overseas.demo import demo_logins

    print("Demo logins (synthetic accounts; change or remove them outside a demo):")
    for line in demo_logins():
        print(line)
    return 0


def _data_retention(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from sqlmodel import Session

    from overseas.audit import service as audit
    from overseas.auth.service import purge_throttle
    from overseas.core.config import get_settings
    from overseas.core.db import get_engine, today, utcnow
    from overseas.placements import retention
    from overseas.system.idempotency import purge_expired

    settings = get_settings()
    with Session(get_engine()) as session:
        session.info["actor"] = "retention"
        report = retention.run(
            session, years=settings.retention_years, today=today(), dry_run=args.dry_run
        )
        now = utcnow()
        writes = settings.audit_write_retention_years
        pruned = keys = throttles = 0
        if not args.dry_run:
            pruned = audit.prune(
                session,
                reads_before=now - timedelta(days=settings.audit_read_retention_days),
                writes_before=now - timedelta(days=365 * writes) if writes else None,
            )
            keys = purge_expired(session)
            throttles = purge_throttle(session)
            session.commit()
    verb = "would be" if args.dry_run else "were"
    print(
        f"{report.anonymised} placements cancelled before {report.cutoff} {verb} anonymised"
        + (
            ""
            if args.dry_run
            else f"; {pruned} audit rows, {keys} idempotency keys and "
            f"{throttles} login counters past their retention were deleted"
        )
    )
    return 0


def _tallies_rebuild(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from overseas.core.db import get_engine
    from overseas.placements import tallies

    with Session(get_engine()) as session:
        if args.check:
            wrong = tallies.check(session)
            for key, (kept, recounted) in sorted(wrong.items())[:20]:
                print(f"  {key}: kept {kept}, recounted {recounted}")
            print(f"{len(wrong)} departure tallies differ from a recount of the placements")
            return 1 if wrong else 0
        tallies.rebuild(session)
        session.commit()
        print(f"departure tallies rebuilt: {len(tallies.snapshot(session))} rows")
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from overseas.openapi import write_openapi

    write_openapi(args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="overseas", description="Overseas Work Registry")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API and the built SPA")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=_serve)

    db = commands.add_parser("db", help="database migrations").add_subparsers(
        dest="db_command", required=True
    )
    up = db.add_parser("upgrade", help="migrate to the newest schema (with reference data)")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(func=_db_upgrade)
    down = db.add_parser("downgrade", help="migrate back (to 'base' by default)")
    down.add_argument("revision", nargs="?", default="base")
    down.set_defaults(func=_db_downgrade)
    save = db.add_parser("backup", help="write a backup of the whole database to FILE")
    save.add_argument("file")
    save.set_defaults(func=_db_backup)
    load_back = db.add_parser("restore", help="replace the database's contents with FILE's")
    load_back.add_argument("file")
    load_back.add_argument("--force", action="store_true", help="even over existing tables")
    load_back.set_defaults(func=_db_restore)

    users = commands.add_parser("users", help="accounts").add_subparsers(
        dest="users_command", required=True
    )
    create = users.add_parser("create", help="create a user")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--agency-id", type=int)
    create.add_argument("--full-name", default="")
    create.add_argument("--password", help="prompted for when not given")
    create.set_defaults(func=_users_create)

    demo = commands.add_parser("demo", help="synthetic demo data").add_subparsers(
        dest="demo_command", required=True
    )
    load = demo.add_parser("load", help="load synthetic demo data (never real people)")
    load.add_argument(
        "--placements", type=int, default=0, help="add this many synthetic placements"
    )
    load.set_defaults(func=_demo_load)
    logins = demo.add_parser("logins", help="print the demo logins")
    logins.set_defaults(func=_demo_logins)

    data = commands.add_parser("data", help="personal data").add_subparsers(
        dest="data_command", required=True
    )
    keep = data.add_parser(
        "retention", help="anonymise and delete what is past its retention (run daily)"
    )
    keep.add_argument("--dry-run", action="store_true", help="count, change nothing")
    keep.set_defaults(func=_data_retention)

    tally = commands.add_parser("tallies", help="the departure tallies behind progress")
    tally_commands = tally.add_subparsers(dest="tallies_command", required=True)
    rebuild = tally_commands.add_parser(
        "rebuild", help="recount them from the placements (after a restore or a bulk load)"
    )
    rebuild.add_argument(
        "--check", action="store_true", help="only compare with a recount; exit 1 if they differ"
    )
    rebuild.set_defaults(func=_tallies_rebuild)

    spec = commands.add_parser("openapi", help="write the OpenAPI document (sorted keys)")
    spec.add_argument("--output", default="openapi/openapi.json")
    spec.set_defaults(func=_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from pydantic import ValidationError

    from overseas.core.config import get_settings

    args = build_parser().parse_args(argv)
    # Every table known to the ORM before a command touches one (foreign keys between domains).
    import overseas.models  # noqa: F401

    if args.command != "openapi":
        try:
            get_settings()
        except ValidationError as exc:
            for error in exc.errors():
                print(f"configuration error: {error['msg']}", file=sys.stderr)
            return 2
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
