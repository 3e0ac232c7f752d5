"""Pieces every feature shares: diagnostics, YAML with line numbers, translations, templates."""
