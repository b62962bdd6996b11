"""Bad input, through the real workflow: a clear error and nothing half-written left.

Each data case corrupts one file of a private copy of the tiny dataset (or a table of
a finished data stage), runs the step that reads it, and checks three things: the run
fails, the error names the file and what was expected, and the failed step's output
is absent, temporary files included. Each config case checks that Snakemake refuses
the config before any job starts, naming the key, the value and what is allowed.
"""

import gzip
import hashlib
import shutil

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import IDX_NAMES, Workflow, make_images, tiny_config
from fashion_clustering import idx

TRAIN_IMAGES, TRAIN_LABELS = IDX_NAMES["train"]
N_TRAIN = 300  # conftest.write_dataset's default


def private_dataset(workflow, tiny_dataset, tmp_path):
    """Copy the tiny dataset into ``tmp_path`` and point ``workflow`` at the copy."""
    source, _ = tiny_dataset
    folder = tmp_path / "fashion-mnist"
    shutil.copytree(source, folder)
    workflow.config["data"]["source_dir"] = str(folder)
    workflow.write_config(workflow.config)
    return folder


def replace_payload(workflow, folder, name, payload):
    """Write ``payload`` gzipped as ``name``, with its hash in the config.

    The hash matches, so the fetch step passes it on and the checks of the IDX
    structure in convert_to_parquet are what must catch the fault.
    """
    with gzip.open(folder / name, "wb") as stream:
        stream.write(payload)
    workflow.config["data"]["sha256"][name] = hashlib.sha256(payload).hexdigest()
    workflow.write_config(workflow.config)


def failed_run(workflow, *targets):
    """Run Snakemake on ``targets``; return its output after asserting it failed."""
    process = workflow.snakemake(*targets, check=False)
    assert process.returncode != 0, "the run was expected to fail"
    return process.stdout + process.stderr


def leftovers(workflow, *outputs):
    """Outputs of the failed step, and temporary files of any step, still present."""
    present = [path for path in outputs if workflow.path(path).exists()]
    for folder in ("resources", "results"):
        present += [
            str(path.relative_to(workflow.folder))
            for path in workflow.path(folder).rglob(".tmp-*")
        ]
    return present


# --- The IDX files -------------------------------------------------------------------


def test_file_that_is_not_gzip_fails_the_fetch_naming_it(
    workflow, tiny_dataset, tmp_path
):
    folder = private_dataset(workflow, tiny_dataset, tmp_path)
    (folder / TRAIN_IMAGES).write_bytes(b"<html>404 Not Found</html>")

    output = failed_run(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}")

    assert f"{folder / TRAIN_IMAGES}: not a gzip file" in output
    assert leftovers(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}") == []


