"""What TensorFlow really runs: the Grappler-rewritten graph, XLA's fusions, and graph diffs.

Every result here is plain JSON-able data (dicts, lists, str, int, bool, None), made in the
engine process and read by views without TensorFlow. The shapes:

OPTIMIZED — ``RunReport.functions[i].optimized`` (``grappler.optimize``; ``jobs.optimized_graph``
for a graph too big to do during the run, or a loaded file)::

    {"device": "/job:localhost/replica:0/task:0/device:CPU:0",  # where unplaced ops were put
     "nodes": [  # the graph TF executes: GraphModel JSON nodes (GraphModel.from_json_dict
                 # draws them) plus "from"
        {"name", "op", "label", "inputs", "kind", "scope", "line", "shapes", "dtypes",
         "device", "attrs",                       # attrs["fused_ops"] on a _Fused* op
         "from": [traced node names]}],           # what it replaced or came from, >= 1
     "passes": [  # Grappler's passes one at a time, in the meta-optimizer's order
        {"name": "remapper", "iteration": 1,      # TF's own pass names
         "removed": [names], "added": [names],
         "changed": [{"name", "op_before", "op"}],
         "fused": [{"name", "op", "parts": [names], "part_ops": [ops]}]}],  # fusions, folds
     "exact": bool,            # the pass-by-pass replay ended at the graph of one full run
     "passes_complete": bool,  # False: the replay stopped at its time budget
     "passes_not_needed": ["remapper (2)", ...],  # second-round passes not replayed: the
                               # graph already was TF's result, they find nothing more
     "counts": {"traced": n, "optimized": m} | None,
     "optimize_us": int | None, "total_us": int | None,
     "note": str | None,       # why there is no graph (jit_compile, too big, no time)
     # optional: "jit_compile": True, "deferred": True (ask jobs.optimized_graph)
    }

Traced names are those of ``FunctionInfo.graph``: an ``_Arg`` keeps its placeholder's name, a
``_Retval`` comes from the output node it returns.

XLA — ``jobs.xla_graph(call)`` (``xla.xla_graph``)::

    {"module": str, "stage": "optimized_hlo",
     "nodes": [  # the ENTRY computation: what runs, in order
        {"name", "opcode", "shape", "inputs": [names], "kind": "kLoop" | None,
         "calls": computation | None, "root": bool, "op_type", "op_name",
         "tf_ops": [{"op_type", "op_name"}],    # a fusion: every TF op inside it
         "from": [traced node names],           # tf_ops that name nodes of the traced graph
         "inside": [{"name", "opcode", "op_type", "op_name"}]}],  # a fusion's instructions
     "fusions": [names], "text": HLO text (first 200k chars), "text_chars": int,
     "error": str | None}

DIFF — ``diff.diff_models(a, b)`` returns a ``GraphDiff``; ``to_json()`` is the CLI's
``{"same", "added", "removed", "changed": [{"a", "b", "what"}]}`` and ``to_dict()`` adds
``"matched"`` (every pair ``[a, b]``, structure-matched ones included), ``"renamed"`` (pairs
matched by structure), and per change ``"details": {field: [a value, b value]}``.
"""
