"""Pure functions behind ae_umap_gmm, dec and the pictures, on small arrays."""

import numpy as np
import pandas as pd
import pytest

from fashion_clustering import CLASS_NAMES, manifold, plots


def test_fit_subset_with_zero_takes_every_code():
    assert manifold.fit_subset(5, 0, seed=0).tolist() == [0, 1, 2, 3, 4]


def test_fit_subset_draws_sorted_distinct_indices_repeatably():
    first = manifold.fit_subset(100, 10, seed=3)
    assert first.tolist() == sorted(set(first.tolist())) == manifold.fit_subset(
        100, 10, seed=3
    ).tolist()


def test_fit_subset_refuses_a_negative_count():
    with pytest.raises(ValueError, match="umap.n_fit is -1"):
        manifold.fit_subset(10, -1, seed=0)


def test_umap_refuses_as_many_neighbours_as_codes():
    codes = np.zeros((5, 2), dtype=np.float32)
    with pytest.raises(ValueError, match="n_neighbors is 5 but only 5 codes"):
        manifold.fit_umap(codes, n_components=2, n_neighbors=5, min_dist=0.0,
                          metric="euclidean", seed=0)


def test_target_distribution_rows_sum_to_one_and_sharpen_each_row():
    from fashion_clustering.dec import target_distribution

    assignments = np.array([[0.6, 0.4], [0.3, 0.7], [0.5, 0.5]])
    target = target_distribution(assignments)
    assert np.allclose(target.sum(axis=1), 1)
    assert target[0, 0] > 0.6 and target[1, 1] > 0.7


def test_clustering_layer_gives_a_code_at_a_centre_mostly_to_that_centre():
    import keras

    from fashion_clustering.dec import ClusteringLayer

    layer = ClusteringLayer(2, alpha=1.0)
    layer.build((None, 2))
    layer.set_weights([np.array([[0.0, 0.0], [3.0, 4.0]], dtype=np.float32)])
    assignments = keras.ops.convert_to_numpy(
        layer(np.array([[3.0, 4.0]], dtype=np.float32))
    )
    # Student's t with one degree of freedom: 1 / (1 + 25) against 1 / (1 + 0).
    assert np.allclose(assignments, [[1 / 27, 26 / 27]], atol=1e-6)


def test_cluster_titles_name_matched_clusters_by_class_and_the_rest_unmatched():
    titles = plots.cluster_titles({"0": 9, "2": 0}, 3)
    assert titles == ["Ankle boot (cluster 0)", "unmatched (cluster 1)",
                      "T-shirt/top (cluster 2)"]


def test_gallery_samples_take_only_members_and_at_most_the_count():
    clusters = np.array([0, 1, 1, 1, 0, 1])
    picks = plots.gallery_samples(clusters, 3, 2, seed=0)
    assert [clusters[p].tolist() for p in picks] == [[0, 0], [1, 1], []]


def test_map_figure_names_the_classes_in_both_legends():
    coordinates = np.arange(8, dtype=float).reshape(4, 2)
    figure = plots.map_figure(coordinates, np.array([0, 1, 2, 3]),
                              np.array([1, 0, 2, 3]),
                              {"0": 1, "1": 0, "2": 2, "3": 3}, "map")
    legends = [[text.get_text() for text in axes.get_legend().get_texts()]
               for axes in figure.axes]
    assert legends == [list(CLASS_NAMES[:4]),
                       ["T-shirt/top (cluster 1)", "Trouser (cluster 0)",
                        "Pullover (cluster 2)", "Dress (cluster 3)"]]


def test_methods_figure_draws_a_bar_per_method_and_split_in_each_panel():
    summary = pd.DataFrame(
        [{"method": method, "split": split, "n_seeds": 2,
          **{f"{m}_{s}": 0.5 for m in ("nmi", "acc", "ari") for s in ("mean", "std")}}
         for method in ("kmeans_pixels", "dec") for split in ("train", "test", "all")]
    )
    figure = plots.methods_figure(summary)
    assert [len(axes.patches) for axes in figure.axes] == [6, 6, 6]
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == [
        "kmeans_pixels", "dec"]


def test_methods_figure_draws_no_error_bars_from_a_single_seed():
    summary = pd.DataFrame(
        [{"method": "dec", "split": split, "n_seeds": 1,
          **{f"{m}_mean": 0.5 for m in ("nmi", "acc", "ari")},
          **{f"{m}_std": float("nan") for m in ("nmi", "acc", "ari")}}
         for split in ("train", "test", "all")]
    )
    figure = plots.methods_figure(summary)
    assert all(bars.errorbar is None for bars in figure.axes[0].containers)


def test_pca_map_gives_two_finite_coordinates_per_code():
    codes = np.random.default_rng(0).normal(size=(20, 4))
    coordinates = manifold.map_2d(codes, method="pca", n_images=0, n_neighbors=5,
                                  min_dist=0.1, metric="euclidean", seed=0)
    assert coordinates.shape == (20, 2) and np.isfinite(coordinates).all()
