# Autoencoder: train one per seed on the scaled training pixels, then encode every
# image into its latent code.


rule train_autoencoder:
    input:
        pixels="results/data/train_pixels.npy",
        validation="results/data/seed{seed}/validation_indices.npy",
    output:
        model="results/models/seed{seed}/autoencoder.keras",
        history="results/models/seed{seed}/history.csv",
    log:
        "logs/train_autoencoder/seed{seed}.log",
    benchmark:
        "benchmarks/train_autoencoder/seed{seed}.tsv"
    params:
        settings=autoencoder_settings(),
        checkpoint_dir="results/models/seed{seed}/checkpoint",
        compute_threads=config["compute_threads"],
    threads: config["compute_threads"]
    resources:
        mem_mb=grows_with_attempt(4000),
        runtime=120,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/train_autoencoder.py"


rule embed_images:
    input:
        model="results/models/seed{seed}/autoencoder.keras",
        pixels="results/data/{split}_pixels.npy",
    output:
        "results/embeddings/seed{seed}/{split}.npy",
    log:
        "logs/embed_images/seed{seed}/{split}.log",
    benchmark:
        "benchmarks/embed_images/seed{seed}/{split}.tsv"
    params:
        compute_threads=config["compute_threads"],
    threads: config["compute_threads"]
    resources:
        mem_mb=grows_with_attempt(2000),
        runtime=20,
    conda:
        "../envs/study.yaml"
    script:
        "../scripts/embed_images.py"
