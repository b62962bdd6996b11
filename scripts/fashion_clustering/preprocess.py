"""Scaling pixels and holding out the validation images."""

import numpy as np
from sklearn.model_selection import train_test_split


def scale_pixels(pixels):
    """Return ``pixels`` (n, 784) uint8 as float32 in [0, 1]."""
    return np.asarray(pixels, dtype=np.float32) / np.float32(255)


def validation_indices(labels, fraction, seed):
    """Return the sorted indices of a stratified, seeded validation subset.

    Parameters
    ----------
    labels : ndarray of shape (n_images,)
        Used only to stratify, so that every class is held out in proportion.
    fraction : float
        Share of the images to hold out, in (0, 1).
    seed : int

    Returns
    -------
    ndarray of int64 and shape (round(fraction * n_images),)
    """
    if not 0 < fraction < 1:
        raise ValueError(f"validation fraction {fraction}, expected in (0, 1)")
    _, held_out = train_test_split(
        np.arange(len(labels)), test_size=fraction, stratify=labels, random_state=seed
    )
    return np.sort(held_out).astype(np.int64)
