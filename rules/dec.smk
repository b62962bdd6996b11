# DEC: the seed's encoder fine-tuned together with a clustering layer, saved as its
# own model, then asked for each image's cluster.


rule train_dec:
    input:
        autoencoder="results/models/seed{seed}/autoencoder.keras",
        pixels="results/data/train_pixels.npy",
    output:
        model="results/models/seed{seed}/dec.keras",
        history="results/models/seed{seed}/dec_history.csv",
    log:
        "logs/train_dec/seed{seed}.log",
    benchmark:
        "benchmarks/train_dec/seed{seed}.tsv"
    params:
        settings=config["dec"],
        kmeans=config["kmeans"],
        compute_threads=config["compute_threads"],
    threads: config["compute_threads"]
    resources:
        mem_mb=6000,
        runtime=120,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/train_dec.py"


rule cluster_dec:
    input:
        model="results/models/seed{seed}/dec.keras",
        train="results/data/train_pixels.npy",
        test="results/data/test_pixels.npy",
    output:
        train="results/clusters/dec/seed{seed}/train.parquet",
        test="results/clusters/dec/seed{seed}/test.parquet",
    log:
        "logs/cluster/dec/seed{seed}.log",
    benchmark:
        "benchmarks/cluster/dec/seed{seed}.tsv"
    params:
        compute_threads=config["compute_threads"],
    threads: config["compute_threads"]
    resources:
        mem_mb=3000,
        runtime=20,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/cluster_dec.py"
