"""Label-free clustering of Fashion-MNIST: the logic behind the workflow's rules.

Each module holds small functions that the rule scripts in ``scripts/`` call; none of
them knows about Snakemake, so every one can be tested on its own.
"""

CLASS_NAMES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
