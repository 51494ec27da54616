"""Where the project keeps what it ships: the bundled sample data and the notebooks."""

from __future__ import annotations

from pathlib import Path


def repo_root() -> Path:
    """The project folder (holds ``notebooks/`` and ``data/``) for an editable install or a checkout."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "notebooks").is_dir() and (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


def notebooks_dir() -> Path:
    return repo_root() / "notebooks"


def default_data() -> Path:
    return repo_root() / "data" / "sample"
