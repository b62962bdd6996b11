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


def map_2d(codes, *, method, n_images, n_neighbors, min_dist, metric, seed):
    """Return 2-D coordinates (n, 2), float32, of ``codes`` (n, d) for a picture.

    ``method`` is "umap" (a seeded 2-D UMAP with the given neighbours, distance and
    metric) or "pca" (the first two principal components; the UMAP settings are then
    unused). ``n_images`` is accepted so the config section can be passed whole; the
    caller draws the sample.
    """
    if method == "pca":
        from sklearn.decomposition import PCA

        return PCA(n_components=2, random_state=seed).fit_transform(codes).astype(
            np.float32
        )
    if method != "umap":
        raise ValueError(f"plots.map.method is {method!r}, expected 'umap' or 'pca'")
    reducer = fit_umap(codes, n_components=2, n_neighbors=n_neighbors,
                       min_dist=min_dist, metric=metric, seed=seed)
    return reducer.embedding_.astype(np.float32)
