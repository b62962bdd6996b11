# Manifold: UMAP of the latent codes, as features for ae_umap_gmm (N2D) and as a
# 2-D map of the test images for pictures.


rule embed_umap:
    input:
        train="results/embeddings/seed{seed}/train.npy",
        test="results/embeddings/seed{seed}/test.npy",
    output:
        train="results/umap/seed{seed}/train.npy",
        test="results/umap/seed{seed}/test.npy",
    log:
        "logs/embed_umap/seed{seed}.log",
    benchmark:
        "benchmarks/embed_umap/seed{seed}.tsv"
    params:
        settings=config["umap"],
    # Seeded UMAP runs single-threaded, so a second core would sit idle.
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/embed_umap.py"


rule map_codes:
    input:
        "results/embeddings/seed{seed}/test.npy",
    output:
        "results/maps/seed{seed}/test.parquet",
    log:
        "logs/map_codes/seed{seed}.log",
    benchmark:
        "benchmarks/map_codes/seed{seed}.tsv"
    params:
        settings=config["plots"]["map"],
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/map_codes.py"
