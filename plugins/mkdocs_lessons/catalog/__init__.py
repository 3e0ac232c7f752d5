"""The catalog: authors, courses and lessons read from the sources, and the pages made of them."""
