"""Tone, themes and keyphrases."""
