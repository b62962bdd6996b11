"""The same settings give the same files, however many jobs run at once.

Two clean runs of one config over two seeds, one job at a time (``--cores 1``) and
four cores' worth of jobs in parallel (``--cores 4``), must agree byte for byte: the
cluster assignments, the autoencoders' codes and histories, the scores and the
summary. Figures are left out; their pixels follow from the scores.
"""

import json

import pytest

from conftest import Workflow, tiny_config

SEEDS = [0, 1]
# The GMM on the codes covers TensorFlow (training, encoding) and scikit-learn (its
# K-Means start, then EM); kmeans_pixels would add only time.
METHODS = ["ae_gmm"]
# Two threads, not --cores: at --cores 1 Snakemake gives each job one thread, so a
# job computing with its Snakemake threads would round differently there.
COMPUTE_THREADS = 2
METRICS = [
    f"results/metrics/{method}/seed{seed}.json" for method in METHODS for seed in SEEDS
]
TARGETS = [*METRICS, "results/summary.csv"]


def clean_run(tmp_path_factory, tiny_dataset, cores):
    folder, checksums = tiny_dataset
    config = tiny_config(folder, checksums)
    config.update(seeds=SEEDS, methods=METHODS, compute_threads=COMPUTE_THREADS)
    copy = Workflow(tmp_path_factory.mktemp(f"cores{cores}") / "workflow", config)
    copy.snakemake("--cores", str(cores), *TARGETS)
    return copy


@pytest.fixture(scope="module")
def one_core(tmp_path_factory, tiny_dataset):
    return clean_run(tmp_path_factory, tiny_dataset, cores=1)


@pytest.fixture(scope="module")
def four_cores(tmp_path_factory, tiny_dataset):
    return clean_run(tmp_path_factory, tiny_dataset, cores=4)


def files_under(workflow, folder, pattern):
    """Relative path -> bytes of every file under ``folder`` matching ``pattern``."""
    return {
        str(path.relative_to(workflow.folder)): path.read_bytes()
        for path in sorted(workflow.path(folder).rglob(pattern))
    }


def differing(first, second, folder, pattern):
    found = files_under(first, folder, pattern)
    expected = files_under(second, folder, pattern)
    assert found.keys() == expected.keys() and found, f"no {pattern} under {folder}"
    return [name for name in found if found[name] != expected[name]]


def test_cluster_assignments_are_byte_identical(one_core, four_cores):
    assert differing(one_core, four_cores, "results/clusters", "*.parquet") == []


def test_metrics_are_equal(one_core, four_cores):
    for name in files_under(one_core, "results/metrics", "*.json"):
        found = json.loads(four_cores.path(name).read_text())
        assert found == json.loads(one_core.path(name).read_text()), name


def test_summary_is_byte_identical(one_core, four_cores):
    assert differing(one_core, four_cores, "results", "summary.csv") == []


def test_latent_codes_are_byte_identical(one_core, four_cores):
    assert differing(one_core, four_cores, "results/embeddings", "*.npy") == []


def test_training_histories_are_byte_identical(one_core, four_cores):
    assert differing(one_core, four_cores, "results/models", "history.csv") == []


def test_data_stage_is_byte_identical(one_core, four_cores):
    assert differing(one_core, four_cores, "results/data", "*.npy") == []
