"""The package's shape: no import circles, and SQL only in the store (issue: a house to live in)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dateline"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(("dateline", *path.relative_to(PACKAGE).with_suffix("").parts))
        found[name.removesuffix(".__init__")] = path
    return found


def for_the_type_checker(tree: ast.Module) -> set[int]:
    """The nodes under `if TYPE_CHECKING:`: names for annotations, never imported when the code runs."""
    blocks = [node for node in ast.walk(tree) if isinstance(node, ast.If)
              and (getattr(node.test, "id", None) or getattr(node.test, "attr", None)) == "TYPE_CHECKING"]
    return {id(inner) for block in blocks for child in block.body for inner in ast.walk(child)}


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package modules `name` imports, at the top or inside a function alike (not those imported for
    the type checker alone)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = for_the_type_checker(tree)
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                module = f"{target}.{alias.name}"
                found.add(module if module in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def test_no_import_circle():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    circles = []

    def reach(start):
        seen, todo = set(), list(graph[start])
        while todo:
            here = todo.pop()
            if here not in seen:
                seen.add(here)
                todo.extend(graph[here])
        return seen

    for name in graph:
        # a module a package's __init__ imports may import its package's other modules: not a circle
        back = [other for other in reach(name) if name in reach(other) and not other.startswith(name + ".")
                and not name.startswith(other + ".")]
        if back:
            circles.append((name, sorted(back)))
    assert not circles, circles


SQL = re.compile(r"""["'](?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s+[A-Za-z_*(]""")


def test_sql_only_in_the_store():
    # the store and what it calls while writing (consolidation keeps its indexes in the store's tables)
    allowed = ("store", "consolidate")
    outside = [str(path.relative_to(PACKAGE)) for name, path in modules().items()
               if name.split(".")[1:2] not in [[part] for part in allowed]
               and SQL.search(path.read_text(encoding="utf-8"))]
    assert not outside, outside
