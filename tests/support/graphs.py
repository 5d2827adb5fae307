"""Small graphs several test files feed the app."""
from __future__ import annotations

# a graph whose Assert fails at run time: generated inputs lie in [0, 1), never above 2
ASSERT_PBTXT = """
node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
       attr { key: "shape" value { shape { dim { size: -1 } dim { size: 4 } } } } }
node { name: "limit" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
       attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2.0 } } } }
node { name: "check/Greater" op: "Greater" input: "x" input: "limit" attr { key: "T" value { type: DT_FLOAT } } }
node { name: "check/axes" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
       attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } }
                                             int_val: 0 int_val: 1 } } } }
node { name: "check/All" op: "All" input: "check/Greater" input: "check/axes"
       attr { key: "Tidx" value { type: DT_INT32 } } attr { key: "keep_dims" value { b: false } } }
node { name: "check/Assert" op: "Assert" input: "check/All" input: "x"
       attr { key: "T" value { list { type: DT_FLOAT } } } attr { key: "summarize" value { i: 3 } } }
node { name: "y" op: "Identity" input: "x" input: "^check/Assert" attr { key: "T" value { type: DT_FLOAT } } }
"""
