"""Shared fixtures: tiny generated IDX data and workflow copies that run on it."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "scripts"))
sys.path.insert(0, str(PROJECT / "bench"))

from fashion_clustering import idx  # noqa: E402

WORKFLOW_PARTS = ["Snakefile", "rules", "scripts", "config", "envs", "profiles", "report"]
IDX_NAMES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


def make_images(n_images, seed):
    """Images of ten classes: each a bright square at its own place, plus noise.

    Returns images (n, 28, 28) and labels (n,), both uint8, labels cycling 0..9 so
    every class is present.
    """
    rng = np.random.default_rng(seed)
    labels = (np.arange(n_images) % 10).astype(np.uint8)
    images = rng.integers(0, 60, size=(n_images, 28, 28))
    for image, label in zip(images, labels):
        row, column = divmod(int(label), 5)
        image[4 + 12 * row : 12 + 12 * row, 1 + 5 * column : 6 + 5 * column] += 180
    return np.clip(images, 0, 255).astype(np.uint8), labels


def write_dataset(folder, n_train=300, n_test=100):
    """Write the four gzip IDX files into ``folder``; return their payload checksums."""
    checksums = {}
    for split, n_images, seed in (("train", n_train, 1), ("test", n_test, 2)):
        images, labels = make_images(n_images, seed)
        for name, array in zip(IDX_NAMES[split], (images, labels)):
            idx.write_idx_gz(array, Path(folder) / name)
            checksums[name] = hashlib.sha256(idx.encode_idx(array)).hexdigest()
    return checksums


def tiny_config(source_dir, checksums):
    """A config that runs every step in seconds on the tiny data."""
    return {
        # A copy of the checksums, so that a test changing one leaves the others'.
        "data": {
            "source_dir": str(source_dir), "mirrors": [], "sha256": dict(checksums)
        },
        "seeds": [0],
        "autoencoder": {
            "filters": [4, 8],
            "latent_dim": 4,
            "epochs": 2,
            "batch_size": 64,
            "patience": 2,
        },
        "kmeans": {"n_init": 2},
        "gmm": {"n_init": 1, "covariance_type": "diag"},
        # PCA spares each run UMAP's numba compilation; the UMAP map has its own test.
        "plots": {"map": {"method": "pca"}},
    }


class Workflow:
    """A private copy of the workflow in a folder, with its own config file."""

    def __init__(self, folder, config):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        for part in WORKFLOW_PARTS:
            source = PROJECT / part
            if source.is_dir():
                shutil.copytree(
                    source, self.folder / part,
                    ignore=shutil.ignore_patterns("__pycache__"),
                )
            else:
                shutil.copy2(source, self.folder / part)
        self.write_config(config)

    def copy_to(self, folder):
        """Copy the whole folder, outputs, times and Snakemake's records included."""
        shutil.copytree(self.folder, folder, symlinks=True)
        copy = Workflow.__new__(Workflow)
        copy.folder, copy.config = Path(folder), self.config
        return copy

    def write_config(self, config):
        self.config = config
        (self.folder / "config" / "config.yaml").write_text(yaml.safe_dump(config))

    def snakemake(self, *arguments, check=True, environment=None, timeout=None):
        """Run Snakemake in the copy; return the finished process (text output).

        ``environment`` adds variables to this process's own; a run longer than
        ``timeout`` seconds is killed and raises ``subprocess.TimeoutExpired``.
        """
        environment = dict(
            os.environ, XDG_CACHE_HOME=str(self.folder / ".cache"), **(environment or {})
        )
        process = subprocess.run(
            [sys.executable, "-m", "snakemake", "--cores", "2", *arguments],
            cwd=self.folder, env=environment, capture_output=True, text=True,
            timeout=timeout,
        )
        if check and process.returncode != 0:
            raise AssertionError(
                f"snakemake {' '.join(arguments)} failed:\n"
                f"{process.stdout[-5000:]}\n{process.stderr[-5000:]}"
            )
        return process

    def path(self, relative):
        return self.folder / relative


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fashion-mnist")
    return folder, write_dataset(folder)


@pytest.fixture
def workflow(tmp_path, tiny_dataset):
    """A fresh copy of the workflow configured for the tiny data; nothing run yet."""
    folder, checksums = tiny_dataset
    return Workflow(tmp_path / "workflow", tiny_config(folder, checksums))


@pytest.fixture(scope="session")
def finished_workflow(tmp_path_factory, tiny_dataset):
    """A copy of the workflow after one complete run on the tiny data.

    Shared by the tests that only read its outputs; tests that change files make
    their own copy with the ``workflow`` fixture.
    """
    folder, checksums = tiny_dataset
    copy = Workflow(
        tmp_path_factory.mktemp("finished") / "workflow", tiny_config(folder, checksums)
    )
    copy.snakemake()
    return copy
