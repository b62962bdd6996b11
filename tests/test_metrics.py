"""Scoring: Hungarian matching, matched accuracy and the matched confusion matrix."""

import numpy as np
import pytest

from fashion_clustering import metrics

# Worked by hand: 3 classes, 3 clusters, 12 images.
#              cluster 0  cluster 1  cluster 2
# class 0          1          4          0
# class 1          0          1          3
# class 2          2          0          1
# Best one-to-one matching: cluster 1 -> class 0 (4), cluster 2 -> class 1 (3),
# cluster 0 -> class 2 (2): 9 of 12 images agree, accuracy 0.75.
CLASSES = np.array([0, 1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 2])
CLUSTERS = np.array([0, 1, 2, 2, 2, 1, 1, 1, 1, 0, 0, 2])


def test_contingency_counts_classes_by_cluster():
    counts = metrics.contingency(CLASSES, CLUSTERS, n_classes=3, n_clusters=3)
    assert counts.tolist() == [[1, 4, 0], [0, 1, 3], [2, 0, 1]]


def test_hungarian_matching_of_the_worked_example():
    counts = metrics.contingency(CLASSES, CLUSTERS, n_classes=3, n_clusters=3)
    assert metrics.match_clusters(counts) == {1: 0, 2: 1, 0: 2}


def test_matched_accuracy_of_the_worked_example_is_nine_twelfths():
    scores = metrics.score(CLASSES, CLUSTERS, n_classes=3, n_clusters=3)
    assert scores["acc"] == pytest.approx(9 / 12)


def test_matching_is_one_to_one_where_majority_voting_is_not():
    # Both clusters are mostly class 0; majority voting would give 0.75 by naming
    # both "class 0", a one-to-one matching must give one of them to class 1.
    counts = np.array([[3, 3], [0, 2]])
    mapping = metrics.match_clusters(counts)
    assert mapping == {0: 0, 1: 1}
    assert metrics.matched_accuracy(counts, mapping) == pytest.approx(5 / 8)


def test_matched_confusion_has_the_matches_on_its_diagonal():
    scores = metrics.score(CLASSES, CLUSTERS, n_classes=3, n_clusters=3)
    assert scores["confusion_matched"] == [[4, 0, 1], [1, 3, 0], [0, 1, 2]]
    assert np.trace(scores["confusion_matched"]) == 9


def test_extra_clusters_stay_unmatched_and_count_as_wrong():
    classes = np.array([0, 0, 1, 1, 1])
    clusters = np.array([0, 0, 1, 1, 2])
    scores = metrics.score(classes, clusters, n_classes=2, n_clusters=3)
    assert scores["mapping"] == {"0": 0, "1": 1}
    assert scores["acc"] == pytest.approx(4 / 5)
    assert scores["confusion_matched"] == [[2, 0, 0], [0, 2, 1]]


def test_empty_cluster_keeps_its_column():
    scores = metrics.score(np.array([0, 1]), np.array([0, 0]), n_classes=2, n_clusters=2)
    assert scores["confusion"] == [[1, 0], [1, 0]]


def test_relabelled_perfect_clustering_scores_one_on_every_metric():
    classes = np.repeat(np.arange(4), 5)
    scores = metrics.score(classes, (classes + 1) % 4, n_classes=4, n_clusters=4)
    assert (scores["nmi"], scores["ari"], scores["acc"]) == pytest.approx((1, 1, 1))
