"""Only stale steps rerun: nothing after a full run, only GMM work after a GMM change."""

import copy
import json
import os

import keras
import pytest

from test_workflow import job_counts


@pytest.fixture(scope="module")
def rerun_workflow(tmp_path_factory, finished_workflow):
    """A copy of the finished run, times kept, that these tests may change."""
    return finished_workflow.copy_to(tmp_path_factory.mktemp("staleness") / "workflow")


def test_nothing_to_do_right_after_a_run(rerun_workflow):
    output = rerun_workflow.snakemake("-n").stdout
    assert "Nothing to be done" in output


def test_changing_a_gmm_setting_reruns_only_the_gmm_branch(rerun_workflow):
    config = copy.deepcopy(rerun_workflow.config)
    config["gmm"]["max_iter"] = 150
    rerun_workflow.write_config(config)
    model = rerun_workflow.path("results/models/seed0/autoencoder.keras")
    pixel_clusters = rerun_workflow.path("results/clusters/kmeans_pixels/seed0/test.parquet")
    before = (os.stat(model).st_mtime_ns, os.stat(pixel_clusters).st_mtime_ns)

    planned = job_counts(rerun_workflow.snakemake("-n").stdout)
    rerun_workflow.snakemake()

    assert planned == {
        "cluster_gmm": 1, "score_clustering": 1, "plot_confusion": 1, "summarize": 1,
        "plot_map": 1, "plot_gallery": 1, "plot_methods": 1,
    }
    assert (os.stat(model).st_mtime_ns, os.stat(pixel_clusters).st_mtime_ns) == before
    assert "Nothing to be done" in rerun_workflow.snakemake("-n").stdout


def test_switching_to_the_dense_autoencoder_retrains_and_scores_from_its_codes(
    tmp_path, finished_workflow
):
    workflow = finished_workflow.copy_to(tmp_path / "workflow")
    config = copy.deepcopy(workflow.config)
    config["autoencoder"].update(architecture="dense", dense_units=[16])
    workflow.write_config(config)
    target = "results/metrics/ae_gmm/seed0.json"

    planned = job_counts(workflow.snakemake("-n", target).stdout)
    workflow.snakemake(target)

    assert planned == {
        "train_autoencoder": 1, "embed_images": 2, "cluster_gmm": 1,
        "score_clustering": 1,
    }
    encoder = keras.saving.load_model(
        workflow.path("results/models/seed0/autoencoder.keras")
    ).get_layer("encoder")
    widths = [layer.units for layer in encoder.layers if hasattr(layer, "units")]
    assert widths == [16, 4]
    parameters = json.loads(workflow.path(target).read_text())["parameters"]
    assert parameters["autoencoder"]["architecture"] == "dense"


def test_the_unused_architectures_setting_retrains_nothing(
    tmp_path, finished_workflow
):
    workflow = finished_workflow.copy_to(tmp_path / "workflow")
    config = copy.deepcopy(workflow.config)
    config["autoencoder"]["dense_units"] = [64, 32]
    workflow.write_config(config)

    assert "Nothing to be done" in workflow.snakemake("-n").stdout
