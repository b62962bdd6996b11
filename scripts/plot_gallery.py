"""Rule plot_gallery: sample test images of each cluster, named by its matched class."""

import json

import numpy as np

from fashion_clustering import autoencoder, plots, tables
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
images = autoencoder.as_images(np.load(snakemake.input.pixels))[..., 0]
clusters = tables.read_assignments(snakemake.input.clusters)
report = json.loads(open(snakemake.input.metrics).read())
mapping = report["splits"]["test"]["mapping"]
n_clusters = snakemake.params.n_clusters

# Rows in class order, so galleries of different methods line up.
rows = sorted(range(n_clusters), key=lambda c: mapping.get(str(c), n_clusters + c))
samples = plots.gallery_samples(clusters, n_clusters, snakemake.params.n_images, seed)
titles = plots.cluster_titles(mapping, n_clusters)
figure = plots.gallery_figure(
    images, [samples[c] for c in rows], [titles[c] for c in rows],
    f"{report['method']}, seed {seed}: test images per cluster",
)
plots.save_figure(figure, snakemake.output[0])
log.info("plotted %d clusters into %s", n_clusters, snakemake.output[0])
