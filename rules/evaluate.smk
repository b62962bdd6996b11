# Evaluation: scores against the true classes, figures, and the summary over seeds.


rule score_clustering:
    input:
        train_clusters="results/clusters/{method}/seed{seed}/train.parquet",
        test_clusters="results/clusters/{method}/seed{seed}/test.parquet",
        train_data="results/data/train.parquet",
        test_data="results/data/test.parquet",
    output:
        "results/metrics/{method}/seed{seed}.json",
    log:
        "logs/score_clustering/{method}/seed{seed}.log",
    benchmark:
        "benchmarks/score_clustering/{method}/seed{seed}.tsv"
    params:
        settings=method_settings,
        n_clusters=n_clusters,
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/score_clustering.py"


rule plot_confusion:
    input:
        "results/metrics/{method}/seed{seed}.json",
    output:
        found=report(
            "results/plots/{method}/seed{seed}/confusion.png",
            caption="../report/confusion.rst",
            category="{method}",
            subcategory="seed {seed}",
        ),
        matched=report(
            "results/plots/{method}/seed{seed}/confusion_matched.png",
            caption="../report/confusion_matched.rst",
            category="{method}",
            subcategory="seed {seed}",
        ),
    log:
        "logs/plot_confusion/{method}/seed{seed}.log",
    benchmark:
        "benchmarks/plot_confusion/{method}/seed{seed}.tsv"
    params:
        split="test",
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/plot_confusion.py"


rule plot_loss:
    input:
        "results/models/seed{seed}/history.csv",
    output:
        report(
            "results/plots/autoencoder/seed{seed}/loss.png",
            caption="../report/loss.rst",
            category="autoencoder",
            subcategory="seed {seed}",
        ),
    log:
        "logs/plot_loss/seed{seed}.log",
    benchmark:
        "benchmarks/plot_loss/seed{seed}.tsv"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/plot_loss.py"


rule summarize:
    input:
        all_metrics(),
    output:
        table=report(
            "results/summary.csv", caption="../report/summary.rst", category="summary"
        ),
        markdown="results/summary.md",
    log:
        "logs/summarize.log",
    benchmark:
        "benchmarks/summarize.tsv"
    params:
        methods=METHODS,
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/summarize.py"
