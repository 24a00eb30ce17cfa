"""Alembic environment: always run by ``toolkit.store.migrate`` on a connection it already locked.

To add a table or column: copy the newest file in ``versions/``, set ``down_revision`` to its
``revision`` (when two branches collide after a rebase, re-chain so there is one head), write
``upgrade()`` with ``op.add_column``/``op.create_table`` (SQLite goes through batch mode
automatically), and add the column to ``toolkit/store/schema.py``. The test
``tests/test_store.py::test_migrations_match_schema`` checks the two agree.
"""

from __future__ import annotations

from alembic import context

from toolkit.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only toolkit.store.migrate runs these
    raise RuntimeError("migrasi basis data hanya dijalankan lewat toolkit.store (open_store).")
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
