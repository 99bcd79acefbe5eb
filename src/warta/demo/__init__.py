"""The bundled demo corpus: fictional Indonesian news articles written for Warta (see corpus/README.md)."""

from pathlib import Path


def corpus_dir() -> Path:
    """Folder of the demo articles inside the installed package."""
    return Path(__file__).resolve().parent / "corpus"
