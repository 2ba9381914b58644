"""placements: the name's sort key and the national ID reversed, for the list's sorts and the
search by the last digits of an ID

`name_key` orders names the Vietnamese way (given name first, then the rest, in the
Vietnamese alphabet; docs/api.md, "Sorting"); `national_id_reversed` turns a search by the last
digits into a prefix search an index answers. Both are filled here for the rows there are.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from overseas.core.text import name_sort_key

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 5000


def _fill() -> None:
    conn = op.get_bind()
    placements = sa.table(
        "placements",
        sa.column("id", sa.Integer),
        sa.column("full_name", sa.String),
        sa.column("national_id", sa.String),
        sa.column("name_key", sa.String),
        sa.column("national_id_reversed", sa.String),
    )
    update = (
        placements.update()
        .where(placements.c.id == sa.bindparam("_id"))
        .values(name_key=sa.bindparam("_key"), national_id_reversed=sa.bindparam("_reversed"))
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(placements.c.id, placements.c.full_name, placements.c.national_id)
            .where(placements.c.id > last)
            .order_by(placements.c.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        conn.execute(
            update,
            [
                {"_id": r.id, "_key": name_sort_key(r.full_name), "_reversed": r.national_id[::-1]}
                for r in rows
            ],
        )
        last = rows[-1].id


def upgrade() -> None:
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "national_id_reversed", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True
            )
        )
    _fill()
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.alter_column("name_key", nullable=False)
        batch_op.alter_column("national_id_reversed", nullable=False)
        batch_op.create_index("ix_placements_name_key", ["name_key", "id"])
        batch_op.create_index("ix_placements_registered", ["registered_on", "id"])
        batch_op.create_index("ix_placements_national_id_reversed", ["national_id_reversed"])


def downgrade() -> None:
    with op.batch_alter_table("placements", schema=None) as batch_op:
        batch_op.drop_index("ix_placements_national_id_reversed")
        batch_op.drop_index("ix_placements_registered")
        batch_op.drop_index("ix_placements_name_key")
        batch_op.drop_column("national_id_reversed")
        batch_op.drop_column("name_key")
