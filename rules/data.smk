# Data: the four IDX files -> checked parquet tables (all images, or a stratified
# subsample) -> scaled pixel arrays and the per-seed validation split.


rule fetch_data:
    output:
        "resources/fashion-mnist/{idx_file}",
    log:
        "logs/fetch_data/{idx_file}.log",
    benchmark:
        "benchmarks/fetch_data/{idx_file}.tsv"
    params:
        sha256=idx_checksum,
    threads: 1
    resources:
        mem_mb=500,
        runtime=20,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/fetch_data.py"


rule convert_to_parquet:
    input:
        images=idx_images,
        labels=idx_labels,
    output:
        "results/data/{split}.parquet",
    log:
        "logs/convert_to_parquet/{split}.log",
    benchmark:
        "benchmarks/convert_to_parquet/{split}.tsv"
    params:
        subsample_fraction=config["data"]["subsample_fraction"],
        subsample_seed=config["data"]["subsample_seed"],
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/convert_to_parquet.py"


rule scale_pixels:
    input:
        "results/data/{split}.parquet",
    output:
        "results/data/{split}_pixels.npy",
    log:
        "logs/scale_pixels/{split}.log",
    benchmark:
        "benchmarks/scale_pixels/{split}.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/scale_pixels.py"


rule split_validation:
    input:
        "results/data/train.parquet",
    output:
        "results/data/seed{seed}/validation_indices.npy",
    log:
        "logs/split_validation/seed{seed}.log",
    benchmark:
        "benchmarks/split_validation/seed{seed}.tsv"
    params:
        fraction=config["data"]["validation_fraction"],
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/split_validation.py"
