"""``python -m graphviz_app.core.engine FD GENERATION``: the engine process (see child.py)."""
import sys

from graphviz_app.core.engine import child

sys.exit(child.main(sys.argv[1:]))
