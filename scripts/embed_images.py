"""Rule embed_images: the latent codes of one split's images under one seed's model."""

import numpy as np

from fashion_clustering import autoencoder
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
# Not snakemake.threads, which follows --cores: the codes' last bits depend on it.
autoencoder.configure_tensorflow(
    snakemake.params.compute_threads, int(snakemake.wildcards.seed)
)

import keras  # noqa: E402  after the thread settings, which must come first

model = keras.saving.load_model(snakemake.input.model)
codes = autoencoder.encode(model, np.load(snakemake.input.pixels))
log.info("encoded %s into codes %s", snakemake.input.pixels, codes.shape)

with atomic_path(snakemake.output[0]) as temporary:
    np.save(temporary, codes)
