"""Rule convert_to_parquet: checked IDX images and labels -> one 785-column table."""

from fashion_clustering import idx, tables
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])

images = idx.read_images(snakemake.input.images)
labels = idx.read_labels(snakemake.input.labels)
log.info("read images %s and labels %s", images.shape, labels.shape)

table = tables.images_to_table(
    images, labels, source=f"{snakemake.input.images} and {snakemake.input.labels}"
)
tables.write_table(table, snakemake.output[0])
log.info("wrote %s: %d rows, %d columns", snakemake.output[0], *table.shape)
