# Config validation, wildcard constraints and input functions shared by every stage.
import sys
from pathlib import Path

import yaml
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))
from fashion_clustering.config import ConfigError, check_config
from fashion_clustering.files import OutputWriteError, check_output_folders

# Our own check first, for a short message naming each bad key; Snakemake's validate
# then fills in the schema's defaults.
try:
    check_config(
        config, yaml.safe_load(Path(workflow.basedir, "config", "schema.yaml").read_text())
    )
except ConfigError as error:
    raise WorkflowError(str(error)) from None
validate(config, workflow.source_path("../config/schema.yaml"))

# A file or a dangling link where an output folder belongs would otherwise surface
# as a traceback from inside Snakemake when the first job starts.
try:
    check_output_folders(["resources", "results", "logs", "benchmarks"])
except OutputWriteError as error:
    raise WorkflowError(str(error)) from None

SEEDS = config["seeds"]
METHODS = config["methods"]
SPLITS = ["train", "test"]
IDX_FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}
KMEANS_METHODS = ["kmeans_pixels", "ae_kmeans"]
GMM_METHODS = ["ae_gmm", "ae_umap_gmm"]
DEC_METHODS = ["dec"]
AUTOENCODER_METHODS = ["ae_kmeans", "ae_gmm", "ae_umap_gmm", "dec"]


wildcard_constraints:
    seed=r"\d+",
    split="train|test",
    idx_file="|".join(IDX_FILES.values()),


# Steps that run on the submitting host under a cluster executor: the download,
# since compute nodes often have no network, and plots that take seconds.
localrules:
    fetch_data,
    plot_confusion,
    plot_loss,
    summarize,
    plot_map,
    plot_gallery,
    plot_dec_history,
    plot_methods,


def grows_with_attempt(first_attempt_mb):
    """A ``mem_mb`` resource: ``first_attempt_mb`` MB, and as much again per retry.

    For the steps whose memory grows with the settings (model size, restarts, number
    of images): on a cluster a job killed for exceeding its memory comes back with
    more when Snakemake runs with ``--retries``.
    """

    def mem_mb(wildcards, attempt):
        return first_attempt_mb * attempt

    return mem_mb


def idx_images(wildcards):
    return f"resources/fashion-mnist/{IDX_FILES[f'{wildcards.split}_images']}"


def idx_labels(wildcards):
    return f"resources/fashion-mnist/{IDX_FILES[f'{wildcards.split}_labels']}"


def idx_checksum(wildcards):
    return config["data"]["sha256"][wildcards.idx_file]


def clustering_features(wildcards):
    """Pixels for K-Means on pixels, UMAP coordinates for ae_umap_gmm, else the codes."""
    if wildcards.method == "kmeans_pixels":
        return {
            "train": "results/data/train_pixels.npy",
            "test": "results/data/test_pixels.npy",
        }
    if wildcards.method == "ae_umap_gmm":
        return {split: f"results/umap/seed{wildcards.seed}/{split}.npy" for split in SPLITS}
    return {
        split: f"results/embeddings/seed{wildcards.seed}/{split}.npy" for split in SPLITS
    }


def autoencoder_settings():
    """The ``autoencoder`` section less the other architecture's key.

    So a change to ``dense_units`` under conv, or to ``filters`` under dense,
    retrains nothing.
    """
    section = config["autoencoder"]
    unused = "filters" if section["architecture"] == "dense" else "dense_units"
    return {key: value for key, value in section.items() if key != unused}


def method_settings(wildcards):
    """The config sections that decide a method's clusters, recorded with its scores."""
    method = wildcards.method
    settings = {"kmeans": config["kmeans"]} if method in KMEANS_METHODS else {}
    if method in GMM_METHODS:
        settings["gmm"] = config["gmm"]
    if method == "ae_umap_gmm":
        settings["umap"] = config["umap"]
    if method in DEC_METHODS:
        settings["kmeans"] = config["kmeans"]
        settings["dec"] = config["dec"]
    if method in AUTOENCODER_METHODS:
        settings["autoencoder"] = autoencoder_settings()
        settings["validation_fraction"] = config["data"]["validation_fraction"]
    return settings


def n_clusters(wildcards):
    if wildcards.method in GMM_METHODS:
        return config["gmm"]["n_components"]
    return config["kmeans"]["n_clusters"]


def all_metrics():
    return expand("results/metrics/{method}/seed{seed}.json", method=METHODS, seed=SEEDS)


def study_outputs():
    """Every file the study ends in: scores, figures and the summary."""
    outputs = all_metrics()
    outputs += expand(
        "results/plots/{method}/seed{seed}/{figure}.png",
        method=METHODS,
        seed=SEEDS,
        figure=["confusion", "confusion_matched"],
    )
    if set(METHODS) & set(AUTOENCODER_METHODS):
        outputs += expand("results/plots/autoencoder/seed{seed}/loss.png", seed=SEEDS)
    outputs += ["results/summary.csv", "results/summary.md"]
    return outputs + picture_outputs()


def picture_outputs():
    """The pictures beyond the study: galleries, maps, reconstructions, comparison."""
    outputs = expand(
        "results/plots/{method}/seed{seed}/gallery.png", method=METHODS, seed=SEEDS
    )
    if set(METHODS) & set(AUTOENCODER_METHODS):
        # The map shows the autoencoder's codes, coloured by any method's clusters.
        outputs += expand(
            "results/plots/{method}/seed{seed}/map.png", method=METHODS, seed=SEEDS
        )
        outputs += expand(
            "results/plots/autoencoder/seed{seed}/reconstructions.png", seed=SEEDS
        )
    if set(METHODS) & set(DEC_METHODS):
        outputs += expand("results/plots/dec/seed{seed}/history.png", seed=SEEDS)
    return outputs + ["results/plots/methods.png"]
