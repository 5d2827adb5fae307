"""How objects cross between the app and the engine process.

Messages are pickled. Whatever cannot or should not leave the engine (TensorFlow objects, a
trainer holding Variables, a function defined by the snippet) stays there and crosses as a
``Remote`` handle; handing the handle back to a job gives that job the real object again.
Pickle's persistent ids do this at any depth, so a RunReport keeps its traced functions as
handles while its plain data (ops, values, graphs) crosses whole.
"""
from __future__ import annotations

import io
import itertools
import pickle
import sys
import threading
import types
import weakref
from typing import Any

_ENGINE_PACKAGES = ("tensorflow", "keras", "tf_keras", "tensorboard", "tensorflow_core")


class StaleHandleError(RuntimeError):
    """A job was handed an object of an engine process that has since been restarted."""


class Remote:
    """An object that lives in the engine process; only jobs can use it."""

    __slots__ = ("id", "generation", "type_name", "__weakref__")

    def __init__(self, handle_id: int, generation: int, type_name: str):
        self.id, self.generation, self.type_name = handle_id, generation, type_name

    def __repr__(self) -> str:
        return f"<Remote {self.type_name} #{self.id} of engine {self.generation}>"

    def __reduce__(self):
        raise TypeError("a Remote crosses only in an engine message")


def stays_in_engine(obj: Any) -> bool:
    """True for objects that are sent as handles rather than by value."""
    if isinstance(obj, (types.FunctionType, types.MethodType)):
        return not _importable(obj)
    kind = type(obj)
    resident = _resident_types.get(kind)
    if resident is None:
        resident = _resident_types[kind] = getattr(kind, "engine_resident", False) or any(
            (base.__module__ or "").split(".")[0] in _ENGINE_PACKAGES for base in kind.__mro__)
    return resident


_resident_types: dict[type, bool] = {}  # a type's answer, decided once


def _importable(fn) -> bool:
    owner = sys.modules.get(getattr(fn, "__module__", None) or "")
    target = owner
    for part in getattr(fn, "__qualname__", "<>").split("."):
        target = getattr(target, part, None)
    return target is fn


class EngineStore:
    """The engine side: objects handed out as handles, by id, until the app lets go of them."""

    def __init__(self, generation: int):
        self.generation = generation
        self._objects: dict[int, Any] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def dumps(self, message: Any) -> bytes:
        buffer = io.BytesIO()
        _EnginePickler(buffer, self).dump(message)
        return buffer.getvalue()

    def loads(self, data: bytes) -> Any:
        return _EngineUnpickler(io.BytesIO(data), self).load()

    def keep(self, obj: Any) -> int:
        with self._lock:
            handle = next(self._ids)
            self._objects[handle] = obj
            return handle

    def get(self, handle: int, generation: int) -> Any:
        with self._lock:
            if generation == self.generation and handle in self._objects:
                return self._objects[handle]
        raise StaleHandleError("this object belonged to a TensorFlow engine that has been "
                               "restarted since; run the snippet again")

    def release(self, handles: list[int]) -> None:
        with self._lock:
            for handle in handles:
                self._objects.pop(handle, None)

    def __len__(self) -> int:
        return len(self._objects)


class _EnginePickler(pickle.Pickler):
    def __init__(self, file, store: EngineStore):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.store = store
        self._sent: dict[int, tuple] = {}  # id(obj) → its handle, within one message
        self._alive: list[Any] = []  # keeps ids stable while the message is written

    def persistent_id(self, obj):
        if isinstance(obj, (str, bytes, int, float, bool, type(None), list, dict, tuple)):
            return None  # the common case, decided without a look at the type's module
        known = self._sent.get(id(obj))
        if known is not None:
            return known
        if not stays_in_engine(obj):
            return None
        pid = ("engine", self.store.keep(obj), self.store.generation, type(obj).__name__)
        self._sent[id(obj)] = pid
        self._alive.append(obj)
        return pid


class _EngineUnpickler(pickle.Unpickler):
    def __init__(self, file, store: EngineStore):
        super().__init__(file)
        self.store = store

    def persistent_load(self, pid):
        tag, handle, generation = pid[:3]
        if tag != "engine":
            raise pickle.UnpicklingError(f"unknown persistent id {tag!r}")
        return self.store.get(handle, generation)


class AppSide:
    """The app side: handles from the engine become ``Remote``s; a Remote the app drops is
    queued for release, and the next message tells the engine to let the object go."""

    def __init__(self) -> None:
        self.generation = 0
        self._released: list[int] = []
        self._lock = threading.Lock()

    def new_generation(self, generation: int) -> None:
        with self._lock:
            self.generation = generation
            self._released.clear()

    def dumps(self, message: Any) -> bytes:
        buffer = io.BytesIO()
        _AppPickler(buffer).dump(message)
        return buffer.getvalue()

    def loads(self, data: bytes) -> Any:
        return _AppUnpickler(io.BytesIO(data), self).load()

    def take_released(self) -> list[int]:
        with self._lock:
            released, self._released = self._released, []
            return released

    def _drop(self, handle: int, generation: int) -> None:
        with self._lock:
            if generation == self.generation:
                self._released.append(handle)


class _AppPickler(pickle.Pickler):
    def __init__(self, file):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)

    def persistent_id(self, obj):
        if isinstance(obj, Remote):
            return ("engine", obj.id, obj.generation, obj.type_name)
        return None


class _AppUnpickler(pickle.Unpickler):
    def __init__(self, file, side: AppSide):
        super().__init__(file)
        self.side = side
        self._seen: dict[int, Remote] = {}

    def persistent_load(self, pid):
        tag, handle, generation, type_name = pid
        if tag != "engine":
            raise pickle.UnpicklingError(f"unknown persistent id {tag!r}")
        remote = self._seen.get(handle)
        if remote is None:
            remote = self._seen[handle] = Remote(handle, generation, type_name)
            weakref.finalize(remote, self.side._drop, handle, generation)
        return remote
