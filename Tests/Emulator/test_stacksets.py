"""Tests of the StackSet state the post-deployment rules read: operations and their results, AutoDeployment,
drift detection, stack events, and OUs created by a scenario's calls.

Run from the repository root:  python3 -m pytest Tests/Emulator -q
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from harness import EmulatorProcess, built

STACK_SET = "C1WS-SSM-StackSet"


@pytest.fixture()
def failed(emulator: EmulatorProcess) -> dict[str, Any]:
    return built(emulator, "sample-org-stackset-failed.yaml")


def test_operation_results_follow_the_stack_instances(emulator: EmulatorProcess, failed: dict[str, Any]) -> None:
    cloudformation = emulator.client("cloudformation")
    names = {v: k for k, v in failed["accounts"].items()}
    operations = cloudformation.list_stack_set_operations(StackSetName=STACK_SET, CallAs="SELF")["Summaries"]
    assert [(o["Action"], o["Status"]) for o in operations] == [("DETECT_DRIFT", "SUCCEEDED"), ("CREATE", "FAILED")]
    create = operations[1]["OperationId"]
    results = []
    token = None
    while True:
        page = cloudformation.list_stack_set_operation_results(
            StackSetName=STACK_SET, OperationId=create, CallAs="SELF", MaxResults=20, **({"NextToken": token} if token else {}))
        results += page["Summaries"]
        token = page.get("NextToken")
        if not token:
            break
    assert len(results) == 48
    failures = {(names[r["Account"]], r["Region"]): r for r in results if r["Status"] != "SUCCEEDED"}
    assert sorted(failures) == [("dev", "sa-east-1"), ("web-prod", "ap-south-1")]
    gate = failures[("dev", "sa-east-1")]
    assert gate["Status"] == "FAILED"
    assert gate["AccountGateResult"] == {
        "Status": "FAILED", "StatusReason": "AccountGate function returned FAILED: maintenance window"}
    assert gate["StatusReason"].startswith("Account gate check failed")
    cancelled = failures[("web-prod", "ap-south-1")]
    assert cancelled["Status"] == "CANCELLED"
    assert cancelled["AccountGateResult"]["Status"] == "SKIPPED"
    assert cancelled["AccountGateResult"]["StatusReason"].endswith(":function:AWSCloudFormationStackSetAccountGate")
    with pytest.raises(ClientError) as error:
        cloudformation.list_stack_set_operation_results(StackSetName=STACK_SET, OperationId="nope", CallAs="SELF")
    assert error.value.response["Error"]["Code"] == "OperationNotFoundException"


def test_auto_deployment_and_drift_detection(emulator: EmulatorProcess, failed: dict[str, Any]) -> None:
    cloudformation = emulator.client("cloudformation")
    names = {v: k for k, v in failed["accounts"].items()}
    stack_set = cloudformation.describe_stack_set(StackSetName=STACK_SET, CallAs="SELF")["StackSet"]
    assert stack_set["AutoDeployment"] == {"Enabled": False, "RetainStacksOnAccountRemoval": False}
    details = stack_set["StackSetDriftDetectionDetails"]
    assert (details["DriftStatus"], details["DriftDetectionStatus"]) == ("DRIFTED", "COMPLETED")
    assert (details["TotalStackInstancesCount"], details["DriftedStackInstancesCount"]) == (48, 3)
    instances = cloudformation.list_stack_instances(StackSetName=STACK_SET, CallAs="SELF")["Summaries"]
    drifted = sorted((names[i["Account"]], i["Region"]) for i in instances if i["DriftStatus"] == "DRIFTED")
    assert drifted == [("app-prod", "us-east-1"), ("dev", "eu-west-1"), ("web-prod", "eu-west-1")]
    assert {i["DriftStatus"] for i in instances} == {"DRIFTED", "IN_SYNC"}
    operation = cloudformation.list_stack_set_operations(StackSetName=STACK_SET, CallAs="SELF")["Summaries"][0]
    expected = {
        "app-prod/us-east-1": [("DSTokenParam", "AWS::SSM::Parameter", "DELETED")],
        "dev/eu-west-1": [("C1WSDistributorPackage", "AWS::SSM::Association", "DELETED")],
        "web-prod/eu-west-1": [("C1WSDistributorPackage", "AWS::SSM::Association", "MODIFIED")],
    }
    for place, resources in expected.items():
        account, region = place.split("/")
        listed = cloudformation.list_stack_instance_resource_drifts(
            StackSetName=STACK_SET, StackInstanceAccount=failed["accounts"][account], StackInstanceRegion=region,
            OperationId=operation["OperationId"], StackInstanceResourceDriftStatuses=["MODIFIED", "DELETED"],
            CallAs="SELF")["Summaries"]
        assert [(r["LogicalResourceId"], r["ResourceType"], r["StackResourceDriftStatus"]) for r in listed] == resources
    in_sync = cloudformation.list_stack_instance_resource_drifts(
        StackSetName=STACK_SET, StackInstanceAccount=failed["accounts"]["web-prod"], StackInstanceRegion="us-east-1",
        OperationId=operation["OperationId"], CallAs="SELF")["Summaries"]
    assert in_sync == []


def test_stack_events_record_each_resource(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-failed-stack.yaml")
    cloudformation = emulator.client("cloudformation")
    nested = ids["stacks"]["management/us-east-1/ABI-TM-SSM/SSMAssociationforWorkloadAgent"]
    events = cloudformation.describe_stack_events(StackName=nested)["StackEvents"]
    timeline = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in reversed(events)]
    name = events[0]["StackName"]
    assert timeline[:4] == [
        (name, "CREATE_IN_PROGRESS"), ("SSMStackSet", "CREATE_IN_PROGRESS"), ("SSMStackSet", "CREATE_FAILED"),
        (name, "CREATE_FAILED"),
    ]
    failure = next(e for e in events if e["LogicalResourceId"] == "SSMStackSet" and e["ResourceStatus"] == "CREATE_FAILED")
    assert "Account used is not a delegated administrator" in failure["ResourceStatusReason"]
    assert failure["ResourceType"] == "AWS::CloudFormation::StackSet"
    stamps = [e["Timestamp"] for e in events]
    assert stamps == sorted(stamps, reverse=True)


def test_a_call_creating_an_ou_can_be_referenced(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-new-ou.yaml")
    organizations = emulator.client("organizations")
    research = ids["organizationalUnits"]["Research"]
    parents = organizations.list_parents(ChildId=ids["accounts"]["sandbox"])["Parents"]
    assert parents == [{"Id": research, "Type": "ORGANIZATIONAL_UNIT"}]
    stack_set = emulator.client("cloudformation").describe_stack_set(StackSetName=STACK_SET, CallAs="SELF")["StackSet"]
    assert research not in stack_set["OrganizationalUnitIds"]
    assert stack_set["StackSetDriftDetectionDetails"]["DriftStatus"] == "NOT_CHECKED"
