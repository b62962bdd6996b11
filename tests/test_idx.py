"""IDX parsing and its checks."""

import gzip

import numpy as np
import pytest

from fashion_clustering import idx


def write_gz(path, payload):
    with gzip.open(path, "wb") as stream:
        stream.write(payload)
    return path


def test_images_round_trip_through_gzip_idx(tmp_path):
    images = np.arange(3 * 28 * 28, dtype=np.uint64).reshape(3, 28, 28) % 256
    idx.write_idx_gz(images, tmp_path / "images.gz")
    assert np.array_equal(idx.read_images(tmp_path / "images.gz"), images)


def test_labels_round_trip_through_gzip_idx(tmp_path):
    labels = np.array([0, 9, 3, 3], dtype=np.uint8)
    idx.write_idx_gz(labels, tmp_path / "labels.gz")
    assert np.array_equal(idx.read_labels(tmp_path / "labels.gz"), labels)


def test_header_is_big_endian_with_the_unsigned_byte_magic():
    payload = idx.encode_idx(np.zeros((2, 28, 28), dtype=np.uint8))
    assert payload[:16] == bytes.fromhex("00000803" "00000002" "0000001c" "0000001c")


def test_file_that_is_not_gzip_is_named_in_the_error(tmp_path):
    path = tmp_path / "plain.gz"
    path.write_bytes(b"this is not gzip")
    with pytest.raises(idx.IdxFormatError, match="plain.gz: not a gzip file"):
        idx.read_labels(path)


def test_truncated_gzip_stream_is_reported(tmp_path):
    path = write_gz(tmp_path / "labels.gz", idx.encode_idx(np.zeros(1000, np.uint8)))
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(idx.IdxFormatError, match="truncated or corrupt"):
        idx.read_labels(path)


def test_payload_shorter_than_its_header_says_is_rejected():
    payload = idx.encode_idx(np.zeros(10, np.uint8))[:-1]
    with pytest.raises(idx.IdxFormatError, match="expected 18 for an array of shape"):
        idx.parse_idx(payload, expected_ndim=1, source="labels")


def test_wrong_magic_number_names_found_and_expected_values():
    payload = idx.encode_idx(np.zeros((2, 28, 28), np.uint8))
    with pytest.raises(idx.IdxFormatError, match="0x00000803, expected 0x00000801"):
        idx.parse_idx(payload, expected_ndim=1, source="labels")


def test_non_byte_type_code_is_rejected():
    payload = bytearray(idx.encode_idx(np.zeros(4, np.uint8)))
    payload[2] = 0x0D  # float32
    with pytest.raises(idx.IdxFormatError, match="magic number 0x00000d01"):
        idx.parse_idx(bytes(payload), expected_ndim=1)


def test_images_of_the_wrong_size_are_rejected(tmp_path):
    idx.write_idx_gz(np.zeros((2, 32, 32), np.uint8), tmp_path / "images.gz")
    with pytest.raises(idx.IdxFormatError, match="images of 32x32 pixels, expected 28x28"):
        idx.read_images(tmp_path / "images.gz")


def test_label_outside_the_ten_classes_is_rejected(tmp_path):
    idx.write_idx_gz(np.array([1, 10, 2], np.uint8), tmp_path / "labels.gz")
    with pytest.raises(idx.IdxFormatError, match="label 10 found, expected labels 0 to 9"):
        idx.read_labels(tmp_path / "labels.gz")


def test_payload_checksum_ignores_gzip_recompression(tmp_path):
    payload = idx.encode_idx(np.arange(50, dtype=np.uint8))
    fast = tmp_path / "fast.gz"
    best = tmp_path / "best.gz"
    fast.write_bytes(gzip.compress(payload, compresslevel=1, mtime=1))
    best.write_bytes(gzip.compress(payload, compresslevel=9, mtime=2))
    assert fast.read_bytes() != best.read_bytes()
    assert idx.sha256_of_payload(fast) == idx.sha256_of_payload(best)
