"""Every headless command of ``main.py`` (see DESIGN.md, "CLI contract"): parsing in
``main``, one module per command. The GUI lives in ``graphviz_app.ui``."""
