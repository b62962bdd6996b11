"""Figures: confusion heatmaps, loss curves, maps, galleries and method comparisons."""

import matplotlib

matplotlib.use("Agg")  # jobs run without a display, on a laptop or a cluster node

import matplotlib.pyplot as plt
import numpy as np

from . import CLASS_NAMES
from .files import atomic_path


def confusion_figure(counts, row_names, column_names, title, column_label):
    """Return a heatmap of ``counts`` (n_rows, n_columns) with each count written in."""
    counts = np.asarray(counts)
    n_rows, n_columns = counts.shape
    figure, axes = plt.subplots(figsize=(1.0 + 0.8 * n_columns, 1.6 + 0.6 * n_rows))
    image = axes.imshow(counts, cmap="Blues")
    figure.colorbar(image, ax=axes, label="images")

    axes.set_xticks(range(n_columns), column_names, rotation=45, ha="right")
    axes.set_yticks(range(n_rows), row_names)
    axes.set_xlabel(column_label)
    axes.set_ylabel("true class")
    axes.set_title(title)

    # Dark cells get white text so that every count stays readable.
    threshold = counts.max() / 2 if counts.size else 0
    for (row, column), value in np.ndenumerate(counts):
        colour = "white" if value > threshold else "black"
        axes.text(column, row, str(value), ha="center", va="center", color=colour,
                  fontsize=7)
    figure.tight_layout()
    return figure


def cluster_names(n_clusters):
    """Column names for clusters as found: 'cluster 0', 'cluster 1', ..."""
    return [f"cluster {i}" for i in range(n_clusters)]


def matched_names(mapping, n_clusters):
    """Column names of a matched confusion matrix: the class each column stands for."""
    by_class = sorted(mapping, key=mapping.get)
    rest = [c for c in range(n_clusters) if str(c) not in mapping]
    return [CLASS_NAMES[mapping[c]] for c in by_class] + [
        f"cluster {c} (unmatched)" for c in rest
    ]


def loss_figure(history, title):
    """Return the training and validation loss per epoch of a ``history`` table."""
    figure, axes = plt.subplots(figsize=(6, 4))
    axes.plot(history["epoch"], history["loss"], marker="o", label="training")
    axes.plot(history["epoch"], history["val_loss"], marker="o", label="validation")
    axes.set_xlabel("epoch")
    axes.set_ylabel("mean squared error")
    axes.set_title(title)
    axes.legend()
    axes.grid(alpha=0.3)
    figure.tight_layout()
    return figure


def save_figure(figure, path):
    """Save ``figure`` as a PNG at ``path`` atomically and close it."""
    with atomic_path(path) as temporary:
        figure.savefig(temporary, dpi=120, format="png")
    plt.close(figure)


def cluster_titles(mapping, n_clusters):
    """Name each cluster (0..n_clusters-1) by the class it is matched to.

    ``mapping`` is a metrics report's cluster -> class dict (keys are strings).
    Returns a list of ``n_clusters`` names such as 'Coat (cluster 3)'; clusters left
    without a class read 'unmatched (cluster 11)'.
    """
    return [
        f"{CLASS_NAMES[mapping[str(c)]]} (cluster {c})" if str(c) in mapping
        else f"unmatched (cluster {c})"
        for c in range(n_clusters)
    ]


def _scatter_groups(axes, coordinates, groups, names, title, axis_name):
    colours = plt.get_cmap("tab10" if len(names) <= 10 else "tab20")
    for group, name in enumerate(names):
        members = groups == group
        if members.any():
            axes.scatter(*coordinates[members].T, s=2, alpha=0.6,
                         color=colours(group % colours.N), label=name, rasterized=True)
    axes.set_title(title)
    axes.set_xlabel(f"{axis_name} 1")
    axes.set_ylabel(f"{axis_name} 2")
    axes.set_xticks([])
    axes.set_yticks([])
    axes.legend(markerscale=5, fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))


def map_figure(coordinates, classes, clusters, mapping, title, axis_name="UMAP"):
    """Return the 2-D map of images twice: coloured by true class and by cluster.

    Parameters
    ----------
    coordinates : ndarray of shape (n, 2)
        Each image's place on the map.
    classes, clusters : ndarray of shape (n,)
        True class and assigned cluster of each image.
    mapping : dict
        Cluster (as a string) -> matched class, to name the clusters.
    axis_name : str
        What made the map ("UMAP", "PCA"), for the axis labels.
    """
    coordinates = np.asarray(coordinates)
    n_clusters = max(int(np.max(clusters)) + 1, len(mapping))
    figure, (by_class, by_cluster) = plt.subplots(1, 2, figsize=(15, 6))
    _scatter_groups(by_class, coordinates, np.asarray(classes), CLASS_NAMES,
                    "coloured by true class", axis_name)
    # Each cluster takes the colour of its matched class, so the panels compare.
    order = np.full(n_clusters, -1)
    titles = cluster_titles(mapping, n_clusters)
    for cluster, label in mapping.items():
        order[int(cluster)] = label
    unmatched = [c for c in range(n_clusters) if order[c] < 0]
    order[unmatched] = np.arange(len(CLASS_NAMES), len(CLASS_NAMES) + len(unmatched))
    names = [None] * int(order.max() + 1)
    for cluster, colour_index in enumerate(order):
        names[colour_index] = titles[cluster]
    _scatter_groups(by_cluster, coordinates, order[np.asarray(clusters)],
                    [name or "" for name in names], "coloured by cluster", axis_name)
    figure.suptitle(title)
    figure.tight_layout()
    return figure


