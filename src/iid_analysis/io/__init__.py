"""Reading and typing the submissions: the data contract (``schema``), the loader
(``dataset.load_dataset``), the findings table, the input template and the bundled locations.

The loader's public names are re-exported here lazily (importing ``iid_analysis.io.schema``
stays cheap); inside the package, import them from their defining modules.
"""

from __future__ import annotations

__all__ = ["DataError", "Dataset", "dataset_from_frames", "load_dataset"]


def __getattr__(name: str):
    if name == "DataError":
        from iid_analysis.io.errors import DataError

        return DataError
    if name in ("Dataset", "dataset_from_frames", "load_dataset"):
        from iid_analysis.io import dataset

        return getattr(dataset, name)
    raise AttributeError(name)
