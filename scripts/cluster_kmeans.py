"""Rule cluster_kmeans: K-Means fitted on the training features, applied to both splits."""

import numpy as np
from threadpoolctl import threadpool_limits

from fashion_clustering import tables
from fashion_clustering.clustering import describe, fit_kmeans
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
settings = snakemake.params.settings

train, test = np.load(snakemake.input.train), np.load(snakemake.input.test)
log.info("features: train %s, test %s", train.shape, test.shape)

# Not snakemake.threads, which follows --cores: K-Means sums its centres per thread.
with threadpool_limits(snakemake.params.compute_threads):
    model = fit_kmeans(train, seed=seed, **settings)
    log.info("K-Means %s, seed %d: %s", settings, seed, describe(model))
    tables.write_assignments(model.predict(train), snakemake.output.train)
    tables.write_assignments(model.predict(test), snakemake.output.test)
log.info("wrote %s and %s", snakemake.output.train, snakemake.output.test)
