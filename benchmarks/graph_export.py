"""How fast and how big the graph view's exports are: SVG, PDF and PNG of ResNet50 and of the
~19.5k-op graph (DenseNet201 + EfficientNetB7 + NASNetLarge in one tf.function), fully open.

For each graph and format it prints, in one run:
- the wall time of the whole command ``python main.py export G.pb --view graph --expand all -o
  OUT`` (a fresh process: engine start, TensorFlow's import there, loading, layout, writing), and
  its ratio to ``python -c "import tensorflow"`` timed in the same run (goal: SVG of ResNet50
  <= 1.5x, of the 20k-op graph <= 2.5x);
- the writer alone: CPU seconds of the drawing and the file (the model already loaded and laid
  out, in this process);
- bytes per op of what was written (PNG: the overview and every tile), and the files.

The graphs come from ``--graphs DIR`` (resnet50.pb, big20k.pb) when there, else they are traced
from keras.applications with weights=None (nothing downloaded; see graph_layout.py's ``trace``).

    python benchmarks/graph_export.py [--graphs /work/graphs] [--only resnet50] [--formats svg,pdf]
"""
from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GRAPHS = {"resnet50": ["ResNet50"], "big20k": ["DenseNet201", "EfficientNetB7", "NASNetLarge"]}
GOALS = {"resnet50": 1.5, "big20k": 2.5}  # the whole SVG command against `import tensorflow`
BYTES_GOAL = 1024  # SVG bytes per op


def wall(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    return time.perf_counter() - start, done


def import_tensorflow_s(repeats: int) -> float:
    return statistics.median(wall([sys.executable, "-c", "import tensorflow"])[0] for _ in range(repeats))


def graph_file(name: str, folder: Path | None, tmp: Path) -> Path:
    if folder is not None and (folder / f"{name}.pb").is_file():
        return folder / f"{name}.pb"
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from graph_layout import trace  # keras.applications, weights=None

    out = tmp / f"{name}.pb"
    print(f"  tracing {name} from keras.applications (weights=None) ...", flush=True)
    out.write_bytes(trace(GRAPHS[name]).SerializeToString())
    return out


def written(out: Path) -> tuple[int, int]:
    """(bytes, files) of an export: the file, and its tiles if any."""
    files = [out] if out.exists() else []
    tiles = out.with_name(out.stem + "_tiles")
    if tiles.is_dir():
        files += sorted(tiles.glob("r*_c*.png"))
    return sum(f.stat().st_size for f in files), len(files)


def whole_command(pb: Path, out: Path) -> tuple[float, str]:
    seconds, done = wall([sys.executable, str(ROOT / "main.py"), "export", str(pb), "--view", "graph",
                          "--expand", "all", "-o", str(out)])
    if done.returncode != 0:
        return seconds, "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    return seconds, ""


def load_model(pb: Path):
    from graphviz_app.core import jobs
    from graphviz_app.core.engine.sync import SyncEngine

    with SyncEngine() as engine:
        model = engine.call(jobs.load_graph, str(pb))
    if isinstance(model, str):
        raise SystemExit(model)
    return pickle.loads(pickle.dumps(model))


def writer_alone(model, out: Path) -> tuple[float, float, float]:
    """CPU seconds of (layout, drawing, file) in this process, the view's own steps."""
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    from graphviz_app.ui.graph.session import GraphSession
    from graphviz_app.ui.views.graph.export import apply_folding, picture_of, picture_options
    from graphviz_app.ui.views.graph.picture_files import write_picture

    t0 = time.process_time()
    session = GraphSession("bench", model)
    session.ensure_engine(picture_options())
    apply_folding(session.engine, "all", None)
    session.layout = session.engine.layout()
    t1 = time.process_time()
    drawing = picture_of(session)
    t2 = time.process_time()
    write_picture(drawing, out)
    t3 = time.process_time()
    return t1 - t0, t2 - t1, t3 - t2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graphs", type=Path, default=Path("/work/graphs"))
    ap.add_argument("--only", default="", help="resnet50 or big20k")
    ap.add_argument("--formats", default="svg,pdf,png")
    ap.add_argument("--repeats", type=int, default=1, help="runs of `import tensorflow` (median)")
    args = ap.parse_args()
    names = [n for n in GRAPHS if not args.only or n == args.only]
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        graphs = {n: graph_file(n, args.graphs, tmp) for n in names}
        tf_s = import_tensorflow_s(args.repeats)
        print(f"import tensorflow: {tf_s:.2f} s (wall, median of {args.repeats})\n")
        print(f"{'graph':9} {'fmt':4} {'ops':>6} {'command s':>9} {'x tf':>5} {'goal':>5} "
              f"{'layout':>6} {'drawing':>7} {'file':>6} {'bytes/op':>9} {'files':>5}")
        for name, pb in graphs.items():
            model = load_model(pb)
            ops = len(model)
            for fmt in formats:
                out = tmp / f"{name}.{fmt}"
                seconds, problem = whole_command(pb, out)
                size, count = written(out)
                inner = tmp / f"{name}-inner.{fmt}"
                layout_s, drawing_s, file_s = writer_alone(model, inner)
                goal = GOALS[name] if fmt == "svg" else None
                ratio = seconds / tf_s
                flag = "" if goal is None else ("  ok" if ratio <= goal else "  OVER")
                print(f"{name:9} {fmt:4} {ops:6d} {seconds:9.2f} {ratio:5.2f} "
                      f"{(f'{goal:.1f}' if goal else '-'):>5} {layout_s:6.2f} {drawing_s:7.2f} {file_s:6.2f} "
                      f"{size / ops:9.0f} {count:5d}{flag}{'  ' + problem if problem else ''}", flush=True)
                if fmt == "svg" and size / ops > BYTES_GOAL:
                    print(f"          SVG is {size / ops:.0f} bytes per op, over {BYTES_GOAL}")
        tf_after = import_tensorflow_s(args.repeats)
        print(f"\nimport tensorflow again at the end: {tf_after:.2f} s (the machine's load drifts; "
              f"ratios above use the first)")


if __name__ == "__main__":
    main()
