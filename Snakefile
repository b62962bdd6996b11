# Label-free clustering of Fashion-MNIST: data -> autoencoder -> clusters -> scores.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/data.smk"
include: "rules/autoencoder.smk"
include: "rules/cluster.smk"
include: "rules/evaluate.smk"
include: "rules/manifold.smk"
include: "rules/dec.smk"
include: "rules/pictures.smk"


rule all:
    input:
        study_outputs(),
    default_target: True
