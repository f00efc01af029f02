"""Batch processing on Ray: many documents, many cores or machines (docs/scale.md)."""
