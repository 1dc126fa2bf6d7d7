"""Machine formats of `planc check`: SARIF 2.1.0, GitHub workflow commands, JSON; --warnings-as-errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from diagnostics.codes import all_codes
from diagnostics.json_model import DIAGNOSTICS_SCHEMA, DiagnosticsDocument
from diagnostics.render import DIAGNOSTICS_SCHEMA as RENDERED_SCHEMA
from driver.cli import main
from targets.serialize import json_schema

HERE = Path(__file__).resolve().parents[1]  # tests/: the SARIF schema and the CI fixtures
CI = HERE / "ci"
SARIF_SCHEMA = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DOCS_SCHEMAS = HERE.parent / "docs" / "schemas"

GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[A-Z]\d{3}::[^\r\n]+$"
)


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _in_ci_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CI)  # diagnostics name files relative to the working directory


# ---- SARIF -------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema() -> None:
    code, out, _ = check("errors.plan", "--format", "sarif")
    assert code == 1
    document = json.loads(out)
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c.code for c in all_codes()]
    for rule, info in zip(rules, all_codes()):
        assert rule["name"] == info.name
        assert rule["shortDescription"]["text"] == info.summary
        assert info.why in rule["help"]["text"] and info.fix in rule["help"]["text"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["R002", "R002"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"


def test_sarif_results_snapshot() -> None:
    _, out, _ = check("errors.plan", "--format", "sarif")
    # ruleIndex is left out: it moves whenever a code is added to the catalogue (checked above)
    results = [{k: v for k, v in r.items() if k != "ruleIndex"} for r in json.loads(out)["runs"][0]["results"]]
    expected = json.loads((CI / "errors.sarif-results.json").read_text(encoding="utf-8"))
    assert results == expected


def test_sarif_warning_levels_and_a_clean_run_validate() -> None:
    code, out, _ = check("warnings.plan", "--format", "sarif")
    assert code == 0
    document = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    assert {r["level"] for r in document["runs"][0]["results"]} == {"warning"}


def test_sarif_for_a_missing_path_has_a_result_without_location() -> None:
    code, out, _ = check("no-such-folder", "--format", "sarif")
    assert code == 2
    document = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    [result] = document["runs"][0]["results"]
    assert result["ruleId"] == "F001" and "locations" not in result


# ---- GitHub ----------------------------------------------------------------------


def test_github_lines_have_the_workflow_command_form() -> None:
    code, out, _ = check("errors.plan", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines), lines
    assert out == (CI / "errors.github.txt").read_text(encoding="utf-8")


def test_github_warnings_are_warning_commands() -> None:
    _, out, _ = check("warnings.plan", "--format", "github")
    lines = out.splitlines()
    assert lines and all(GITHUB_LINE.match(line) and line.startswith("::warning ") for line in lines)


# ---- JSON --------------------------------------------------------------------------


def test_json_output_matches_the_model_and_the_committed_schema() -> None:
    assert RENDERED_SCHEMA == DIAGNOSTICS_SCHEMA
    committed = json.loads((DOCS_SCHEMAS / "diagnostics.v1.json").read_text(encoding="utf-8"))
    assert (DOCS_SCHEMAS / "diagnostics.v1.json").read_text(encoding="utf-8") == json_schema(DiagnosticsDocument)
    for plan in ("errors.plan", "warnings.plan"):
        _, out, _ = check(plan, "--format", "json")
        document = json.loads(out)
        jsonschema.Draft202012Validator(committed).validate(document)
        DiagnosticsDocument.model_validate(document)
        assert document["schema"] == "planc/diagnostics/v1"
        assert document["diagnostics"]


def test_json_snapshot() -> None:
    code, out, _ = check("errors.plan", "--format", "json")
    assert code == 1
    assert out == (CI / "errors.json").read_text(encoding="utf-8")


# ---- --warnings-as-errors ---------------------------------------------------------


def test_warnings_as_errors() -> None:
    assert check("warnings.plan")[0] == 0
    code, _, err = check("warnings.plan", "--warnings-as-errors")
    assert code == 1
    assert "V011" in err and "V018" in err


def test_warnings_as_errors_ignores_acknowledged_warnings(tmp_path: Path) -> None:
    text = (CI / "warnings.plan").read_text(encoding="utf-8")
    text = text.replace('section 空 "空的部分" {\n', 'section 空 "空的部分" {\n  ack V018 "原文如此"\n')
    text = text.replace("kind growth\n", 'kind growth {\n  ack V011 "原文未给目标"\n}\n')
    path = tmp_path / "acked.plan"
    path.write_text(text, encoding="utf-8")
    code, out, _ = check(str(path), "--warnings-as-errors", "--format", "sarif")
    assert code == 0
    results = json.loads(out)["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["V011", "V018"]
    assert all(r["suppressions"][0]["kind"] == "inSource" for r in results)
    # GitHub annotations and text leave acknowledged warnings out unless asked
    assert check(str(path), "--warnings-as-errors", "--format", "github")[1] == ""
    shown = check(str(path), "--warnings-as-errors", "--format", "github", "--show-acknowledged")[1]
    assert shown.count("::notice ") == 2
    code, _, err = check(str(path), "--warnings-as-errors")
    assert code == 0 and "V011" not in err and "V018" not in err
    assert err.strip().endswith("0 errors, 0 warnings (2 acknowledged, listed by `planc check --show-acknowledged`) in 1 plan")
    code, _, err = check(str(path), "--show-acknowledged")
    assert code == 0 and "V011 warning (acknowledged)" in err and "= acknowledged: 原文未给目标" in err
    assert err.strip().endswith("0 errors, 0 warnings (2 acknowledged) in 1 plan")
    assert len(json.loads(check(str(path), "--format", "json")[1])["diagnostics"]) == 2  # JSON keeps them
