"""Settings: environment variables with the prefix OVERSEAS_, also read from `.env`."""

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The placeholder that `.env.example` ships with; refused unless in development.
PLACEHOLDER_SECRET = "change-me-in-production"  # noqa: S105


class Settings(BaseSettings):
    """Every setting is documented in `.env.example`."""

    model_config = SettingsConfigDict(
        env_prefix="OVERSEAS_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Literal["development", "test", "production"] = "production"
    database_url: str = "sqlite:///var/overseas.db"
    secret_key: str = PLACEHOLDER_SECRET
    access_token_minutes: int = Field(default=60, ge=1, le=24 * 60)
    login_max_failures: int = Field(default=5, ge=1)
    login_backstop_failures: int = Field(default=50, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)
    trusted_proxies: list[str] = []
    idempotency_hours: int = Field(default=24, ge=1)
    import_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_body_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)
    retention_years: int = Field(default=5, ge=1, le=100)
    audit_read_retention_days: int = Field(default=730, ge=1)
    audit_write_retention_years: int = Field(default=0, ge=0)
    sync_settle_seconds: float = Field(default=5, ge=0, le=300)
    # How long a process may keep the principal behind a token (docs/security.md).
    auth_cache_seconds: float = Field(default=5, ge=0, le=5)
    frontend_dist: Path = Path("frontend/dist")
    api_docs: bool = True
    metrics_token: str = ""
    cors_origins: list[str] = []
    db_pool_size: int = Field(default=10, ge=1)
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> "Settings":
        if self.env != "development" and self.secret_key == PLACEHOLDER_SECRET:
            raise ValueError(
                "OVERSEAS_SECRET_KEY is the placeholder; set a real secret "
                "(or OVERSEAS_ENV=development for local work)"
            )
        for proxy in self.trusted_proxies:
            try:
                ipaddress.ip_network(proxy.strip(), strict=False)
            except ValueError as exc:
                raise ValueError(f"OVERSEAS_TRUSTED_PROXIES: '{proxy}' is not an address") from exc
        if len(self.secret_key) < 16:
            raise ValueError("OVERSEAS_SECRET_KEY must be at least 16 characters")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """The URL with the psycopg 3 driver named, whatever form the operator wrote."""
        url = self.database_url
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url


@lru_cache
def get_settings() -> Settings:
    return Settings()
