"""Rule embed_umap: UMAP fitted on (a subset of) the training codes, applied to both."""

import numpy as np

from fashion_clustering import manifold
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
settings = dict(snakemake.params.settings)
n_fit = settings.pop("n_fit")

train = np.load(snakemake.input.train)
test = np.load(snakemake.input.test)
log.info("codes: train %s, test %s", train.shape, test.shape)

fitted = manifold.fit_subset(len(train), n_fit, seed)
log.info("fitting UMAP %s, seed %d, on %d training codes", settings, seed, fitted.size)
reducer = manifold.fit_umap(train[fitted], seed=seed, **settings)
train_coordinates = manifold.embed_training_codes(reducer, train, fitted)
log.info("placed the other %d training codes", len(train) - fitted.size)
test_coordinates = reducer.transform(test).astype(np.float32)
log.info("placed the %d test codes", len(test))

for coordinates, path in ((train_coordinates, snakemake.output.train),
                          (test_coordinates, snakemake.output.test)):
    if not np.isfinite(coordinates).all():
        raise ValueError(f"{path}: UMAP gave non-finite coordinates")
    with atomic_path(path) as temporary:
        np.save(temporary, coordinates)
log.info("wrote %s and %s", snakemake.output.train, snakemake.output.test)
