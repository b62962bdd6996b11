"""Rule plot_loss: the autoencoder's training and validation loss per epoch."""

import pandas as pd

from fashion_clustering import plots
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
history = pd.read_csv(snakemake.input[0])
figure = plots.loss_figure(
    history, f"Autoencoder, seed {snakemake.wildcards.seed}: reconstruction loss"
)
plots.save_figure(figure, snakemake.output[0])
log.info("plotted %d epochs into %s", len(history), snakemake.output[0])
