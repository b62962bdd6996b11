"""Fitting the clustering models on the training images and applying them."""

from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture


def fit_kmeans(features, *, n_clusters, max_iter, n_init, seed):
    """Fit K-Means (k-means++ starts, Lloyd iterations) to ``features`` (n, d)."""
    return KMeans(
        n_clusters=n_clusters, max_iter=max_iter, n_init=n_init, random_state=seed
    ).fit(features)


def fit_gmm(features, *, n_components, covariance_type, max_iter, n_init, seed):
    """Fit a Gaussian mixture to ``features`` (n, d), started from K-Means.

    Of ``n_init`` starts the one with the highest likelihood is kept: a label-free
    choice, so the test labels never steer the model.
    """
    return GaussianMixture(
        n_components=n_components,
        covariance_type=covariance_type,
        max_iter=max_iter,
        n_init=n_init,
        random_state=seed,
    ).fit(features)


def describe(model):
    """A few facts about a fitted model for the log: iterations and convergence."""
    facts = {"iterations": int(model.n_iter_)}
    if hasattr(model, "converged_"):
        facts["converged"] = bool(model.converged_)
        facts["lower_bound"] = float(model.lower_bound_)
    else:
        facts["inertia"] = float(model.inertia_)
    return facts
