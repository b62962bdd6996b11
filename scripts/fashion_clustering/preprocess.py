"""Subsampling the data, scaling pixels and holding out the validation images."""

import numpy as np


def _train_test_split(*arrays, **options):
    # Imported here: scikit-learn takes a second or more to import, which scale_pixels,
    # the commonest user of this module, would pay on every job for nothing.
    from sklearn.model_selection import train_test_split

    return train_test_split(*arrays, **options)


def scale_pixels(pixels):
    """Return ``pixels`` (n, 784) uint8 as float32 in [0, 1]."""
    return np.asarray(pixels, dtype=np.float32) / np.float32(255)


def subsample_indices(labels, fraction, seed, source="data.subsample_fraction"):
    """Return the sorted indices of a seeded subsample, stratified by class.

    Used to run the study on a share of the data, e.g. to see how each step's time
    grows with the number of images. A fraction of 1 keeps every image in its order,
    so the full data set passes through unchanged.

    Parameters
    ----------
    labels : ndarray of shape (n_images,)
        Used only to stratify, so that every class keeps its share.
    fraction : float
        Share of the images to keep, in (0, 1].
    seed : int
    source : str
        What to name in error messages: the config key the fraction came from.

    Returns
    -------
    ndarray of int64 and shape (round(fraction * n_images),)
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"{source} {fraction}, expected in (0, 1]")
    n_images = len(labels)
    if fraction == 1:
        return np.arange(n_images, dtype=np.int64)

    n_classes = len(np.unique(labels))
    n_kept = round(fraction * n_images)
    if n_kept < n_classes:
        raise ValueError(
            f"{source} {fraction} keeps {n_kept} of {n_images} images, expected at "
            f"least one per class ({n_classes})"
        )
    kept, _ = _train_test_split(
        np.arange(n_images), train_size=n_kept, stratify=labels, random_state=seed
    )
    return np.sort(kept).astype(np.int64)


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
    _, held_out = _train_test_split(
        np.arange(len(labels)), test_size=fraction, stratify=labels, random_state=seed
    )
    return np.sort(held_out).astype(np.int64)
