"""Everything the toolkit keeps, in one store: SQLite by default, PostgreSQL when several PCs share it.

``open_store(url=None) -> Store`` (see ``core`` for the transaction semantics and
``url`` for how the location is chosen). Tables: ``schema``; migrations: ``migrations/``
(Alembic, applied on open). The numbering register (``toolkit.documents.register``) and the
recap history (``toolkit.rekap.history``) are written on top of it; the LKE ZI tables
(``schema.lke_*``, revision 0002) belong to issue 17; ``transfer`` moves 0.1 files in and makes
backups.
"""

from toolkit.store.core import Store, StoreError, open_store, rollback_with
from toolkit.store.url import URL_ENV, StoreLocation, resolve_location

__all__ = ["URL_ENV", "Store", "StoreError", "StoreLocation", "open_store", "resolve_location", "rollback_with"]
