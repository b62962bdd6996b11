"""The data as tables: one row per image, column ``label`` then ``pixel1``..``pixel784``."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .files import atomic_path

N_PIXELS = 28 * 28
PIXEL_COLUMNS = [f"pixel{i}" for i in range(1, N_PIXELS + 1)]
COLUMNS = ["label", *PIXEL_COLUMNS]


class TableFormatError(ValueError):
    """A parquet file does not have the layout the workflow writes."""


def check_same_count(images, labels, source="<arrays>"):
    """Raise ``ValueError`` unless there is one label per image.

    Parameters
    ----------
    images : ndarray of shape (n_images, 28, 28)
    labels : ndarray of shape (n_labels,)
    source : str
        The files they came from, for the message.
    """
    if len(images) != len(labels):
        raise ValueError(
            f"{source}: {len(images)} images but {len(labels)} labels; "
            "expected the same number"
        )


def images_to_table(images, labels, source="<arrays>"):
    """Return the 785-column uint8 table of ``images`` (n, 28, 28) and ``labels`` (n,).

    Raises
    ------
    ValueError
        If the number of images and labels differ.
    """
    check_same_count(images, labels, source)
    flat = np.asarray(images, dtype=np.uint8).reshape(len(images), N_PIXELS)
    columns = {"label": np.asarray(labels, dtype=np.uint8)}
    columns.update(zip(PIXEL_COLUMNS, flat.T))
    return pa.table(columns)


def write_table(table, path):
    """Write ``table`` to parquet at ``path`` atomically."""
    with atomic_path(path) as temporary:
        pq.write_table(table, temporary)


def check_schema(schema, path):
    """Raise ``TableFormatError`` unless ``schema`` is the 785-column uint8 layout."""
    names = list(schema.names)
    missing = [name for name in COLUMNS if name not in names]
    extra = [name for name in names if name not in COLUMNS]
    if missing or extra:
        raise TableFormatError(
            f"{path}: columns differ from label, pixel1..pixel{N_PIXELS}; "
            f"missing {missing[:5]}{'...' if len(missing) > 5 else ''}, "
            f"extra {extra[:5]}{'...' if len(extra) > 5 else ''}"
        )
    wrong = [
        f"{field.name} is {field.type}"
        for field in schema
        if field.type != pa.uint8()
    ]
    if wrong:
        raise TableFormatError(
            f"{path}: expected every column as uint8, but {', '.join(wrong[:5])}"
        )


def read_labels(path):
    """Read only the ``label`` column of a data table, as an int64 array of shape (n,)."""
    check_schema(pq.read_schema(path), path)
    return pq.read_table(path, columns=["label"])["label"].to_numpy().astype(np.int64)


def read_pixels(path):
    """Read the pixels of a data table as a uint8 array of shape (n, 784)."""
    check_schema(pq.read_schema(path), path)
    table = pq.read_table(path, columns=PIXEL_COLUMNS)
    return np.column_stack([column.to_numpy() for column in table.columns])


def write_assignments(clusters, path):
    """Write cluster assignments (n,) as a table of ``image`` index and ``cluster``."""
    frame = pd.DataFrame(
        {"image": np.arange(len(clusters), dtype=np.int64), "cluster": clusters}
    )
    with atomic_path(path) as temporary:
        frame.to_parquet(temporary, index=False)


def read_assignments(path):
    """Read cluster assignments written by :func:`write_assignments`, shape (n,)."""
    frame = pd.read_parquet(path)
    if list(frame.columns) != ["image", "cluster"]:
        raise TableFormatError(
            f"{path}: columns {list(frame.columns)}, expected ['image', 'cluster']"
        )
    if not np.array_equal(frame["image"].to_numpy(), np.arange(len(frame))):
        raise TableFormatError(f"{path}: image column is not 0..{len(frame) - 1}")
    return frame["cluster"].to_numpy()
