"""Thin entry point: `python main.py ...` is `graphviz-app ...`."""
from graphviz_app.app import main

if __name__ == "__main__":
    main()
