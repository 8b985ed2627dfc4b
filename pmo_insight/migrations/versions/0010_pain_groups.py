"""pain groups: titled groups of a journey's touchpoints by the pain each names, one member row per touchpoint

Two new tables only; no existing table is rebuilt, so no row of an existing database is touched.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 16:40:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: Union[str, None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "paingroup",
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["journey_id"], ["journey.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_paingroup_journey_id", "paingroup", ["journey_id"])
    op.create_table(
        "paingroupmember",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("touchpoint_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["paingroup.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["touchpoint_id"], ["touchpoint.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("touchpoint_id"),
    )
    op.create_index("ix_paingroupmember_group_id", "paingroupmember", ["group_id"])
    op.create_index("ix_paingroupmember_touchpoint_id", "paingroupmember", ["touchpoint_id"])


def downgrade() -> None:
    op.drop_index("ix_paingroupmember_touchpoint_id", table_name="paingroupmember")
    op.drop_index("ix_paingroupmember_group_id", table_name="paingroupmember")
    op.drop_table("paingroupmember")
    op.drop_index("ix_paingroup_journey_id", table_name="paingroup")
    op.drop_table("paingroup")
