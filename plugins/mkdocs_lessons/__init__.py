"""mkdocs-lessons: Markdown lessons to a static teaching site on mkdocs-material.

The engine (``core``, ``catalog`` and one subpackage per feature) turns lesson sources into a
model and the model into HTML without importing MkDocs; ``plugin`` is the only module that talks
to MkDocs, so the engine can outlive MkDocs 1.x.
"""

__version__ = "0.1.0"
