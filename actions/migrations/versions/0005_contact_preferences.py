"""tickets: preferred time of contact and interpreter language, as the resident agreed them

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interpreter_language", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("preferred_period", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("preferred_time", sa.String(length=100), nullable=True))
        batch_op.alter_column(
            "preferred_language",
            existing_type=sa.String(length=40),
            type_=sa.String(length=100),
            existing_nullable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.alter_column(
            "preferred_language",
            existing_type=sa.String(length=100),
            type_=sa.String(length=40),
            existing_nullable=True,
        )
        batch_op.drop_column("preferred_time")
        batch_op.drop_column("preferred_period")
        batch_op.drop_column("interpreter_language")
