"""One module per view; each defines ``VIEW = SomeView`` (see ui/view_base.py)."""
