"""Repeated structure: a canonical hash per group, runs of twins, and what to call them.

A group's key is a Merkle hash built bottom-up: an op's key is its op type; a group's key hashes
its children's keys and the edges between its children, made independent of how the children
happen to be numbered by three rounds of Weisfeiler-Lehman refinement (each child's label absorbs
the multiset of labels of the children it reads from and feeds, edge multiplicities included),
then the multiset of labels and the multiset of labelled edges. Equal structure (the same op types wired the
same way, level by level) gives the same key; groups with one key are *twins*. A run is two or
more consecutive twins at one level, each feeding the next: they fold into one item "×N".

A twin's role is read from the names of its ops: the word that the twins' op names carry most
often compared with the rest of the group they are part of (NASNet: "normal", "reduction"). Titles are
core messages (``layout.twin``, ``layout.run``) the UI translates.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

from graphviz_app.core.messages import message

WL_ROUNDS = 3
ROLE_PRESENCE = 0.8  # a role word is in the names of at least this share of the twins,
ROLE_SHARE = 0.5  # ...of at least this share of their ops,
MIN_CONTRAST = 0.1  # ...and of this much larger a share of their ops than of the others
_WORDS = re.compile(r"[a-z]{3,}")
_UNITS = {"block", "blocks", "cell", "cells", "layer", "layers", "stage", "stages", "module", "modules",
          "unit", "units", "group", "groups"}


def op_key(op: str) -> int:
    return zlib.crc32(op.encode())


def structure_key(child_keys: list[int], pairs: list[tuple[int, int, int]]) -> int:
    """Key of a group: children's keys and the edges (a, b, count) between children. Multisets
    are hashed as sums of their elements' hashes, so no order of children or edges matters."""
    k = len(child_keys)
    h = list(child_keys)
    for _ in range(WL_ROUNDS if pairs else 0):
        inn = [0] * k
        out = [0] * k
        for a, b, c in pairs:
            inn[b] += hash((h[a], c))
            out[a] += hash((h[b], c))
        h = [hash((x, i, o)) for x, i, o in zip(h, inn, out)]
    return hash((k, tuple(sorted(h)), sum(hash((h[a], h[b], c)) for a, b, c in pairs)))


def key_text(key: int) -> str:
    return f"{key & 0xFFFFFFFFFFFF:012x}"


def find_runs(keys: list[int | None], chained: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs [lo, hi) of >= 2 consecutive equal keys (None: an op, never part of a run) where
    each item feeds the next (``(i, i + 1) in chained``)."""
    runs = []
    i, m = 0, len(keys)
    while i < m:
        j = i + 1
        if keys[i] is not None:
            while j < m and keys[j] == keys[i] and (j - 1, j) in chained:
                j += 1
        if j - i >= 2:
            runs.append((i, j))
        i = j
    return runs


class RoleFinder:
    """The role word of a set of twins, from their ops' names (the op's own last name segment
    is left out: it is the op type's name, 'Relu', 'concat', not a role)."""

    def __init__(self, names: list[str]):
        scopes: dict[str, int] = {}
        self.scope_of = np.fromiter((scopes.setdefault(name.rpartition("/")[0], len(scopes)) for name in names),
                                    np.int64, len(names))
        self.vocab: dict[str, int] = {}
        pair_scope, pair_word = [], []
        for i, scope in enumerate(scopes):
            for word in set(_WORDS.findall(scope.lower())):
                pair_scope.append(i)
                pair_word.append(self.vocab.setdefault(word, len(self.vocab)))
        self.pair_scope = np.asarray(pair_scope, np.int64)
        self.pair_word = np.asarray(pair_word, np.int64)
        self.n_scopes = len(scopes)
        self.words = sorted(self.vocab, key=self.vocab.get)

    def count(self, leaves: np.ndarray) -> np.ndarray:
        """Per word (``self.words``): the number of the leaves whose name has it."""
        per_scope = np.bincount(self.scope_of[leaves], minlength=self.n_scopes)
        return np.bincount(self.pair_word, weights=per_scope[self.pair_scope], minlength=len(self.vocab))

    def role(self, groups_leaves: list[np.ndarray], context: np.ndarray, context_size: int) -> str:
        """The role word of twins given as their leaves, or '' if names say nothing: the word
        that is in the most of their ops' names compared with the rest of their context (the
        group they are part of, its words counted by ``count``)."""
        if not self.words:
            return ""
        counts = np.stack([self.count(leaves) for leaves in groups_leaves])
        inside = counts.sum(axis=0)
        total = max(sum(len(leaves) for leaves in groups_leaves), 1)
        share = inside / total
        rest = np.maximum(context - inside, 0) / max(context_size - total, 1)
        score = np.where(((counts > 0).sum(axis=0) >= ROLE_PRESENCE * len(groups_leaves)) &
                         (share >= ROLE_SHARE), share - rest, -1.0)
        best = int(np.argmax(score))  # ties: the first word met in the names
        return self.words[best] if score[best] > MIN_CONTRAST else ""


def role_label(role: str) -> str:
    """'normal' -> 'normal block'; '' -> 'block'; a role that is a kind of unit stays."""
    if not role:
        return message("layout.block")
    return role if role in _UNITS else message("layout.role_block", role=role)


def twin_title(label: str, index: int, count: int) -> str:
    """'normal block 7 of 18' (a core message: the UI shows it in its language)."""
    return message("layout.twin", label=label, index=index, count=count)


def run_title(label: str, count: int) -> str:
    """'normal block ×6', 'conv4_block ×5'."""
    return message("layout.run", label=label, count=count)
