"""Viterbi decoding of a CRFsuite model with NumPy, giving exactly pycrfsuite's tags.

pycrfsuite takes every token's features as strings on every call: converting ~35 strings a token to C++ and
looking each up in the model's string table was half of the tagger's time. Here the model file (CRFsuite's
first-order "crf1d" format, which `pycrfsuite.Trainer` writes) is read once into a weight matrix; a token is
a list of row numbers into it (the caller caches them per word), and a whole article's sentences are scored
and decoded in a few array operations.

The arithmetic is CRFsuite's, step for step, so the tags are the same bit for bit: a token's state score per
label starts at 0 and adds the weight of each of its attributes in the order given (an attribute the model does
not know adds nothing; row 0 of the matrix is all zeros for it); Viterbi adds transition then state scores
and keeps the first best previous label on ties, as `crf1dc_viterbi` does. `tests/nlp/test_crf.py` compares
the two on thousands of sentences.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np

UNKNOWN_ROW = 0  # the all-zero row for attributes the model does not know

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # crf1d file header (48 bytes)
_CHUNK = struct.Struct("<4sII")  # chunk id, chunk size, item count
_CQDB_HEADER = struct.Struct("<4sIIIII")  # "CQDB", size, flag, byte-order mark, backward size, backward offset
_CQDB_BYTE_ORDER = 0x62445371
_CQDB_RECORDS = _CQDB_HEADER.size + 256 * 8  # the records follow the header and 256 hash-table references
_RECORD = struct.Struct("<iI")  # record: id, key size (including the final NUL)
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


class ModelFormatError(ValueError):
    """The file is not a CRFsuite first-order model this reader understands."""


def _strings(buffer: bytes, offset: int, count: int) -> list[str]:
    """The `count` strings of the constant quark database (CQDB) at `offset`, by id."""
    chunk, _, _, byte_order, _, _ = _CQDB_HEADER.unpack_from(buffer, offset)
    if chunk != b"CQDB" or byte_order != _CQDB_BYTE_ORDER:
        raise ModelFormatError("unexpected string table")
    strings: list[str | None] = [None] * count
    position = offset + _CQDB_RECORDS
    for _ in range(count):  # records are stored one after another in the order they were added
        identifier, size = _RECORD.unpack_from(buffer, position)
        start = position + _RECORD.size
        if not 0 <= identifier < count or size < 1 or buffer[start + size - 1] != 0:
            raise ModelFormatError("unexpected string record")
        strings[identifier] = buffer[start : start + size - 1].decode("utf-8", "surrogateescape")
        position = start + size
    if any(string is None for string in strings):
        raise ModelFormatError("string table has gaps")
    return strings  # type: ignore[return-value]


class _Rows(dict[str, int]):
    """Attribute -> weight row; an attribute the model does not know is UNKNOWN_ROW."""

    def __missing__(self, attribute: str) -> int:
        if "\0" in attribute:  # CRFsuite reads attribute names as C strings
            return self[attribute.partition("\0")[0]]
        return UNKNOWN_ROW


class CRFModel:
    """A CRFsuite model as arrays: `rows` maps an attribute to its row of `state_weights`."""

    def __init__(self, labels: list[str], attributes: list[str], features: np.ndarray) -> None:
        self.labels = tuple(labels)
        size = len(labels)
        self.rows = _Rows((attribute, row) for row, attribute in enumerate(attributes, start=1))
        # Rows padded to a multiple of 8 floats (64 bytes, one cache line): gathering a row then reads one line.
        self._padded_weights = np.zeros((len(attributes) + 1, -(-size // 8) * 8))
        self.state_weights = self._padded_weights[:, :size]
        self.transitions = np.zeros((size, size))
        state = features[features["type"] == _STATE]
        transition = features[features["type"] == _TRANSITION]
        # CRFsuite adds each (attribute, label) and sets each (label, label) weight once: duplicates would need
        # its exact order to be reproduced, and the trainer never writes them.
        if len({(int(a), int(b)) for a, b in zip(state["source"], state["target"], strict=True)}) != len(state):
            raise ModelFormatError("duplicate state features")
        if len({(int(a), int(b)) for a, b in zip(transition["source"], transition["target"], strict=True)}) != len(
            transition
        ):
            raise ModelFormatError("duplicate transition features")
        if len(state) + len(transition) != len(features):
            raise ModelFormatError("unknown feature type")
        self.state_weights[state["source"].astype(np.intp) + 1, state["target"]] = state["weight"]
        self.transitions[transition["source"], transition["target"]] = transition["weight"]

    @classmethod
    def read(cls, path: Path) -> CRFModel:
        buffer = path.read_bytes()
        if len(buffer) < _HEADER.size:
            raise ModelFormatError(f"{path}: too short")
        (magic, _, kind, version, _, label_count, attribute_count, features_at, labels_at, attributes_at, _, _) = (
            _HEADER.unpack_from(buffer, 0)
        )
        if magic != b"lCRF" or kind != b"FOMC" or version != 100:
            raise ModelFormatError(f"{path}: not a CRFsuite first-order model")
        chunk, _, feature_count = _CHUNK.unpack_from(buffer, features_at)
        if chunk != b"FEAT":
            raise ModelFormatError(f"{path}: no feature chunk")
        features = np.frombuffer(buffer, dtype=_FEATURE, count=feature_count, offset=features_at + _CHUNK.size)
        labels = _strings(buffer, labels_at, label_count)
        attributes = _strings(buffer, attributes_at, attribute_count)
        if feature_count and (
            int(features["target"].max()) >= label_count
            or int(features["source"][features["type"] == _STATE].max(initial=0)) >= max(attribute_count, 1)
            or int(features["source"][features["type"] == _TRANSITION].max(initial=0)) >= label_count
        ):
            raise ModelFormatError(f"{path}: feature refers past the tables")
        return cls(labels, attributes, features)

    def row(self, attribute: str) -> int:
        """The weight row of one attribute (UNKNOWN_ROW when the model does not know it)."""
        return self.rows[attribute]

    def state_scores(self, items: list[list[int]]) -> np.ndarray:
        """Per token and label, the sum of its attributes' weights, added in item order as CRFsuite does."""
        counts = np.fromiter(map(len, items), dtype=np.intp, count=len(items))
        width = int(counts.max(initial=0))
        table = np.zeros((len(items), max(width, 1)), dtype=np.intp)  # padding: UNKNOWN_ROW, which adds 0.0
        table[np.arange(width) < counts[:, None]] = np.fromiter(
            chain.from_iterable(items), dtype=np.intp, count=int(counts.sum())
        )
        # accumulate adds left to right (unlike sum's pairwise reduction), so each score is
        # ((0 + w1) + w2) + ... exactly as in crf1dt_state_score.
        return np.add.accumulate(self.state_weights[table], axis=1)[:, -1]

    def partial_score(self, rows: Sequence[int]) -> np.ndarray:
        """The state score of a token whose item starts with these attributes, before the rest is added."""
        return np.add.accumulate(self.state_weights[list(rows) or [UNKNOWN_ROW]], axis=0)[-1]

    def continued_scores(self, start: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Partial scores (tokens x labels) continued by further attributes: `columns[c, t]` is token t's c-th
        (UNKNOWN_ROW where it has none, which adds 0.0), added column after column as CRFsuite adds them."""
        scores = np.zeros((len(start), self._padded_weights.shape[1]))
        scores[:, : len(self.labels)] = start
        weights = np.empty_like(scores)  # one column's weights at a time: a buffer that stays in the CPU's caches
        # a column of UNKNOWN_ROW only would add 0.0 everywhere
        for column in columns[columns.any(axis=1)]:
            self._padded_weights.take(column, axis=0, out=weights)
            scores += weights
        return scores[:, : len(self.labels)]

    def tag(self, items: list[list[int]], lengths: list[int]) -> list[list[str]]:
        """Best label sequence of each sentence; `items` holds the tokens of all sentences, `lengths` their sizes."""
        if sum(lengths) != len(items):
            raise ValueError("sentence lengths do not match the items")
        return self.decode(self.state_scores(items), lengths) if lengths else []

    def decode_many(self, scores: np.ndarray, lengths: list[int], group: int = 256) -> list[list[str]]:
        """`decode` for any number of sentences: the sentences, longest first, are decoded `group` at a time, so
        that each group pads its arrays to a length close to its own sentences' (the tags are `decode`'s: every
        sentence's Viterbi is computed on its own rows)."""
        if len(lengths) <= group:
            return self.decode(scores, lengths)
        if min(lengths, default=1) < 1 or sum(lengths) != len(scores):
            raise ValueError("sentence lengths do not match the scores")
        sizes = np.array(lengths, dtype=np.intp)
        firsts = np.cumsum(sizes) - sizes
        order = np.argsort(-sizes, kind="stable")
        result: list[list[str]] = [[] for _ in lengths]
        for begin in range(0, len(order), group):
            chosen = order[begin : begin + group]
            counts = sizes[chosen]
            rows = np.repeat(firsts[chosen] - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
            for index, tags in zip(chosen.tolist(), self.decode(scores[rows], counts.tolist()), strict=True):
                result[index] = tags
        return result

    def decode(self, scores: np.ndarray, lengths: list[int]) -> list[list[str]]:
        """Viterbi over state scores (tokens x labels) of consecutive sentences of the given lengths."""
        if not lengths:
            return []
        if min(lengths) < 1 or sum(lengths) != len(scores):
            raise ValueError("sentence lengths do not match the scores")
        count, longest, size = len(lengths), max(lengths), len(self.labels)
        sizes = np.array(lengths, dtype=np.intp)
        # Longest sentence first, so that the sentences still running at any step are a prefix of the batch.
        order = np.argsort(-sizes, kind="stable")
        ordered = sizes[order]
        position = np.arange(len(scores)) - np.repeat(np.cumsum(ordered) - ordered, ordered)
        # Time first: state[t] holds every sentence's t-th token, so each step below works on contiguous rows.
        state = np.zeros((longest, count, size))
        state[position, np.repeat(np.arange(count), ordered)] = scores[
            np.repeat((np.cumsum(sizes) - sizes)[order], ordered) + position
        ]
        running = (ordered[None, :] > np.arange(longest)[:, None]).sum(axis=1).tolist()
        alpha = np.empty((longest, count, size))
        back = np.zeros((longest, count, size), dtype=np.intp)
        alpha[0] = state[0]
        step = np.empty((count, size, size))
        transitions = self.transitions
        for t in range(1, longest):
            active = running[t]
            view = step[:active]
            np.add(alpha[t - 1, :active, :, None], transitions, out=view)  # view[s, i, j]: from label i to label j
            view.argmax(axis=1, out=back[t, :active])  # the first of equal best scores, like crf1dc_viterbi's <
            np.maximum.reduce(view, axis=1, out=alpha[t, :active])
            alpha[t, :active] += state[t, :active]
        last = alpha[ordered - 1, np.arange(count)].argmax(axis=1).tolist()
        # One flat list of ints (not one list per step and sentence): the many small lists woke the garbage
        # collector, which then cost more than the decoding itself.
        links = back.ravel().tolist()
        labels = self.labels
        result: list[list[str]] = [[] for _ in lengths]
        for rank, index in enumerate(order.tolist()):
            length = lengths[index]
            best = last[rank]
            path = [best] * length
            for t in range(length - 1, 0, -1):
                best = links[(t * count + rank) * size + best]
                path[t - 1] = best
            result[index] = [labels[label] for label in path]
        return result
