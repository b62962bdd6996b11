"""Benchmark the workflow in scratch copies and write results/bench/report.md.

Measures, on one machine and in one go, so that the ratios compare like with like:
a full run from clean, a no-op rerun, an incremental rerun after one GMM setting
changes, the workflow's overhead on one core, the autoencoder's training rate against
NumPy's matrix product, and the non-training jobs on shares of the data.

Usage: python bench/run_benchmarks.py --config config/config.yaml --out results/bench
(``make bench`` does this). Runs take as long as the study itself, several times.
"""

import argparse
import copy
import datetime
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import yaml
from snakemake.utils import validate
from threadpoolctl import threadpool_limits

import figures
import report

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "scripts"))

from fashion_clustering.files import atomic_path  # noqa: E402

SCHEMA_PATH = PROJECT / "config" / "schema.yaml"
# What a run writes or a developer keeps beside the workflow; never copied.
NOT_WORKFLOW = {".git", ".venv", ".snakemake", ".pytest_cache", "results", "logs",
                "benchmarks", "resources"}


def _not_workflow(folder, names):
    """``shutil.copytree`` filter: leave out outputs at the top, caches everywhere."""
    left_out = {"__pycache__"}
    if Path(folder) == PROJECT:
        left_out |= NOT_WORKFLOW
    return [name for name in names if name in left_out]


def snapshot_workflow(folder, working_tree):
    """Copy the workflow into ``folder`` and return it.

    Every run copies this snapshot rather than the project, so that all runs measure
    the same workflow even while the project is being edited. The snapshot is the
    last commit, so that the report can name what it measured, unless
    ``working_tree`` is true or the project is no git repository.
    """
    folder = Path(folder)
    if working_tree or not (PROJECT / ".git").exists():
        shutil.copytree(PROJECT, folder, ignore=_not_workflow)
        return folder
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=PROJECT,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


class ScratchWorkflow:
    """A private copy of a workflow snapshot in ``folder``, with its own config."""

    def __init__(self, snapshot, folder, config):
        self.folder = Path(folder)
        if self.folder.exists():
            raise FileExistsError(
                f"{self.folder}: exists, expected a new scratch folder"
            )
        shutil.copytree(snapshot, self.folder)
        self.write_config(config)

    def write_config(self, config):
        (self.folder / "config" / "config.yaml").write_text(yaml.safe_dump(config))

    def run(self, cores, *arguments):
        """Run Snakemake to completion.

        Returns
        -------
        wall : float
            Seconds until it ended.
        cpu : float
            CPU seconds of Snakemake and its jobs; unlike the wall time, this does
            not grow while other work holds the CPUs.
        output : str
            What it printed, stdout then stderr.
        """
        environment = dict(os.environ, XDG_CACHE_HOME=str(self.folder / ".cache"))
        command = [sys.executable, "-m", "snakemake", "--cores", str(cores), *arguments]
        cpu_before = _children_cpu_seconds()
        started = time.perf_counter()
        process = subprocess.run(command, cwd=self.folder, env=environment,
                                 capture_output=True, text=True)
        wall = time.perf_counter() - started
        cpu = _children_cpu_seconds() - cpu_before
        output = process.stdout + process.stderr
        if process.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} in {self.folder} exited with "
                f"{process.returncode}:\n{output[-5000:]}"
            )
        return wall, cpu, output

    def path(self, relative):
        return self.folder / relative


def _children_cpu_seconds():
    """User and system CPU seconds of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_config(path):
    """Read a config file and fill in the schema's defaults, as the workflow does."""
    config = yaml.safe_load(Path(path).read_text()) or {}
    validate(config, str(SCHEMA_PATH))
    return config


def with_setting(config, section, key, value):
    """Return a copy of ``config`` with ``config[section][key] = value``."""
    changed = copy.deepcopy(config)
    changed[section][key] = value
    return changed


def time_matmul(size, repeats, threads):
    """Seconds of each of ``repeats`` float32 (size x size) matrix products."""
    rng = np.random.default_rng(0)
    left = rng.random((size, size), dtype=np.float32)
    right = rng.random((size, size), dtype=np.float32)
    seconds = []
    with threadpool_limits(threads):
        left @ right  # the first product also pays for the BLAS threads' start-up
        for _ in range(repeats):
            started = time.perf_counter()
            left @ right
            seconds.append(time.perf_counter() - started)
    return seconds


