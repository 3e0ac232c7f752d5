"""Concepts, System Check questions and the concept map: model, parser, graph, renderer."""
