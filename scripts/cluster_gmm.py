"""Rule cluster_gmm: a Gaussian mixture fitted on the training features, applied to both."""

import numpy as np
from threadpoolctl import threadpool_limits

from fashion_clustering import tables
from fashion_clustering.clustering import describe, fit_gmm
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
settings = snakemake.params.settings

# Float64 keeps EM's covariance updates well conditioned.
train = np.load(snakemake.input.train).astype(np.float64)
test = np.load(snakemake.input.test).astype(np.float64)
log.info("features: train %s, test %s", train.shape, test.shape)

# Not snakemake.threads, which follows --cores: BLAS may round per thread count.
with threadpool_limits(snakemake.params.compute_threads):
    model = fit_gmm(train, seed=seed, **settings)
    facts = describe(model)
    log.info("GMM %s, seed %d: %s", settings, seed, facts)
    if not facts["converged"]:
        log.warning("EM did not converge in %d iterations", settings["max_iter"])
    tables.write_assignments(model.predict(train), snakemake.output.train)
    tables.write_assignments(model.predict(test), snakemake.output.test)
log.info("wrote %s and %s", snakemake.output.train, snakemake.output.test)