def gallery_samples(clusters, n_clusters, n_per_cluster, seed):
    """Pick up to ``n_per_cluster`` images of each cluster at random, seeded.

    Returns a list of ``n_clusters`` sorted index arrays into ``clusters`` (n,).
    """
    rng = np.random.default_rng(seed)
    clusters = np.asarray(clusters)
    picks = []
    for cluster in range(n_clusters):
        members = np.flatnonzero(clusters == cluster)
        size = min(n_per_cluster, members.size)
        picks.append(np.sort(rng.choice(members, size=size, replace=False)))
    return picks


def gallery_figure(images, samples, row_titles, title):
    """Return a grid of images: one row per cluster, titled with its matched class.

    Parameters
    ----------
    images : ndarray of shape (n, 28, 28)
    samples : list of ndarray of int
        For each row, the indices of its images (as :func:`gallery_samples` gives).
    row_titles : list of str
    """
    n_rows = len(samples)
    n_columns = max(1, max(len(picked) for picked in samples))
    figure, grid = plt.subplots(n_rows, n_columns, squeeze=False,
                                figsize=(1.0 * n_columns + 2.2, 1.0 * n_rows + 0.6))
    for row, (picked, row_title) in enumerate(zip(samples, row_titles)):
        for column in range(n_columns):
            axes = grid[row, column]
            axes.set_xticks([])
            axes.set_yticks([])
            if column < len(picked):
                axes.imshow(images[picked[column]], cmap="gray_r", vmin=0, vmax=1)
            else:
                axes.axis("off")
        grid[row, 0].set_ylabel(row_title, rotation=0, ha="right", va="center",
                                fontsize=8)
    figure.suptitle(title)
    figure.tight_layout()
    return figure


def reconstruction_figure(originals, reconstructions, row_titles, title):
    """Return originals beside their reconstructions, in pairs of columns.

    Parameters
    ----------
    originals, reconstructions : ndarray of shape (n_rows, n_pairs, 28, 28)
    row_titles : list of str
        One per row, e.g. the class of its images.
    """
    n_rows, n_pairs = originals.shape[:2]
    figure, grid = plt.subplots(n_rows, 2 * n_pairs, squeeze=False,
                                figsize=(2.0 * n_pairs + 1.8, 1.0 * n_rows + 0.8))
    for row in range(n_rows):
        for pair in range(n_pairs):
            for offset, (images, name) in enumerate(
                ((originals, "original"), (reconstructions, "reconstruction"))
            ):
                axes = grid[row, 2 * pair + offset]
                axes.imshow(images[row, pair], cmap="gray_r", vmin=0, vmax=1)
                axes.set_xticks([])
                axes.set_yticks([])
                if row == 0:
                    axes.set_title(name, fontsize=8)
        grid[row, 0].set_ylabel(row_titles[row], rotation=0, ha="right", va="center",
                                fontsize=8)
    figure.suptitle(title)
    figure.tight_layout()
    return figure


def methods_figure(
    summary, metrics=("nmi", "acc", "ari"), splits=("train", "test", "all")
):
    """Return bars of each method's mean score per split, with the std as error bars.

    ``summary`` is the table of :func:`fashion_clustering.summary.summarize`; methods
    keep its order. A NaN standard deviation (one seed) draws no error bar.
    """
    methods = list(dict.fromkeys(summary["method"]))
    figure, panels = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 4.5),
                                  sharey=True)
    width = 0.8 / len(splits)
    positions = np.arange(len(methods))
    for axes, metric in zip(np.atleast_1d(panels), metrics):
        for index, split in enumerate(splits):
            rows = summary[summary["split"] == split].set_index("method")
            rows = rows.reindex(methods)
            errors = rows[f"{metric}_std"].to_numpy(dtype=float)
            axes.bar(positions + (index - (len(splits) - 1) / 2) * width,
                     rows[f"{metric}_mean"].to_numpy(), width,
                     yerr=None if np.isnan(errors).all() else np.nan_to_num(errors),
                     capsize=3, label=split)
        axes.set_xticks(positions, methods, rotation=30, ha="right")
        axes.set_title(metric.upper())
        axes.set_ylim(0, 1)
        axes.grid(axis="y", alpha=0.3)
    np.atleast_1d(panels)[0].set_ylabel("mean over seeds (error bar: std)")
    np.atleast_1d(panels)[-1].legend(title="split")
    n_seeds = int(summary["n_seeds"].max()) if len(summary) else 0
    figure.suptitle(f"Methods compared over {n_seeds} seed(s)")
    figure.tight_layout()
    return figure


def dec_history_figure(history, title):
    """Return DEC's share of images changing cluster and its loss per target update."""
    figure, (changes, losses) = plt.subplots(1, 2, figsize=(10, 4))
    changes.plot(history["step"], history["changed_fraction"], marker="o")
    changes.set_yscale("log")
    changes.set_xlabel("training step")
    changes.set_ylabel("share of images that changed cluster")
    losses.plot(history["step"], history["loss"], marker="o")
    losses.set_xlabel("training step")
    losses.set_ylabel("mean loss since the previous update")
    for axes in (changes, losses):
        axes.grid(alpha=0.3)
    figure.suptitle(title)
    figure.tight_layout()
    return figure
