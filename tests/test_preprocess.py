"""Scaling pixels and the validation split."""

import numpy as np
import pytest

from fashion_clustering.preprocess import scale_pixels, validation_indices


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
