"""Side inputs: the small sources that feed one op, drawn beside it instead of above it.

A weight's ``Placeholder -> ReadVariableOp``, a ``Const``, any op that reads nothing and feeds a
single consumer with other inputs: in a layered layout each takes a rank of its own above its consumer, and a
column of ops becomes a staircase twice as tall. Here each such chain (at most ``MAX_CHAIN`` ops,
each the only input of the next) joins its consumer in one *compound* node of the layered layout:
the chain sits on the consumer's rank, left of it (a second chain right of it), linked by short
level routes. The compound is laid out as one node; its members' other edges start and end at
their own place in it (offsets from its centre).

Edges into a "collector" (control edges into a node that gathers many of them, such as the final
``NoOp`` of a ``tf.function`` that orders every variable read) do not make a consumer: they are
still drawn, from the member's own place, but a ReadVariableOp that also orders the NoOp is still
a side input of the op that reads it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_CHAIN = 2  # ops in one side chain (Placeholder -> ReadVariableOp)
MAX_SIDES = 2  # side chains beside one consumer: one left, one right (a level link cannot pass another)
SIDE_GAP = 14.0  # between a side input and what it feeds: room for the arrowhead


@dataclass(frozen=True)
class Link:
    """One edge of a group's layered layout, in layout direction: ``a -> b`` (local node
    indices, or ``-1``/``-2`` for the entry/exit port); ``aux``: only collector edges."""
    a: int
    b: int
    aux: bool


@dataclass
class Compounds:
    comp_of: list[int]  # local node -> compound
    offset: list[float]  # local node -> u of its centre from its compound's centre
    width: list[float]  # per compound, layout space (u across ranks)
    height: list[float]
    side_links: set[int] = field(default_factory=set)  # indices of links drawn level, inside a compound
    side: list[int] = field(default_factory=list)  # local node -> -1 left of its consumer, +1 right, 0 not a side

    @property
    def count(self) -> int:
        return len(self.width)


def find_compounds(k: int, widths: list[float], heights: list[float], leafish: list[bool],
                   links: list[Link]) -> Compounds:
    """Group ``k`` local nodes into compounds: each consumer with its side chains, every other
    node alone. ``leafish``: the node is drawn as a plain box (an op or a folded group), whose
    edges may leave from its side; an expanded group's run through its ports.

    A consumer whose only other inputs are constants written on it (``+1 const``) gets no side
    chain: measured, ResNet50's batch norms then set four [Placeholder, ReadVariableOp, Reshape]
    rows side by side and the picture doubles in width for a rank saved."""
    ins: list[set[int]] = [set() for _ in range(k)]
    outs_main: list[set[int]] = [set() for _ in range(k)]
    link_of: dict[tuple[int, int], list[int]] = {}
    for i, ln in enumerate(links):
        if ln.b >= 0:
            ins[ln.b].add(ln.a)
        if ln.a >= 0 and not ln.aux:
            outs_main[ln.a].add(ln.b)
        if ln.a >= 0 and ln.b >= 0:
            link_of.setdefault((ln.a, ln.b), []).append(i)
    chains: dict[int, list[list[int]]] = {}  # consumer -> its side chains (source first)
    for v in range(k):
        if not leafish[v] or ins[v] or len(outs_main[v]) != 1:
            continue
        chain = [v]
        nxt = next(iter(outs_main[v]))
        while nxt >= 0 and leafish[nxt] and len(chain) < MAX_CHAIN and ins[nxt] == {chain[-1]} \
                and len(outs_main[nxt]) == 1:
            chain.append(nxt)
            nxt = next(iter(outs_main[nxt]))
        if nxt < 0 or not leafish[nxt] or len(ins[nxt]) < 2:
            continue  # it must feed an op that has other inputs: else the chain is the main flow
        sides = chains.setdefault(nxt, [])
        if len(sides) < MAX_SIDES:
            sides.append(chain)
    # a member's other edges may not end in its own compound (they would have to run level too)
    member_of: dict[int, int] = {}
    for c, sides in chains.items():
        for chain in sides:
            for m in chain:
                member_of[m] = c
    for c in list(chains):
        mine = {c} | {m for chain in chains[c] for m in chain}
        linked = {(chain[j], (chain + [c])[j + 1]) for chain in chains[c] for j in range(len(chain))}
        if any((p, q) not in linked for p in mine for q in mine if (p, q) in link_of):
            for chain in chains.pop(c):
                for m in chain:
                    member_of.pop(m, None)
    return _place(k, widths, heights, chains, member_of, link_of)


def _place(k, widths, heights, chains, member_of, link_of) -> Compounds:
    comp_of = [-1] * k
    offset = [0.0] * k
    side = [0] * k
    cw: list[float] = []
    ch: list[float] = []
    side_links: set[int] = set()
    for v in range(k):
        if v in member_of:
            continue
        cid = len(cw)
        sides = chains.get(v, [])
        left = [chain for j, chain in enumerate(sides) if j % 2 == 0]
        right = [chain for j, chain in enumerate(sides) if j % 2 == 1]
        # along u: left chain, consumer, right chain (each flows inwards, towards the consumer)
        row = [m for chain in reversed(left) for m in chain] + [v] + \
            [m for chain in right for m in reversed(chain)]
        total = sum(widths[m] for m in row) + SIDE_GAP * (len(row) - 1)
        acc = -total / 2
        for m in row:
            comp_of[m] = cid
            offset[m] = acc + widths[m] / 2
            acc += widths[m] + SIDE_GAP
        for chain in left:
            for m in chain:
                side[m] = -1
        for chain in right:
            for m in chain:
                side[m] = 1
        for chain in sides:
            for p, q in zip(chain, chain[1:] + [v]):
                side_links.update(link_of[(p, q)])
        cw.append(total)
        ch.append(max(heights[m] for m in row))
    return Compounds(comp_of, offset, cw, ch, side_links, side)
