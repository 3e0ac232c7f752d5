"""System Checks out of the site, for an LMS: ``mkdocs-lessons export qti`` and ``export gift``.

``collect`` picks the questions of a lesson, a course or the whole site and renders their
Markdown once for every format; ``qti`` and ``gift`` each write one file of them and say which
questions their format cannot carry; ``command`` is the command line around them.
"""
