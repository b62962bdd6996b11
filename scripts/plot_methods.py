"""Rule plot_methods: every method's mean score over seeds, with error bars."""

import pandas as pd

from fashion_clustering import plots
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
summary = pd.read_csv(snakemake.input[0])
figure = plots.methods_figure(summary)
plots.save_figure(figure, snakemake.output[0])
log.info("plotted %d methods into %s", summary["method"].nunique(), snakemake.output[0])
