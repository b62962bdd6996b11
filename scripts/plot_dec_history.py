"""Rule plot_dec_history: how DEC's clusters settled and its loss fell."""

import pandas as pd

from fashion_clustering import plots
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
history = pd.read_csv(snakemake.input[0])
figure = plots.dec_history_figure(
    history, f"DEC fine-tuning, seed {snakemake.wildcards.seed}"
)
plots.save_figure(figure, snakemake.output[0])
log.info("plotted %d target updates into %s", len(history), snakemake.output[0])
