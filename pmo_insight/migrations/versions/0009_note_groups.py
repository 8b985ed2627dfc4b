"""note groups: titled groups of an empathy map's notes, one member row per grouped note

Two new tables only; no existing table is rebuilt, so no row of an existing database is touched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 23:10:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: Union[str, None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "notegroup",
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("quadrant", sa.String(length=16), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("map_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["map_id"], ["empathymap.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notegroup_map_id", "notegroup", ["map_id"])
    op.create_table(
        "notegroupmember",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["notegroup.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["note_id"], ["empathynote.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("note_id"),
    )
    op.create_index("ix_notegroupmember_group_id", "notegroupmember", ["group_id"])
    op.create_index("ix_notegroupmember_note_id", "notegroupmember", ["note_id"])


def downgrade() -> None:
    op.drop_index("ix_notegroupmember_note_id", table_name="notegroupmember")
    op.drop_index("ix_notegroupmember_group_id", table_name="notegroupmember")
    op.drop_table("notegroupmember")
    op.drop_index("ix_notegroup_map_id", table_name="notegroup")
    op.drop_table("notegroup")
