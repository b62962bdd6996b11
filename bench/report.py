"""The benchmark's report: figures against their targets, as Markdown and a plot."""

import dataclasses
import math
import operator

import matplotlib

matplotlib.use("Agg")  # the benchmark runs without a display

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import figures

# What each headline figure should reach on a 2-core machine.
TARGETS = {
    "full_run": ("<", 600.0),
    "noop_rerun": ("<", 3.0),
    "incremental_share": ("<", 0.05),
    "overhead_ratio": ("<=", 1.05),
    "training_efficiency": (">=", 0.5),
    "growth_ratio": ("<=", 2.1),
}
_COMPARISONS = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}

SUMMARY_COLUMNS = ["figure", "name", "value", "unit", "target", "met", "how"]


@dataclasses.dataclass
class Measurements:
    """What the benchmark has measured so far; each of its steps fills in a part.

    Times are wall seconds; job tables are as ``figures.read_benchmarks`` returns.
    """

    cores: int
    matmul_size: int
    overhead_fraction: float
    full_wall: float = None
    jobs: pd.DataFrame = None
    matmul_seconds: list = dataclasses.field(default_factory=list)
    noop_walls: list = dataclasses.field(default_factory=list)
    noop_cpu: list = dataclasses.field(default_factory=list)
    incremental_walls: list = dataclasses.field(default_factory=list)
    incremental_jobs: dict = None
    forward_flops: float = None
    epoch_rates: np.ndarray = None
    scaling_runs: dict = dataclasses.field(default_factory=dict)
    single_wall: float = None
    single_jobs: pd.DataFrame = None


def headline_figures(measured):
    """Return the headline figures that ``measured`` (Measurements) allows, in order.

    Returns
    -------
    list of dict
        As :func:`summary_table` takes them; a figure whose measurements are
        missing is left out.
    """
    rows = []
    if measured.full_wall is not None:
        rows.append({"name": "full_run",
                     "figure": f"full run from clean, {measured.cores} cores",
                     "value": measured.full_wall, "unit": "s", "how": "one run"})
    if measured.noop_walls:
        rows.append({"name": "noop_rerun", "figure": "no-op rerun",
                     "value": float(np.median(measured.noop_walls)), "unit": "s",
                     "how": f"median of {len(measured.noop_walls)}"})
    if measured.noop_cpu:
        rows.append({"name": "noop_rerun_cpu", "figure": "no-op rerun, CPU time",
                     "value": float(np.median(measured.noop_cpu)), "unit": "s",
                     "how": f"median of {len(measured.noop_cpu)}; mostly one thread, "
                            "so about the wall time on idle CPUs"})
    if measured.incremental_walls:
        median = float(np.median(measured.incremental_walls))
        rows.append({"name": "incremental_share",
                     "figure": "incremental rerun (gmm.max_iter changed) / full run",
                     "value": median / measured.full_wall, "unit": "",
                     "how": f"median of {len(measured.incremental_walls)}: "
                            f"{median:.1f} s"})
    if measured.single_wall is not None:
        own = measured.single_jobs["s"].sum()
        rows.append({"name": "overhead_ratio",
                     "figure": "overhead: one-core wall time / sum of its jobs' times",
                     "value": figures.overhead_ratio(measured.single_wall, own),
                     "unit": "",
                     "how": f"one run on a share {measured.overhead_fraction} of the "
                            f"data: {measured.single_wall:.1f} s / {own:.1f} s"})
    if measured.epoch_rates is not None:
        training = float(np.median(measured.epoch_rates))
        rows.append({"name": "training_flops", "figure": "autoencoder training rate",
                     "value": training / 1e9, "unit": "GFLOP/s",
                     "how": f"median of {len(measured.epoch_rates)} epochs; "
                            f"{measured.forward_flops / 1e6:.2f} MFLOP per image "
                            f"forward, x{figures.TRAINING_PASSES} to train"})
    if measured.matmul_seconds:
        matmul = figures.matmul_rate(
            measured.matmul_size, float(np.median(measured.matmul_seconds))
        )
        rows.append({"name": "matmul_flops",
                     "figure": "NumPy float32 matrix product rate",
                     "value": matmul / 1e9, "unit": "GFLOP/s",
                     "how": f"median of {len(measured.matmul_seconds)}, "
                            f"{measured.matmul_size}^2, {measured.cores} threads"})
        if measured.epoch_rates is not None:
            rows.append({"name": "training_efficiency",
                         "figure": "training efficiency: training rate / matrix "
                                   "product rate",
                         "value": training / matmul, "unit": "",
                         "how": "ratio of the two rates above"})
    if len(measured.scaling_runs) >= 2:
        growth = figures.growth_ratios(figures.scaling_table(measured.scaling_runs))
        rows.append({"name": "growth_ratio",
                     "figure": "non-training jobs: time(all) / time(half)",
                     "value": float(growth["total"]), "unit": "",
                     "how": "sum of the jobs' times, one run per size"})
    return rows


def meets(name, value):
    """Whether ``value`` reaches the target of figure ``name``; None without target."""
    if name not in TARGETS or value is None or math.isnan(value):
        return None
    comparison, threshold = TARGETS[name]
    return _COMPARISONS[comparison](value, threshold)


