"""The benchmark's figures and report, from small made-up benchmark files and logs."""

import math
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import figures  # noqa: E402
import report  # noqa: E402

HEADER = "\t".join(
    ["s", "h:m:s", "max_rss", "max_vms", "max_uss", "max_pss", "io_in", "io_out",
     "mean_load", "cpu_time"]
)


def write_benchmark(path, *rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([HEADER, *rows]) + "\n")


def jobs_table(times, memory=None):
    memory = memory or {job: 100.0 for job in times}
    return pd.DataFrame(
        {"job": list(times), "s": list(times.values()),
         "max_rss": list(memory.values())}
    )


def test_benchmark_file_gives_seconds_and_peak_memory(tmp_path):
    path = tmp_path / "job.tsv"
    write_benchmark(path, "12.5\t0:00:12\t734.3\t1171\t680\t705\t1.6\t0.0\t76.9\t27.1")
    assert figures.read_benchmark(path) == {"s": 12.5, "max_rss": 734.3}


def test_benchmark_file_of_a_job_too_short_to_sample_has_no_memory(tmp_path):
    path = tmp_path / "job.tsv"
    write_benchmark(path, "0.2\t0:00:00\tNA\tNA\tNA\tNA\tNA\tNA\tNA\tNA")
    assert math.isnan(figures.read_benchmark(path)["max_rss"])


def test_benchmark_file_of_repeats_gives_the_median(tmp_path):
    path = tmp_path / "job.tsv"
    row = "{}\t0:00:0\t{}\t1\t1\t1\t0\t0\t0\t0"
    write_benchmark(path, row.format(1, 10), row.format(5, 30), row.format(2, 20))
    assert figures.read_benchmark(path) == {"s": 2.0, "max_rss": 20.0}


def test_file_without_benchmark_columns_is_refused_naming_it(tmp_path):
    path = tmp_path / "job.tsv"
    path.write_text("seconds\n1.0\n")
    with pytest.raises(ValueError, match="job.tsv: columns"):
        figures.read_benchmark(path)


def test_benchmarks_are_named_by_their_path_below_the_folder(tmp_path):
    row = "1.0\t0:00:01\t50\t1\t1\t1\t0\t0\t0\t0"
    write_benchmark(tmp_path / "cluster" / "ae_gmm" / "seed0.tsv", row)
    write_benchmark(tmp_path / "summarize.tsv", row)
    assert figures.read_benchmarks(tmp_path)["job"].tolist() == [
        "cluster/ae_gmm/seed0", "summarize",
    ]


def test_folder_without_benchmarks_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no benchmark files"):
        figures.read_benchmarks(tmp_path)


def test_training_jobs_are_those_of_the_training_rules():
    jobs = ["train_autoencoder/seed0", "train_dec/seed1", "embed_images/seed0/train"]
    assert [figures.is_training(job) for job in jobs] == [True, True, False]


SNAKEMAKE_OUTPUT = """Building DAG of jobs...
Job stats:
job                 count
----------------  -------
all                     1
cluster_gmm             1
score_clustering        1
summarize               1
total                   4

Select jobs to execute...
"""


def test_job_stats_count_each_rule_but_the_target():
    assert figures.job_stats(SNAKEMAKE_OUTPUT) == {
        "cluster_gmm": 1, "score_clustering": 1, "summarize": 1,
    }


def test_job_stats_of_a_run_with_nothing_to_do_are_empty():
    assert figures.job_stats("Building DAG of jobs...\nNothing to be done.\n") == {}


TRAINING_LOG = """2026-12-03 13:26:56,106 INFO root: training on CPU (2 threads)
2026-12-03 13:26:57,106 INFO root: 54000 images to fit, 6000 to validate
2026-12-03 13:27:28,604 INFO fashion_clustering.autoencoder: epoch 1/15: loss 0.05713, \
val_loss 0.02424 (31.3 s)
2026-12-03 13:27:58,815 INFO fashion_clustering.autoencoder: epoch 2/15: loss 0.02100, \
val_loss 0.01928 (30 s)
"""


