"""The glossary: terms defined once (site file or lesson front matter), linked where used.

``loader`` reads the terms (every mistake with its line), ``matcher`` finds their uses in text
with one pass over the words whatever the number of terms, ``linker`` turns the first use on a
page into a link carrying the definition, ``render`` writes the glossary page and each lesson's
glossary section; ``assets/js/glossary.js`` shows definitions on touch.
"""
