"""Rule map_codes: a 2-D map (UMAP or PCA) of a seeded sample of the test codes."""

import numpy as np
import pandas as pd

from fashion_clustering import manifold
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
settings = snakemake.params.settings

codes = np.load(snakemake.input[0])
shown = manifold.fit_subset(len(codes), settings["n_images"], seed)
log.info("mapping %d of %d test codes %s with %s", shown.size, len(codes),
         codes.shape[1:], settings["method"])
coordinates = manifold.map_2d(codes[shown], seed=seed, **settings)

table = pd.DataFrame({"image": shown, "x": coordinates[:, 0], "y": coordinates[:, 1]})
with atomic_path(snakemake.output[0]) as temporary:
    table.to_parquet(temporary, index=False)
log.info("wrote %s", snakemake.output[0])
