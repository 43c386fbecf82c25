"""The declared dependencies are the ones the code uses (issue: a house to live in): every distribution in
pyproject's `dependencies` is imported by the package, every third-party import of the package is declared,
and the same for the tests against the dependencies and the `dev` extra."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from dataclasses import fields
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest

from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# what names a module by a string rather than an import statement
BY_NAME = {"importorskip", "import_module", "find_spec"}


def name_of(requirement: str) -> str:
    """A requirement's distribution name, normalised as PyPI does ("lxml_html_clean" is lxml-html-clean)."""
    found = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert found, requirement
    return re.sub(r"[-_.]+", "-", found.group(0)).lower()


def declared(group: str | None = None) -> dict[str, str]:
    """Distribution name -> its pin, for the dependencies or one extra."""
    given = PROJECT["dependencies"] if group is None else PROJECT["optional-dependencies"][group]
    return {name_of(requirement): requirement for requirement in given}


def for_the_type_checker(tree: ast.Module) -> set[int]:
    blocks = [node for node in ast.walk(tree) if isinstance(node, ast.If)
              and (getattr(node.test, "id", None) or getattr(node.test, "attr", None)) == "TYPE_CHECKING"]
    return {id(inner) for block in blocks for child in block.body for inner in ast.walk(child)}


def imported(folder: Path, *, own: set[str]) -> dict[str, set[str]]:
    """Top-level module -> the files that import it (or name it to importorskip, import_module, find_spec),
    the standard library and `own` modules left out. Imports for the type checker alone count separately:
    see `typing_only`."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = for_the_type_checker(tree)
        names = []
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.append(node.module)
            elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str) \
                    and getattr(node.func, "attr", getattr(node.func, "id", None)) in BY_NAME:
                names.append(node.args[0].value)
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top not in own and top != "__future__":
                found.setdefault(top, set()).add(str(path.relative_to(folder.parent)))
    return found


def typing_only(folder: Path) -> set[str]:
    """Top-level modules imported under `if TYPE_CHECKING:` in the folder: mypy reads them."""
    found = set()
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        blocks = for_the_type_checker(tree)
        for node in ast.walk(tree):
            if id(node) not in blocks:
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"dateline"}


@cache
def installed() -> dict[str, list[str]]:
    """Top-level module -> the installed distributions that provide it (read once: it walks every one)."""
    return metadata.packages_distributions()


def distributions_of(module: str) -> set[str]:
    return {name_of(d) for d in installed().get(module, [])}


def model_name() -> str:
    """The spaCy model the package loads: spaCy imports it by its package's name (`spacy.load(settings.model)`
    in resources.py), so the model package is used as surely as an import."""
    return next(f.default for f in fields(Settings) if f.name == "model")


def uncovered(modules: dict[str, set[str]], allowed: set[str]) -> dict[str, set[str]]:
    return {module: where for module, where in modules.items() if not distributions_of(module) & allowed}


SRC = ROOT / "src" / "dateline"
TESTS = ROOT / "tests"


def test_every_import_of_the_package_is_declared():
    # the train extra may be imported by the training code, which runs only with it installed
    allowed = set(declared()) | set(declared("train"))
    modules = imported(SRC, own={"dateline"})
    for module in typing_only(SRC):
        modules.setdefault(module, set()).add("(for the type checker)")
    assert not uncovered(modules, allowed), \
        f"imported by the package but not declared in pyproject's dependencies: {uncovered(modules, allowed)}"


def test_the_train_extra_is_imported_only_inside_functions():
    # the package imports without scikit-learn: the training code imports it when it runs
    extra = set(declared("train")) - set(declared())
    tops = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                tops += [(path.name, n) for n in names if distributions_of(n.split(".")[0]) & extra]
    assert not tops, tops


def test_every_dependency_is_used_by_the_package():
    modules = set(imported(SRC, own={"dateline"})) | {model_name()}
    used = {d for module in modules for d in distributions_of(module)}
    assert not set(declared()) - used, f"declared but never imported by the package: {set(declared()) - used}"
    assert not set(declared("train")) - used, f"the train extra, unused: {set(declared('train')) - used}"


def test_the_model_is_a_declared_package():
    assert distributions_of(model_name()) & set(declared()), model_name()


def test_every_import_of_the_tests_is_declared():
    allowed = set(declared()) | set(declared("dev"))
    modules = imported(TESTS, own={"dateline", "tests"})
    assert not uncovered(modules, allowed), \
        f"imported by the tests but not in the dependencies or the dev extra: {uncovered(modules, allowed)}"


# dev entries the tests use without importing them, each with what the test below checks about it
NOT_IMPORTED = {
    "httpx2": "the HTTP client of starlette's TestClient, which the tests use",
    "ruff": "run by `make check`",
    "mypy": "run by `make check`",
}


def stubbed(distribution: str) -> set[str]:
    """The modules a stub-only distribution gives types for (types-lxml: lxml)."""
    return {part.removesuffix("-stubs") for f in metadata.files(distribution) or ()
            if (part := f.parts[0]).endswith("-stubs")}


def test_every_dev_dependency_is_used_by_the_tests():
    dev = declared("dev")
    modules = imported(TESTS, own={"dateline", "tests"})
    used = {d for module in modules for d in distributions_of(module)}
    # the tests refit the event model, so dev repeats the train extra, pinned alike
    train = declared("train")
    assert all(dev.get(name) == pin for name, pin in train.items()), (train, dev)
    # stubs are used by mypy when the package imports what they describe
    package = set(imported(SRC, own={"dateline"})) | typing_only(SRC)
    stubs = {name for name in dev if stubbed(name) and stubbed(name) & package}
    unused = set(dev) - used - set(train) - stubs - set(NOT_IMPORTED)
    assert not unused, f"in the dev extra but never imported by the tests: {unused}"
    assert set(NOT_IMPORTED) <= set(dev), set(NOT_IMPORTED) - set(dev)


def test_httpx2_is_what_the_test_client_runs_on():
    modules = imported(TESTS, own={"dateline", "tests"})
    clients = {path for module in ("starlette", "fastapi") for path in modules.get(module, ())
               if "TestClient" in (ROOT / path).read_text(encoding="utf-8")}
    assert clients, "no test uses a TestClient: httpx2 has no user left in the dev extra"
    import starlette.testclient

    assert starlette.testclient.httpx.__name__ == "httpx2"


def test_the_tools_are_the_ones_make_check_runs():
    check = re.search(r"^check:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert check, "the Makefile has no check target"
    assert "$(BIN)/ruff check" in check.group(1) and "$(BIN)/mypy" in check.group(1)


@pytest.mark.parametrize("source, modules", [
    ("import somewhere_unknown\n", {"somewhere_unknown"}),
    ("from yaml import safe_load\n", {"yaml"}),
    ("import os, json\nfrom . import local\n", set()),
    ("pytest.importorskip('jsonschema')\n", {"jsonschema"}),
    ("if TYPE_CHECKING:\n    import numpy\n", set()),
])
def test_the_scan_finds_what_a_file_imports(tmp_path, source, modules):
    (tmp_path / "module.py").write_text(source, encoding="utf-8")
    assert set(imported(tmp_path, own=set())) == modules


def test_an_undeclared_import_is_caught():
    # PyYAML comes with distributed, but the package may not import it without declaring it
    assert uncovered({"yaml": {"x.py"}}, set(declared())) == {"yaml": {"x.py"}}
