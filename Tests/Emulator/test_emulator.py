"""Tests of the Preflight AWS emulator: boto3 against emulator processes started by fixtures.

Run from the repository root:  python3 -m pytest Tests/Emulator -q
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.request
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import scenario
from harness import EmulatorProcess, raw_call

IAM_NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def make_role(iam: Any, name: str, inline: str | None = None, boundary: str | None = None) -> str:
    arguments: dict[str, Any] = {
        "RoleName": name,
        "AssumeRolePolicyDocument": policy(
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ),
    }
    if boundary:
        arguments["PermissionsBoundary"] = boundary
    arn = iam.create_role(**arguments)["Role"]["Arn"]
    if inline:
        iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=inline)
    return arn


def decisions(response: dict[str, Any]) -> dict[str, str]:
    return {result["EvalActionName"]: result["EvalDecision"] for result in response["EvaluationResults"]}


# --------------------------------------------------------------- IAM simulate


def test_simulate_principal_policy_allowed_implicit_and_explicit_deny(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    name = unique("deployer")
    arn = make_role(
        iam,
        name,
        policy(
            {"Effect": "Allow", "Action": ["cloudformation:*", "iam:CreateRole"], "Resource": "*"},
            {"Effect": "Deny", "Action": "cloudformation:DeleteStackSet", "Resource": "*"},
        ),
    )
    iam.attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    response = iam.simulate_principal_policy(
        PolicySourceArn=arn,
        ActionNames=["cloudformation:CreateStackSet", "cloudformation:DeleteStackSet", "lambda:CreateFunction",
                     "ec2:DescribeInstances"],
    )
    assert decisions(response) == {
        "cloudformation:CreateStackSet": "allowed",
        "cloudformation:DeleteStackSet": "explicitDeny",
        "lambda:CreateFunction": "implicitDeny",
        "ec2:DescribeInstances": "allowed",
    }
    results = {r["EvalActionName"]: r for r in response["EvaluationResults"]}
    allow = results["cloudformation:CreateStackSet"]["MatchedStatements"]
    assert allow == [
        {
            "SourcePolicyId": "inline",
            "SourcePolicyType": "role",
            "StartPosition": {"Line": 4, "Column": 5},
            "EndPosition": {"Line": 11, "Column": 6},
        }
    ]
    deny = results["cloudformation:DeleteStackSet"]["MatchedStatements"]
    assert [(m["SourcePolicyId"], m["StartPosition"]["Line"]) for m in deny] == [("inline", 12)]
    managed = results["ec2:DescribeInstances"]["MatchedStatements"]
    assert [(m["SourcePolicyId"], m["SourcePolicyType"]) for m in managed] == [("ReadOnlyAccess", "aws-managed")]
    assert results["lambda:CreateFunction"]["MatchedStatements"] == []
    assert results["lambda:CreateFunction"]["EvalResourceName"] == "*"
    assert response["IsTruncated"] is False


def test_simulate_principal_policy_user_with_group_policies(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    user, group = unique("user"), unique("group")
    iam.create_user(UserName=user)
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    iam.put_group_policy(GroupName=group, PolicyName="group-inline",
                         PolicyDocument=policy({"Effect": "Allow", "Action": "ssm:Describe*", "Resource": "*"}))
    managed = iam.create_policy(
        PolicyName=unique("managed"),
        PolicyDocument=policy({"Effect": "Deny", "Action": "ssm:DescribeParameters", "Resource": "*"}),
    )["Policy"]
    iam.attach_user_policy(UserName=user, PolicyArn=managed["Arn"])
    response = iam.simulate_principal_policy(
        PolicySourceArn=f"arn:aws:iam::123456789012:user/{user}",
        ActionNames=["ssm:DescribeInstanceInformation", "ssm:DescribeParameters", "ssm:GetParameter"],
    )
    assert decisions(response) == {
        "ssm:DescribeInstanceInformation": "allowed",
        "ssm:DescribeParameters": "explicitDeny",
        "ssm:GetParameter": "implicitDeny",
    }
    results = {r["EvalActionName"]: r for r in response["EvaluationResults"]}
    matched = results["ssm:DescribeInstanceInformation"]["MatchedStatements"][0]
    assert (matched["SourcePolicyId"], matched["SourcePolicyType"]) == ("group-inline", "group")
    denied = results["ssm:DescribeParameters"]["MatchedStatements"][0]
    assert (denied["SourcePolicyId"], denied["SourcePolicyType"]) == (managed["PolicyName"], "user-managed")


def test_simulate_principal_policy_resources_and_context(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    name = unique("reader")
    arn = make_role(
        iam,
        name,
        policy(
            {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
             "Resource": "arn:aws:secretsmanager:*:*:secret:c1ws/*"},
            {"Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "*",
             "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
        ),
    )
    response = iam.simulate_principal_policy(
        PolicySourceArn=arn,
        ActionNames=["secretsmanager:GetSecretValue"],
        ResourceArns=[
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:c1ws/api-key-AbCdEf",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-AbCdEf",
        ],
    )
    result = response["EvaluationResults"][0]
    assert result["EvalDecision"] == "implicitDeny"
    assert [(r["EvalResourceName"].rsplit(":", 1)[-1], r["EvalResourceDecision"])
            for r in result["ResourceSpecificResults"]] == [("c1ws/api-key-AbCdEf", "allowed"),
                                                            ("other-AbCdEf", "implicitDeny")]

    missing = iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=["ssm:GetParameter"])
    assert decisions(missing) == {"ssm:GetParameter": "implicitDeny"}
    assert missing["EvaluationResults"][0]["MissingContextValues"] == ["aws:RequestedRegion"]
    for region, expected in (("us-east-1", "allowed"), ("eu-west-1", "implicitDeny")):
        given = iam.simulate_principal_policy(
            PolicySourceArn=arn,
            ActionNames=["ssm:GetParameter"],
            ContextEntries=[{"ContextKeyName": "aws:RequestedRegion", "ContextKeyValues": [region],
                             "ContextKeyType": "string"}],
        )
        assert decisions(given) == {"ssm:GetParameter": expected}


def test_simulate_permissions_boundary(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    boundary = iam.create_policy(
        PolicyName=unique("boundary"),
        PolicyDocument=policy({"Effect": "Allow", "Action": ["s3:*", "ssm:*"], "Resource": "*"}),
    )["Policy"]["Arn"]
    arn = make_role(
        iam,
        unique("bounded"),
        policy({"Effect": "Allow", "Action": ["s3:GetObject", "ec2:DescribeInstances"], "Resource": "*"}),
        boundary=boundary,
    )
    response = iam.simulate_principal_policy(
        PolicySourceArn=arn, ActionNames=["s3:GetObject", "ec2:DescribeInstances", "ssm:GetParameter"]
    )
    results = {r["EvalActionName"]: r for r in response["EvaluationResults"]}
    assert results["s3:GetObject"]["EvalDecision"] == "allowed"
    assert results["s3:GetObject"]["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": True}
    assert results["ec2:DescribeInstances"]["EvalDecision"] == "implicitDeny"
    assert results["ec2:DescribeInstances"]["PermissionsBoundaryDecisionDetail"] == {
        "AllowedByPermissionsBoundary": False
    }
    assert results["ssm:GetParameter"]["EvalDecision"] == "implicitDeny"

    overridden = iam.simulate_principal_policy(
        PolicySourceArn=arn,
        ActionNames=["ec2:DescribeInstances"],
        PermissionsBoundaryPolicyInputList=[policy({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})],
    )
    assert decisions(overridden) == {"ec2:DescribeInstances": "allowed"}


def test_simulate_scp_denial(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    organizations = emulator.client("organizations")
    unit = organizations.create_organizational_unit(ParentId=sample["rootId"], Name=unique("Restricted"))
    unit_id = unit["OrganizationalUnit"]["Id"]
    account_id = organizations.create_account(AccountName=unique("restricted"), Email="r@example.com")[
        "CreateAccountStatus"]["AccountId"]
    organizations.move_account(AccountId=account_id, SourceParentId=sample["rootId"], DestinationParentId=unit_id)
    deny = organizations.create_policy(
        Name=unique("DenyStackSets"), Description="d", Type="SERVICE_CONTROL_POLICY",
        Content=policy({"Effect": "Deny", "Action": "cloudformation:CreateStackSet", "Resource": "*"}),
    )["Policy"]["PolicySummary"]["Id"]
    organizations.attach_policy(PolicyId=deny, TargetId=unit_id)

    member = emulator.assume(account_id)
    iam = emulator.client("iam", credentials=member)
    arn = make_role(iam, "Deployer", policy({"Effect": "Allow", "Action": "*", "Resource": "*"}))
    response = iam.simulate_principal_policy(
        PolicySourceArn=arn, ActionNames=["cloudformation:CreateStackSet", "cloudformation:CreateStack"]
    )
    results = {r["EvalActionName"]: r for r in response["EvaluationResults"]}
    assert results["cloudformation:CreateStackSet"]["EvalDecision"] == "explicitDeny"
    assert results["cloudformation:CreateStackSet"]["OrganizationsDecisionDetail"] == {"AllowedByOrganizations": False}
    assert results["cloudformation:CreateStack"]["EvalDecision"] == "allowed"
    assert results["cloudformation:CreateStack"]["OrganizationsDecisionDetail"] == {"AllowedByOrganizations": True}

    # An OU whose SCPs allow only some services: everything else is denied at that level.
    allow_list = organizations.create_policy(
        Name=unique("OnlyS3"), Description="d", Type="SERVICE_CONTROL_POLICY",
        Content=policy({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
    )["Policy"]["PolicySummary"]["Id"]
    organizations.attach_policy(PolicyId=allow_list, TargetId=unit_id)
    organizations.detach_policy(PolicyId="p-FullAWSAccess", TargetId=unit_id)
    narrowed = iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=["s3:GetObject", "ec2:RunInstances"])
    results = {r["EvalActionName"]: r for r in narrowed["EvaluationResults"]}
    assert results["s3:GetObject"]["EvalDecision"] == "allowed"
    assert results["ec2:RunInstances"]["EvalDecision"] == "implicitDeny"
    assert results["ec2:RunInstances"]["OrganizationsDecisionDetail"] == {"AllowedByOrganizations": False}

    # The management account is never restricted by SCPs.
    management = emulator.client("iam")
    admin = make_role(management, unique("admin"), policy({"Effect": "Allow", "Action": "*", "Resource": "*"}))
    own = management.simulate_principal_policy(PolicySourceArn=admin, ActionNames=["organizations:LeaveOrganization"])
    assert own["EvaluationResults"][0]["EvalDecision"] == "allowed"


def test_simulate_pagination(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    arn = make_role(iam, unique("paged"), policy({"Effect": "Allow", "Action": "ssm:*", "Resource": "*"}))
    actions = [f"ssm:{name}" for name in ("GetParameter", "PutParameter", "ListAssociations",
                                          "DescribeInstanceInformation", "SendCommand")]
    seen, pages, marker = [], 0, None
    while True:
        arguments: dict[str, Any] = {"PolicySourceArn": arn, "ActionNames": actions, "MaxItems": 2}
        if marker:
            arguments["Marker"] = marker
        page = iam.simulate_principal_policy(**arguments)
        pages += 1
        seen += [r["EvalActionName"] for r in page["EvaluationResults"]]
        assert len(page["EvaluationResults"]) == (2 if pages < 3 else 1)
        if not page["IsTruncated"]:
            assert "Marker" not in page
            break
        marker = page["Marker"]
    assert pages == 3 and seen == actions

    paginated = iam.get_paginator("simulate_principal_policy").paginate(
        PolicySourceArn=arn, ActionNames=actions, PaginationConfig={"PageSize": 2}
    )
    assert [r["EvalActionName"] for p in paginated for r in p["EvaluationResults"]] == actions

    with pytest.raises(ClientError) as invalid:
        iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=actions, Marker="bm90LWEtbWFya2Vy")
    assert invalid.value.response["Error"]["Code"] == "InvalidInput"


def test_simulate_custom_policy(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    response = iam.simulate_custom_policy(
        PolicyInputList=[policy({"Effect": "Allow", "Action": ["ec2:*", "s3:GetObject"], "Resource": "*"}),
                         policy({"Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*"})],
        PermissionsBoundaryPolicyInputList=[policy({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})],
        ActionNames=["ec2:DescribeInstances", "ec2:TerminateInstances", "s3:GetObject"],
    )
    assert decisions(response) == {
        "ec2:DescribeInstances": "allowed",
        "ec2:TerminateInstances": "explicitDeny",
        "s3:GetObject": "implicitDeny",
    }
    results = {r["EvalActionName"]: r for r in response["EvaluationResults"]}
    assert results["ec2:TerminateInstances"]["MatchedStatements"][0]["SourcePolicyId"] == "PolicyInputList.2"
    assert results["s3:GetObject"]["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": False}
    assert "OrganizationsDecisionDetail" not in results["s3:GetObject"]


def test_simulate_errors_and_wire_shape(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    with pytest.raises(ClientError) as missing:
        iam.simulate_principal_policy(PolicySourceArn="arn:aws:iam::123456789012:role/NoSuchRole",
                                      ActionNames=["s3:GetObject"])
    assert missing.value.response["Error"]["Code"] == "NoSuchEntity"
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404

    with pytest.raises(ClientError) as malformed:
        iam.simulate_custom_policy(PolicyInputList=["{not json"], ActionNames=["s3:GetObject"])
    assert malformed.value.response["Error"]["Code"] == "InvalidInput"

    status, headers, body = raw_call(
        emulator.endpoint, "iam",
        "Action=SimulateCustomPolicy&Version=2010-05-08&ActionNames.member.1=s3%3AGetObject"
        "&PolicyInputList.member.1=" + urllib.request.quote(policy({"Effect": "Allow", "Action": "s3:*",
                                                                    "Resource": "*"})),
    )
    assert status == 200 and headers["content-type"].startswith("text/xml")
    root = ElementTree.fromstring(body)
    assert root.tag == f"{IAM_NS}SimulateCustomPolicyResponse"
    member = root.find(f"{IAM_NS}SimulateCustomPolicyResult/{IAM_NS}EvaluationResults/{IAM_NS}member")
    assert member is not None and member.findtext(f"{IAM_NS}EvalDecision") == "allowed"
    assert root.findtext(f"{IAM_NS}SimulateCustomPolicyResult/{IAM_NS}IsTruncated") == "false"
    assert root.findtext(f"{IAM_NS}ResponseMetadata/{IAM_NS}RequestId")


# ------------------------------------------------------------------------ SSM


def named(sample: dict[str, Any]) -> dict[str, str]:
    return {instance_id: key.rsplit("/", 1)[-1] for key, instance_id in sample["instances"].items()}


def test_describe_instance_information_is_computed(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    names = named(sample)
    expected = {
        ("management", "us-east-1"): {"mgmt-bastion": "Online"},
        ("web-prod", "us-east-1"): {"web-online": "Online", "web-lost": "ConnectionLost",
                                    "web-stopped": "ConnectionLost"},
        ("web-prod", "eu-west-1"): {"web-eu-failed": "Online", "web-eu-windows": "Online"},
        ("app-prod", "us-east-1"): {"app-online": "Online"},
        ("app-prod", "af-south-1"): {"app-cape-town": "Online"},
        ("dev", "eu-west-1"): {"dev-inactive": "Inactive", "dev-online": "Online"},
        ("sandbox", "us-east-1"): {"sandbox-online": "Online"},
        ("dev", "us-east-1"): {},
    }
    for (account, region), instances in expected.items():
        credentials = None if account == "management" else emulator.assume(sample["accounts"][account])
        ssm = emulator.client("ssm", region, credentials)
        listed = ssm.describe_instance_information(MaxResults=50)["InstanceInformationList"]
        assert {names[i["InstanceId"]]: i["PingStatus"] for i in listed} == instances, (account, region)

    ssm = emulator.client("ssm", "eu-west-1", emulator.assume(sample["accounts"]["web-prod"]))
    listed = {names[i["InstanceId"]]: i for i in ssm.describe_instance_information()["InstanceInformationList"]}
    windows = listed["web-eu-windows"]
    assert windows["PlatformType"] == "Windows"
    assert windows["ResourceType"] == "EC2Instance"
    assert windows["IamRole"] == "SSMInstanceRole"
    assert windows["AgentVersion"] and windows["IPAddress"] and windows["ComputerName"]
    assert windows["LastPingDateTime"].timestamp() > time.time() - 60
    assert listed["web-eu-failed"]["AssociationStatus"] == "Failed"

    filtered = ssm.describe_instance_information(Filters=[{"Key": "PlatformTypes", "Values": ["Windows"]}])
    assert [names[i["InstanceId"]] for i in filtered["InstanceInformationList"]] == ["web-eu-windows"]
    by_id = ssm.describe_instance_information(InstanceInformationFilterList=[
        {"key": "InstanceIds", "valueSet": [sample["instances"]["web-prod/eu-west-1/web-eu-failed"]]}])
    assert [names[i["InstanceId"]] for i in by_id["InstanceInformationList"]] == ["web-eu-failed"]


def test_managed_state_follows_instance_profile_and_tags(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    credentials = emulator.assume(sample["accounts"]["sandbox"])
    ec2 = emulator.client("ec2", "eu-central-1", credentials)
    ssm = emulator.client("ssm", "eu-central-1", credentials)
    iam = emulator.client("iam", credentials=credentials)
    instance_id = ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]

    def listed() -> dict[str, str]:
        return {i["InstanceId"]: i["PingStatus"] for i in ssm.describe_instance_information()["InstanceInformationList"]}

    assert instance_id not in listed()
    role = unique("NoSsm")
    make_role(iam, role, policy({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}))
    iam.create_instance_profile(InstanceProfileName=role)
    iam.add_role_to_instance_profile(InstanceProfileName=role, RoleName=role)
    ec2.associate_iam_instance_profile(IamInstanceProfile={"Name": role}, InstanceId=instance_id)
    assert instance_id not in listed()
    iam.put_role_policy(RoleName=role, PolicyName="ssm", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "ssm:UpdateInstanceInformation", "Resource": "*"}))
    assert listed()[instance_id] == "Online"
    ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "emulator:ssm-ping", "Value": "ConnectionLost"}])
    assert listed()[instance_id] == "ConnectionLost"
    ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "emulator:ssm-agent", "Value": "absent"}])
    assert instance_id not in listed()


def test_describe_instance_information_pagination(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    credentials = emulator.assume(sample["accounts"]["app-prod"])
    ec2 = emulator.client("ec2", "ap-northeast-3", credentials)
    ssm = emulator.client("ssm", "ap-northeast-3", credentials)
    # One call per instance: moto attaches the instance profile to the first instance of a call only.
    expected = sorted(
        ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1,
                          IamInstanceProfile={"Name": "SSMInstanceRole"})["Instances"][0]["InstanceId"]
        for _ in range(7)
    )

    first = ssm.describe_instance_information(MaxResults=5)
    assert len(first["InstanceInformationList"]) == 5 and first["NextToken"]
    second = ssm.describe_instance_information(MaxResults=5, NextToken=first["NextToken"])
    assert len(second["InstanceInformationList"]) == 2 and "NextToken" not in second
    ids = [i["InstanceId"] for i in first["InstanceInformationList"] + second["InstanceInformationList"]]
    assert sorted(ids) == expected

    default_page = ssm.describe_instance_information()
    assert len(default_page["InstanceInformationList"]) == 7 and "NextToken" not in default_page

    paginated = ssm.get_paginator("describe_instance_information").paginate(PaginationConfig={"PageSize": 5})
    assert sorted(i["InstanceId"] for p in paginated for i in p["InstanceInformationList"]) == expected

    unvalidated = emulator.client("ssm", "ap-northeast-3", credentials,
                                  Config(parameter_validation=False, retries={"total_max_attempts": 1}))
    for bad in (2, 51):
        with pytest.raises(ClientError) as error:
            unvalidated.describe_instance_information(MaxResults=bad)
        assert error.value.response["Error"]["Code"] == "ValidationException"
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError) as token:
        ssm.describe_instance_information(NextToken="garbage")
    assert token.value.response["Error"]["Code"] == "InvalidNextToken"


def test_association_status_is_computed(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    names = named(sample)
    credentials = emulator.assume(sample["accounts"]["web-prod"])
    ssm = emulator.client("ssm", "eu-west-1", credentials)
    association_id = sample["associations"]["web-prod/eu-west-1/TrendCloudOneWorkloadSecurityAssociation"]

    listed = ssm.list_associations(AssociationFilterList=[
        {"key": "AssociationName", "value": "TrendCloudOneWorkloadSecurityAssociation"}])["Associations"]
    assert [a["AssociationId"] for a in listed] == [association_id]
    overview = listed[0]["Overview"]
    assert overview["Status"] == "Failed"
    assert overview["AssociationStatusAggregatedCount"] == {"Success": 1, "Failed": 1}

    description = ssm.describe_association(AssociationId=association_id)["AssociationDescription"]
    assert description["Name"] == "AWS-ConfigureAWSPackage"
    assert description["Parameters"]["name"] == ["TrendMicro-CloudOne-WorkloadSecurity"]
    assert description["ScheduleExpression"] == "cron(15 10 * * ? *)"
    assert description["Targets"] == [{"Key": "InstanceIds", "Values": ["*"]}]

    executions = ssm.describe_association_executions(AssociationId=association_id)["AssociationExecutions"]
    assert len(executions) == 1
    execution = executions[0]
    assert execution["Status"] == "Failed"
    assert execution["ResourceCountByStatus"] == "{Success=1, Failed=1}"
    targets = ssm.describe_association_execution_targets(
        AssociationId=association_id, ExecutionId=execution["ExecutionId"])["AssociationExecutionTargets"]
    assert {names[t["ResourceId"]]: t["Status"] for t in targets} == {"web-eu-failed": "Failed",
                                                                      "web-eu-windows": "Success"}
    failed = ssm.describe_association_execution_targets(
        AssociationId=association_id, ExecutionId=execution["ExecutionId"],
        Filters=[{"Key": "Status", "Value": "Failed"}])["AssociationExecutionTargets"]
    assert [names[t["ResourceId"]] for t in failed] == ["web-eu-failed"]

    failed_id = sample["instances"]["web-prod/eu-west-1/web-eu-failed"]
    status = ssm.describe_instance_associations_status(InstanceId=failed_id)["InstanceAssociationStatusInfos"]
    assert [(s["AssociationId"], s["Status"]) for s in status] == [(association_id, "Failed")]

    # Not-online targets are Pending and were not part of the execution.
    us = emulator.client("ssm", "us-east-1", credentials)
    us_id = sample["associations"]["web-prod/us-east-1/TrendCloudOneWorkloadSecurityAssociation"]
    us_overview = us.describe_association(AssociationId=us_id)["AssociationDescription"]["Overview"]
    assert us_overview["AssociationStatusAggregatedCount"] == {"Success": 1, "Pending": 2}
    us_execution = us.describe_association_executions(AssociationId=us_id)["AssociationExecutions"][0]
    assert us_execution["Status"] == "Success" and us_execution["ResourceCountByStatus"] == "{Success=1}"
    unmanaged = sample["instances"]["web-prod/us-east-1/web-no-profile"]
    assert us.describe_instance_associations_status(InstanceId=unmanaged)["InstanceAssociationStatusInfos"] == []

    # Fixing the instance changes the computed outcome.
    ec2 = emulator.client("ec2", "eu-west-1", credentials)
    ec2.create_tags(Resources=[failed_id], Tags=[{"Key": "emulator:association-status", "Value": "Success"}])
    try:
        fixed = ssm.describe_association_executions(AssociationId=association_id)["AssociationExecutions"][0]
        assert fixed["Status"] == "Success" and fixed["ResourceCountByStatus"] == "{Success=2}"
    finally:
        ec2.create_tags(Resources=[failed_id], Tags=[{"Key": "emulator:association-status", "Value": "Failed"}])

    with pytest.raises(ClientError) as unknown:
        ssm.describe_association(AssociationId=str(uuid.uuid4()))
    assert unknown.value.response["Error"]["Code"] == "AssociationDoesNotExist"


def test_list_associations_pagination_and_filters(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    credentials = emulator.assume(sample["accounts"]["dev"])
    ssm = emulator.client("ssm", "ca-central-1", credentials)
    created = [
        ssm.create_association(Name="AWS-RunShellScript", AssociationName=f"paged-{index}",
                               Targets=[{"Key": "tag:Team", "Values": ["dev"]}])["AssociationDescription"]
        for index in range(3)
    ]
    first = ssm.list_associations(MaxResults=2)
    assert len(first["Associations"]) == 2 and first["NextToken"]
    rest = ssm.list_associations(MaxResults=2, NextToken=first["NextToken"])
    assert len(rest["Associations"]) == 1 and "NextToken" not in rest
    by_name = ssm.list_associations(AssociationFilterList=[{"key": "AssociationName", "value": "paged-1"}])
    assert [a["AssociationId"] for a in by_name["Associations"]] == [created[1]["AssociationId"]]
    assert created[0]["Overview"]["Status"] == "Pending"
    assert ssm.describe_association_executions(AssociationId=created[0]["AssociationId"])[
        "AssociationExecutions"] == []
    with pytest.raises(ClientError) as invalid:
        ssm.create_association(Name="NoSuchDocument", Targets=[{"Key": "InstanceIds", "Values": ["*"]}])
    assert invalid.value.response["Error"]["Code"] == "InvalidDocument"


# ------------------------------------------------------------ multi-account


def test_assumed_role_credentials_see_the_member_account(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    account_id = sample["accounts"]["web-prod"]
    member = emulator.assume(account_id)
    assert emulator.client("sts", credentials=member).get_caller_identity()["Account"] == account_id

    member_ec2 = emulator.client("ec2", "us-east-1", member)
    member_ids = {i["InstanceId"] for r in member_ec2.describe_instances()["Reservations"] for i in r["Instances"]}
    assert sample["instances"]["web-prod/us-east-1/web-online"] in member_ids
    assert sample["instances"]["management/us-east-1/mgmt-bastion"] not in member_ids

    management_ec2 = emulator.client("ec2", "us-east-1")
    management_ids = {i["InstanceId"] for r in management_ec2.describe_instances()["Reservations"]
                      for i in r["Instances"]}
    assert sample["instances"]["management/us-east-1/mgmt-bastion"] in management_ids
    assert sample["instances"]["web-prod/us-east-1/web-online"] not in management_ids

    member_iam = emulator.client("iam", credentials=member)
    assert "SSMInstanceRole" in {r["RoleName"] for r in member_iam.list_roles()["Roles"]}
    assert "C1WSDeployer" not in {r["RoleName"] for r in member_iam.list_roles()["Roles"]}
    with pytest.raises(ClientError) as other_account:
        member_iam.simulate_principal_policy(PolicySourceArn=sample["roles"]["management/C1WSDeployer"],
                                             ActionNames=["s3:GetObject"])
    assert other_account.value.response["Error"]["Code"] == "NoSuchEntity"

    deployer = emulator.client("iam").simulate_principal_policy(
        PolicySourceArn=sample["roles"]["management/C1WSDeployer"],
        ActionNames=["cloudformation:CreateStackSet", "iam:CreateRole", "cloudformation:CreateStackInstances"],
    )
    assert decisions(deployer) == {
        "cloudformation:CreateStackSet": "implicitDeny",
        "iam:CreateRole": "implicitDeny",
        "cloudformation:CreateStackInstances": "allowed",
    }

    secrets = emulator.client("secretsmanager").list_secrets()["SecretList"]
    assert [s["Name"] for s in secrets] == ["c1ws/api-key"]
    organizations = emulator.client("organizations")
    assert {a["Id"] for a in organizations.list_accounts()["Accounts"]} >= set(sample["accounts"].values())
    under_root = organizations.list_accounts_for_parent(ParentId=sample["rootId"])["Accounts"]
    assert sample["accounts"]["sandbox"] in {a["Id"] for a in under_root}
    services = organizations.list_aws_service_access_for_organization()["EnabledServicePrincipals"]
    assert [s["ServicePrincipal"] for s in services] == ["member.org.stacksets.cloudformation.amazonaws.com"]


# ------------------------------------------------------------------ scenario


SCENARIO_FEATURES = """
organization:
  serviceAccess: [member.org.stacksets.cloudformation.amazonaws.com]
  delegatedAdministrators:
    - {account: security, servicePrincipal: member.org.stacksets.cloudformation.amazonaws.com}
  organizationalUnits: [{name: Security}]
  serviceControlPolicies:
    - name: DenyS3
      targets: ["ou:Security"]
      document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "s3:*", Resource: "*"}]}
