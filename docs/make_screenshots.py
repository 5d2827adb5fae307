"""Regenerate the README's screenshots, each with the headless export (`python main.py export`).

    python docs/make_screenshots.py                   # every picture into docs/
    python docs/make_screenshots.py graph tape        # only these (by picture or view name)
    python docs/make_screenshots.py --out /tmp/shots --compare docs   # make and compare

One picture per view ``discover_views()`` finds, from the example that shows it best, at the
1366x768 the app is designed for (the main window also at its export default), in English, light
theme, offscreen. A view without an entry below is reported, so a new view is not forgotten; an
entry whose view is missing (still being built) is skipped. Runs are sequential: the pictures
show measured timings, and two exports at once on a small machine would slow each other.

Two runs give the same pictures except where they show a measurement (timings, "finished in");
``--compare DIR`` says, per picture, how many pixels differ from DIR's copy and where.
The Chinese window (``window-zh.png``) is made by ``tools/lesson_screenshot.py``, which opens a
lesson step, something the export command has no option for.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SIZE = "1366x768"


@dataclass
class Shot:
    file: str
    view: str
    source: str
    size: str | None = SIZE
    extra: list[str] = field(default_factory=list)


SHOTS = [
    Shot("window.png", "window", "seed_gradient", size=None),  # the export default, 1600x1000
    Shot("graph.png", "graph", "autograph_loop", extra=["--expand", "all"]),  # a While op, a folded group
    Shot("eager_vs_graph.png", "eager_vs_graph", "seed_tf_function"),
    Shot("timeline.png", "timeline", "seed_tf_function"),
    Shot("tape.png", "tape", "seed_persistent"),
    Shot("backward.png", "backward", "seed_gradient"),
    Shot("gd_lab.png", "gd", "seed_linear_regression", extra=["--steps", "40"]),
]
NOT_SHOWN_ALONE = {"ops"}  # the op table is the window picture's current tab
LESSON_SHOT = "window-zh.png"


def environment() -> dict:
    """Offscreen, English, no user settings, quiet TensorFlow: the same picture on every run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", LC_ALL="C.UTF-8", LANGUAGE="en",
               TF_CPP_MIN_LOG_LEVEL="2", PYTHONHASHSEED="0", QT_SCALE_FACTOR="1")
    return env


def available_views() -> list[str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from graphviz_app.ui.views.base import discover_views, discovery_errors

    for module, text in discovery_errors:
        print(f"note: the view module {module} does not import:\n{text}", file=sys.stderr)
    return [v.view_name for v in discover_views()]


def export(shot: Shot, out_dir: Path) -> tuple[bool, str]:
    command = [sys.executable, str(ROOT / "main.py"), "export", shot.source, "--view", shot.view,
               "-o", str(out_dir / shot.file), *shot.extra]
    if shot.size:
        command += ["--size", shot.size]
    done = subprocess.run(command, cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=600)
    return done.returncode == 0, (done.stdout.strip() or done.stderr.strip()[-2000:])


def lesson_shot(out_dir: Path) -> tuple[bool, str]:
    tool = ROOT / "tools" / "lesson_screenshot.py"
    if not tool.is_file():
        return False, "tools/lesson_screenshot.py is missing"
    done = subprocess.run([sys.executable, str(tool), "-o", str(out_dir / LESSON_SHOT)], cwd=ROOT,
                          env=environment(), capture_output=True, text=True, timeout=600)
    return done.returncode == 0, (done.stdout.strip() or done.stderr.strip()[-2000:])


def compare(made: Path, reference: Path) -> str:
    """'identical', or how many pixels differ and the boxes around the differing regions."""
    import numpy as np
    from PySide6.QtGui import QImage

    def pixels(path: Path):
        image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
        if image.isNull():
            return None
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        return rows[:, :image.width() * 4].reshape(image.height(), image.width(), 4).copy()  # image is freed

    a, b = pixels(made), pixels(reference)
    if b is None:
        return "no reference picture"
    if a.shape != b.shape:
        return f"size {a.shape[1]}x{a.shape[0]} vs {b.shape[1]}x{b.shape[0]}"
    differ = (a != b).any(axis=2)
    count = int(differ.sum())
    if not count:
        return "identical"
    rows = {int(y): [int(xs.min()), int(xs.max())] for y in np.flatnonzero(differ.any(axis=1))
            for xs in [np.flatnonzero(differ[y])]}
    return f"{count} pixels differ ({100 * count / differ.size:.2f}%) in {_boxes(rows)}"


def _boxes(rows: dict[int, list[int]]) -> str:
    """Differing rows grouped into bands: 'x0-x1,y0-y1' boxes, enough to find them by eye."""
    boxes, band = [], None
    for y in sorted(rows):
        x0, x1 = rows[y]
        if band and y <= band[3] + 4:
            band = [min(band[0], x0), band[1], max(band[2], x1), y]
        else:
            if band:
                boxes.append(band)
            band = [x0, y, x1, y]
    if band:
        boxes.append(band)
    return ", ".join(f"x {b[0]}-{b[2]} y {b[1]}-{b[3]}" for b in boxes[:8]) + (" …" if len(boxes) > 8 else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="picture files or view names to make (default: all)")
    parser.add_argument("--out", default=str(DOCS), help="folder for the pictures (default docs/)")
    parser.add_argument("--compare", default=None, help="a folder of earlier pictures to compare with")
    args = parser.parse_args(argv)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    views = available_views()
    shots = [s for s in SHOTS if s.view == "window" or s.view in views]
    for shot in SHOTS:
        if shot not in shots:
            print(f"skip {shot.file}: there is no {shot.view!r} view (yet)")
    for view in sorted(set(views) - {s.view for s in SHOTS} - NOT_SHOWN_ALONE):
        print(f"note: the view {view!r} has no screenshot entry in {Path(__file__).name}")
    wanted = [s for s in shots if not args.only or s.file in args.only or s.view in args.only
              or s.file.removesuffix(".png") in args.only]
    make_lesson = not args.only or LESSON_SHOT in args.only or "window-zh" in args.only
    failed = 0
    jobs = [(shot.file, lambda s=shot: export(s, out_dir)) for shot in wanted]
    if make_lesson:
        jobs.append((LESSON_SHOT, lambda: lesson_shot(out_dir)))
    for file, job in jobs:
        start = time.perf_counter()
        ok, message = job()
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {file} ({time.perf_counter() - start:.0f} s): {message}", flush=True)
        if ok and args.compare:
            print(f"     vs {args.compare}: {compare(out_dir / file, Path(args.compare) / file)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
