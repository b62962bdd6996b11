# Pictures beyond the confusion matrices: maps, galleries, reconstructions, DEC's
# progress and the comparison of methods, each a PNG in the report.


rule plot_map:
    input:
        map="results/maps/seed{seed}/test.parquet",
        clusters="results/clusters/{method}/seed{seed}/test.parquet",
        metrics="results/metrics/{method}/seed{seed}.json",
        test_data="results/data/test.parquet",
    output:
        report(
            "results/plots/{method}/seed{seed}/map.png",
            caption="../report/map.rst",
            category="{method}",
            subcategory="seed {seed}",
        ),
    log:
        "logs/plot_map/{method}/seed{seed}.log",
    benchmark:
        "benchmarks/plot_map/{method}/seed{seed}.tsv"
    params:
        method=config["plots"]["map"]["method"],
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/plot_map.py"


rule plot_gallery:
    input:
        pixels="results/data/test_pixels.npy",
        clusters="results/clusters/{method}/seed{seed}/test.parquet",
        metrics="results/metrics/{method}/seed{seed}.json",
    output:
        report(
            "results/plots/{method}/seed{seed}/gallery.png",
            caption="../report/gallery.rst",
            category="{method}",
            subcategory="seed {seed}",
        ),
    log:
        "logs/plot_gallery/{method}/seed{seed}.log",
    benchmark:
        "benchmarks/plot_gallery/{method}/seed{seed}.tsv"
    params:
        n_clusters=n_clusters,
        n_images=config["plots"]["gallery_images"],
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/plot_gallery.py"


rule plot_reconstructions:
    input:
        model="results/models/seed{seed}/autoencoder.keras",
        pixels="results/data/test_pixels.npy",
        test_data="results/data/test.parquet",
    output:
        report(
            "results/plots/autoencoder/seed{seed}/reconstructions.png",
            caption="../report/reconstructions.rst",
            category="autoencoder",
            subcategory="seed {seed}",
        ),
    log:
        "logs/plot_reconstructions/seed{seed}.log",
    benchmark:
        "benchmarks/plot_reconstructions/seed{seed}.tsv"
    params:
        n_pairs=config["plots"]["reconstruction_pairs"],
        compute_threads=config["compute_threads"],
    threads: config["compute_threads"]
    resources:
        mem_mb=2000,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/plot_reconstructions.py"


rule plot_dec_history:
    input:
        "results/models/seed{seed}/dec_history.csv",
    output:
        report(
            "results/plots/dec/seed{seed}/history.png",
            caption="../report/dec_history.rst",
            category="dec",
            subcategory="seed {seed}",
        ),
    log:
        "logs/plot_dec_history/seed{seed}.log",
    benchmark:
        "benchmarks/plot_dec_history/seed{seed}.tsv"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/plot_dec_history.py"


rule plot_methods:
    input:
        "results/summary.csv",
    output:
        report(
            "results/plots/methods.png",
            caption="../report/methods.rst",
            category="summary",
        ),
    log:
        "logs/plot_methods.log",
    benchmark:
        "benchmarks/plot_methods.tsv"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/plot_methods.py"
