"""The structure a maintainer relies on, checked: views never touch the database directly, and
only the service layer commits (the transaction rule in forms_service/services/__init__.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "forms_service"


def _modules(folder: Path = PACKAGE):
    for path in sorted(folder.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _defines_blueprint(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Blueprint"
        for node in ast.walk(tree)
    )


def _names_used(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            names |= {alias.name for alias in node.names}
            names.add(f"module:{node.module}")
    return names


def test_blueprints_and_the_cli_never_query_or_commit():
    entry_points = [
        (path, tree)
        for path, tree in _modules()
        if _defines_blueprint(tree) or path.name == "cli.py"
    ]
    assert {p.name for p, _ in entry_points} >= {"public.py", "cli.py", "site.py"}
    assert any("coordinator" in str(p) for p, _ in entry_points)
    for path, tree in entry_points:
        used = _names_used(tree)
        forbidden = {"get_session", "select", "commit", "execute", "scalar", "scalars"} & used
        assert not forbidden, f"{path.relative_to(PACKAGE)} uses {sorted(forbidden)}"
        assert "module:sqlalchemy" not in used, f"{path.relative_to(PACKAGE)} imports sqlalchemy"


def test_only_the_service_layer_commits():
    committing = sorted(
        str(path.relative_to(PACKAGE))
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "commit"
    )
    assert committing, "the services commit somewhere"
    assert all(name.startswith("services/") for name in committing), committing


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Migrations are not checked: their upgrade() functions are generated-style lists of columns and
# are never edited after release. There is no other exception; add one here only with its reason.
MODULE_EXCEPTIONS: dict[str, str] = {}


def test_modules_and_functions_stay_small():
    too_long = []
    for path, tree in _modules():
        name = str(path.relative_to(PACKAGE))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES and name not in MODULE_EXCEPTIONS:
            too_long.append(f"{name}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno} {node.name}(): {length} lines")
    assert not too_long, too_long


def _stored_keys(with_audit: bool = True) -> set[str]:
    from forms_service import audit
    from forms_service import vocabulary as v

    keys = {v.OTHER_ORGANISATION, v.SUBMITTER}
    vocabularies = [v.Status, v.Kind, v.Basis]
    if with_audit:  # not AuditObject: its values are ordinary Swedish words ("samråd") that
        # the guard's word lists and the templates use as words
        vocabularies += [audit.AuditType]
    for vocabulary in vocabularies:
        keys |= {member.value for member in vocabulary}
    return keys


def test_stored_keys_are_named_by_their_enum_not_spelled_out():
    """A typo in a bare "avbojd" is a silent bug; Status.DECLINED is checked by Python."""
    keys = _stored_keys()
    definitions = {"vocabulary.py", "audit.py"}
    spelled = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}"
        for path, tree in _modules()
        if path.name not in definitions
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in keys
    ]
    assert not spelled, spelled
    alternatives = "|".join(re.escape(key) for key in sorted(_stored_keys(with_audit=False)))
    quoted = re.compile(rf"""['"]({alternatives})['"]""")
    for template in sorted((PACKAGE / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            match = quoted.search(line)
            assert not match, f"{template.relative_to(PACKAGE)}:{number} {match.group(0)}"
