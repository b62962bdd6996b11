"""UMAP of the latent codes: the manifold step of N2D, and 2-D maps for pictures."""

import logging

import numpy as np

log = logging.getLogger(__name__)


def fit_subset(n_codes, n_fit, seed):
    """Return the sorted indices of the codes UMAP is fitted on.

    Parameters
    ----------
    n_codes : int
        Number of training codes.
    n_fit : int
        How many to fit on; 0, or at least ``n_codes``, means all of them.
    seed : int

    Returns
    -------
    ndarray of int64 and shape (min(n_fit, n_codes),)
    """
    if n_fit < 0:
        raise ValueError(f"umap.n_fit is {n_fit}, expected 0 (all) or a positive count")
    if n_fit == 0 or n_fit >= n_codes:
        return np.arange(n_codes, dtype=np.int64)
    chosen = np.random.default_rng(seed).choice(n_codes, size=n_fit, replace=False)
    return np.sort(chosen).astype(np.int64)


def fit_umap(codes, *, n_components, n_neighbors, min_dist, metric, seed):
    """Fit UMAP to ``codes`` (n, d); return the fitted reducer.

    A ``random_state`` makes umap-learn run single-threaded: the price of getting the
    same map from the same seed.
    """
    if n_neighbors >= len(codes):
        raise ValueError(
            f"umap n_neighbors is {n_neighbors} but only {len(codes)} codes are "
            "fitted; expected fewer neighbours than codes"
        )
    import umap  # slow to import, and only the UMAP rules need it
    return umap.UMAP(
        n_components=n_components,
        n_neighbors=n_neighbors,
        min_dist=min_dist,
        metric=metric,
        random_state=seed,
    ).fit(codes)


def embed_training_codes(reducer, codes, fitted):
    """Return the UMAP coordinates (n, n_components) of all training ``codes`` (n, d).

    The codes the reducer was fitted on (indices ``fitted``) keep their fitted
    coordinates; the others are placed by ``transform``, as the test codes are.
    """
    coordinates = np.empty((len(codes), reducer.n_components), dtype=np.float32)
    coordinates[fitted] = reducer.embedding_
    rest = np.setdiff1d(np.arange(len(codes)), fitted)
    if rest.size:
        coordinates[rest] = reducer.transform(codes[rest])
    return coordinates
