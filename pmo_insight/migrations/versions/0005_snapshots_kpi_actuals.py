"""iteration: stable uids on chain rows, snapshots, KPI actuals, the review cycle

Every chain table gets a ``uid`` (uuid4 hex) that backup and restore keep, so items can be
matched across snapshots; existing rows get one each (added nullable, filled, then made required).

Revision ID: 0005
Revises: 0004 (on the iterate branch; the review "0003" and live "0004" migrations come in
parallel and the chain is re-linked when the branches are merged)
Create Date: 2026-11-23 20:45:00
"""
from typing import Sequence, Union
from uuid import uuid4

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: Union[str, None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The tables whose rows get a stable identity.
UID_TABLES = (
    "participant",
    "persona",
    "evidence",
    "empathymap",
    "empathynote",
    "journey",
    "journeystage",
    "touchpoint",
    "valuecanvas",
    "canvasitem",
    "kpi",
)


def _uid_column(nullable: bool) -> sa.Column:
    return sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "snapshot",
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("taken_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("snapshot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_snapshot_workshop_id"), ["workshop_id"], unique=False)

    op.create_table(
        "kpiactual",
        _uid_column(False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpi.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("kpiactual", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kpiactual_kpi_id"), ["kpi_id"], unique=False)

    connection = op.get_bind()
    for table in UID_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_uid_column(True))
        rows = sa.table(table, sa.column("id", sa.Integer), sa.column("uid", sa.String))
        ids = [row_id for (row_id,) in connection.execute(sa.select(rows.c.id))]
        for row_id in ids:
            connection.execute(sa.update(rows).where(rows.c.id == row_id).values(uid=uuid4().hex))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "uid", existing_type=sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False
            )

    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_cycle_months", sa.Integer(), server_default="6", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_column("review_cycle_months")
    for table in reversed(UID_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("uid")
    with op.batch_alter_table("kpiactual", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kpiactual_kpi_id"))
    op.drop_table("kpiactual")
    with op.batch_alter_table("snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshot_workshop_id"))
    op.drop_table("snapshot")
