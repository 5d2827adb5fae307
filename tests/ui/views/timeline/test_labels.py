"""Where the timeline's labels go (labels.place, pure geometry): inside the bar when the text fits,
else beside it with a leader that touches both, else in the gap above the row; never over another
label or over a bar but its own."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphviz_app.ui.views.timeline import labels as tl

VIEW = tl.Rect(0, 0, 900, 400)
ROW_H, TEXT_H = 30.0, 15.0


def row_bars(row: int, spans: list[tuple[float, float]]) -> list[tl.Rect]:
    top = 40 + row * 50
    return [tl.Rect(x, top, x + w, top + ROW_H) for x, w in spans]


def requests_for(bars: list[tl.Rect], widths: list[float]) -> list[tl.Request]:
    return [tl.Request(bar, w, TEXT_H, bar.y0 - 10) for bar, w in zip(bars, widths)]


def check_placements(bars: list[tl.Rect], requests: list[tl.Request], placements: list[tl.Placement]) -> None:
    placed = [(r, p) for r, p in zip(requests, placements) if p.rect is not None]
    for i, (req, p) in enumerate(placed):
        rect = p.rect
        assert rect.width == pytest.approx(req.width) and rect.height == pytest.approx(req.height)
        assert rect.x0 >= VIEW.x0 and rect.x1 <= VIEW.x1
        for other_req, other in placed[i + 1:]:
            assert not rect.hits(other.rect), (req, other_req)
        if p.mode == "inside":
            assert req.bar.x0 <= rect.x0 and rect.x1 <= req.bar.x1
            assert p.leader is None
            continue
        for bar in bars:  # beside or above: over no bar at all
            assert not rect.hits(bar), (req.bar, bar)
        x0, y0, x1, y1 = p.leader
        if p.mode == "right":
            assert (x0, x1) == (req.bar.x1, rect.x0) and y0 == y1 == req.bar.cy
        elif p.mode == "left":
            assert (x0, x1) == (rect.x1, req.bar.x0) and y0 == y1 == req.bar.cy
        else:
            assert p.mode == "above"
            assert req.bar.x0 <= x0 <= req.bar.x1 and y0 == req.bar.y0  # leaves the bar's top
            assert rect.x0 <= x1 <= rect.x1 and y1 == rect.y1  # reaches the label's bottom
        if p.mode in ("right", "left"):  # nothing but the leader between a bar and its label
            lo, hi = sorted((x0, x1))
            for bar in bars:
                if bar is not req.bar and abs(bar.cy - req.bar.cy) < ROW_H:
                    assert bar.x1 <= lo or bar.x0 >= hi


def test_a_text_that_fits_goes_inside():
    bars = row_bars(0, [(100, 80)])
    [p] = tl.place(requests_for(bars, [40]), bars, VIEW)
    assert p.mode == "inside" and p.leader is None


def test_a_text_too_wide_sits_beside_with_a_leader():
    bars = row_bars(0, [(100, 20), (400, 10)])
    placements = tl.place(requests_for(bars, [60, 60]), bars, VIEW)
    assert [p.mode for p in placements] == ["right", "right"]
    check_placements(bars, requests_for(bars, [60, 60]), placements)


def test_neighbours_push_a_label_to_the_left_then_above():
    # three narrow bars a few px apart: no text fits between them
    bars = row_bars(1, [(300, 4), (310, 4), (320, 4)])
    requests = requests_for(bars, [40, 40, 40])
    placements = tl.place(requests, bars, VIEW)
    assert [p.mode for p in placements] == ["left", "above", "right"]
    check_placements(bars, requests, placements)


def test_the_last_bar_of_the_view_labels_to_its_left():
    bars = row_bars(0, [(880, 10)])
    [p] = tl.place(requests_for(bars, [50]), bars, VIEW)
    assert p.mode == "left"


spans = st.lists(st.tuples(st.floats(0, 880), st.floats(0.2, 120)), min_size=1, max_size=25)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(spans, min_size=1, max_size=4), widths=st.lists(st.floats(15, 120), min_size=100,
                                                                      max_size=100))
def test_placed_labels_never_overlap_and_always_point_at_their_bar(rows, widths):
    bars: list[tl.Rect] = []
    for row, row_spans in enumerate(rows):
        # a row's bars do not overlap one another (TF's events on one lane follow each other)
        row_spans = sorted(row_spans)
        kept, end = [], -1.0
        for x, w in row_spans:
            if x > end:
                kept.append((x, min(w, 899 - x)))
                end = x + w
        bars += row_bars(row, kept)
    requests = requests_for(bars, widths)
    check_placements(bars, requests, tl.place(requests, bars, VIEW))


def test_a_lone_bar_in_an_empty_row_is_always_labelled():
    for x in (0, 5, 200, 450, 895):
        bars = row_bars(2, [(x, 1)])
        [p] = tl.place(requests_for(bars, [80]), bars, VIEW)
        assert p.rect is not None, x
