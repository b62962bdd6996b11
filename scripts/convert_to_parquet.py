"""Rule convert_to_parquet: checked IDX images and labels -> one 785-column table."""

from fashion_clustering import idx, tables
from fashion_clustering.logs import route_to
from fashion_clustering.preprocess import subsample_indices

log = route_to(snakemake.log[0])
fraction = snakemake.params.subsample_fraction

images = idx.read_images(snakemake.input.images)
labels = idx.read_labels(snakemake.input.labels)
log.info("read images %s and labels %s", images.shape, labels.shape)
# Before subsampling, which would otherwise fail on an index past the shorter file.
tables.check_same_count(
    images, labels, f"{snakemake.input.images} and {snakemake.input.labels}"
)

kept = subsample_indices(labels, fraction, snakemake.params.subsample_seed)
if len(kept) < len(labels):
    images, labels = images[kept], labels[kept]
    log.info("kept a stratified subsample of %d images (fraction %s, seed %d)",
             len(kept), fraction, snakemake.params.subsample_seed)

table = tables.images_to_table(
    images, labels, source=f"{snakemake.input.images} and {snakemake.input.labels}"
)
tables.write_table(table, snakemake.output[0])
log.info("wrote %s: %d rows, %d columns", snakemake.output[0], *table.shape)
