"""Rule map_codes: a 2-D UMAP map of (a seeded sample of) the test images' codes."""

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
log.info("mapping %d of %d test codes %s", shown.size, len(codes), codes.shape[1:])
reducer = manifold.fit_umap(
    codes[shown], n_components=2, n_neighbors=settings["n_neighbors"],
    min_dist=settings["min_dist"], metric=settings["metric"], seed=seed,
)

table = pd.DataFrame({"image": shown, "x": reducer.embedding_[:, 0],
                      "y": reducer.embedding_[:, 1]})
with atomic_path(snakemake.output[0]) as temporary:
    table.to_parquet(temporary, index=False)
log.info("wrote %s", snakemake.output[0])
