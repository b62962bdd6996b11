"""Rule train_autoencoder: one seed's autoencoder and its loss per epoch."""

import shutil

import numpy as np

from fashion_clustering import autoencoder
from fashion_clustering.files import atomic_path
from fashion_clustering.logs import route_to

log = route_to(snakemake.log[0])
seed = int(snakemake.wildcards.seed)
settings = snakemake.params.settings

# Not snakemake.threads, which follows --cores: the weights depend on the threads.
threads = snakemake.params.compute_threads
device = autoencoder.configure_tensorflow(threads, seed)
log.info("training on %s with settings %s", device, settings)

images = autoencoder.as_images(np.load(snakemake.input.pixels))
is_validation = np.zeros(len(images), dtype=bool)
is_validation[np.load(snakemake.input.validation)] = True
fit_images, validation_images = images[~is_validation], images[is_validation]
log.info("%d images to fit, %d to validate", len(fit_images), len(validation_images))

model = autoencoder.build_autoencoder(settings)
model, history = autoencoder.train(
    model,
    fit_images,
    validation_images,
    epochs=settings["epochs"],
    batch_size=settings["batch_size"],
    patience=settings["patience"],
    seed=seed,
    checkpoint_dir=snakemake.params.checkpoint_dir,
    digest=autoencoder.settings_digest(
        {
            "settings": settings, "seed": seed, "n_fit": len(fit_images),
            "threads": threads,
        }
    ),
)

with atomic_path(snakemake.output.history) as temporary:
    history.to_csv(temporary, index=False)
with atomic_path(snakemake.output.model) as temporary:
    model.save(temporary)
shutil.rmtree(snakemake.params.checkpoint_dir, ignore_errors=True)
log.info("wrote %s and %s", snakemake.output.model, snakemake.output.history)
