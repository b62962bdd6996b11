"""The config schema: defaults for every key, and values it must refuse."""

import copy
from pathlib import Path

import pytest
import yaml
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

PROJECT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = PROJECT / "config" / "schema.yaml"
SCHEMA = yaml.safe_load(SCHEMA_PATH.read_text())
SHIPPED = yaml.safe_load((PROJECT / "config" / "config.yaml").read_text())


def leaf_schemas(schema, path=()):
    """Yield (key path, schema) for every setting, descending into objects."""
    for name, child in schema.get("properties", {}).items():
        if child.get("type") == "object" and "properties" in child and name != "sha256":
            yield from leaf_schemas(child, (*path, name))
        else:
            yield (*path, name), child


@pytest.mark.parametrize("key, schema", list(leaf_schemas(SCHEMA)),
                         ids=lambda v: ".".join(v) if isinstance(v, tuple) else "")
def test_every_setting_has_a_type_default_and_description(key, schema):
    assert {"type", "default", "description"} <= schema.keys()


def test_empty_config_is_filled_with_the_shipped_defaults():
    config = {}
    validate(config, str(SCHEMA_PATH))
    assert config == SHIPPED


@pytest.mark.parametrize(
    "key, value",
    [
        (("seeds",), []),
        (("seeds",), [-1]),
        (("seeds",), ["zero"]),
        (("methods",), ["kmeans_umap"]),
        (("methods",), []),
        (("data", "validation_fraction"), 0),
        (("data", "validation_fraction"), 1.5),
        (("autoencoder", "epochs"), -1),
        (("autoencoder", "filters"), []),
        (("autoencoder", "latent_dim"), "10"),
        (("kmeans", "n_clusters"), 0),
        (("gmm", "covariance_type"), "round"),
        (("data", "sha256", "t10k-labels-idx1-ubyte.gz"), "not-a-digest"),
        (("kmeans", "typo"), 1),
    ],
)
def test_invalid_value_is_refused(key, value):
    config = copy.deepcopy(SHIPPED)
    target = config
    for part in key[:-1]:
        target = target[part]
    target[key[-1]] = value
    with pytest.raises(WorkflowError) as error:
        validate(config, str(SCHEMA_PATH))
    assert key[-1] in str(error.value) or repr(value) in str(error.value)
