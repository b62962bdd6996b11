"""The README shows the workflow as it is."""

import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def rule_names(mermaid):
    return set(re.findall(r"id\d+\[(\w+)\]", mermaid))


def test_readme_rule_graph_names_every_rule_of_the_workflow():
    current = subprocess.run(
        [sys.executable, "-m", "snakemake", "--rulegraph", "mermaid-js"],
        cwd=PROJECT, capture_output=True, text=True, check=True,
    ).stdout
    readme = (PROJECT / "README.md").read_text()
    assert rule_names(readme) == rule_names(current)


def test_readme_opens_with_the_two_commands():
    readme = (PROJECT / "README.md").read_text()
    first_block = readme.split("```bash")[1].split("```")[0]
    assert "make run" in first_block and "make test" in first_block
