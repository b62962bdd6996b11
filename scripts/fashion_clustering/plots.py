"""Figures: confusion heatmaps and the autoencoder's loss curves."""

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
