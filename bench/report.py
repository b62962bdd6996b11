"""The benchmark's report: figures against their targets, as Markdown, CSV and a plot."""

import math
import operator

import matplotlib

matplotlib.use("Agg")  # the benchmark runs without a display

import matplotlib.pyplot as plt
import pandas as pd

# What each headline figure should reach on a 2-core machine.
TARGETS = {
    "full_run": ("<", 600.0),
    "noop_rerun": ("<", 3.0),
    "incremental_share": ("<", 0.05),
    "overhead_ratio": ("<=", 1.05),
    "training_efficiency": (">=", 0.5),
    "growth_ratio": ("<=", 2.1),
}
_COMPARISONS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}

SUMMARY_COLUMNS = ["figure", "name", "value", "unit", "target", "met", "how"]


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


def render_report(summary, jobs, scaling, growth, *, machine, context, plot_name,
                  incremental_jobs, reproduce):
    """Return the whole report as Markdown.

    Parameters
    ----------
    summary : DataFrame
        As :func:`summary_table` returns.
    jobs : DataFrame
        The full run's jobs: ``job``, ``s``, ``max_rss``.
    scaling : DataFrame
        Non-training jobs per data size, as ``figures.scaling_table`` returns.
    growth : Series
        Growth ratio per job, as ``figures.growth_ratios`` returns.
    machine : list of str
        Lines describing the machine.
    context : list of str
        Lines on how the run went: date, config, cores, load from other work.
    plot_name : str
        File name of the plot, beside the report.
    incremental_jobs : dict
        Rule -> jobs that ran after the GMM setting changed.
    reproduce : str
        The command that reproduces the report.
    """
    ran = ", ".join(f"{rule} ×{count}" for rule, count in incremental_jobs.items())
    sections = [
        "# Benchmark: what the workflow costs, where the time goes, how it scales",
        "## Machine\n\n" + "\n".join(f"- {line}" for line in machine),
        "## This run\n\n" + "\n".join(f"- {line}" for line in context),
        "## Figures against targets\n\n" + summary_markdown(summary),
        f"Jobs of the incremental rerun: {ran or 'none'}.",
        "## Full run from clean, per job\n\n" + jobs_markdown(jobs),
        "## Scaling of the non-training jobs\n\n" + scaling_markdown(scaling, growth),
        f"![Job times, and time and memory against data size]({plot_name})",
        f"## Reproduce\n\n```\n{reproduce}\n```",
    ]
    return "\n\n".join(sections) + "\n"


def plot_report(jobs, scaling, path):
    """Save three panels as a PNG: the full run's job times, and time and peak memory
    of the non-training jobs against the number of images."""
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
        style = {"color": "black", "linewidth": 2.5} if job == "total" else {"alpha": 0.7}
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
    growth.legend(fontsize=6, loc="upper left")

    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
