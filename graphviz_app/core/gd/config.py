"""What a gradient-descent run is asked to do: its configuration, the settings the app may change
while it trains, and where it runs (the device TF chose or the user asked for)."""
from __future__ import annotations

import threading
from dataclasses import dataclass

OPTIMIZERS = ("gd", "momentum", "adam")
MODES = ("eager", "graph")
DEVICES = ("auto", "cpu", "gpu")
DEFAULT_LR = {"gd": 0.1, "momentum": 0.05, "adam": 0.1}
DIVERGENCE_FACTOR = 1e6  # the loss grew this much over its first value: the run diverged
FRAME_S = 1 / 60  # at most this many progress reports per second
HISTORY_COLUMNS = ("step", "w", "b", "loss", "grad_w", "grad_b", "lr")


class DeviceError(RuntimeError):
    """The requested device is not there (e.g. a GPU on a CPU-only machine)."""


# --------------------------------------------------------------------------- configuration
@dataclass(frozen=True)
class TrainConfig:
    optimizer: str = "gd"
    lr: float | None = None  # None: DEFAULT_LR[optimizer]
    batch_size: int | None = None  # None or 0: full batch
    mode: str = "graph"  # "eager" or "graph" (tf.function)
    device: str = "auto"
    w0: float = 0.0
    b0: float = 0.0
    seed: int = 0  # mini-batch shuffling
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-7

    def __post_init__(self) -> None:
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {OPTIMIZERS}, not {self.optimizer!r}")
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")
        if self.device not in DEVICES:
            raise ValueError(f"device must be one of {DEVICES}, not {self.device!r}")

    @property
    def learning_rate(self) -> float:
        return float(self.lr if self.lr is not None else DEFAULT_LR[self.optimizer])


class LiveSettings:
    """What the app may change while the engine trains (learning rate, speed, pause): set by
    the running job's messages (core/jobs.py, gd_train), read by the loop every frame."""

    def __init__(self, lr: float = DEFAULT_LR["gd"], steps_per_frame: int | None = None):
        self._lock = threading.Lock()
        self._lr = float(lr)
        self._steps_per_frame = steps_per_frame
        self._pause = threading.Event()

    @property
    def lr(self) -> float:
        with self._lock:
            return self._lr

    def set_lr(self, lr: float) -> None:
        with self._lock:
            self._lr = float(lr)

    @property
    def steps_per_frame(self) -> int | None:
        with self._lock:
            return self._steps_per_frame

    def set_steps_per_frame(self, steps: int | None) -> None:
        with self._lock:
            self._steps_per_frame = steps if steps and steps > 0 else None

    @property
    def pause_requested(self) -> bool:
        return self._pause.is_set()

    def request_pause(self) -> None:
        self._pause.set()

    def clear_pause(self) -> None:
        self._pause.clear()

    def wait(self, seconds: float) -> None:
        """Sleep up to ``seconds``; a pause request wakes the sleeper at once."""
        self._pause.wait(seconds)


def resolve_device(request: str) -> str:
    """'auto' → '/GPU:0' if TF lists a GPU, else '/CPU:0'; 'gpu' without one is a DeviceError."""
    import tensorflow as tf

    if request not in DEVICES:
        raise DeviceError(f"device must be one of {', '.join(DEVICES)}, not {request!r}")
    gpus = tf.config.list_physical_devices("GPU")
    if request == "gpu" and not gpus:
        raise DeviceError("no GPU is visible to TensorFlow (tf.config.list_physical_devices('GPU') "
                          "is empty); use the CPU or 'auto'")
    return "/GPU:0" if gpus and request in ("auto", "gpu") else "/CPU:0"


def default_device() -> str:
    """Where TF puts an op nobody placed: the first GPU if it sees one, else the CPU."""
    import tensorflow as tf

    return "/GPU:0" if tf.config.list_physical_devices("GPU") else "/CPU:0"
