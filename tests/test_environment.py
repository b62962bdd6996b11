"""The pinned requirements and the conda environment of the rules agree."""

from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]


def pins(lines):
    return sorted(line.strip() for line in lines if "==" in line and not line.startswith("#"))


def test_conda_environment_pins_the_same_versions_as_requirements():
    requirements = pins((PROJECT / "requirements.txt").read_text().splitlines())
    environment = yaml.safe_load((PROJECT / "envs" / "study.yaml").read_text())
    pip_section = next(
        item["pip"] for item in environment["dependencies"] if isinstance(item, dict)
    )
    assert pins(pip_section) == requirements


def test_every_rule_points_to_an_existing_environment():
    for rule_file in (PROJECT / "rules").glob("*.smk"):
        for line in rule_file.read_text().splitlines():
            if line.strip().startswith('"../envs/'):
                assert (PROJECT / "rules" / line.strip().strip('"')).resolve().is_file()