def summary_table(figures):
    """Return the headline figures with their targets and whether each is met.

    Parameters
    ----------
    figures : list of dict
        Each with ``name`` (a key of ``TARGETS`` or another identifier), ``figure``
        (what a reader sees), ``value``, ``unit`` and ``how`` (how it was measured).
    """
    rows = []
    for figure in figures:
        target = TARGETS.get(figure["name"])
        met = meets(figure["name"], figure["value"])
        rows.append(
            figure
            | {
                "target": f"{target[0]} {target[1]:g}" if target else "",
                "met": {True: "yes", False: "no", None: ""}[met],
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def format_value(value, unit):
    """A figure as text: seconds to 0.1 s below a minute's tenth, ratios to 3 digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if unit == "s":
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    if unit == "GFLOP/s":
        return f"{value:.1f}"
    if unit == "MB":
        return f"{value:.0f}"
    return f"{value:.3f}"


def markdown_table(header, rows, align=None):
    """Return a Markdown table of ``rows`` (lists of cells) under ``header``."""
    align = align or ["---"] + ["---:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def summary_markdown(summary):
    """The headline figures as a Markdown table."""
    rows = [
        [
            row.figure,
            f"{format_value(row.value, row.unit)} {row.unit}".strip(),
            row.target,
            row.met,
            row.how,
        ]
        for row in summary.itertuples(index=False)
    ]
    return markdown_table(
        ["figure", "value", "target", "met", "how measured"],
        rows,
        ["---", "---:", "---:", "---", "---"],
    )


def jobs_markdown(jobs):
    """Each job's time and peak memory in one run, longest first."""
    ordered = jobs.sort_values("s", ascending=False)
    rows = [
        [row.job, format_value(row.s, "s"), format_value(row.max_rss, "MB")]
        for row in ordered.itertuples(index=False)
    ]
    rows.append(["total", format_value(jobs["s"].sum(), "s"), ""])
    return markdown_table(["job", "time (s)", "peak memory (MB)"], rows)


def scaling_markdown(scaling, growth):
    """Time and memory of each non-training job per data size, and its growth."""
    sizes = sorted(scaling["images"].unique())
    seconds = scaling.pivot(index="job", columns="images", values="s")
    memory = scaling.pivot(index="job", columns="images", values="max_rss")
    header = (
        ["job"]
        + [f"s @ {size:,}" for size in sizes]
        + [f"MB @ {size:,}" for size in sizes]
        + [f"time({sizes[-1]:,}) / time({sizes[-2]:,})"]
    )
    rows = [
        [job]
        + [format_value(seconds.loc[job, size], "s") for size in sizes]
        + [format_value(memory.loc[job, size], "MB") for size in sizes]
        + [format_value(growth[job], "")]
        for job in growth.index
    ]
    return markdown_table(header, rows)


def render_report(measured, *, machine, context, plot_name, reproduce):
    """Return the whole report as Markdown; parts not measured yet are marked so.

    Parameters
    ----------
    measured : Measurements
    machine : list of str
        Lines describing the machine.
    context : list of str
        Lines on how the run went: date, config, cores, load from other work.
    plot_name : str
        File name of the plot, beside the report.
    reproduce : str
        The command that reproduces the report.
    """
    not_yet = "Not measured (yet)."
    sections = [
        "# Benchmark: what the workflow costs, where the time goes, how it scales",
        "## Machine\n\n" + "\n".join(f"- {line}" for line in machine),
        "## This run\n\n" + "\n".join(f"- {line}" for line in context),
        "## Figures against targets\n\n"
        + summary_markdown(summary_table(headline_figures(measured))),
    ]
    if measured.incremental_jobs is not None:
        ran = ", ".join(
            f"{rule} ×{count}" for rule, count in measured.incremental_jobs.items()
        )
        sections.append(f"Jobs of the incremental rerun: {ran or 'none'}.")
    sections.append(
        "## Full run from clean, per job\n\n"
        + (not_yet if measured.jobs is None else jobs_markdown(measured.jobs))
    )
    scaling_section = "## Scaling of the non-training jobs\n\n" + not_yet
    if len(measured.scaling_runs) >= 2:
        scaling = figures.scaling_table(measured.scaling_runs)
        scaling_section = (
            "## Scaling of the non-training jobs\n\n"
            + scaling_markdown(scaling, figures.growth_ratios(scaling))
        )
    sections.append(scaling_section)
    if measured.jobs is not None:
        sections.append(
            f"![Job times, and time and memory against data size]({plot_name})"
        )
    sections.append(f"## Reproduce\n\n```\n{reproduce}\n```")
    return "\n\n".join(sections) + "\n"


def plot_report(jobs, scaling, path):
    """Save three panels as a PNG: the full run's job times, and time and peak memory
    of the non-training jobs against the number of images (empty without
    ``scaling``, a DataFrame as ``figures.scaling_table`` returns, or None)."""
    scaling = scaling if scaling is not None else pd.DataFrame(columns=["job"])
    figure, (times, growth, memory) = plt.subplots(
        1, 3, figsize=(17, 0.25 * len(jobs) + 2.5)
    )

    ordered = jobs.sort_values("s")
    times.barh(ordered["job"], ordered["s"], color="tab:blue")
    times.set_xscale("log")
    times.set_xlabel("seconds (log scale)")
    times.set_title("Full run: time per job")
    times.tick_params(axis="y", labelsize=7)

    for job, rows in scaling.groupby("job", sort=False):
        total = job == "total"
        style = {"color": "black", "linewidth": 2.5} if total else {"alpha": 0.7}
        growth.plot(rows["images"], rows["s"], marker="o", label=job, **style)
        memory.plot(rows["images"], rows["max_rss"], marker="o", label=job, **style)
    for axes, label, title in (
        (growth, "seconds", "Non-training jobs: time"),
        (memory, "peak memory (MB)", "Non-training jobs: peak memory"),
    ):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("images (train + test)")
        axes.set_ylabel(label)
        axes.set_title(title)
        axes.grid(alpha=0.3, which="both")
    if not scaling.empty:
        growth.legend(fontsize=6, loc="upper left")

    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
