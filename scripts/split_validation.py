"""Rule split_validation: the seed's stratified validation subset of the training set."""

import numpy as np

from fashion_clustering import tables
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to
from fashion_clustering.preprocess import validation_indices

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)

labels = tables.read_labels(snakemake.input[0])
held_out = validation_indices(labels, snakemake.params.fraction, seed)
log.info("seed %d: %d of %d training images held out for validation (fraction %s)",
         seed, held_out.size, labels.size, snakemake.params.fraction)

with atomic_path(snakemake.output[0]) as temporary:
    np.save(temporary, held_out)
