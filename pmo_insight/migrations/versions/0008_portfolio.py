"""portfolio: each workshop's department and sponsor; read-only portfolio links

The two workshop columns are added with an empty default, so every existing workshop keeps its
row (SQLite rebuilds the table in batch mode; the migration environment turns foreign keys off
for it, so no child row is lost). Portfolio links belong to no workshop.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 23:05:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: Union[str, None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("department", sqlmodel.sql.sqltypes.AutoString(length=120), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("sponsor", sqlmodel.sql.sqltypes.AutoString(length=120), server_default="", nullable=False)
        )

    op.create_table(
        "portfoliolink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_opened_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("open_count", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("portfoliolink", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portfoliolink_token_sha256"), ["token_sha256"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("portfoliolink", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portfoliolink_token_sha256"))
    op.drop_table("portfoliolink")
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_column("sponsor")
        batch_op.drop_column("department")
