"""Alembic, driven from code: `overseas db upgrade` and the tests use the same path."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

# The Alembic root sits at the top of the project, beside backend/.
MIGRATIONS = Path(__file__).resolve().parents[3] / "migrations"


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)
