"""Every rule run through Snakemake on tiny generated data, and the files it leaves."""

import json

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from fashion_clustering import CLASS_NAMES
from fashion_clustering.tables import COLUMNS
from figures import job_stats

METHODS = ["kmeans_pixels", "ae_kmeans", "ae_gmm"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# Jobs per rule of a dry run, without rule 'all': the benchmark's own parser.
job_counts = job_stats


def test_dry_run_plans_every_step_once_per_file_and_seed(workflow):
    assert job_counts(workflow.snakemake("-n").stdout) == {
        "fetch_data": 4,
        "convert_to_parquet": 2,
        "scale_pixels": 2,
        "split_validation": 1,
        "train_autoencoder": 1,
        "embed_images": 2,
        "cluster_kmeans": 2,
        "cluster_gmm": 1,
        "score_clustering": 3,
        "plot_confusion": 3,
        "plot_loss": 1,
        "summarize": 1,
        "map_codes": 1,
        "plot_map": 3,
        "plot_gallery": 3,
        "plot_reconstructions": 1,
        "plot_methods": 1,
    }


def test_each_seed_adds_its_own_seeded_steps(workflow):
    workflow.write_config({**workflow.config, "seeds": [0, 1]})
    counts = job_counts(workflow.snakemake("-n").stdout)
    assert (counts["train_autoencoder"], counts["cluster_kmeans"], counts["fetch_data"]) == (
        2, 4, 4,
    )


def test_paper_preset_plans_every_method_for_each_of_five_seeds(workflow):
    planned = workflow.snakemake("-n", "--configfile", "config/paper.yaml").stdout
    counts = job_counts(planned)
    assert (counts["score_clustering"], counts["plot_gallery"]) == (25, 25)
    assert {
        rule: counts[rule]
        for rule in ["train_autoencoder", "embed_umap", "train_dec", "fetch_data"]
    } == {"train_autoencoder": 5, "embed_umap": 5, "train_dec": 5, "fetch_data": 4}


def test_lint_reports_nothing(workflow):
    process = workflow.snakemake("--lint")
    assert "Congratulations" in process.stdout + process.stderr


def test_fetched_files_are_the_source_files(finished_workflow, tiny_dataset):
    source, _ = tiny_dataset
    for path in source.iterdir():
        fetched = finished_workflow.path(f"resources/fashion-mnist/{path.name}")
        assert fetched.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("split, n_images", [("train", 300), ("test", 100)])
def test_parquet_tables_have_label_then_784_uint8_pixels(finished_workflow, split,
                                                         n_images):
    table = pq.read_table(finished_workflow.path(f"results/data/{split}.parquet"))
    assert table.schema.names == COLUMNS
    assert {str(field.type) for field in table.schema} == {"uint8"}
    assert table.num_rows == n_images


def test_scaled_pixels_are_float32_in_unit_interval_and_match_the_table(
    finished_workflow,
):
    pixels = np.load(finished_workflow.path("results/data/train_pixels.npy"))
    table = pd.read_parquet(finished_workflow.path("results/data/train.parquet"))
    assert pixels.dtype == np.float32 and pixels.shape == (300, 784)
    assert np.array_equal(pixels * 255, table[COLUMNS[1:]].to_numpy(np.float32))


def test_validation_split_holds_out_a_tenth_of_each_class(finished_workflow):
    held_out = np.load(
        finished_workflow.path("results/data/seed0/validation_indices.npy")
    )
    labels = pd.read_parquet(
        finished_workflow.path("results/data/train.parquet"), columns=["label"]
    )["label"].to_numpy()
    assert np.bincount(labels[held_out]).tolist() == [3] * 10


def test_autoencoder_loads_with_keras_and_encodes_to_the_latent_size(finished_workflow):
    import keras

    model = keras.saving.load_model(
        finished_workflow.path("results/models/seed0/autoencoder.keras")
    )
    images = np.zeros((2, 28, 28, 1), dtype=np.float32)
    assert model.predict(images, verbose=0).shape == (2, 28, 28, 1)
    assert model.get_layer("encoder").predict(images, verbose=0).shape == (2, 4)


def test_history_has_one_row_per_epoch_with_positive_losses(finished_workflow):
    history = pd.read_csv(finished_workflow.path("results/models/seed0/history.csv"))
    assert list(history.columns) == ["epoch", "loss", "val_loss"]
    assert history["epoch"].tolist() == [1, 2]
    assert (history[["loss", "val_loss"]] > 0).all().all()


@pytest.mark.parametrize("split, n_images", [("train", 300), ("test", 100)])
def test_embeddings_hold_one_finite_code_per_image(finished_workflow, split, n_images):
    codes = np.load(finished_workflow.path(f"results/embeddings/seed0/{split}.npy"))
    assert codes.shape == (n_images, 4) and np.isfinite(codes).all()


@pytest.mark.parametrize("method", METHODS)
def test_assignments_give_each_image_one_of_ten_clusters(finished_workflow, method):
    for split, n_images in (("train", 300), ("test", 100)):
        frame = pd.read_parquet(
            finished_workflow.path(f"results/clusters/{method}/seed0/{split}.parquet")
        )
        assert frame["image"].tolist() == list(range(n_images))
        assert frame["cluster"].between(0, 9).all()


@pytest.mark.parametrize("method", METHODS)
def test_metrics_report_every_score_for_train_test_and_all(finished_workflow, method):
    report = json.loads(
        finished_workflow.path(f"results/metrics/{method}/seed0.json").read_text()
    )
    assert (report["method"], report["seed"]) == (method, 0)
    assert report["splits"]["all"]["n_images"] == 400
    for scores in report["splits"].values():
        assert 0 <= scores["nmi"] <= 1 and 0 <= scores["acc"] <= 1
        matched = np.array(scores["confusion_matched"])
        assert matched.shape == (10, 10)
        assert np.trace(matched) == round(scores["acc"] * scores["n_images"])
        assert sorted(scores["mapping"].values()) == list(range(10))


def test_metrics_record_the_settings_of_their_method_only(finished_workflow):
    read = lambda method: json.loads(  # noqa: E731
        finished_workflow.path(f"results/metrics/{method}/seed0.json").read_text()
    )["parameters"]
    assert set(read("kmeans_pixels")) == {"kmeans"}
    assert set(read("ae_gmm")) == {"gmm", "autoencoder", "validation_fraction"}


def test_pixel_kmeans_separates_the_ten_synthetic_classes(finished_workflow):
    # The tiny classes differ by a bright square, so pixels cluster them perfectly:
    # a check that scoring and matching are wired to the right labels.
    report = json.loads(
        finished_workflow.path("results/metrics/kmeans_pixels/seed0.json").read_text()
    )
    assert report["splits"]["test"]["acc"] == 1.0


@pytest.mark.parametrize(
    "figure",
    [f"{method}/seed0/{name}.png" for method in METHODS
     for name in ("confusion", "confusion_matched")] + ["autoencoder/seed0/loss.png"],
)
def test_figures_are_png_images(finished_workflow, figure):
    data = finished_workflow.path(f"results/plots/{figure}").read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000


def test_summary_has_a_row_per_method_and_split(finished_workflow):
    summary = pd.read_csv(finished_workflow.path("results/summary.csv"))
    assert list(summary.columns) == [
        "method", "split", "n_seeds", "nmi_mean", "nmi_std", "acc_mean", "acc_std",
        "ari_mean", "ari_std",
    ]
    assert list(zip(summary["method"], summary["split"])) == [
        (method, split) for method in METHODS for split in ("train", "test", "all")
    ]
    markdown = finished_workflow.path("results/summary.md").read_text()
    assert markdown.count("\n| ae_gmm |") == 3


def test_every_job_left_a_log_and_a_benchmark(finished_workflow):
    logs = list(finished_workflow.path("logs").rglob("*.log"))
    benchmarks = list(finished_workflow.path("benchmarks").rglob("*.tsv"))
    assert len(logs) == len(benchmarks) == 32


def test_class_names_label_the_confusion_axes():
    assert len(CLASS_NAMES) == 10 and CLASS_NAMES[9] == "Ankle boot"
