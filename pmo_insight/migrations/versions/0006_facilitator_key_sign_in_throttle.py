"""the front door: the facilitator link's key hash, and the sign-in throttle's failures and refusals

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 22:45:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: Union[str, None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "facilitatorkey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "signinfailure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signinfailure_subject", "signinfailure", ["subject"])
    op.create_index("ix_signinfailure_at", "signinfailure", ["at"])
    op.create_table(
        "signinlock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signinlock_subject", "signinlock", ["subject"])


def downgrade() -> None:
    op.drop_index("ix_signinlock_subject", table_name="signinlock")
    op.drop_table("signinlock")
    op.drop_index("ix_signinfailure_at", table_name="signinfailure")
    op.drop_index("ix_signinfailure_subject", table_name="signinfailure")
    op.drop_table("signinfailure")
    op.drop_table("facilitatorkey")
