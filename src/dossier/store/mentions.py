"""Reading mentions with their sentences: of canonical entities (exports), of local entities (an entity's card,
``dossier show``) and of one report (the document view). Every query on ``mentions`` outside resolution."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from dossier.model.views import MentionView
from dossier.store.sqlite import SQLiteStore


def canonical_mentions(store: SQLiteStore) -> Iterator[MentionView]:
    """Mentions in current reports of resolved entities, ``entity`` the canonical id, by (entity, document,
    start, end, mention id): streamed, one row at a time."""
    cursor = store.conn.execute(
        "SELECT l.entity, m.document, m.start, m.end, m.text, s.start AS s_start, s.end AS s_end "
        "FROM mentions m JOIN entity_links l ON l.local_entity = m.entity "
        "JOIN documents d ON d.id = m.document AND d.is_current = 1 "
        "LEFT JOIN sentences s ON s.document = m.document AND s.idx = m.sentence "
        "ORDER BY l.entity, m.document, m.start, m.end, m.id")
    for r in cursor:
        yield MentionView(r["entity"], r["document"], r["start"], r["end"], r["text"], r["s_start"], r["s_end"])


def mentions_of(store: SQLiteStore, local_ids: Sequence[str]) -> list[MentionView]:
    """Every mention of these local entities (any version), with its sentence's text and its report's source
    and title, by (source, start); ``entity`` the local id."""
    if not local_ids:
        return []
    marks = ",".join("?" * len(local_ids))
    rows = store.conn.execute(
        "SELECT m.*, d.source, d.title, s.start AS s_start, s.end AS s_end, "
        "substr(d.text, s.start + 1, s.end - s.start) AS sentence_text "
        "FROM mentions m JOIN documents d ON d.id = m.document "
        "LEFT JOIN sentences s ON s.document = m.document AND s.idx = m.sentence "
        f"WHERE m.entity IN ({marks}) ORDER BY d.source, m.start", tuple(local_ids))
    return [MentionView(r["entity"], r["document"], r["start"], r["end"], r["text"], r["s_start"], r["s_end"],
                        r["sentence_text"], r["source"], r["title"]) for r in rows]


def first_mentions(store: SQLiteStore, local_ids: Sequence[str], limit: int) -> list[MentionView]:
    """Up to ``limit`` mentions of these local entities in current reports, the first by (document, start),
    with their sentences: a bounded query however many reports name the entity."""
    if not local_ids:
        return []
    marks = ",".join("?" * len(local_ids))
    rows = store.conn.execute(
        "SELECT m.entity, m.document, m.start, m.end, m.text, s.start AS s_start, s.end AS s_end, "
        "substr(d.text, s.start + 1, s.end - s.start) AS sentence FROM "
        f"(SELECT * FROM mentions WHERE entity IN ({marks}) ORDER BY document, start LIMIT ?) m "
        "JOIN documents d ON d.id = m.document AND d.is_current = 1 "
        "LEFT JOIN sentences s ON s.document = m.document AND s.idx = m.sentence", (*local_ids, limit))
    return [MentionView(r["entity"], r["document"], r["start"], r["end"], r["text"], r["s_start"], r["s_end"],
                        r["sentence"]) for r in rows]


def document_mentions(store: SQLiteStore, doc_id: str) -> list[MentionView]:
    """The mentions in one report, by (start, end); ``entity`` the local id, no sentence."""
    rows = store.conn.execute("SELECT entity, document, start, end, text FROM mentions WHERE document = ? "
                              "ORDER BY start, end", (doc_id,))
    return [MentionView(r["entity"], r["document"], r["start"], r["end"], r["text"], None, None) for r in rows]
