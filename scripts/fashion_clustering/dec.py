"""Deep embedded clustering (DEC, and IDEC when the reconstruction loss is kept).

The trained encoder is extended by a clustering layer whose weights are the cluster
centres in code space. Each image's soft assignment to the centres is a Student's t
kernel; training pulls the assignments towards a sharpened copy of themselves (the
target distribution), which moves both the centres and the encoder. Xie et al. 2016
(DEC) and Guo et al. 2017 (IDEC, which keeps the decoder's loss with weight gamma so
that the codes stay faithful to the images).

Importing this module imports Keras: call ``autoencoder.configure_tensorflow`` first.
"""

import logging
import time

import keras
import numpy as np
import pandas as pd
from keras import ops

from .autoencoder import IMAGE_SIDE

log = logging.getLogger(__name__)

HISTORY_COLUMNS = ["update", "step", "changed_fraction", "loss"]


@keras.saving.register_keras_serializable(package="fashion_clustering")
class ClusteringLayer(keras.layers.Layer):
    """Soft assignments of codes (n, d) to ``n_clusters`` trainable centres (k, d).

    Returns an array of shape (n, k) whose rows sum to one: a Student's t kernel with
    ``alpha`` degrees of freedom between each code and each centre, normalised.
    """

    def __init__(self, n_clusters, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.n_clusters = int(n_clusters)
        self.alpha = float(alpha)

    def build(self, input_shape):
        self.centres = self.add_weight(
            shape=(self.n_clusters, input_shape[-1]),
            initializer="glorot_uniform",
            name="centres",
        )

    def call(self, codes):
        differences = ops.expand_dims(codes, axis=1) - self.centres
        squared_distances = ops.sum(ops.square(differences), axis=2)
        kernel = ops.power(
            1.0 + squared_distances / self.alpha, -(self.alpha + 1.0) / 2.0
        )
        return kernel / ops.sum(kernel, axis=1, keepdims=True)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n_clusters)

    def get_config(self):
        return {**super().get_config(), "n_clusters": self.n_clusters,
                "alpha": self.alpha}


def target_distribution(assignments):
    """Sharpen soft assignments (n, k) into DEC's target distribution (n, k).

    Squaring favours confident assignments; dividing by each cluster's total soft
    size keeps large clusters from swallowing the rest.
    """
    assignments = np.asarray(assignments, dtype=np.float64)
    weights = assignments**2 / assignments.sum(axis=0)
    return (weights / weights.sum(axis=1, keepdims=True)).astype(np.float32)


def build_dec(autoencoder, centres, *, alpha, gamma, learning_rate):
    """Return the compiled DEC model: images -> soft assignments (and reconstructions).

    Parameters
    ----------
    autoencoder : keras.Model
        Trained, with sub-models ``encoder`` and ``decoder``; their weights are shared
        with (and fine-tuned in) the returned model.
    centres : ndarray of shape (n_clusters, latent_dim)
        Initial cluster centres in code space, e.g. from K-Means on the codes.
    alpha : float
        Degrees of freedom of the Student's t kernel.
    gamma : float
        Weight of the reconstruction loss (IDEC); 0 gives plain DEC, whose model has
        the soft assignments as its only output.
    """
    encoder = autoencoder.get_layer("encoder")
    images = keras.Input(shape=(IMAGE_SIDE, IMAGE_SIDE, 1), name="images")
    codes = encoder(images)
    clustering = ClusteringLayer(len(centres), alpha, name="clustering")
    assignments = clustering(codes)
    clustering.set_weights([np.asarray(centres, dtype=np.float32)])

    optimizer = keras.optimizers.Adam(learning_rate)
    if gamma == 0:
        model = keras.Model(images, assignments, name="dec")
        model.compile(optimizer=optimizer, loss="kl_divergence")
        return model
    reconstructions = autoencoder.get_layer("decoder")(codes)
    model = keras.Model(images, [assignments, reconstructions], name="idec")
    model.compile(
        optimizer=optimizer,
        loss=["kl_divergence", "mse"],
        loss_weights=[1.0, float(gamma)],
    )
    return model


def soft_assignments(model, images, batch_size=1024):
    """Soft assignments (n, n_clusters), float32, of ``images`` (n, 28, 28, 1)."""
    codes = model.get_layer("encoder").predict(images, batch_size=batch_size, verbose=0)
    return ops.convert_to_numpy(model.get_layer("clustering")(codes))


def fine_tune(
    model, images, *, batch_size, update_interval, max_steps, tolerance, seed
):
    """Train ``model`` on the KL divergence to the target distribution.

    Every ``update_interval`` steps the soft assignments of all ``images`` are
    recomputed, the target distribution is sharpened from them, and training stops
    once fewer than ``tolerance`` of the images changed cluster since the last
    update: the clusters have settled. Batches run through a seeded permutation of
    the images, renewed after each pass.

    Parameters
    ----------
    images : ndarray of shape (n, 28, 28, 1), float32 in [0, 1]

    Returns
    -------
    DataFrame
        One row per target update: ``update`` (from 0), ``step``, ``changed_fraction``
        (NaN at the first) and ``loss`` (mean total loss of the steps since the
        previous update; NaN at the first).
    """
    counts = {"batch_size": batch_size, "update_interval": update_interval,
              "max_steps": max_steps}
    for name, value in counts.items():
        if value < 1:
            raise ValueError(f"dec.{name} is {value}, expected a positive integer")
    keeps_reconstructions = len(model.outputs) == 2
    rng = np.random.default_rng(seed)
    order, cursor = rng.permutation(len(images)), 0
    history, previous, losses, step = [], None, [], 0
    started = time.perf_counter()

    while True:
        if step % update_interval == 0 or step == max_steps:
            assignments = soft_assignments(model, images)
            clusters = assignments.argmax(axis=1)
            changed = (
                np.nan if previous is None else float(np.mean(clusters != previous))
            )
            loss = float(np.mean(losses)) if losses else np.nan
            history.append({"update": len(history), "step": step,
                            "changed_fraction": changed, "loss": loss})
            log.info("step %d: %.4f of the images changed cluster, loss %.5f (%.0f s)",
                     step, changed, loss, time.perf_counter() - started)
            if previous is not None and changed < tolerance:
                log.info("converged: fewer than %s changed cluster", tolerance)
                break
            if step == max_steps:
                log.warning("stopped after dec.max_steps = %d steps before converging",
                            max_steps)
                break
            previous, losses = clusters, []
            targets = target_distribution(assignments)

        if cursor + batch_size > len(order):
            order, cursor = rng.permutation(len(images)), 0
        batch = order[cursor : cursor + batch_size]
        cursor += batch_size
        wanted = targets[batch]
        if keeps_reconstructions:
            wanted = [wanted, images[batch]]
        result = model.train_on_batch(images[batch], wanted)
        losses.append(float(np.ravel(result)[0]))
        step += 1

    return pd.DataFrame(history, columns=HISTORY_COLUMNS)


def assign(model, images):
    """Return the hard cluster (n,) of each image: its most probable centre."""
    return soft_assignments(model, images).argmax(axis=1)
