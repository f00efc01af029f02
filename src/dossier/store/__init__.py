"""Where extracted records live: an embedded SQLite file by default (see ``sqlite``)."""

from dossier.model.views import EntityRow
from dossier.store.sqlite import DEFAULT_PATH, SCHEMA_VERSION, AddResult, SQLiteStore, open_store

__all__ = ["DEFAULT_PATH", "SCHEMA_VERSION", "AddResult", "EntityRow", "SQLiteStore", "open_store"]
