"""Mean and spread of the scores over seeds."""

import pandas as pd

SPLITS = ("train", "test", "all")
METRICS = ("nmi", "acc", "ari")


def scores_table(reports):
    """Flatten metric reports into one row per method, seed and split."""
    rows = [
        {"method": report["method"], "seed": report["seed"], "split": split}
        | {metric: report["splits"][split][metric] for metric in METRICS}
        for report in reports
        for split in SPLITS
    ]
    return pd.DataFrame(rows, columns=["method", "seed", "split", *METRICS])


def summarize(scores, method_order):
    """Return mean and standard deviation over seeds per method and split.

    The standard deviation is the sample one (ddof=1); with a single seed it is NaN,
    since one run says nothing about the spread.
    """
    grouped = scores.groupby(["method", "split"], sort=False)
    table = grouped.agg(
        n_seeds=("seed", "nunique"),
        **{
            f"{metric}_{stat}": (metric, stat)
            for metric in METRICS
            for stat in ("mean", "std")
        },
    ).reset_index()
    table["method"] = pd.Categorical(table["method"], method_order, ordered=True)
    table["split"] = pd.Categorical(table["split"], SPLITS, ordered=True)
    return table.sort_values(["method", "split"]).reset_index(drop=True)


def to_markdown(table):
    """Render the summary as a Markdown table, 'mean ± std' per metric."""
    header = "| method | split | seeds | NMI | ACC | ARI |"
    lines = [header, "|---|---|---:|---:|---:|---:|"]
    for row in table.itertuples(index=False):
        cells = []
        for metric in METRICS:
            mean, std = getattr(row, f"{metric}_mean"), getattr(row, f"{metric}_std")
            cells.append(f"{mean:.3f}" if pd.isna(std) else f"{mean:.3f} ± {std:.3f}")
        lines.append(
            f"| {row.method} | {row.split} | {row.n_seeds} | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines) + "\n"
