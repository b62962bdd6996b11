"""Rule train_dec: DEC (or IDEC) fine-tuning of one seed's encoder, as its own model."""

import numpy as np
from threadpoolctl import threadpool_limits

from fashion_clustering import autoencoder
from fashion_clustering.clustering import describe, fit_kmeans
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
settings = snakemake.params.settings
threads = snakemake.params.compute_threads
device = autoencoder.configure_tensorflow(threads, seed)

import keras  # noqa: E402  after the thread settings, which must come first

from fashion_clustering import dec  # noqa: E402  imports Keras too

images = autoencoder.as_images(np.load(snakemake.input.pixels))
trained = keras.saving.load_model(snakemake.input.autoencoder)
log.info("fine-tuning %s on %d training images (%s), settings %s",
         snakemake.input.autoencoder, len(images), device, settings)

# The centres start where K-Means puts them on the codes, as in DEC.
codes = autoencoder.encode(trained, np.load(snakemake.input.pixels))
with threadpool_limits(threads):
    kmeans = fit_kmeans(codes, seed=seed, **snakemake.params.kmeans)
log.info("K-Means on the codes: %s", describe(kmeans))

model = dec.build_dec(
    trained, kmeans.cluster_centers_, alpha=settings["alpha"], gamma=settings["gamma"],
    learning_rate=settings["learning_rate"],
)
history = dec.fine_tune(
    model, images, batch_size=settings["batch_size"],
    update_interval=settings["update_interval"], max_steps=settings["max_steps"],
    tolerance=settings["tolerance"], seed=seed,
)

with atomic_path(snakemake.output.history) as temporary:
    history.to_csv(temporary, index=False)
with atomic_path(snakemake.output.model) as temporary:
    model.save(temporary)
log.info("wrote %s and %s", snakemake.output.model, snakemake.output.history)
