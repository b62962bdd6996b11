"""Rule plot_map: the 2-D map of the test codes, coloured by class and by cluster."""

import json

import pandas as pd

from fashion_clustering import plots, tables
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
axis_name = snakemake.params.method.upper()
points = pd.read_parquet(snakemake.input.map)
shown = points["image"].to_numpy()
classes = tables.read_labels(snakemake.input.test_data)[shown]
clusters = tables.read_assignments(snakemake.input.clusters)[shown]
report = json.loads(open(snakemake.input.metrics).read())

figure = plots.map_figure(
    points[["x", "y"]].to_numpy(), classes, clusters,
    report["splits"]["test"]["mapping"],
    f"{report['method']}, seed {report['seed']}: {axis_name} of {len(points)} test "
    "images' autoencoder codes",
    axis_name,
)
plots.save_figure(figure, snakemake.output[0])
log.info("plotted %d points into %s", len(points), snakemake.output[0])
