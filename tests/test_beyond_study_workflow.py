"""The methods ae_umap_gmm and dec, the pictures and the report, run on tiny data."""

import json

import numpy as np
import pandas as pd
import pytest

from test_workflow import PNG_SIGNATURE

NEW_METHODS = ["ae_umap_gmm", "dec"]
ALL_METHODS = ["kmeans_pixels", "ae_kmeans", "ae_gmm", *NEW_METHODS]
DEC_MAX_STEPS = 30


@pytest.fixture(scope="module")
def five_methods(finished_workflow, tmp_path_factory):
    """The finished tiny run extended by the two new methods, then its report."""
    copy = finished_workflow.copy_to(tmp_path_factory.mktemp("five") / "workflow")
    copy.write_config({
        **copy.config,
        "methods": ALL_METHODS,
        # Fewer neighbours than the 200 codes fitted, as UMAP needs.
        "umap": {"n_components": 3, "n_neighbors": 10, "n_fit": 200},
        "dec": {"batch_size": 64, "update_interval": 5, "max_steps": DEC_MAX_STEPS},
        "plots": {"map": {"method": "umap", "n_neighbors": 10}},
    })
    copy.snakemake()
    copy.snakemake("--report", "results/report.html")
    return copy


def read_json(workflow, relative):
    return json.loads(workflow.path(relative).read_text())


@pytest.mark.parametrize("split, n_images", [("train", 300), ("test", 100)])
def test_umap_gives_each_image_finite_coordinates_of_the_configured_size(
    five_methods, split, n_images
):
    coordinates = np.load(five_methods.path(f"results/umap/seed0/{split}.npy"))
    assert coordinates.shape == (n_images, 3) and coordinates.dtype == np.float32
    assert np.isfinite(coordinates).all()


@pytest.mark.parametrize("method", NEW_METHODS)
def test_new_methods_give_each_image_one_of_ten_clusters(five_methods, method):
    for split, n_images in (("train", 300), ("test", 100)):
        frame = pd.read_parquet(
            five_methods.path(f"results/clusters/{method}/seed0/{split}.parquet")
        )
        assert frame["image"].tolist() == list(range(n_images))
        assert frame["cluster"].between(0, 9).all()


@pytest.mark.parametrize(
    "method, sections",
    [("ae_umap_gmm", {"gmm", "umap", "autoencoder", "validation_fraction"}),
     ("dec", {"kmeans", "dec", "autoencoder", "validation_fraction"})],
)
def test_new_methods_record_the_settings_that_made_their_clusters(
    five_methods, method, sections
):
    report = read_json(five_methods, f"results/metrics/{method}/seed0.json")
    assert set(report["parameters"]) == sections


def test_dec_model_loads_with_keras_and_reproduces_the_test_clusters(five_methods):
    import keras

    from fashion_clustering import autoencoder, dec  # dec registers its layer

    model = keras.saving.load_model(five_methods.path("results/models/seed0/dec.keras"))
    pixels = np.load(five_methods.path("results/data/test_pixels.npy"))
    clusters = pd.read_parquet(
        five_methods.path("results/clusters/dec/seed0/test.parquet")
    )["cluster"].to_numpy()
    assignments = dec.soft_assignments(model, autoencoder.as_images(pixels))
    assert assignments.shape == (100, 10)
    assert np.allclose(assignments.sum(axis=1), 1, atol=1e-5)
    assert np.array_equal(assignments.argmax(axis=1), clusters)


def test_dec_history_counts_steps_up_to_the_limit_and_shares_of_changes(five_methods):
    history = pd.read_csv(five_methods.path("results/models/seed0/dec_history.csv"))
    assert list(history.columns) == ["update", "step", "changed_fraction", "loss"]
    assert history["step"].is_monotonic_increasing
    assert history["step"].iloc[-1] <= DEC_MAX_STEPS
    assert history["changed_fraction"].iloc[1:].between(0, 1).all()


def test_map_places_distinct_test_images_at_finite_points(five_methods):
    points = pd.read_parquet(five_methods.path("results/maps/seed0/test.parquet"))
    assert list(points.columns) == ["image", "x", "y"]
    assert points["image"].tolist() == list(range(100))
    assert np.isfinite(points[["x", "y"]].to_numpy()).all()


@pytest.mark.parametrize(
    "figure",
    [f"{method}/seed0/{name}.png" for method in ALL_METHODS
     for name in ("gallery", "map", "confusion")]
    + ["autoencoder/seed0/reconstructions.png", "dec/seed0/history.png",
       "methods.png"],
)
def test_pictures_are_png_images(five_methods, figure):
    data = five_methods.path(f"results/plots/{figure}").read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000


def test_summary_covers_all_five_methods(five_methods):
    summary = pd.read_csv(five_methods.path("results/summary.csv"))
    assert list(dict.fromkeys(summary["method"])) == ALL_METHODS


def test_report_is_html_holding_every_figure_and_the_summary(five_methods):
    html = five_methods.path("results/report.html").read_text()
    assert html.lstrip().lower().startswith("<!doctype html")
    for name in ("methods.png", "gallery.png", "map.png", "reconstructions.png",
                 "history.png", "summary.csv"):
        assert name in html, name