def test_epoch_seconds_are_read_from_the_training_log_in_order():
    assert figures.epoch_seconds(TRAINING_LOG).tolist() == [31.3, 30.0]


def test_training_log_without_epochs_is_refused():
    with pytest.raises(ValueError, match="no line 'epoch"):
        figures.epoch_seconds("training on CPU\n")


def test_training_images_are_read_from_the_training_log():
    assert figures.training_images(TRAINING_LOG) == (54000, 6000)


def test_convolution_costs_two_operations_per_weight_and_position():
    # 3x3 kernel, 32 -> 64 channels, on a 7x7 output: 18432 weights x 49 positions.
    assert figures.layer_flops((3, 3, 32, 64), 49) == 2 * 18432 * 49


def test_forward_flops_add_up_the_layers():
    layers = [((3, 3, 1, 4), 196), ((784, 10), 1)]
    assert figures.forward_flops(layers) == 2 * 36 * 196 + 2 * 7840


def test_epoch_counts_three_passes_per_fitted_image_and_one_per_validation_image():
    assert figures.epoch_flops(100.0, n_fit=9, n_validation=1) == 100.0 * 28


def test_matmul_rate_counts_two_operations_per_multiply_add():
    assert figures.matmul_rate(1000, 0.5) == 4e9


def test_overhead_ratio_is_wall_time_over_the_jobs_own_time():
    assert figures.overhead_ratio(105.0, [60.0, 40.0]) == pytest.approx(1.05)


def test_overhead_ratio_of_jobs_without_time_is_refused():
    with pytest.raises(ValueError, match="sum to 0"):
        figures.overhead_ratio(1.0, [0.0])


def scaling_runs():
    return {
        1000: jobs_table({"summarize": 1.0, "cluster/ae_gmm/seed0": 10.0,
                          "train_autoencoder/seed0": 100.0, "plot_map/seed0": 3.0}),
        500: jobs_table({"summarize": 1.0, "cluster/ae_gmm/seed0": 5.0,
                         "train_autoencoder/seed0": 50.0}),
    }


def test_scaling_leaves_out_training_and_jobs_missing_at_some_size():
    table = figures.scaling_table(scaling_runs())
    assert sorted(set(table["job"])) == ["cluster/ae_gmm/seed0", "summarize", "total"]


def test_scaling_total_sums_time_and_takes_the_largest_memory():
    runs = scaling_runs()
    runs[1000].loc[0, "max_rss"] = 250.0
    table = figures.scaling_table(runs)
    total = table[(table["job"] == "total") & (table["images"] == 1000)]
    assert total[["s", "max_rss"]].values.tolist() == [[11.0, 250.0]]


def test_growth_ratio_is_time_at_the_largest_size_over_the_next_smaller():
    growth = figures.growth_ratios(figures.scaling_table(scaling_runs()))
    assert growth.to_dict() == {
        "summarize": 1.0, "cluster/ae_gmm/seed0": 2.0, "total": pytest.approx(11 / 6),
    }


def test_growth_ratio_needs_two_sizes():
    runs = {1000: scaling_runs()[1000]}
    with pytest.raises(ValueError, match="at least two"):
        figures.growth_ratios(figures.scaling_table(runs))


@pytest.mark.parametrize(
    "name, value, expected",
    [
        ("noop_rerun", 2.9, True),
        ("noop_rerun", 3.0, False),
        ("overhead_ratio", 1.05, True),
        ("training_efficiency", 0.49, False),
        ("matmul_flops", 1e11, None),
    ],
)
def test_figures_are_judged_against_their_targets(name, value, expected):
    assert report.meets(name, value) is expected


