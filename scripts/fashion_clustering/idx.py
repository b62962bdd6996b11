"""Reading and checking the IDX files that Fashion-MNIST is distributed in.

An IDX file is a big-endian header (two zero bytes, a type code, the number of
dimensions, then one 32-bit size per dimension) followed by the raw array.
"""

import gzip
import hashlib
import zlib
from pathlib import Path

import numpy as np

UNSIGNED_BYTE = 0x08
IMAGE_SHAPE = (28, 28)


class IdxFormatError(ValueError):
    """A file is not the IDX array it claims to be."""


def decompress(path, source=None):
    """Return the decompressed bytes of the gzip file at ``path``.

    ``source`` names the file in errors when ``path`` is a temporary copy of it.

    Raises
    ------
    IdxFormatError
        If the file is not gzip or is cut short, naming the file.
    """
    source = source or path
    try:
        with gzip.open(path, "rb") as stream:
            return stream.read()
    except gzip.BadGzipFile as error:
        raise IdxFormatError(f"{source}: not a gzip file ({error})") from error
    except (EOFError, zlib.error) as error:
        raise IdxFormatError(
            f"{source}: gzip stream is truncated or corrupt ({error})"
        ) from error


def sha256_of_payload(path, source=None):
    """Return the hex SHA-256 of the decompressed contents of ``path``.

    The payload, not the gzip bytes, is hashed because mirrors recompress the files.
    """
    return hashlib.sha256(decompress(path, source)).hexdigest()


def parse_idx(payload, expected_ndim, source="<bytes>"):
    """Parse an uncompressed IDX payload of unsigned bytes.

    Parameters
    ----------
    payload : bytes
        The whole file, header included.
    expected_ndim : int
        1 for a label file, 3 for an image file.
    source : str
        Name used in error messages, usually the file path.

    Returns
    -------
    ndarray of dtype uint8 and shape given by the header
    """
    if len(payload) < 4:
        raise IdxFormatError(f"{source}: {len(payload)} bytes, too short for a header")
    zeros, type_code, ndim = payload[0:2], payload[2], payload[3]
    magic = int.from_bytes(payload[0:4], "big")
    expected_magic = (UNSIGNED_BYTE << 8) | expected_ndim
    if zeros != b"\x00\x00" or type_code != UNSIGNED_BYTE or ndim != expected_ndim:
        raise IdxFormatError(
            f"{source}: magic number {magic:#010x}, expected {expected_magic:#010x} "
            f"(unsigned bytes in {expected_ndim} dimension(s))"
        )

    header_size = 4 + 4 * ndim
    if len(payload) < header_size:
        raise IdxFormatError(f"{source}: header cut short at {len(payload)} bytes")
    shape = tuple(
        int.from_bytes(payload[4 + 4 * axis : 8 + 4 * axis], "big")
        for axis in range(ndim)
    )

    expected_size = header_size + int(np.prod(shape, dtype=np.int64))
    if len(payload) != expected_size:
        raise IdxFormatError(
            f"{source}: {len(payload)} bytes, expected {expected_size} for an array "
            f"of shape {shape}"
        )
    return np.frombuffer(payload, dtype=np.uint8, offset=header_size).reshape(shape)


def read_images(path):
    """Read a gzip IDX image file into an array of shape (n_images, 28, 28), uint8."""
    images = parse_idx(decompress(path), expected_ndim=3, source=str(path))
    if images.shape[1:] != IMAGE_SHAPE:
        raise IdxFormatError(
            f"{path}: images of {images.shape[1]}x{images.shape[2]} pixels, "
            f"expected {IMAGE_SHAPE[0]}x{IMAGE_SHAPE[1]}"
        )
    return images


def read_labels(path, n_classes=10):
    """Read a gzip IDX label file into an array of shape (n_images,), uint8."""
    labels = parse_idx(decompress(path), expected_ndim=1, source=str(path))
    if labels.size and labels.max() >= n_classes:
        bad = int(labels.max())
        raise IdxFormatError(
            f"{path}: label {bad} found, expected labels 0 to {n_classes - 1}"
        )
    return labels


def encode_idx(array):
    """Return the IDX bytes of a uint8 array; the inverse of :func:`parse_idx`."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, UNSIGNED_BYTE, array.ndim])
    header += b"".join(size.to_bytes(4, "big") for size in array.shape)
    return header + array.tobytes()


def write_idx_gz(array, path):
    """Write ``array`` as a gzip IDX file; used to make small data sets for tests."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as stream:
        stream.write(encode_idx(array))
