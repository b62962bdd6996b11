"""Mean and standard deviation over seeds."""

import pandas as pd
import pytest

from fashion_clustering.summary import scores_table, summarize, to_markdown


def report(method, seed, nmi):
    splits = {split: {"nmi": nmi, "acc": nmi / 2, "ari": 0.0} for split in
              ("train", "test", "all")}
    return {"method": method, "seed": seed, "splits": splits}


def test_summary_gives_mean_and_sample_std_over_seeds():
    scores = scores_table([report("a", 0, 0.4), report("a", 1, 0.6)])
    table = summarize(scores, ["a"])
    test = table[table["split"] == "test"].iloc[0]
    assert (test["n_seeds"], test["nmi_mean"]) == (2, pytest.approx(0.5))
    assert test["nmi_std"] == pytest.approx(pd.Series([0.4, 0.6]).std())


def test_summary_rows_follow_the_configured_method_order():
    scores = scores_table([report("b", 0, 0.4), report("a", 0, 0.6)])
    table = summarize(scores, ["a", "b"])
    assert list(table["method"].astype(str))[::3] == ["a", "b"]
    assert list(table["split"].astype(str))[:3] == ["train", "test", "all"]


def test_markdown_shows_single_seed_without_a_spread():
    table = summarize(scores_table([report("a", 0, 0.4)]), ["a"])
    assert "| a | test | 1 | 0.400 | 0.200 | 0.000 |" in to_markdown(table)
