"""The Security Hub (ASFF) and OCSF reports of the fixture report, as the Swift golden tests pin them
(Tests/PreflightReportsTests/Fixtures/golden/), checked by real consumers: botocore's BatchImportFindings input shape
and parameter validator, and OCSF 1.4's required attributes of a Compliance Finding."""
import copy
import importlib.util
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "PreflightReportsTests" / "Fixtures"
_spec = importlib.util.spec_from_file_location("check_formats", FIXTURES / "check_formats.py")
check_formats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_formats)


def _golden(name):
    path = FIXTURES / "golden" / name
    assert path.is_file(), f"{path} is missing (PREFLIGHT_UPDATE_GOLDEN=1 swift test --filter PreflightReportsTests)"
    items = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(items, list) and items, f"{path} holds no finding"
    return path, items


def _report():
    return json.loads((FIXTURES / "report.json").read_text(encoding="utf-8"))


def test_asff_findings_are_valid_batch_import_findings_input():
    path, findings = _golden("report.asff.json")
    report = _report()
    failed = [r for r in report["results"] if r["status"] in ("fail", "warn")]
    uncovered = [i for i in report["coverage"]["instances"] if i["verdict"] == "uncovered"]
    assert len(findings) == len(failed) + len(uncovered)
    assert check_formats.check_asff(str(path)) == {"count": len(findings), "errors": []}
    for finding in findings:
        assert finding["ProductArn"] == f"arn:aws:securityhub:us-east-1:{report['caller']['accountId']}:product/" \
            f"{report['caller']['accountId']}/default"
        assert finding["Compliance"]["Status"] in ("FAILED", "WARNING")
        assert finding["Severity"]["Label"] in ("HIGH", "MEDIUM")


def test_asff_validation_catches_a_broken_finding(tmp_path):
    _, findings = _golden("report.asff.json")
    broken = copy.deepcopy(findings)
    del broken[0]["ProductArn"]
    broken[1]["Compliance"]["Status"] = "BROKEN"
    broken[2]["Title"] = "t" * 300
    broken.append(copy.deepcopy(broken[3]))
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    errors = check_formats.check_asff(str(path))["errors"]
    assert any("ProductArn" in e for e in errors), errors
    assert any("BROKEN" in e for e in errors), errors
    assert "finding 2.Title: 300 characters, at most 256" in errors
    assert "finding ids are not unique" in errors


def test_asff_batches_of_more_than_100_findings_are_validated_each(tmp_path):
    _, findings = _golden("report.asff.json")
    many = [dict(copy.deepcopy(findings[i % len(findings)]), Id=f"preflight/test/{i}") for i in range(250)]
    many[230]["Resources"] = []
    path = tmp_path / "many.json"
    path.write_text(json.dumps(many), encoding="utf-8")
    answer = check_formats.check_asff(str(path))
    assert answer["count"] == 250
    assert answer["errors"] == ["finding 230.Resources: 1 to 32 resources, not 0"]


def test_ocsf_events_have_every_required_attribute_of_a_compliance_finding():
    path, events = _golden("report.ocsf.json")
    assert len(events) == len(_report()["results"])
    assert check_formats.check_ocsf(str(path)) == {"count": len(events), "errors": []}


@pytest.mark.parametrize("path", [p for ps in check_formats.OCSF_REQUIRED.items() for p in
                                  [f"{ps[0]}.{n}" if ps[0] else n for n in ps[1]]])
def test_ocsf_check_fails_without_each_required_attribute(path):
    _, events = _golden("report.ocsf.json")
    event = copy.deepcopy(events[0])
    *parents, name = path.split(".")
    container = event
    for parent in parents:
        container = container[parent]
    del container[name]
    assert any(path in error for error in check_formats.ocsf_errors(event, 0))
