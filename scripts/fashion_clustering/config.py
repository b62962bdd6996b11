"""Checking the config against its JSON schema, with messages a user can act on.

jsonschema's own report prints the whole sub-schema and a path such as
``instance['gmm']['covariance_type']``; a user editing config/config.yaml wants the
key as written there (``gmm.covariance_type``), the value found and what is allowed.
"""

import jsonschema

# JSON schema's type names, as a YAML config file shows them.
_TYPE_NAMES = {
    "object": "a mapping of keys to values",
    "array": "a list",
    "integer": "an integer",
    "number": "a number",
    "string": "a string",
    "boolean": "true or false",
    "null": "nothing (null)",
}


class ConfigError(ValueError):
    """The config breaks its schema; the message names every offending key."""


def key_path(parts):
    """Return a config key path as YAML shows it: ``gmm.covariance_type``, ``seeds[0]``.

    Parameters
    ----------
    parts : sequence of str and int
        Mapping keys and list indices from the top of the config down.
    """
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(the whole config)"


def _allowed(error):
    """What the schema allows at the place of ``error``, in words."""
    rule, limit = error.validator, error.validator_value
    if rule == "type":
        names = [limit] if isinstance(limit, str) else limit
        return " or ".join(_TYPE_NAMES.get(name, name) for name in names)
    if rule == "enum":
        return "one of " + ", ".join(str(choice) for choice in limit)
    if rule == "minimum":
        return f"a value of at least {limit}"
    if rule == "maximum":
        return f"a value of at most {limit}"
    if rule == "exclusiveMinimum":
        return f"a value greater than {limit}"
    if rule == "exclusiveMaximum":
        return f"a value less than {limit}"
    if rule == "minItems":
        return f"a list of at least {limit} item(s)"
    if rule == "maxItems":
        return f"a list of at most {limit} item(s)"
    if rule == "uniqueItems":
        return "a list without repeated items"
    if rule == "minLength":
        return f"a text of at least {limit} character(s)"
    if rule == "pattern":
        return f"a text matching the pattern {limit}"
    if rule == "additionalProperties":
        known = error.schema.get("properties", {})
        return "only the keys " + ", ".join(known)
    if rule == "required":
        return "the keys " + ", ".join(limit)
    return error.message


def describe(error):
    """One line for a jsonschema ``ValidationError``: key path, value, allowed."""
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        unknown = sorted(key for key in error.instance if key not in known)
        keys = [key_path([*error.absolute_path, key]) for key in unknown]
        return f"unknown config key {', '.join(keys)}; expected {_allowed(error)}"
    return (
        f"config key {key_path(error.absolute_path)}: found {error.instance!r}, "
        f"expected {_allowed(error)}"
    )


def check_config(config, schema, source="config"):
    """Raise ``ConfigError`` naming every key of ``config`` that ``schema`` refuses.

    Parameters
    ----------
    config : dict
        The settings as loaded from YAML; not modified.
    schema : dict
        The JSON schema, as loaded from config/schema.yaml.
    source : str
        Where the config came from, for the first line of the message.
    """
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(
        validator_class(schema).iter_errors(config),
        key=lambda error: [str(part) for part in error.absolute_path],
    )
    if errors:
        lines = "\n  ".join(describe(error) for error in errors)
        raise ConfigError(f"{source} breaks config/schema.yaml:\n  {lines}")
