"""Rule cluster_dec: each image's most probable cluster under one seed's DEC model."""

import numpy as np

from fashion_clustering import autoencoder, tables
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
autoencoder.configure_tensorflow(
    snakemake.params.compute_threads, int(snakemake.wildcards.seed)
)

import keras  # noqa: E402  after the thread settings, which must come first

from fashion_clustering import dec  # noqa: E402  registers the clustering layer

model = keras.saving.load_model(snakemake.input.model)
for split in ("train", "test"):
    images = autoencoder.as_images(np.load(snakemake.input[split]))
    clusters = dec.assign(model, images)
    log.info("%s: %d images, cluster sizes %s", split, len(clusters),
             np.bincount(clusters, minlength=model.get_layer("clustering").n_clusters)
             .tolist())
    tables.write_assignments(clusters, snakemake.output[split])
log.info("wrote %s and %s", snakemake.output.train, snakemake.output.test)
