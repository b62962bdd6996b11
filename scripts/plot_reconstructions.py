"""Rule plot_reconstructions: test images of each class beside their reconstructions."""

import numpy as np

from fashion_clustering import CLASS_NAMES, autoencoder, plots, tables
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
autoencoder.configure_tensorflow(snakemake.params.compute_threads, seed)

import keras  # noqa: E402  after the thread settings, which must come first

model = keras.saving.load_model(snakemake.input.model)
images = autoencoder.as_images(np.load(snakemake.input.pixels))
classes = tables.read_labels(snakemake.input.test_data)

# The classes only choose which images to show, one row per class.
picked = np.stack(plots.gallery_samples(
    classes, len(CLASS_NAMES), snakemake.params.n_pairs, seed
))
originals = images[picked.ravel()]
reconstructions = model.predict(originals, verbose=0)
shape = (*picked.shape, *originals.shape[1:3])
figure = plots.reconstruction_figure(
    originals[..., 0].reshape(shape), reconstructions[..., 0].reshape(shape),
    list(CLASS_NAMES), f"Autoencoder, seed {seed}: test images and reconstructions",
)
plots.save_figure(figure, snakemake.output[0])
log.info("plotted %d images and reconstructions into %s", picked.size,
         snakemake.output[0])
