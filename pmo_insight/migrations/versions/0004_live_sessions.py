"""live sessions: join codes, participants from their own devices, dot votes

Revision ID: 0004
Revises: 0003 (re-chained after 0003 when the review branch is merged)
Create Date: 2026-11-23 21:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: Union[str, None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "livesession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("board_kind", sa.String(length=16), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("notes_open", sa.Boolean(), nullable=False),
        sa.Column("votes_open", sa.Boolean(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("timer_deadline", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("keep_notes_open", sa.Boolean(), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("stopped_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_livesession_workshop_id", "livesession", ["workshop_id"])
    op.create_index("ix_livesession_code", "livesession", ["code"], unique=True)
    op.create_table(
        "liveparticipant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("department", sa.String(length=120), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("joined_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["livesession.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_liveparticipant_workshop_id", "liveparticipant", ["workshop_id"])
    op.create_index("ix_liveparticipant_session_id", "liveparticipant", ["session_id"])
    op.create_index("ix_liveparticipant_token_hash", "liveparticipant", ["token_hash"], unique=True)
    op.create_table(
        "dotvote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("target_type", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["liveparticipant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "target_type", "target_id"),
    )
    op.create_index("ix_dotvote_participant_id", "dotvote", ["participant_id"])
    op.create_index("ix_dotvote_target_type", "dotvote", ["target_type"])
    op.create_index("ix_dotvote_target_id", "dotvote", ["target_id"])


def downgrade() -> None:
    op.drop_table("dotvote")
    op.drop_table("liveparticipant")
    op.drop_table("livesession")
