"""Rule plot_confusion: heatmaps of one split's confusion matrix, as found and matched."""

import json

from fashion_clustering import CLASS_NAMES, plots
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
report = json.loads(open(snakemake.input[0]).read())
split = snakemake.params.split
scores = report["splits"][split]
n_clusters = len(scores["confusion"][0])
title = f"{report['method']}, seed {report['seed']}, {split} split"

found = plots.confusion_figure(
    scores["confusion"], CLASS_NAMES, plots.cluster_names(n_clusters),
    f"{title}: clusters as found", "cluster",
)
plots.save_figure(found, snakemake.output.found)

matched = plots.confusion_figure(
    scores["confusion_matched"], CLASS_NAMES,
    plots.matched_names(scores["mapping"], n_clusters),
    f"{title}: matched, accuracy {scores['acc']:.3f}", "cluster, named by matched class",
)
plots.save_figure(matched, snakemake.output.matched)
log.info("wrote %s and %s", snakemake.output.found, snakemake.output.matched)