accounts:
  - name: security
    parent: Security
    iam:
      policies:
        - name: Boundary
          document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:*", "ssm:*"], Resource: "*"}]}
      groups:
        - {name: Auditors, managedPolicies: [SecurityAudit]}
      users:
        - {name: alice, groups: [Auditors]}
      roles:
        - name: Bounded
          managedPolicies: [AdministratorAccess]
          permissionsBoundary: Boundary
    regions:
      eu-north-1:
        instances:
          - {name: fleet, count: 2, state: stopped}
          - {name: gone, state: terminated}
        associations:
          - name: AWS-RunShellScript
            associationName: OnFirstFleetInstance
            targets: [{Key: InstanceIds, Values: ["{{instance:security/eu-north-1/fleet-1}}"]}]
        calls:
          - service: ssm
            operation: put_parameter
            params: {Name: /org/id, Value: "{{organization}} {{account:security}} {{ou:Security}}", Type: String}
"""


def test_scenario_features(emulator: EmulatorProcess) -> None:
    import yaml

    emulator.control("/_preflight/reset", method="POST")
    ids = scenario.build(emulator.endpoint, yaml.safe_load(SCENARIO_FEATURES))
    assert emulator.control("/_preflight/calls")["total"] == 0
    security = ids["accounts"]["security"]
    assert set(ids["instances"]) == {"security/eu-north-1/fleet-1", "security/eu-north-1/fleet-2",
                                     "security/eu-north-1/gone"}
    organizations = emulator.client("organizations")
    admins = organizations.list_delegated_administrators()["DelegatedAdministrators"]
    assert [a["Id"] for a in admins] == [security]
    assert [a["Id"] for a in organizations.list_accounts_for_parent(
        ParentId=ids["organizationalUnits"]["Security"])["Accounts"]] == [security]

    member = emulator.assume(security)
    iam = emulator.client("iam", credentials=member)
    bounded = iam.simulate_principal_policy(PolicySourceArn=ids["roles"]["security/Bounded"],
                                            ActionNames=["ssm:GetParameter", "s3:GetObject", "ec2:RunInstances"])
    assert decisions(bounded) == {"ssm:GetParameter": "allowed", "s3:GetObject": "explicitDeny",
                                  "ec2:RunInstances": "implicitDeny"}
    alice = iam.simulate_principal_policy(PolicySourceArn=ids["users"]["security/alice"],
                                          ActionNames=["iam:GetAccountAuthorizationDetails", "iam:CreateUser"])
    assert decisions(alice) == {"iam:GetAccountAuthorizationDetails": "allowed", "iam:CreateUser": "implicitDeny"}

    ssm = emulator.client("ssm", "eu-north-1", member)
    value = ssm.get_parameter(Name="/org/id")["Parameter"]["Value"]
    assert value == f"{ids['organizationId']} {security} {ids['organizationalUnits']['Security']}"
    association = ssm.describe_association(
        AssociationId=ids["associations"]["security/eu-north-1/OnFirstFleetInstance"])["AssociationDescription"]
    assert association["Targets"] == [{"Key": "InstanceIds", "Values": [ids["instances"]["security/eu-north-1/fleet-1"]]}]
    ec2 = emulator.client("ec2", "eu-north-1", member)
    states = {i["InstanceId"]: i["State"]["Name"] for r in ec2.describe_instances()["Reservations"]
              for i in r["Instances"]}
    assert states[ids["instances"]["security/eu-north-1/fleet-2"]] == "stopped"
    assert states[ids["instances"]["security/eu-north-1/gone"]] == "terminated"


def test_rest_services_pass_through(emulator: EmulatorProcess) -> None:
    s3 = emulator.client("s3")
    bucket = unique("bucket-")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="agent/package.zip", Body=b"0123456789")
    head = s3.head_object(Bucket=bucket, Key="agent/package.zip")
    assert head["ContentLength"] == 10
    assert s3.get_object(Bucket=bucket, Key="agent/package.zip")["Body"].read() == b"0123456789"
    operations = [c["operation"] for c in emulator.control("/_preflight/calls")["calls"] if c["service"] == "s3"]
    assert operations[-4:] == ["CreateBucket", "PutObject", "HeadObject", "GetObject"]


# ------------------------------------------------------------ faults, calls


@pytest.fixture()
def faults(emulator: EmulatorProcess) -> Iterator[EmulatorProcess]:
    yield emulator
    emulator.control("/_preflight/config", {"faultRate": 0, "faults": [], "faultServices": [],
                                            "faultOperations": [], "maxFaults": None, "latencyMs": 0}, "POST")


def test_throttle_from_command_line_has_aws_shapes() -> None:
    process = EmulatorProcess("--fault-rate", "1", "--fault-seed", "7", "--faults", "throttle")
    try:
        with pytest.raises(ClientError) as xml_error:
            process.client("iam").list_roles()
        assert xml_error.value.response["Error"] == {"Type": "Sender", "Code": "Throttling", "Message": "Rate exceeded"}
        assert xml_error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

        status, _, body = raw_call(process.endpoint, "sts", "Action=GetCallerIdentity&Version=2011-06-15")
        root = ElementTree.fromstring(body)
        assert status == 400 and root.tag.endswith("ErrorResponse")
        assert [e.text for e in root.iter() if e.tag.endswith("Code")] == ["Throttling"]

        with pytest.raises(ClientError) as json_error:
            process.client("ssm").describe_instance_information()
        assert json_error.value.response["Error"]["Code"] == "ThrottlingException"
        assert json_error.value.response["Error"]["Message"] == "Rate exceeded"
        status, _, body = raw_call(process.endpoint, "ssm", "{}", target="AmazonSSM.DescribeInstanceInformation")
        assert status == 400 and json.loads(body) == {"__type": "ThrottlingException", "message": "Rate exceeded"}

        with pytest.raises(ClientError) as ec2_error:
            process.client("ec2").describe_instances()
        assert ec2_error.value.response["Error"]["Code"] == "RequestLimitExceeded"

        assert process.control("/_preflight/health") == {"status": "ok"}
        calls = process.control("/_preflight/calls")
        assert calls["total"] == 5 and all(c["fault"] == "throttle" for c in calls["calls"])
    finally:
        process.stop()


def test_fault_kinds(faults: EmulatorProcess) -> None:
    endpoint = faults.endpoint
    sts_body = "Action=GetCallerIdentity&Version=2011-06-15"

    def only(kind: str, **extra: Any) -> None:
        faults.control("/_preflight/config", {"faultRate": 1, "faults": [kind], **extra}, "POST")

    only("500")
    status, _, body = raw_call(endpoint, "sts", sts_body)
    assert status == 500 and b"<Code>InternalFailure</Code>" in body
    status, _, body = raw_call(endpoint, "ssm", "{}", target="AmazonSSM.DescribeInstanceInformation")
    assert status == 500 and json.loads(body)["__type"] == "InternalFailure"

    only("503")
    status, _, body = raw_call(endpoint, "sts", sts_body)
    assert status == 503 and b"<Code>ServiceUnavailable</Code>" in body

    only("reset")
    with pytest.raises((ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine)):
        raw_call(endpoint, "sts", sts_body)

    only("truncate")
    with pytest.raises(http.client.IncompleteRead):
        raw_call(endpoint, "sts", sts_body)

    only("malformed")
    status, _, body = raw_call(endpoint, "sts", sts_body)
    assert status == 200
    with pytest.raises(ElementTree.ParseError):
        ElementTree.fromstring(body)
    status, _, body = raw_call(endpoint, "ssm", "{}", target="AmazonSSM.DescribeInstanceInformation")
    assert status == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)

    only("slow", slowMs=1500)
    with pytest.raises(TimeoutError):
        raw_call(endpoint, "sts", sts_body, timeout=0.5)

    # Filters and a budget: only ssm:DescribeInstanceInformation, only twice; control endpoints never.
    only("throttle", faultServices=["ssm"], faultOperations=["DescribeInstanceInformation"], maxFaults=2)
    assert raw_call(endpoint, "sts", sts_body)[0] == 200
    assert [raw_call(endpoint, "ssm", "{}", target="AmazonSSM.DescribeInstanceInformation")[0]
            for _ in range(3)] == [400, 400, 200]
    assert faults.control("/_preflight/config")["faultsInjected"] == 2
    assert faults.control("/_preflight/health") == {"status": "ok"}


def test_latency_is_applied(faults: EmulatorProcess) -> None:
    faults.control("/_preflight/config", {"latencyMs": 300}, "POST")
    started = time.monotonic()
    faults.client("sts").get_caller_identity()
    assert time.monotonic() - started >= 0.3


def test_call_counting(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    emulator.control("/_preflight/calls/reset", method="POST")
    assert emulator.control("/_preflight/calls")["total"] == 0
    member = emulator.assume(sample["accounts"]["dev"])
    emulator.client("ssm", "eu-west-1", member).describe_instance_information()
    emulator.client("ssm", "eu-west-1", member).describe_instance_information()
    emulator.client("iam").list_roles()
    emulator.client("organizations").list_roots()
    emulator.client("cloudformation").list_stacks()
    emulator.client("secretsmanager").list_secrets()
    emulator.client("lambda").list_functions()
    emulator.control("/_preflight/health")

    calls = emulator.control("/_preflight/calls")
    assert calls["counts"] == {
        "sts:AssumeRole": 1,
        "ssm:DescribeInstanceInformation": 2,
        "iam:ListRoles": 1,
        "organizations:ListRoots": 1,
        "cloudformation:ListStacks": 1,
        "secretsmanager:ListSecrets": 1,
        "lambda:ListFunctions": 1,
    }
    ssm_calls = [c for c in calls["calls"] if c["service"] == "ssm"]
    assert all(c["accountId"] == sample["accounts"]["dev"] and c["region"] == "eu-west-1" for c in ssm_calls)
    assert all(c["status"] == 200 and c["fault"] is None for c in calls["calls"])
    emulator.control("/_preflight/calls/reset", method="POST")
    assert emulator.control("/_preflight/calls") == {"total": 0, "counts": {}, "calls": []}


def test_reset_clears_moto_and_plugin_state(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    association_id = sample["associations"]["dev/eu-west-1/TrendCloudOneWorkloadSecurityAssociation"]
    emulator.control("/_preflight/reset", method="POST")
    with pytest.raises(ClientError) as gone:
        emulator.client("organizations").describe_organization()
    assert gone.value.response["Error"]["Code"] == "AWSOrganizationsNotInUseException"
    dev = emulator.assume(sample["accounts"]["dev"])
    ssm = emulator.client("ssm", "eu-west-1", dev)
    assert ssm.describe_instance_information()["InstanceInformationList"] == []
    with pytest.raises(ClientError):
        ssm.describe_association(AssociationId=association_id)
    assert emulator.control("/_preflight/calls")["counts"] == {
        "organizations:DescribeOrganization": 1,
        "sts:AssumeRole": 1,
        "ssm:DescribeInstanceInformation": 1,
        "ssm:DescribeAssociation": 1,
    }


def test_stops_when_the_process_that_started_it_exits(tmp_path: Any) -> None:
    import os
    import signal
    import subprocess
    import sys

    port_file = tmp_path / "port"
    emulator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emulator.py")
    # The shell starts the emulator in the background and exits once it listens: the emulator is orphaned.
    script = (f'"{sys.executable}" "{emulator}" --port 0 --port-file "{port_file}" >/dev/null 2>&1 & echo $!; '
              f'while [ ! -s "{port_file}" ]; do sleep 0.1; done')
    pid = int(subprocess.check_output(["sh", "-c", script], text=True, timeout=60))
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
                    if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                        return  # exited; whoever adopted it has not reaped it yet
            except FileNotFoundError:
                return
            time.sleep(0.2)
        raise AssertionError("the orphaned emulator is still running")
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_sigterm_stops_it_even_when_started_with_the_signal_blocked(tmp_path: Any) -> None:
    import os
    import signal
    import subprocess
    import sys

    port_file = tmp_path / "port"
    emulator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emulator.py")
    # As Foundation's Process does from a Swift worker thread: the child starts with SIGTERM and SIGINT blocked.
    launcher = ("import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT}); "
                "os.execv(sys.argv[1], sys.argv[1:])")
    process = subprocess.Popen(
        [sys.executable, "-c", launcher, sys.executable, emulator, "--port", "0", "--port-file", str(port_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not port_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert port_file.exists(), "the emulator did not start"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) is not None
    finally:
        process.kill()
        process.wait()

