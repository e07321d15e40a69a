"""The documentation names every rule the checker can report."""

from __future__ import annotations

import re
from pathlib import Path

from debatemap.rules import RULES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_rule_code_is_documented_with_its_severity() -> None:
    text = (DOCS / "checks.md").read_text(encoding="utf-8")
    missing = [code for code, rule in RULES.items() if f"| `{code}` | {rule.severity.value} |" not in text]
    assert missing == []


BARE_PYTHON = re.compile(r"(?<![\w/.-])python3? (?!-m venv\b)")
"""A command run with the system's Python, which has not got debatemap (the quickstart installs it in .venv)."""


def test_the_readme_runs_python_from_the_virtual_environment() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    bare = [line for line in readme.splitlines() if BARE_PYTHON.search(line)]
    assert bare == []


REPO = DOCS.parent
PIP_INSTALL = re.compile(r"pip install ((?:[^`\n&;)(#]|\([^)\n]*\))+)")
NAMED = re.compile(r"^debatemap(\[[\w,-]+\])?$")


def _repository() -> str:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^Repository = "([^"]+)"$', pyproject, re.MULTILINE)
    assert found, "pyproject.toml names the repository under [project.urls]"
    return found.group(1)


def test_every_install_instruction_installs_from_the_repository_not_pypi() -> None:
    """debatemap is not on PyPI: `pip install debatemap` would find nothing (or a stranger's package)."""
    repository = _repository()
    assert repository in (REPO / "content" / "site.yaml").read_text(encoding="utf-8"), "the site links the same repository"
    files = [REPO / "README.md", REPO / "pyproject.toml", REPO / "mkdocs.yml", *sorted(DOCS.glob("*.md"))]
    files += sorted((REPO / "generator").rglob("*.py")) + sorted((REPO / "benchmarks").glob("*.py"))
    wrong = []
    for path in files:
        for match in PIP_INSTALL.finditer(path.read_text(encoding="utf-8")):
            words = [w.strip("'\"") for w in match.group(1).split()]
            for n, word in enumerate(words):
                if NAMED.match(word) and words[n + 1 : n + 3] != ["@", f"git+{repository}"]:
                    wrong.append(f"{path.relative_to(REPO)}: pip install {match.group(1).strip()}")
                elif word.startswith("git+") and word != f"git+{repository}":
                    wrong.append(f"{path.relative_to(REPO)}: {word}")
    assert wrong == []
    probe = REPO / "generator" / "debatemap" / "links" / "probe.py"
    assert "pypi.org/project/debatemap" not in probe.read_text(encoding="utf-8"), "the link checker's User-Agent"


def test_ci_runs_the_readme_test_command_and_it_measures_coverage() -> None:
    """Issue 14: coverage of generator/ reported (and held at 90 %) by .ci/run, whose pytest is the
    README's quickstart command, so a newcomer runs what CI runs."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme[readme.index("## Quickstart") : readme.index("## Documentation")]
    (tests,) = [line for line in quickstart.splitlines() if "pytest" in line and not line.startswith("#")]
    readme_command = tests.split("&&")[-1].strip()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    (ci_command,) = [line.removeprefix("CI=true ") for line in ci.splitlines() if "-m pytest" in line and "echo" not in line]
    assert readme_command == ci_command
    assert ci_command.split()[-1] == "--cov"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"^fail_under = 90$", pyproject, re.MULTILINE)
    assert re.search(r'^source_pkgs = \["debatemap"\]$', pyproject, re.MULTILINE)
