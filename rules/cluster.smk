# Clustering: each model is fitted on the training images only, then assigns a
# cluster to every training and test image.


rule cluster_kmeans:
    input:
        unpack(clustering_features),
    output:
        train="results/clusters/{method}/seed{seed}/train.parquet",
        test="results/clusters/{method}/seed{seed}/test.parquet",
    log:
        "logs/cluster/{method}/seed{seed}.log",
    benchmark:
        "benchmarks/cluster/{method}/seed{seed}.tsv"
    wildcard_constraints:
        method="|".join(KMEANS_METHODS),
    params:
        settings=config["kmeans"],
        compute_threads=config["compute_threads"],
    threads: config["compute_threads"]
    resources:
        mem_mb=grows_with_attempt(1500),
        runtime=60,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/cluster_kmeans.py"


rule cluster_gmm:
    input:
        unpack(clustering_features),
    output:
        train="results/clusters/{method}/seed{seed}/train.parquet",
        test="results/clusters/{method}/seed{seed}/test.parquet",
    log:
        "logs/cluster/{method}/seed{seed}.log",
    benchmark:
        "benchmarks/cluster/{method}/seed{seed}.tsv"
    wildcard_constraints:
        method="|".join(GMM_METHODS),
    params:
        settings=config["gmm"],
    threads: 1
    resources:
        mem_mb=grows_with_attempt(1000),
        runtime=60,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/cluster_gmm.py"
