"""Rule fetch_data: one verified IDX file, copied from the source folder or downloaded."""

from pathlib import Path

from fashion_clustering.fetch import fetch_file
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
destination = Path(snakemake.output[0])
data = snakemake.config["data"]

origin = fetch_file(
    filename=destination.name,
    destination=destination,
    source_dir=data["source_dir"],
    mirrors=data["mirrors"],
    expected_sha256=snakemake.params.sha256,
)
log.info("wrote %s from %s; payload SHA-256 verified", destination, origin)
