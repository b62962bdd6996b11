"""A train_autoencoder job killed part-way resumes, and ends as if never interrupted.

Each case starts a real run, waits for the first checkpoint, kills Snakemake and its
job (SIGTERM, as a scheduler's time limit sends, or SIGKILL, as a lost node or the
out-of-memory killer amounts to), then reruns with ``--rerun-incomplete`` and
compares the outcome with an uninterrupted run of the same seed.
"""

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile

import h5py
import pytest

from conftest import Workflow, tiny_config

MODEL = "results/models/seed0/autoencoder.keras"
HISTORY = "results/models/seed0/history.csv"
CHECKPOINT_STATE = "results/models/seed0/checkpoint/state.json"
METRICS = "results/metrics/ae_kmeans/seed0.json"
DATA = [
    "results/data/train_pixels.npy",
    "results/data/test_pixels.npy",
    "results/data/seed0/validation_indices.npy",
]
EPOCHS = 6
# Generous, since the machine may be shared: the deadline only bounds a hung test.
CHECKPOINT_DEADLINE_S = 600


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, tiny_dataset):
    """A workflow copy with the data stage done; six epochs leave time to kill it."""
    folder, checksums = tiny_dataset
    config = tiny_config(folder, checksums)
    config["methods"] = ["ae_kmeans"]
    config["autoencoder"].update(epochs=EPOCHS, patience=EPOCHS)
    copy = Workflow(tmp_path_factory.mktemp("prepared") / "workflow", config)
    copy.snakemake(*DATA)
    return copy


def copy_of(prepared, folder):
    """A new workflow copy holding ``prepared``'s results, their times kept."""
    copy = Workflow(folder, prepared.config)
    for part in ("resources", "results", ".snakemake"):
        shutil.copytree(prepared.path(part), copy.path(part), dirs_exist_ok=True)
    return copy


@pytest.fixture(scope="module")
def uninterrupted(prepared, tmp_path_factory):
    copy = copy_of(prepared, tmp_path_factory.mktemp("uninterrupted") / "workflow")
    copy.snakemake(METRICS)
    return copy


def descendants(pid):
    """Process ids of every process started, directly or not, by ``pid``."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stream:
                # The command name in brackets may hold spaces; fields follow it.
                parent = int(stream.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, waiting = [], [pid]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


def wait_until_gone(pids, deadline_s=120):
    deadline = time.monotonic() + deadline_s
    while any(os.path.exists(f"/proc/{pid}") for pid in pids):
        assert time.monotonic() < deadline, f"processes {pids} outlived the kill"
        time.sleep(0.1)


def start_and_kill(workflow, signal_number):
    """Run the workflow towards METRICS; kill it once the first epoch is saved."""
    environment = dict(os.environ, XDG_CACHE_HOME=str(workflow.path(".cache")))
    with open(workflow.path("killed-run.txt"), "w") as output:
        snakemake = subprocess.Popen(
            [sys.executable, "-m", "snakemake", "--cores", "2", METRICS],
            cwd=workflow.folder, env=environment, stdout=output,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    deadline = time.monotonic() + CHECKPOINT_DEADLINE_S
    while not workflow.path(CHECKPOINT_STATE).exists():
        assert snakemake.poll() is None, "the run ended before its first checkpoint"
        assert time.monotonic() < deadline, "no checkpoint within the deadline"
        time.sleep(0.05)

    # The whole tree, as a scheduler kills a job: Snakemake and the script it runs.
    processes = descendants(snakemake.pid)
    os.killpg(snakemake.pid, signal_number)
    for pid in processes:
        try:
            os.kill(pid, signal_number)
        except ProcessLookupError:
            pass
    snakemake.wait(timeout=120)
    wait_until_gone(processes)


def weights_of(model_path):
    """Every weight array in a saved .keras file, by its name in the archive."""
    with zipfile.ZipFile(model_path) as archive:
        stored = io.BytesIO(archive.read("model.weights.h5"))
    weights = {}

    def keep_arrays(name, item):
        if isinstance(item, h5py.Dataset):
            weights[name] = item[()]

    with h5py.File(stored, "r") as weights_file:
        weights_file.visititems(keep_arrays)
    return weights


@pytest.fixture(
    scope="module", params=[signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"]
)
def resumed(request, prepared, tmp_path_factory):
    """A run killed after its first checkpoint, then rerun to the end.

    Returns the workflow copy and the paths of its outputs that existed right after
    the kill, when training was unfinished.
    """
    name = signal.Signals(request.param).name
    copy = copy_of(prepared, tmp_path_factory.mktemp(f"killed-{name}") / "workflow")
    start_and_kill(copy, request.param)
    after_kill = [
        str(path.relative_to(copy.folder))
        for path in copy.path("results/models").rglob("*")
        if path.is_file() and "checkpoint" not in path.parts
    ]
    if request.param == signal.SIGKILL:
        # Snakemake had no chance to release its lock; its LockException tells the
        # user to run --unlock, as here.
        copy.snakemake("--unlock")
    copy.snakemake("--rerun-incomplete", METRICS)
    return copy, after_kill


def test_killed_training_leaves_no_model_history_or_temporary_file(resumed):
    _, after_kill = resumed
    assert after_kill == []


def test_rerun_continues_after_the_last_saved_epoch(resumed):
    workflow, _ = resumed
    log = workflow.path("logs/train_autoencoder/seed0.log").read_text()
    resumed_after = [
        int(line.split("resuming after epoch ")[1].split()[0])
        for line in log.splitlines()
        if "resuming after epoch " in line
    ]
    assert len(resumed_after) == 1 and 1 <= resumed_after[0] < EPOCHS


def test_resumed_training_ends_with_the_uninterrupted_weights(resumed, uninterrupted):
    workflow, _ = resumed
    found = weights_of(workflow.path(MODEL))
    expected = weights_of(uninterrupted.path(MODEL))
    assert found.keys() == expected.keys() and all(
        (found[name] == expected[name]).all() for name in expected
    )


def test_resumed_training_has_the_uninterrupted_history(resumed, uninterrupted):
    workflow, _ = resumed
    assert workflow.path(HISTORY).read_text() == uninterrupted.path(HISTORY).read_text()


def test_resumed_run_scores_the_uninterrupted_metrics(resumed, uninterrupted):
    workflow, _ = resumed
    found = json.loads(workflow.path(METRICS).read_text())
    assert found == json.loads(uninterrupted.path(METRICS).read_text())


def test_checkpoint_is_removed_once_the_model_is_written(resumed):
    workflow, _ = resumed
    assert not workflow.path("results/models/seed0/checkpoint").exists()