def test_truncated_file_fails_the_fetch_naming_it(workflow, tiny_dataset, tmp_path):
    folder = private_dataset(workflow, tiny_dataset, tmp_path)
    whole = (folder / TRAIN_IMAGES).read_bytes()
    (folder / TRAIN_IMAGES).write_bytes(whole[: len(whole) // 2])

    output = failed_run(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}")

    assert f"{folder / TRAIN_IMAGES}: gzip stream is truncated or corrupt" in output
    assert leftovers(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}") == []


def test_checksum_mismatch_names_file_hashes_and_config_key(
    workflow, tiny_dataset, tmp_path
):
    folder = private_dataset(workflow, tiny_dataset, tmp_path)
    expected = hashlib.sha256(b"another payload").hexdigest()
    workflow.config["data"]["sha256"][TRAIN_LABELS] = expected
    workflow.write_config(workflow.config)

    output = failed_run(workflow, f"resources/fashion-mnist/{TRAIN_LABELS}")

    assert f"{folder / TRAIN_LABELS}: SHA-256 of the decompressed payload is " in output
    assert f"expected {expected} (config key data.sha256.{TRAIN_LABELS})" in output
    assert leftovers(workflow, f"resources/fashion-mnist/{TRAIN_LABELS}") == []


def test_wrong_magic_number_fails_the_conversion(workflow, tiny_dataset, tmp_path):
    folder = private_dataset(workflow, tiny_dataset, tmp_path)
    images, _ = make_images(N_TRAIN, seed=1)
    replace_payload(workflow, folder, TRAIN_LABELS, idx.encode_idx(images))

    output = failed_run(workflow, "results/data/train.parquet")

    assert f"{TRAIN_LABELS}: magic number 0x00000803, expected 0x00000801" in output
    assert leftovers(workflow, "results/data/train.parquet") == []


def test_images_of_the_wrong_size_fail_the_conversion(workflow, tiny_dataset, tmp_path):
    folder = private_dataset(workflow, tiny_dataset, tmp_path)
    small_images = np.zeros((N_TRAIN, 20, 20), dtype=np.uint8)
    replace_payload(workflow, folder, TRAIN_IMAGES, idx.encode_idx(small_images))

    output = failed_run(workflow, "results/data/train.parquet")

    assert f"{TRAIN_IMAGES}: images of 20x20 pixels, expected 28x28" in output
    assert leftovers(workflow, "results/data/train.parquet") == []


def test_fewer_labels_than_images_fail_the_conversion(workflow, tiny_dataset, tmp_path):
    folder = private_dataset(workflow, tiny_dataset, tmp_path)
    _, labels = make_images(N_TRAIN, seed=1)
    replace_payload(workflow, folder, TRAIN_LABELS, idx.encode_idx(labels[:-7]))

    output = failed_run(workflow, "results/data/train.parquet")

    assert f"{TRAIN_LABELS}: {N_TRAIN} images but {N_TRAIN - 7} labels; " in output
    assert "expected the same number" in output
    assert leftovers(workflow, "results/data/train.parquet") == []


def test_label_outside_0_to_9_fails_the_conversion(workflow, tiny_dataset, tmp_path):
    folder = private_dataset(workflow, tiny_dataset, tmp_path)
    _, labels = make_images(N_TRAIN, seed=1)
    labels[5] = 10
    replace_payload(workflow, folder, TRAIN_LABELS, idx.encode_idx(labels))

    output = failed_run(workflow, "results/data/train.parquet")

    assert f"{TRAIN_LABELS}: label 10 found, expected labels 0 to 9" in output
    assert leftovers(workflow, "results/data/train.parquet") == []


def test_missing_source_without_mirrors_says_how_to_get_the_data(workflow, tmp_path):
    workflow.config["data"]["source_dir"] = str(tmp_path / "nowhere")
    workflow.write_config(workflow.config)

    output = failed_run(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}")

    assert f"could not get {TRAIN_IMAGES}" in output
    assert f"{tmp_path / 'nowhere' / TRAIN_IMAGES}: not found" in output
    assert "apt-get install dataset-fashion-mnist" in output
    assert leftovers(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}") == []


def test_unreachable_mirror_is_listed_among_the_sources_tried(workflow, tmp_path):
    mirror = (tmp_path / "missing-mirror").as_uri()
    workflow.config["data"]["source_dir"] = str(tmp_path / "nowhere")
    workflow.config["data"]["mirrors"] = [mirror]
    workflow.write_config(workflow.config)

    output = failed_run(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}")

    assert f"{mirror}/{TRAIN_IMAGES}: " in output
    assert "point config key data.source_dir at a folder" in output
    assert leftovers(workflow, f"resources/fashion-mnist/{TRAIN_IMAGES}") == []


# --- The data tables -----------------------------------------------------------------


@pytest.fixture(scope="module")
def converted(tmp_path_factory, tiny_dataset):
    """A workflow copy whose data stage has made the two parquet tables."""
    folder, checksums = tiny_dataset
    config = tiny_config(folder, checksums)
    copy = Workflow(tmp_path_factory.mktemp("converted") / "workflow", config)
    copy.snakemake("results/data/train.parquet", "results/data/test.parquet")
    return copy


def with_converted_tables(workflow, converted):
    """Give ``workflow`` the finished data stage of ``converted``, times kept."""
    for part in ("resources", "results", ".snakemake"):
        shutil.copytree(converted.path(part), workflow.path(part), dirs_exist_ok=True)


def change_table(path, change):
    table = pq.read_table(path)
    pq.write_table(change(table), path)


def drop_last_pixel(table):
    return table.drop_columns(["pixel784"])


def add_a_column(table):
    return table.append_column("source", pa.array(["mirror"] * table.num_rows))


def labels_as_int64(table):
    return table.set_column(0, "label", table["label"].cast(pa.int64()))


def pixels_as_float(table):
    position = table.schema.get_field_index("pixel1")
    return table.set_column(position, "pixel1", table["pixel1"].cast(pa.float32()))


@pytest.mark.parametrize(
    "change, expected",
    [
        (drop_last_pixel, "missing ['pixel784'], extra []"),
        (add_a_column, "missing [], extra ['source']"),
        (labels_as_int64, "expected every column as uint8, but label is int64"),
        (pixels_as_float, "expected every column as uint8, but pixel1 is float"),
    ],
    ids=["missing column", "extra column", "mistyped label", "mistyped pixel"],
)
def test_table_of_the_wrong_layout_fails_the_step_reading_it(
    workflow, converted, change, expected
):
    with_converted_tables(workflow, converted)
    change_table(workflow.path("results/data/train.parquet"), change)

    output = failed_run(workflow, "results/data/train_pixels.npy")

    assert "results/data/train.parquet: " in output and expected in output
    assert leftovers(workflow, "results/data/train_pixels.npy") == []


# --- The output folders --------------------------------------------------------------


def test_file_standing_where_results_belongs_is_named_before_any_job(workflow):
    workflow.path("results").write_text("a note left by mistake")

    output = failed_run(workflow, "results/data/train.parquet")

    assert "cannot write into results: it is a file, not a folder" in output
    assert not workflow.path("logs").exists()


# --- The config ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "section, key, value, message",
    [
        ("kmeans", "n_clusters", 0,
         "config key kmeans.n_clusters: found 0, expected a value of at least 2"),
        ("autoencoder", "epochs", -3,
         "config key autoencoder.epochs: found -3, expected a value of at least 1"),
        ("data", "validation_fraction", 0,
         "config key data.validation_fraction: found 0, expected a value greater than"),
        ("data", "validation_fraction", 1.2,
         "config key data.validation_fraction: found 1.2, expected a value less than"),
        ("gmm", "covariance_type", "round",
         "config key gmm.covariance_type: found 'round', expected one of full, tied, "
         "diag, spherical"),
        (None, "methods", ["kmeans_umap"],
         "config key methods[0]: found 'kmeans_umap', expected one of kmeans_pixels"),
        (None, "seeds", [],
         "config key seeds: found [], expected a list of at least 1 item(s)"),
        ("kmeans", "n_init", "ten",
         "config key kmeans.n_init: found 'ten', expected an integer"),
    ],
    ids=["no clusters", "negative epochs", "zero validation", "validation over 1",
         "unknown covariance", "unknown method", "no seeds", "wrong type"],
)
def test_bad_config_is_refused_before_any_job_starts(
    workflow, section, key, value, message
):
    (workflow.config[section] if section else workflow.config)[key] = value
    workflow.write_config(workflow.config)

    output = failed_run(workflow)

    assert message in output
    assert not any(workflow.path(part).exists() for part in ("logs", "results"))
