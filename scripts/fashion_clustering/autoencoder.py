"""The autoencoder: building, training with resumable epochs, encoding.

Keras and TensorFlow are imported inside the functions that need them, so that the
rules which never train (most of them) do not pay TensorFlow's start-up time.
"""

import hashlib
import json
import logging
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from .files import atomic_path

log = logging.getLogger(__name__)

IMAGE_SIDE = 28


def configure_tensorflow(threads, seed):
    """Pin TensorFlow to ``threads`` CPU threads and make its results repeatable.

    Must run before any TensorFlow operation. Returns the device training will use.
    """
    # TensorFlow's C++ start-up chatter would bury Snakemake's own output.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    # Deterministic kernels cost a little speed and buy identical models per seed.
    tf.config.experimental.enable_op_determinism()
    keras.utils.set_random_seed(seed)
    gpus = tf.config.list_physical_devices("GPU")
    return f"GPU ({gpus[0].name})" if gpus else f"CPU ({threads} threads)"


def _decoder_crop(n_layers):
    """Pixels to crop on each side after ``n_layers`` strided up-convolutions."""
    side = IMAGE_SIDE
    for _ in range(n_layers):
        side = -(-side // 2)  # "same" padding with stride 2 rounds up
    return (side * 2**n_layers - IMAGE_SIDE) // 2, side


def build_autoencoder(settings):
    """Return the compiled autoencoder of the ``autoencoder`` config section.

    Images (28x28x1) pass through an encoder to latent codes and a decoder back to
    images; the output layer is a sigmoid, since the pixels lie in [0, 1], and the
    loss is the mean squared error. The two halves are sub-models named ``encoder``
    and ``decoder`` so that the encoder can be taken out of a saved model.
    """
    import keras

    if settings["architecture"] == "dense":
        encoder, decoder = _dense_halves(settings["dense_units"], settings["latent_dim"])
    else:
        encoder, decoder = _conv_halves(settings["filters"], settings["latent_dim"])
    images = encoder.inputs[0]
    autoencoder = keras.Model(images, decoder(encoder(images)), name="autoencoder")
    autoencoder.compile(
        optimizer=keras.optimizers.Adam(settings["learning_rate"]), loss="mse"
    )
    return autoencoder


def _conv_halves(filters, latent_dim):
    """Strided ReLU convolutions, each halving the image, then a linear code layer;
    the decoder mirrors them with transposed convolutions."""
    import keras
    from keras import layers

    crop, smallest_side = _decoder_crop(len(filters))

    images = keras.Input(shape=(IMAGE_SIDE, IMAGE_SIDE, 1), name="images")
    x = images
    for n_filters in filters:
        x = layers.Conv2D(n_filters, 3, strides=2, padding="same", activation="relu")(x)
    x = layers.Flatten()(x)
    codes = layers.Dense(latent_dim, name="code")(x)
    encoder = keras.Model(images, codes, name="encoder")

    code_input = keras.Input(shape=(latent_dim,), name="codes")
    y = layers.Dense(smallest_side * smallest_side * filters[-1], activation="relu")(
        code_input
    )
    y = layers.Reshape((smallest_side, smallest_side, filters[-1]))(y)
    for n_filters in reversed(filters[:-1]):
        y = layers.Conv2DTranspose(
            n_filters, 3, strides=2, padding="same", activation="relu"
        )(y)
    y = layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid")(y)
    reconstructions = layers.Cropping2D(crop)(y)
    return encoder, keras.Model(code_input, reconstructions, name="decoder")


def _dense_halves(units, latent_dim):
    """Fully connected ReLU layers of ``units`` to a linear code layer (the
    784-500-500-2000-10 shape of DEC and N2D); the decoder mirrors them."""
    import keras
    from keras import layers

    images = keras.Input(shape=(IMAGE_SIDE, IMAGE_SIDE, 1), name="images")
    x = layers.Flatten()(images)
    for width in units:
        x = layers.Dense(width, activation="relu")(x)
    codes = layers.Dense(latent_dim, name="code")(x)
    encoder = keras.Model(images, codes, name="encoder")

    code_input = keras.Input(shape=(latent_dim,), name="codes")
    y = code_input
    for width in reversed(units):
        y = layers.Dense(width, activation="relu")(y)
    y = layers.Dense(IMAGE_SIDE * IMAGE_SIDE, activation="sigmoid")(y)
    reconstructions = layers.Reshape((IMAGE_SIDE, IMAGE_SIDE, 1))(y)
    return encoder, keras.Model(code_input, reconstructions, name="decoder")


def as_images(pixels):
    """Reshape flat pixels (n, 784) to images (n, 28, 28, 1)."""
    return np.asarray(pixels, dtype=np.float32).reshape(-1, IMAGE_SIDE, IMAGE_SIDE, 1)


def settings_digest(settings):
    """A short hash of the training settings, to tell whether a checkpoint fits."""
    text = json.dumps(settings, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class _Checkpoint:
    """The state after the last completed epoch, kept in one folder.

    Each epoch writes ``model-epoch{k}.keras`` (the weights and the optimizer's
    state) and ``best-epoch{k}.weights.h5`` (the best weights so far) under new
    names, then ``state.json``: the epoch, the history, the early-stopping
    bookkeeping and the names of those two files. Since the files of the previous
    epoch are removed only after ``state.json`` points away from them, a job killed
    at any moment leaves ``state.json`` naming a complete, consistent pair.
    """

    def __init__(self, folder, digest):
        self.folder = Path(folder)
        self.digest = digest

    def load(self):
        import keras

        state_path = self.folder / "state.json"
        if not state_path.is_file():
            return None
        state = json.loads(state_path.read_text())
        if state.get("digest") != self.digest:
            log.warning("checkpoint in %s is for other settings; starting over", self.folder)
            return None
        model = keras.saving.load_model(self.folder / state["model_file"])
        best = keras.saving.load_model(self.folder / state["model_file"])
        best.load_weights(self.folder / state["best_file"])
        return model, best.get_weights(), state

    def save(self, model, best_weights, state):
        self.folder.mkdir(parents=True, exist_ok=True)
        epoch = len(state["history"])
        model_file = f"model-epoch{epoch}.keras"
        best_file = f"best-epoch{epoch}.weights.h5"

        with atomic_path(self.folder / model_file) as temporary:
            model.save(temporary)
        current = model.get_weights()
        model.set_weights(best_weights)
        with atomic_path(self.folder / best_file) as temporary:
            model.save_weights(temporary)
        model.set_weights(current)

        state = {**state, "model_file": model_file, "best_file": best_file}
        with atomic_path(self.folder / "state.json") as temporary:
            temporary.write_text(json.dumps({**state, "digest": self.digest}))
        # Earlier epochs' files, and any of an epoch killed before its state.json.
        for path in self.folder.iterdir():
            if path.name not in (model_file, best_file, "state.json"):
                path.unlink()


def train(model, fit_images, validation_images, *, epochs, batch_size, patience, seed,
          checkpoint_dir, digest):
    """Train ``model`` to reconstruct its input, one epoch at a time.

    Each epoch shuffles with a generator seeded by (seed, epoch), so the batches of an
    epoch do not depend on whether the run was interrupted before it. After each epoch
    the state is checkpointed; a rerun with the same settings continues from there and
    ends with the same weights as an uninterrupted run. Training stops after
    ``patience`` epochs without a lower validation loss and keeps the best weights.

    Parameters
    ----------
    fit_images, validation_images : ndarray of shape (n, 28, 28, 1), float32 in [0, 1]

    The checkpoint folder is left in place; remove it once the outputs are written.

    Returns
    -------
    model
        With the weights of the epoch of lowest validation loss.
    DataFrame
        One row per completed epoch: ``epoch`` (from 1), ``loss``, ``val_loss``.
    """
    checkpoint = _Checkpoint(checkpoint_dir, digest)
    resumed = checkpoint.load()
    if resumed is None:
        state = {"history": [], "best_loss": None, "best_epoch": 0}
        best_weights = model.get_weights()
    else:
        model, best_weights, state = resumed
        log.info("resuming after epoch %d from %s", len(state["history"]), checkpoint_dir)

    while len(state["history"]) < epochs:
        epoch = len(state["history"]) + 1
        if state["best_epoch"] and epoch - state["best_epoch"] > patience:
            log.info("early stop: no better validation loss for %d epochs", patience)
            break

        started = time.perf_counter()
        order = np.random.default_rng([seed, epoch]).permutation(len(fit_images))
        shuffled = fit_images[order]
        fit = model.fit(
            shuffled, shuffled, batch_size=batch_size, epochs=1, shuffle=False,
            validation_data=(validation_images, validation_images), verbose=0,
        )
        loss, val_loss = fit.history["loss"][0], fit.history["val_loss"][0]
        state["history"].append({"epoch": epoch, "loss": loss, "val_loss": val_loss})
        if state["best_loss"] is None or val_loss < state["best_loss"]:
            state["best_loss"], state["best_epoch"] = val_loss, epoch
            best_weights = model.get_weights()
        log.info(
            "epoch %d/%d: loss %.5f, val_loss %.5f (%.1f s)",
            epoch, epochs, loss, val_loss, time.perf_counter() - started,
        )
        checkpoint.save(model, best_weights, state)

    model.set_weights(best_weights)
    log.info("kept the weights of epoch %d", state["best_epoch"])
    return model, pd.DataFrame(state["history"], columns=["epoch", "loss", "val_loss"])


def encode(model, pixels, batch_size=1024):
    """Return the latent codes (n, latent_dim), float32, of flat ``pixels`` (n, 784)."""
    encoder = model.get_layer("encoder")
    return encoder.predict(as_images(pixels), batch_size=batch_size, verbose=0)
