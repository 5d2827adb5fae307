"""One engine process for the red-team files of this folder (TensorFlow imported once)."""
import pytest

from graphviz_app.core import jobs
from graphviz_app.core.engine.sync import SyncEngine


@pytest.fixture(scope="package")
def engine():
    eng = SyncEngine()
    # TF's import (3-4 s) happens inside the first job: keep it out of the timed attacks
    eng.call(jobs.run_snippet, "import tensorflow as tf\nprint(tf.constant(1.0))\n", "warm", None,
             wall_s=jobs.run_wall_s())
    yield eng
    eng.close()
