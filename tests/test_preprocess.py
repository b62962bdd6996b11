"""Subsampling the data, scaling pixels and the validation split."""

import numpy as np
import pytest

from fashion_clustering.preprocess import (
    scale_pixels,
    subsample_indices,
    validation_indices,
)


def test_pixels_are_scaled_to_unit_interval_as_float32():
    scaled = scale_pixels(np.array([[0, 51, 255]], dtype=np.uint8))
    assert scaled.dtype == np.float32
    assert scaled[0].tolist() == pytest.approx([0.0, 0.2, 1.0])


def test_validation_split_holds_out_each_class_in_proportion():
    labels = np.repeat(np.arange(10), 50)
    held_out = validation_indices(labels, fraction=0.1, seed=0)
    assert np.bincount(labels[held_out]).tolist() == [5] * 10


def test_validation_split_is_the_same_for_the_same_seed_and_differs_across_seeds():
    labels = np.repeat(np.arange(10), 50)
    first = validation_indices(labels, 0.1, seed=3)
    assert np.array_equal(first, validation_indices(labels, 0.1, seed=3))
    assert not np.array_equal(first, validation_indices(labels, 0.1, seed=4))


@pytest.mark.parametrize("fraction", [0, 1, -0.1])
def test_validation_fraction_outside_the_open_unit_interval_is_refused(fraction):
    with pytest.raises(ValueError, match="expected in \\(0, 1\\)"):
        validation_indices(np.zeros(10), fraction, seed=0)


def test_subsample_keeps_each_class_in_proportion():
    labels = np.repeat(np.arange(10), 40)
    kept = subsample_indices(labels, fraction=0.25, seed=0)
    assert np.bincount(labels[kept]).tolist() == [10] * 10


def test_subsample_of_fraction_one_keeps_every_image_in_order():
    labels = np.array([3, 1, 2, 1, 3, 2])
    assert subsample_indices(labels, 1.0, seed=5).tolist() == [0, 1, 2, 3, 4, 5]


def test_subsample_is_the_same_for_the_same_seed_and_differs_across_seeds():
    labels = np.repeat(np.arange(10), 40)
    first = subsample_indices(labels, 0.5, seed=1)
    assert np.array_equal(first, subsample_indices(labels, 0.5, seed=1))
    assert not np.array_equal(first, subsample_indices(labels, 0.5, seed=2))


def test_subsample_indices_are_sorted_so_images_keep_their_order():
    kept = subsample_indices(np.repeat(np.arange(10), 40), 0.5, seed=0)
    assert np.all(np.diff(kept) > 0)


@pytest.mark.parametrize("fraction", [0, 1.5, -0.1])
def test_subsample_fraction_outside_zero_to_one_is_refused(fraction):
    with pytest.raises(ValueError, match="data.subsample_fraction .* expected in"):
        subsample_indices(np.zeros(10), fraction, seed=0)


def test_subsample_too_small_to_keep_every_class_is_refused():
    with pytest.raises(ValueError, match="at least one per class"):
        subsample_indices(np.repeat(np.arange(10), 3), 0.2, seed=0)
