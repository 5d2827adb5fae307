"""Size rules of the neural-network ops of the snippet language (``tf.nn.conv2d``,
``tf.nn.max_pool2d``): their result can outgrow every argument (a 1x1 filter with many output
channels; explicit padding), so, like ``tf.matmul``, they get a rule in
``size_checks.OUTPUT_RULES``, registered when the whitelist (``tf_api``) is imported. The other
new ops (bias_add, relu6, softmax) make at most as many elements as an input, which the generic
argument reading already checks.

In a tf.function a dimension may be unknown (an input_signature's None): it is counted as 1,
so the rule gives a lower bound of the result, still refused when even that is over the limit
(a None batch with a huge explicit padding or filter count). A conv whose real output is too
big for memory would make oneDNN's Conv2D fail its allocation and crash the engine (SIGSEGV).
"""
from __future__ import annotations

import math

from graphviz_app.core.run import size_checks
from graphviz_app.core.run.size_checks import Unknown


def _spatial(input, padding, data_format) -> tuple[int, list[int], int]:
    """(batch, spatial dims grown by explicit padding, channels) of an image batch."""
    dims = [1 if d is None else d for d in size_checks.shape_of(input)]  # at least 1
    if len(dims) < 3:
        raise Unknown
    channels_first = isinstance(data_format, str) and data_format.upper().startswith("NC")
    batch, channels = dims[0], dims[1] if channels_first else dims[-1]
    spatial = dims[2:] if channels_first else dims[1:-1]
    if isinstance(padding, (list, tuple)):  # explicit: [[0, 0], [top, bottom], [left, right], [0, 0]]
        pads = [p for p in padding if isinstance(p, (list, tuple)) and len(p) == 2]
        inner = pads[2:] if channels_first else pads[1:-1]
        if len(inner) == len(spatial):
            spatial = [d + max(0, int(a)) + max(0, int(b)) for d, (a, b) in zip(spatial, inner, strict=True)]
    return batch, spatial, channels


def conv_elements(input, filters, strides=None, padding="VALID", data_format="NHWC",
                  dilations=None, **_ignored) -> int:
    """At most batch x (padded) height x width x output channels (strides of at least 1)."""
    batch, spatial, _channels = _spatial(input, padding, data_format)
    kernel = size_checks.shape_of(filters)
    if not kernel:
        raise Unknown
    return batch * math.prod(spatial) * (1 if kernel[-1] is None else kernel[-1])


def pool_elements(input, ksize=None, strides=None, padding="VALID", data_format="NHWC",
                  **_ignored) -> int:
    batch, spatial, channels = _spatial(input, padding, data_format)
    return batch * math.prod(spatial) * channels


RULES = {"nn.conv2d": conv_elements, "nn.max_pool2d": pool_elements}


def register() -> None:
    size_checks.OUTPUT_RULES.update(RULES)
