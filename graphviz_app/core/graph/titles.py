"""Titles of the groups that the data flow made (stages, runs of twins), from their ops' names.

A stage whose items' names share a prefix is named by it, cut back to whole name parts
(``conv2_block1_*``), when no sibling shares it. A twin without such a name gets its role and
its position among its twins ("normal block 7 of 18"; ``twins.py`` reads the role); a stage that
is no twin gets its role when the names have one, and otherwise the names of its first and last
items ("stem_conv1 … reduction_bn_1"), which is also every made group's ``name`` (the tooltip
says where in the graph it lies). A run is "×N" after its twins' common name (``conv4_block ×5``)
or role (``normal block ×6``).
"""
from __future__ import annotations

import os
from collections import Counter

import numpy as np

from graphviz_app.core.graph.twins import RoleFinder, role_label, run_title, twin_title

ROLE_SAMPLE = 8  # twins whose names are read for their role
SPAN_END = 24  # characters of each end of a "first … last" title
_SEPARATORS = "_/.-:"


def set_titles(builder) -> None:
    """Give the stages and runs a StructureBuilder made their titles and names."""
    n, groups = builder.n, builder.groups
    pre: list[int] = []
    stack = [builder.tree.root]
    while stack:
        g = stack.pop()
        pre.append(g)
        stack.extend(reversed([c for c in groups[g].children if c >= n]))
    by_key: dict[int, list[int]] = {}
    for g in pre:
        if g in builder.key:
            by_key.setdefault(builder.key[g], []).append(g)
    rank = {g: i + 1 for same in by_key.values() for i, g in enumerate(same)}
    roles = RoleFinder(builder.names)
    role_of: dict[int, str] = {}

    def role(key: int) -> str:
        if key not in role_of:
            twins = by_key[key][:ROLE_SAMPLE]
            context = set()  # what they are part of (a run says nothing new)
            for g in twins:
                p = groups[g].parent
                while builder.kind.get(p) == "run":
                    p = groups[p].parent
                context.add(p)
            leaves = np.concatenate([builder.leaves_of(p) for p in sorted(context)])
            role_of[key] = roles.role([builder.leaves_of(g) for g in twins], roles.count(leaves), len(leaves))
        return role_of[key]

    prefix: dict[int, str] = {}  # common name prefix of a virtual group's items
    names_of: dict[int, list[str]] = {}
    ends: dict[int, tuple[str, str]] = {}  # names of its first and last items
    for g in reversed(pre):
        grp = groups[g]
        if grp.virtual:
            names = [prefix[c] if c in prefix else builder._item_name(c, builder.scope[g]) for c in grp.children]
            prefix[g], names_of[g] = os.path.commonprefix(names), names
            ends[g] = (ends[grp.children[0]][0] if grp.children[0] in ends else names[0],
                       ends[grp.children[-1]][1] if grp.children[-1] in ends else names[-1])
    for parent in pre:
        made = [c for c in groups[parent].children if c in prefix]
        clean = {c: _clean_prefix(prefix[c], names_of[c]) for c in made}
        titles: dict[int, str] = {}
        for g in made:
            key = builder.key[g]
            if builder.kind[g] == "run":
                member = builder.run_member[g]
                base = _run_base(prefix[g], names_of[g]) or role_label(role(member) if member in by_key else "")
                titles[g] = run_title(base, builder.run_len[g])
            elif clean[g] and list(clean.values()).count(clean[g]) == 1:
                titles[g] = f"{clean[g]}_*"
            elif len(by_key[key]) >= 2:
                titles[g] = twin_title(role_label(role(key)), rank[g], len(by_key[key]))
            else:
                titles[g] = role(key)
        plain = Counter(t for g, t in titles.items() if builder.kind[g] != "run")
        for g in made:
            grp = groups[g]
            span = f"{_short(ends[g][0])} … {_short(ends[g][1])}"
            grp.title = titles[g] if titles[g] and (builder.kind[g] == "run" or plain[titles[g]] == 1) else span
            where = f"{_short(ends[g][0], 200)} … {_short(ends[g][1], 200)}"  # for tooltips
            grp.name = f"{builder.scope[g]}/{where}" if builder.scope[g] else where


def _clean_prefix(prefix: str, names: list[str]) -> str:
    """A common name prefix cut back to whole name parts: 'conv2_block1_' of conv2_block1_*
    gives 'conv2_block1', 'block4' of block4a_*, block4b_* stays (a letter follows a digit)."""
    for i in range(len(prefix), 1, -1):
        if prefix[i - 1] in _SEPARATORS:
            continue
        if all(_token_end(name, i) for name in names):
            return prefix[:i]
    return ""


def _token_end(name: str, i: int) -> bool:
    if i >= len(name) or name[i] in _SEPARATORS:
        return True
    return name[i - 1].isdigit() != name[i].isdigit()


def _run_base(prefix: str, names: list[str]) -> str:
    """'conv4_block' from the names of conv4_block2 .. conv4_block6 ('block1' of block10..block19
    loses its '1': the names differ inside that number)."""
    p = prefix
    if p and p[-1].isdigit() and all(len(s) > len(p) and s[len(p)].isdigit() for s in names):
        p = p.rstrip("0123456789")
    p = p.rstrip(_SEPARATORS)
    return p if len(p) >= 2 else ""


def _short(name: str, most: int = SPAN_END) -> str:
    """One end of a span title: a name, cut short ('separable_conv_2_bn_reduc…')."""
    name = name[:-2] if name.endswith("_*") else name
    return name if len(name) <= most else name[:most - 1] + "…"
