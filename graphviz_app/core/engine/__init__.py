"""The engine process: every TensorFlow call of the app runs in one child process.

``supervisor`` (the parent's side: start, limits, kill and restart) and ``wire`` (how objects
cross) import no TensorFlow; ``child`` is the process's own main, and ``sandbox`` what it
enforces on itself. See docs/ARCHITECTURE.md and the README's "How snippets are contained".
"""
