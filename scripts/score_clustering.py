"""Rule score_clustering: NMI, ARI, matched accuracy and confusion matrices per split."""

import json

import numpy as np

from fashion_clustering import CLASS_NAMES, tables
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to
from fashion_clustering.metrics import score

log = route_to(snakemake.log[0])
inputs = snakemake.input

classes = {
    "train": tables.read_labels(inputs.train_data),
    "test": tables.read_labels(inputs.test_data),
}
clusters = {
    "train": tables.read_assignments(inputs.train_clusters),
    "test": tables.read_assignments(inputs.test_clusters),
}
for split in ("train", "test"):
    if len(classes[split]) != len(clusters[split]):
        raise ValueError(
            f"{split}: {len(clusters[split])} cluster assignments but "
            f"{len(classes[split])} images; expected one per image"
        )
classes["all"] = np.concatenate([classes["train"], classes["test"]])
clusters["all"] = np.concatenate([clusters["train"], clusters["test"]])

report = {
    "method": snakemake.wildcards.method,
    "seed": int(snakemake.wildcards.seed),
    "parameters": snakemake.params.settings,
    "class_names": list(CLASS_NAMES),
    "splits": {
        split: score(classes[split], clusters[split], len(CLASS_NAMES),
                     snakemake.params.n_clusters)
        for split in ("train", "test", "all")
    },
}
for split, scores in report["splits"].items():
    log.info("%s: NMI %.4f, ARI %.4f, ACC %.4f", split, scores["nmi"], scores["ari"],
             scores["acc"])

with atomic_path(snakemake.output[0]) as temporary:
    temporary.write_text(json.dumps(report, indent=1) + "\n")
