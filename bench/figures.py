"""The figures of a benchmark: read from Snakemake's benchmark files, job tables and
training logs, and turned into rates and ratios.

Nothing here runs Snakemake or times anything; ``run_benchmarks.py`` does, and passes
what it measured to these functions.
"""

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

# Columns of a Snakemake benchmark file that the benchmark reports: wall seconds of
# the job and its peak resident memory in MB.
BENCHMARK_COLUMNS = ("s", "max_rss")

# The backward pass costs about twice the forward one (gradients with respect to the
# inputs and to the weights), so a training step costs about three forward passes.
TRAINING_PASSES = 3

# Rules that train a network; their time grows with epochs and steps, not only with
# the number of images, so the scaling figures leave them out.
TRAINING_RULES = ("train_autoencoder", "train_dec")

_EPOCH_LINE = re.compile(r"epoch (\d+)/\d+: .*\((\d+(?:\.\d+)?) s\)")
_IMAGES_LINE = re.compile(r"(\d+) images to fit, (\d+) to validate")


def read_benchmark(path):
    """Return the seconds and peak memory of one Snakemake benchmark file.

    Returns
    -------
    dict
        ``s`` (wall seconds) and ``max_rss`` (MB). A file of several rows, as
        Snakemake's ``repeat()`` writes, gives the median of each column. ``max_rss``
        is NaN when the job ended before Snakemake took its first memory sample.
    """
    table = pd.read_csv(path, sep="\t", na_values=["NA", "-"])
    missing = [column for column in BENCHMARK_COLUMNS if column not in table.columns]
    if missing or table.empty:
        raise ValueError(
            f"{path}: columns {list(table.columns)} and {len(table)} rows, expected a "
            f"Snakemake benchmark file with columns {list(BENCHMARK_COLUMNS)} and a row"
        )
    return {column: float(table[column].median()) for column in BENCHMARK_COLUMNS}


def read_benchmarks(folder):
    """Return one row per benchmark file under ``folder``.

    Returns
    -------
    DataFrame
        Columns ``job`` (the file's path below ``folder`` without ``.tsv``, e.g.
        ``cluster/ae_gmm/seed0``), ``s`` and ``max_rss``, sorted by job.
    """
    folder = Path(folder)
    rows = [
        {"job": path.relative_to(folder).with_suffix("").as_posix()}
        | read_benchmark(path)
        for path in sorted(folder.rglob("*.tsv"))
    ]
    if not rows:
        raise ValueError(f"{folder}: no benchmark files, expected one .tsv per job")
    return pd.DataFrame(rows, columns=["job", *BENCHMARK_COLUMNS])


def is_training(job):
    """Whether a benchmark job name belongs to a rule that trains a network."""
    return job.split("/")[0] in TRAINING_RULES


def job_stats(output):
    """Return jobs per rule from the 'Job stats' table in Snakemake's output.

    The target rule ``all`` is left out, since it does no work. Output without the
    table (nothing to be done) gives an empty dict.
    """
    if "Job stats:" not in output:
        return {}
    lines = output.split("Job stats:", 1)[1].splitlines()
    counts = {}
    in_table = False
    for line in lines:
        parts = line.split()
        if not in_table:
            in_table = bool(parts) and set(parts[0]) == {"-"}
            continue
        if len(parts) != 2 or parts[0] == "total":
            break
        counts[parts[0]] = int(parts[1])
    counts.pop("all", None)
    return counts


def epoch_seconds(log_text):
    """Return the seconds of each epoch in a train_autoencoder log, in order."""
    seconds = [float(match[2]) for match in _EPOCH_LINE.finditer(log_text)]
    if not seconds:
        raise ValueError(
            "no line 'epoch N/M: ... (S s)' in the training log; expected one per epoch"
        )
    return np.array(seconds)


def training_images(log_text):
    """Return (images fitted, images validated) per epoch from a training log."""
    match = _IMAGES_LINE.search(log_text)
    if match is None:
        raise ValueError(
            "no line 'N images to fit, M to validate' in the training log"
        )
    return int(match[1]), int(match[2])


def layer_flops(kernel_shape, positions):
    """Floating-point operations of one convolution or dense layer on one image.

    Parameters
    ----------
    kernel_shape : tuple of int
        The layer's weights, e.g. (3, 3, 32, 64) or (2048, 10).
    positions : int
        Places the kernel is applied: output pixels of a convolution, input pixels
        of a transposed convolution, 1 for a dense layer.

    Each weight takes part in one multiply and one add per position.
    """
    return 2 * positions * math.prod(kernel_shape)


def forward_flops(layers):
    """Sum of :func:`layer_flops` over ``layers``, (kernel shape, positions) pairs.

    Biases, activations and cropping are left out: they cost about one operation per
    output value, under 1% of the convolutions.
    """
    return sum(layer_flops(kernel, positions) for kernel, positions in layers)


def epoch_flops(forward, n_fit, n_validation):
    """Operations of one epoch: a training step per fitted image, a forward pass per
    validation image."""
    return forward * (TRAINING_PASSES * n_fit + n_validation)


def matmul_rate(size, seconds):
    """Operations per second of a (size x size) @ (size x size) product."""
    return 2 * size**3 / seconds


def overhead_ratio(wall_seconds, job_seconds):
    """Wall time of a one-core run over the sum of its jobs' own times."""
    total = float(np.sum(job_seconds))
    if total <= 0:
        raise ValueError(f"jobs' own times sum to {total} s, expected more than 0")
    return wall_seconds / total


def scaling_table(runs):
    """Return time and memory of every non-training job at each data size.

    Parameters
    ----------
    runs : dict
        Images in the run -> its :func:`read_benchmarks` table.

    Returns
    -------
    DataFrame
        One row per job and size: ``job``, ``images``, ``s``, ``max_rss``; plus a row
        per size for job ``total``, the sum of time and the largest peak memory. Only
        jobs that ran at every size are kept, so the totals add up the same jobs.
    """
    common = set.intersection(*(set(jobs["job"]) for jobs in runs.values()))
    frames = []
    for images, jobs in sorted(runs.items()):
        kept = jobs[jobs["job"].isin(common) & ~jobs["job"].map(is_training)]
        total = pd.DataFrame(
            [{"job": "total", "s": kept["s"].sum(), "max_rss": kept["max_rss"].max()}]
        )
        frames.append(pd.concat([kept, total]).assign(images=images))
    table = pd.concat(frames, ignore_index=True)
    return table[["job", "images", "s", "max_rss"]]


def growth_ratios(scaling):
    """Return time at the largest size over time at the next smaller size, per job.

    Parameters
    ----------
    scaling : DataFrame
        As :func:`scaling_table` returns, with at least two sizes.

    Returns
    -------
    Series
        Indexed by job, in the order jobs first appear.
    """
    seconds = scaling.pivot(index="job", columns="images", values="s")
    if seconds.shape[1] < 2:
        raise ValueError(
            f"scaling has sizes {list(seconds.columns)}, expected at least two"
        )
    largest, next_smaller = seconds.columns[-1], seconds.columns[-2]
    ratios = seconds[largest] / seconds[next_smaller]
    return ratios.reindex(scaling["job"].drop_duplicates())
