"""Scoring a clustering against the true classes."""

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import (
    adjusted_rand_score,
    confusion_matrix,
    normalized_mutual_info_score,
)


def contingency(classes, clusters, n_classes, n_clusters):
    """Return counts of shape (n_classes, n_clusters): row = true class, column = cluster."""
    return confusion_matrix(
        classes, clusters, labels=np.arange(max(n_classes, n_clusters))
    )[:n_classes, :n_clusters]


def match_clusters(counts):
    """Match clusters to classes one-to-one so that the most images agree.

    Parameters
    ----------
    counts : ndarray of shape (n_classes, n_clusters)

    Returns
    -------
    dict
        Cluster index -> class index for every matched cluster. When there are more
        clusters than classes, the clusters left over are absent and count as wrong.
    """
    classes, clusters = linear_sum_assignment(counts, maximize=True)
    return {int(cluster): int(label) for label, cluster in zip(classes, clusters)}


def matched_accuracy(counts, mapping):
    """Share of images whose cluster is matched to their own class."""
    agreeing = sum(counts[label, cluster] for cluster, label in mapping.items())
    return float(agreeing / counts.sum())


def reorder_columns(counts, mapping):
    """Return ``counts`` with the cluster matched to class ``i`` as column ``i``.

    Unmatched clusters, if any, follow in their original order, so every image is
    still counted once.
    """
    by_class = sorted(mapping, key=mapping.get)
    rest = [c for c in range(counts.shape[1]) if c not in mapping]
    return counts[:, by_class + rest]


def score(classes, clusters, n_classes, n_clusters):
    """Return NMI, ARI, matched accuracy and the confusion matrices as a dict.

    Parameters
    ----------
    classes, clusters : ndarray of shape (n_images,)
        True class and assigned cluster of each image.
    n_classes, n_clusters : int
        Sizes of the matrices, so that an empty cluster still has its column.

    NMI uses scikit-learn's default, arithmetic-mean normalisation.
    """
    classes = np.asarray(classes)
    clusters = np.asarray(clusters)
    counts = contingency(classes, clusters, n_classes, n_clusters)
    mapping = match_clusters(counts)
    return {
        "n_images": int(classes.size),
        "nmi": float(normalized_mutual_info_score(classes, clusters)),
        "ari": float(adjusted_rand_score(classes, clusters)),
        "acc": matched_accuracy(counts, mapping),
        "confusion": counts.tolist(),
        "confusion_matched": reorder_columns(counts, mapping).tolist(),
        "mapping": {str(cluster): label for cluster, label in sorted(mapping.items())},
    }