def test_summary_marks_each_figure_met_or_not_and_shows_its_target():
    summary = report.summary_table([
        {"name": "noop_rerun", "figure": "no-op rerun", "value": 4.0, "unit": "s",
         "how": "median of 5"},
        {"name": "matmul_flops", "figure": "matrix product", "value": 1e2,
         "unit": "GFLOP/s", "how": "median of 5"},
    ])
    assert summary[["target", "met"]].values.tolist() == [["< 3", "no"], ["", ""]]


def measurements(**parts):
    return report.Measurements(cores=2, matmul_size=1000, overhead_fraction=0.25,
                               **parts)


def test_headline_figures_leave_out_what_is_not_measured_yet():
    measured = measurements(full_wall=500.0, noop_walls=[2.0, 2.5, 9.0])
    names = [row["name"] for row in report.headline_figures(measured)]
    assert names == ["full_run", "noop_rerun"]


def test_no_op_rerun_reports_its_cpu_time_beside_its_wall_time():
    measured = measurements(noop_walls=[9.0, 8.0, 7.0], noop_cpu=[2.5, 2.0, 3.0])
    rows = {row["name"]: row["value"] for row in report.headline_figures(measured)}
    assert (rows["noop_rerun"], rows["noop_rerun_cpu"]) == (8.0, 2.5)


def test_incremental_share_is_the_median_rerun_over_the_full_run():
    measured = measurements(full_wall=500.0, incremental_walls=[20.0, 30.0, 25.0])
    rows = {row["name"]: row["value"] for row in report.headline_figures(measured)}
    assert rows["incremental_share"] == pytest.approx(0.05)


def test_training_efficiency_is_the_median_epoch_rate_over_the_matmul_rate():
    # A 1000^2 product in 0.5 s runs at 4 GFLOP/s; the median epoch at 2 GFLOP/s.
    measured = measurements(
        matmul_seconds=[0.5, 0.4, 0.6], forward_flops=1e6,
        epoch_rates=pd.Series([1e9, 2e9, 3e9]).to_numpy(),
    )
    rows = {row["name"]: row["value"] for row in report.headline_figures(measured)}
    assert rows["training_efficiency"] == pytest.approx(0.5)


def test_report_shows_each_figure_with_its_unit_target_and_verdict():
    markdown = report.render_report(
        measurements(full_wall=500.0, noop_walls=[2.345], jobs=scaling_runs()[1000],
                     scaling_runs=scaling_runs()),
        machine=["CPU: test"], context=["today"], plot_name="report.png",
        reproduce="make bench",
    )
    assert "| no-op rerun | 2.35 s | < 3 | yes | median of 1 |" in markdown


def test_report_of_a_partial_run_marks_the_missing_parts():
    markdown = report.render_report(
        measurements(), machine=[], context=[], plot_name="report.png",
        reproduce="make bench",
    )
    assert markdown.count("Not measured (yet).") == 2


def test_scaling_table_in_the_report_has_a_row_per_job_and_the_growth():
    scaling = figures.scaling_table(scaling_runs())
    markdown = report.scaling_markdown(scaling, figures.growth_ratios(scaling))
    assert "| cluster/ae_gmm/seed0 | 5.00 | 10.0 | 100 | 100 | 2.000 |" in markdown


def test_plot_is_written_as_a_png(tmp_path):
    scaling = figures.scaling_table(scaling_runs())
    report.plot_report(scaling_runs()[1000], scaling, tmp_path / "report.png")
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_config_for_the_runs_is_filled_with_the_schema_defaults(tmp_path):
    import run_benchmarks

    path = tmp_path / "config.yaml"
    path.write_text("gmm:\n  n_init: 1\n")
    config = run_benchmarks.load_config(path)
    assert (config["gmm"]["n_init"], config["gmm"]["max_iter"]) == (1, 200)


def test_changing_a_setting_leaves_the_original_config_alone():
    import run_benchmarks

    config = {"gmm": {"max_iter": 200}}
    changed = run_benchmarks.with_setting(config, "gmm", "max_iter", 201)
    assert (config["gmm"]["max_iter"], changed["gmm"]["max_iter"]) == (200, 201)
