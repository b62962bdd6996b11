"""The data rules keep a seeded, stratified share of each split when asked to."""

import copy

import numpy as np
import pyarrow.parquet as pq


def test_half_subsample_keeps_half_of_each_class_in_both_tables(workflow):
    config = copy.deepcopy(workflow.config)
    config["data"]["subsample_fraction"] = 0.5
    workflow.write_config(config)

    workflow.snakemake("results/data/train.parquet", "results/data/test.parquet")

    counts = {
        split: np.bincount(
            pq.read_table(workflow.path(f"results/data/{split}.parquet"))["label"]
            .to_numpy(),
            minlength=10,
        ).tolist()
        for split in ("train", "test")
    }
    assert counts == {"train": [15] * 10, "test": [5] * 10}
