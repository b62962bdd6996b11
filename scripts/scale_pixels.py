"""Rule scale_pixels: the table's pixels as a float32 array in [0, 1]."""

import numpy as np

from fashion_clustering import tables
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to
from fashion_clustering.preprocess import scale_pixels

log = route_to(snakemake.log[0])

pixels = scale_pixels(tables.read_pixels(snakemake.input[0]))
log.info("read %s: pixels %s", snakemake.input[0], pixels.shape)

with atomic_path(snakemake.output[0]) as temporary:
    np.save(temporary, pixels)
log.info("wrote %s (float32, min %.3f, max %.3f)", snakemake.output[0],
         pixels.min(), pixels.max())
