"""Config errors name the key as YAML shows it, the value found and what is allowed."""

import copy
from pathlib import Path

import pytest
import yaml

from fashion_clustering.config import ConfigError, check_config, key_path

PROJECT = Path(__file__).resolve().parents[1]
SCHEMA = yaml.safe_load((PROJECT / "config" / "schema.yaml").read_text())
SHIPPED = yaml.safe_load((PROJECT / "config" / "config.yaml").read_text())


def settings(schema, path=()):
    """Yield (key path, schema) of every leaf setting, descending into objects."""
    for name, child in schema.get("properties", {}).items():
        if child.get("type") == "object" and "properties" in child:
            yield from settings(child, (*path, name))
        else:
            yield (*path, name), child


def wrong_type_value(schema):
    """A value of a type the setting's schema does not accept."""
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return {"string": 7, "array": "7"}.get(schema["type"], "seven")


def with_value(key, value):
    config = copy.deepcopy(SHIPPED)
    target = config
    for part in key[:-1]:
        target = target.setdefault(part, {})
    target[key[-1]] = value
    return config


def refusal(config):
    with pytest.raises(ConfigError) as error:
        check_config(config, SCHEMA)
    return str(error.value)


def test_key_path_is_written_as_in_yaml():
    assert key_path(["gmm", "covariance_type"]) == "gmm.covariance_type"


def test_key_path_shows_list_items_by_index():
    assert key_path(["autoencoder", "filters", 1]) == "autoencoder.filters[1]"


def test_shipped_config_passes():
    check_config(copy.deepcopy(SHIPPED), SCHEMA)


def test_empty_config_passes_since_every_key_has_a_default():
    check_config({}, SCHEMA)


@pytest.mark.parametrize(
    "key, schema",
    list(settings(SCHEMA)),
    ids=lambda v: ".".join(v) if isinstance(v, tuple) else "",
)
def test_every_setting_of_the_wrong_type_is_named_with_its_value(key, schema):
    value = wrong_type_value(schema)
    message = refusal(with_value(key, value))
    assert f"config key {'.'.join(key)}: found {value!r}, expected" in message


@pytest.mark.parametrize(
    "key, value, allowed",
    [
        (("kmeans", "n_clusters"), 0, "at least 2"),
        (("gmm", "n_components"), 1, "at least 2"),
        (("autoencoder", "epochs"), -1, "at least 1"),
        (("data", "validation_fraction"), 0, "greater than 0"),
        (("data", "validation_fraction"), 1, "less than 1"),
        (("data", "validation_fraction"), 1.5, "less than 1"),
        (("autoencoder", "learning_rate"), 0, "greater than 0"),
        (("gmm", "covariance_type"), "round", "one of full, tied, diag, spherical"),
        (("methods",), [], "at least 1 item"),
        (("seeds",), [], "at least 1 item"),
        (("seeds",), [0, 0], "without repeated items"),
        (("autoencoder", "filters"), [8, 8, 8, 8, 8], "at most 4 item"),
    ],
)
def test_out_of_range_value_names_key_value_and_what_is_allowed(key, value, allowed):
    message = refusal(with_value(key, value))
    assert f"config key {'.'.join(key)}: found {value!r}, expected" in message
    assert allowed in message


def test_unknown_method_is_named_by_its_list_position():
    message = refusal(with_value(("methods",), ["kmeans_pixels", "kmeans_umap"]))
    assert "config key methods[1]: found 'kmeans_umap', expected one of" in message


def test_mirror_of_an_unsupported_scheme_is_named_by_its_list_position():
    message = refusal(with_value(("data", "mirrors"), ["ftp://example.org"]))
    expected = "config key data.mirrors[0]: found 'ftp://example.org', expected a text"
    assert expected in message


def test_negative_seed_is_named_by_its_list_position():
    message = refusal(with_value(("seeds",), [3, -1]))
    assert "config key seeds[1]: found -1, expected a value of at least 0" in message


def test_misspelt_key_is_reported_with_the_keys_allowed_there():
    message = refusal(with_value(("kmeans", "n_cluster"), 10))
    assert "unknown config key kmeans.n_cluster; expected only the keys n_clusters" in (
        message
    )


def test_every_bad_key_is_reported_at_once():
    config = with_value(("gmm", "covariance_type"), "round")
    config["autoencoder"]["epochs"] = 0
    message = refusal(config)
    assert "autoencoder.epochs" in message and "gmm.covariance_type" in message
