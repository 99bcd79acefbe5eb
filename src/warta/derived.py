"""Derived data files and the inputs they are built from, so that a check can say which input changed.

Warta ships files that scripts derive from other data: the knowledge base (`scripts/build_kb.py`, from CLDR through
babel and the tables in `nlp/data/sources/`), the keyphrase idf table (`scripts/build_keyphrase_idf.py`, from the
nlp-id POS corpus) and the tone lexicon (`scripts/build_tone_lexicon.py`, from InSet, stemmed by PySastrawi). Each
build script writes a manifest beside its output, `NAME.inputs.json`: the version of every library whose data or code
shapes the output and the sha256 of every input file. A library upgrade (babel 2.19 renamed CLDR territories) or an
edited input then shows up as a named input change, not as an unexplained difference in the output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

MANIFEST_SUFFIX = ".inputs.json"


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, as `sha256:HEX`."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def library_version(distribution: str) -> str:
    """The installed version of a library, as `DIST==VERSION`."""
    return f"{distribution}=={version(distribution)}"


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + MANIFEST_SUFFIX)


def write_manifest(output: Path, inputs: Mapping[str, str], command: str) -> Path:
    """Record what `output` was built from, and the command that rebuilds it."""
    path = manifest_path(output)
    document = {"output": output.name, "rebuild": command, "inputs": dict(sorted(inputs.items()))}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_manifest(output: Path) -> dict[str, object]:
    path = manifest_path(output)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: rebuild {output.name} with its build script")
    document: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return document


def changed_inputs(output: Path, current: Mapping[str, str]) -> list[str]:
    """One line per input whose recorded fingerprint differs from `current` ("name: recorded -> now")."""
    recorded = read_manifest(output)["inputs"]
    assert isinstance(recorded, dict)
    return [
        f"{name}: {recorded.get(name, 'not an input')} -> {current.get(name, 'no longer an input')}"
        for name in sorted(set(recorded) | set(current))
        if recorded.get(name) != current.get(name)
    ]


def explain_changes(output: Path, current: Mapping[str, str]) -> str:
    """A message for a test or a `--check`: which inputs of `output` changed and how to rebuild it; '' when none."""
    changes = changed_inputs(output, current)
    if not changes:
        return ""
    rebuild = read_manifest(output)["rebuild"]
    return (
        f"{output.name} was built from other inputs than the ones here; changed since it was built:\n  "
        + "\n  ".join(changes)
        + f"\nIf the change is intended, rebuild it with `{rebuild}` and commit both files; library versions are "
        "pinned in requirements/test.lock."
    )
