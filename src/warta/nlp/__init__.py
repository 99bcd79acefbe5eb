"""Sentences and named entities (typed, linked to the knowledge base)."""