def keras_layers(model_path):
    """(kernel shape, positions) of every convolution and dense layer of a saved model.

    See ``figures.layer_flops`` for what positions are. Any other layer that has a
    kernel raises, so that no weighted layer is silently left out of the count.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras

    def walk(model):
        for layer in model.layers:
            if isinstance(layer, keras.Model):
                yield from walk(layer)
                continue
            kind = type(layer).__name__
            if kind == "Conv2D":
                positions = np.prod(layer.output.shape[1:3])
            elif kind == "Conv2DTranspose":
                positions = np.prod(layer.input.shape[1:3])
            elif kind == "Dense" and len(layer.input.shape) == 2:
                positions = 1
            elif hasattr(layer, "kernel"):
                raise ValueError(
                    f"{model_path}: layer {layer.name} of type {kind} has weights, "
                    "expected only Conv2D, Conv2DTranspose and Dense to have them"
                )
            else:
                continue
            yield tuple(layer.kernel.shape), int(positions)

    return list(walk(keras.saving.load_model(model_path)))


def count_images(workflow):
    """Images in the run's data tables, train and test together."""
    return sum(
        pq.read_metadata(workflow.path(f"results/data/{split}.parquet")).num_rows
        for split in ("train", "test")
    )


def describe_machine():
    """Lines on the CPU, memory and software the benchmark ran on."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip()
                 for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical CPUs",
        f"memory: {memory_gb:.0f} GB",
        f"system: {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}",
    ]


def git_revision(working_tree):
    """The commit benchmarked, marked when it is the working tree with changes."""
    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=PROJECT, capture_output=True,
                              text=True).stdout.strip()

    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    if working_tree and git("status", "--porcelain"):
        revision += " with uncommitted changes"
    return revision


class LoadWatch:
    """The highest one-minute load average seen at the moments it is sampled."""

    def __init__(self):
        self.highest = 0.0

    def sample(self):
        self.highest = max(self.highest, os.getloadavg()[0])


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default=str(PROJECT / "config" / "config.yaml"),
                        help="config file of the runs (default: the shipped one)")
    parser.add_argument("--out", default=str(PROJECT / "results" / "bench"),
                        help="folder of the report, CSV files and plot")
    parser.add_argument("--scratch", default=None,
                        help="folder for the workflow copies (default: a new temporary "
                             "folder); removed at the end unless --keep-scratch")
    parser.add_argument("--keep-scratch", action="store_true")
    parser.add_argument("--working-tree", action="store_true",
                        help="benchmark the working tree with its uncommitted changes "
                             "rather than the last commit")
    parser.add_argument("--cores", type=int, default=os.cpu_count(),
                        help="cores of every run but the one-core overhead run")
    parser.add_argument("--repeats", type=int, default=5,
                        help="repeats of the short measurements: no-op rerun, matrix "
                             "product")
    parser.add_argument("--incremental-repeats", type=int, default=3)
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5],
                        help="shares of the data for the scaling runs, besides all")
    parser.add_argument("--overhead-fraction", type=float, default=1.0,
                        help="share of the data for the one-core overhead run; less "
                             "than 1 saves time and gives a higher, cautious ratio, "
                             "since the overhead does not shrink with the data")
    parser.add_argument("--matmul-size", type=int, default=4096)
    return parser.parse_args(argv)


def main(argv=None):
    arguments = parse_arguments(argv)
    cores = arguments.cores
    config = load_config(arguments.config)
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(arguments.scratch or tempfile.mkdtemp(prefix="fashion-bench-"))
    snapshot = snapshot_workflow(scratch / "workflow", arguments.working_tree)
    revision = git_revision(arguments.working_tree)
    started_at = datetime.datetime.now(datetime.timezone.utc)
    machine = describe_machine()
    load = LoadWatch()
    measured = report.Measurements(
        cores=cores, matmul_size=arguments.matmul_size,
        overhead_fraction=arguments.overhead_fraction,
    )

    def step(message):
        """Log the step, and publish the report of what is measured so far."""
        load.sample()
        now = datetime.datetime.now(datetime.timezone.utc)
        context = [
            f"from {started_at:%Y-%m-%d %H:%M} to {now:%H:%M} UTC, commit {revision}, "
            f"config {arguments.config}",
            f"runs on {cores} cores (the overhead run on 1), each in a fresh copy of "
            "the workflow",
            f"highest one-minute load average seen between steps: {load.highest:.1f} "
            f"(above {cores} means other work shared the CPUs)",
            f"status: {message}",
        ]
        write_outputs(out, measured, report.render_report(
            measured, machine=machine, context=context, plot_name="report.png",
            reproduce=f"make bench   # or: python bench/run_benchmarks.py --config "
                      f"{arguments.config} --cores {cores}",
        ))
        print(f"[{now:%H:%M:%S}] {message}", flush=True)

    # The matrix product brackets the full run, so that its rate reflects the same
    # state of the machine as the training inside that run.
    step(f"matrix product {arguments.matmul_size}^2, {arguments.repeats} times")
    measured.matmul_seconds += time_matmul(arguments.matmul_size, arguments.repeats,
                                           cores)

    step(f"full run from clean on {cores} cores")
    full = ScratchWorkflow(snapshot, scratch / "full", config)
    measured.full_wall, _, _ = full.run(cores)
    measured.jobs = figures.read_benchmarks(full.path("benchmarks"))
    step(f"full run took {measured.full_wall:.1f} s; matrix product again")
    measured.matmul_seconds += time_matmul(arguments.matmul_size, arguments.repeats,
                                           cores)

    step(f"no-op rerun, {arguments.repeats} times")
    for _ in range(arguments.repeats):
        wall, cpu, output = full.run(cores)
        if "Nothing to be done" not in output:
            raise RuntimeError(f"{full.folder}: a rerun right after the full run had "
                               f"work to do:\n{output[-3000:]}")
        measured.noop_walls.append(wall)
        measured.noop_cpu.append(cpu)

    step("training rate from the full run's log and model")
    seed = config["seeds"][0]
    training_log = full.path(f"logs/train_autoencoder/seed{seed}.log").read_text()
    n_fit, n_validation = figures.training_images(training_log)
    measured.forward_flops = figures.forward_flops(
        keras_layers(full.path(f"results/models/seed{seed}/autoencoder.keras"))
    )
    measured.epoch_rates = (
        figures.epoch_flops(measured.forward_flops, n_fit, n_validation)
        / figures.epoch_seconds(training_log)
    )

    # Alternating max_iter between its value and one more changes the setting on
    # every repeat; the mixture only changes if EM runs out of iterations.
    base_max_iter = config["gmm"]["max_iter"]
    step(f"incremental rerun after gmm.max_iter changes, "
         f"{arguments.incremental_repeats} times")
    for repeat in range(arguments.incremental_repeats):
        max_iter = base_max_iter + (1 if repeat % 2 == 0 else 0)
        full.write_config(with_setting(config, "gmm", "max_iter", max_iter))
        wall, _, output = full.run(cores)
        ran = figures.job_stats(output)
        if measured.incremental_jobs not in (None, ran):
            raise RuntimeError(f"incremental reruns ran different jobs: "
                               f"{measured.incremental_jobs} then {ran}")
        measured.incremental_jobs = ran
        measured.incremental_walls.append(wall)

    measured.scaling_runs[count_images(full)] = measured.jobs
    shutil.rmtree(full.folder)
    # The larger shares first: time(all) / time(half) is the figure with a target.
    for fraction in sorted(arguments.fractions, reverse=True):
        step(f"scaling run on a share {fraction} of the data")
        share = ScratchWorkflow(
            snapshot, scratch / f"share{fraction}",
            with_setting(config, "data", "subsample_fraction", fraction),
        )
        share.run(cores)
        measured.scaling_runs[count_images(share)] = figures.read_benchmarks(
            share.path("benchmarks")
        )
        shutil.rmtree(share.folder)

    overhead_fraction = arguments.overhead_fraction
    step(f"run from clean on one core, share {overhead_fraction} of the data, for the "
         "overhead")
    single = ScratchWorkflow(
        snapshot, scratch / "one-core",
        with_setting(config, "data", "subsample_fraction", overhead_fraction),
    )
    single_wall, _, _ = single.run(1)
    measured.single_jobs = figures.read_benchmarks(single.path("benchmarks"))
    measured.single_wall = single_wall
    shutil.rmtree(single.folder)

    if not arguments.keep_scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    step(f"complete; wrote {out / 'report.md'}")
    print(report.summary_markdown(report.summary_table(
        report.headline_figures(measured)
    )))


def write_outputs(out, measured, markdown):
    """Write the report, its plot and what is measured so far as CSV files."""
    tables = {"summary.csv": report.summary_table(report.headline_figures(measured))}
    scaling = None
    if measured.jobs is not None:
        tables["full_run_jobs.csv"] = measured.jobs
    if len(measured.scaling_runs) >= 2:
        scaling = figures.scaling_table(measured.scaling_runs)
        tables["scaling.csv"] = scaling.merge(
            figures.growth_ratios(scaling).rename("growth_ratio"),
            left_on="job", right_index=True,
        )
    repeats = [
        ("matmul_seconds", measured.matmul_seconds),
        ("noop_rerun_seconds", measured.noop_walls),
        ("noop_rerun_cpu_seconds", measured.noop_cpu),
        ("incremental_rerun_seconds", measured.incremental_walls),
        ("training_epoch_flop_per_s", list(
            measured.epoch_rates if measured.epoch_rates is not None else []
        )),
    ]
    tables["repeats.csv"] = pd.DataFrame(
        [
            (name, i, value)
            for name, values in repeats
            for i, value in enumerate(values)
        ],
        columns=["measurement", "repeat", "value"],
    )
    for name, table in tables.items():
        with atomic_path(out / name) as temporary:
            table.to_csv(temporary, index=False)
    if measured.jobs is not None:
        with atomic_path(out / "report.png") as temporary:
            report.plot_report(measured.jobs, scaling, temporary)
    with atomic_path(out / "report.md") as temporary:
        temporary.write_text(markdown)


if __name__ == "__main__":
    main()
