"""What the `lambda-secret-access` rule reads: secrets, their KMS keys and resource policies, the key policies, and
the organization's resource control policies, served from moto's state for the scenarios that build them."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

import scenario
from harness import EmulatorProcess, built

RCP = "RESOURCE_CONTROL_POLICY"
REGION = "us-east-1"


def _statements(document: str) -> dict[str, dict[str, Any]]:
    return {statement["Sid"]: statement for statement in json.loads(document)["Statement"]}


def _key_of(emulator: EmulatorProcess, secret: str, credentials: dict[str, str] | None = None) -> str | None:
    return emulator.client("secretsmanager", credentials=credentials).describe_secret(SecretId=secret).get("KmsKeyId")


def _targets(org: Any, policy_id: str) -> set[str]:
    return {t["TargetId"] for t in org.list_targets_for_policy(PolicyId=policy_id)["Targets"]}


def _rcps_of(org: Any, target: str) -> set[str]:
    return {p["Name"] for p in org.list_policies_for_target(TargetId=target, Filter=RCP)["Policies"]}


def test_sample_secret_is_encrypted_with_the_trend_key(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    management = sample["managementAccountId"]
    key = sample["keys"]["management/us-east-1/trend"]
    secret = sample["secrets"]["management/us-east-1/c1ws/api-key"]
    assert _key_of(emulator, secret) == key
    kms = emulator.client("kms")
    key_id = key.rsplit("/", 1)[1]
    for identifier in (key, key_id, "alias/trend-c1ws", f"arn:aws:kms:{REGION}:{management}:alias/trend-c1ws"):
        metadata = kms.describe_key(KeyId=identifier)["KeyMetadata"]
        assert (metadata["Arn"], metadata["KeyId"], metadata["KeyManager"]) == (key, key_id, "CUSTOMER")
    assert metadata["Description"] == "Encrypts the Trend Cloud One API key"
    for identifier in (key, key_id):
        policy = json.loads(kms.get_key_policy(KeyId=identifier, PolicyName="default")["Policy"])
        assert policy["Statement"] == [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                                        "Principal": {"AWS": f"arn:aws:iam::{management}:root"},
                                        "Action": "kms:*", "Resource": "*"}]
    assert kms.get_key_policy(KeyId=key)["Policy"] == kms.get_key_policy(KeyId=key, PolicyName="default")["Policy"]
    with pytest.raises(ClientError) as other_name:
        kms.get_key_policy(KeyId=key, PolicyName="other")
    assert other_name.value.response["Error"]["Code"] == "NotFoundException"
    answer = emulator.client("secretsmanager").get_resource_policy(SecretId=secret)
    assert answer["ARN"] == secret and answer["Name"] == "c1ws/api-key" and "ResourcePolicy" not in answer


def test_a_secret_without_a_key_uses_the_aws_managed_key(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    management = sample["managementAccountId"]
    secrets = emulator.client("secretsmanager", "eu-west-2")
    name = f"plain-{uuid.uuid4().hex[:8]}"
    arn = secrets.create_secret(Name=name, SecretString="not-a-secret")["ARN"]
    try:
        assert "KmsKeyId" not in secrets.describe_secret(SecretId=arn)
        kms = emulator.client("kms", "eu-west-2")
        metadata = kms.describe_key(KeyId="alias/aws/secretsmanager")["KeyMetadata"]
        assert metadata["KeyManager"] == "AWS"
        assert kms.describe_key(KeyId=metadata["Arn"])["KeyMetadata"]["KeyId"] == metadata["KeyId"]
        statements = json.loads(kms.get_key_policy(KeyId=metadata["Arn"], PolicyName="default")["Policy"])["Statement"]
        assert statements[0]["Condition"]["StringEquals"] == {
            "kms:CallerAccount": management, "kms:ViaService": "secretsmanager.eu-west-2.amazonaws.com"}
        assert "kms:Decrypt" in statements[0]["Action"]
        assert statements[2]["Principal"] == {"AWS": f"arn:aws:iam::{management}:root"}
        assert "kms:*" not in json.dumps(statements)
    finally:
        secrets.delete_secret(SecretId=arn, ForceDeleteWithoutRecovery=True)


def test_secret_access_scenario_breaks_one_path_per_secret(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-secret-access.yaml")
    management = ids["managementAccountId"]
    keys = {label.rsplit("/", 1)[1]: arn for label, arn in ids["keys"].items()}
    assert set(keys) == {"trend", "other", "undelegated"}
    assert len(set(keys.values())) == 3
    expected = {"c1ws/api-key": "trend", "c1ws/api-key-denied": "trend", "c1ws/api-key-other-key": "other",
                "c1ws/api-key-undelegated": "undelegated", "c1ws/api-key-allowed": "trend"}
    secrets = emulator.client("secretsmanager")
    for name, key in expected.items():
        arn = ids["secrets"][f"management/us-east-1/{name}"]
        assert _key_of(emulator, arn) == keys[key], name
    policies = {name: secrets.get_resource_policy(SecretId=name).get("ResourcePolicy") for name in expected}
    assert {name for name, policy in policies.items() if policy is None} == {
        "c1ws/api-key", "c1ws/api-key-other-key", "c1ws/api-key-undelegated"}
    denied = _statements(policies["c1ws/api-key-denied"])["DenyOutsideBreakGlass"]
    assert (denied["Effect"], denied["Principal"], denied["Action"]) == ("Deny", "*", "secretsmanager:GetSecretValue")
    assert denied["Condition"] == {"StringNotEquals": {"aws:PrincipalAccount": "999999999999"}}
    allowed = _statements(policies["c1ws/api-key-allowed"])["AllowAccountRoot"]
    assert (allowed["Effect"], allowed["Principal"]) == ("Allow", {"AWS": f"arn:aws:iam::{management}:root"})

    kms = emulator.client("kms")
    undelegated = _statements(kms.get_key_policy(KeyId=keys["undelegated"], PolicyName="default")["Policy"])
    assert set(undelegated) == {"KeyAdmins"}
    assert undelegated["KeyAdmins"]["Principal"] == {"AWS": ids["roles"]["management/C1WSDeployer"]}
    assert f"arn:aws:iam::{management}:root" not in json.dumps(undelegated)
    other = _statements(kms.get_key_policy(KeyId=keys["other"], PolicyName="default")["Policy"])
    assert other["Enable IAM User Permissions"]["Principal"] == {"AWS": f"arn:aws:iam::{management}:root"}
    assert kms.describe_key(KeyId="alias/trend-c1ws")["KeyMetadata"]["Arn"] == keys["trend"]


def test_rcp_scenario_attaches_its_policies_and_rcp_full_access_everywhere(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-rcp.yaml")
    org = emulator.client("organizations")
    root = org.list_roots()["Roots"][0]
    assert {"Type": RCP, "Status": "ENABLED"} in root["PolicyTypes"]
    assert {"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"} in root["PolicyTypes"]
    listed = {p["Name"]: p for p in org.list_policies(Filter=RCP)["Policies"]}
    assert set(listed) == {"RCPFullAWSAccess", "SecretsPerimeter", "DenyLeaveKeys"}
    assert ids["resourceControlPolicies"] == {"SecretsPerimeter": listed["SecretsPerimeter"]["Id"],
                                              "DenyLeaveKeys": listed["DenyLeaveKeys"]["Id"]}
    assert listed["RCPFullAWSAccess"]["Id"] == "p-RCPFullAWSAccess" and listed["RCPFullAWSAccess"]["AwsManaged"]
    assert listed["RCPFullAWSAccess"]["Arn"] == (
        "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess")
    assert not {"FullAWSAccess", "DenyLeaveOrganization"} & set(listed)

    units, accounts = ids["organizationalUnits"], ids["accounts"]
    nodes = {ids["rootId"], *units.values(), *accounts.values()}
    assert _targets(org, "p-RCPFullAWSAccess") == nodes
    assert _targets(org, ids["resourceControlPolicies"]["SecretsPerimeter"]) == {units["Security"]}
    assert _targets(org, ids["resourceControlPolicies"]["DenyLeaveKeys"]) == {ids["rootId"]}
    assert _rcps_of(org, ids["rootId"]) == {"RCPFullAWSAccess", "DenyLeaveKeys"}
    assert _rcps_of(org, units["Security"]) == {"RCPFullAWSAccess", "SecretsPerimeter"}
    assert _rcps_of(org, accounts["security"]) == {"RCPFullAWSAccess"}
    assert _rcps_of(org, units["Production"]) == {"RCPFullAWSAccess"}

    perimeter = org.describe_policy(PolicyId=ids["resourceControlPolicies"]["SecretsPerimeter"])["Policy"]
    assert perimeter["PolicySummary"]["Type"] == RCP and not perimeter["PolicySummary"]["AwsManaged"]
    statement = _statements(perimeter["Content"])["DenyUnapprovedReaders"]
    assert (statement["Effect"], statement["Principal"], statement["Resource"]) == ("Deny", "*", "*")
    assert statement["Action"] == ["secretsmanager:GetSecretValue", "kms:Decrypt"]
    assert statement["Condition"] == {"ArnNotLikeIfExists": {"aws:PrincipalArn": "arn:aws:iam::*:role/approved-*"}}
    full = json.loads(org.describe_policy(PolicyId="p-RCPFullAWSAccess")["Policy"]["Content"])
    assert full["Statement"] == [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]

    delegated = org.list_delegated_administrators(
        ServicePrincipal="member.org.stacksets.cloudformation.amazonaws.com")["DelegatedAdministrators"]
    assert [d["Id"] for d in delegated] == [accounts["security"]]
    security = emulator.assume(accounts["security"])
    key = ids["keys"]["security/us-east-1/trend"]
    assert key.startswith(f"arn:aws:kms:us-east-1:{accounts['security']}:key/")
    assert _key_of(emulator, ids["secrets"]["security/us-east-1/c1ws/api-key"], security) == key
    kms = emulator.client("kms", credentials=security)
    assert kms.describe_key(KeyId="alias/trend-c1ws")["KeyMetadata"]["Arn"] == key
    assert _statements(kms.get_key_policy(KeyId=key, PolicyName="default")["Policy"])[
        "Enable IAM User Permissions"]["Principal"] == {"AWS": f"arn:aws:iam::{accounts['security']}:root"}


MINIMAL = {
    "organization": {"organizationalUnits": [{"name": "Team"}]},
    "accounts": [{"name": "member", "parent": "Team"}],
}


def test_rcps_attach_only_while_the_type_is_enabled(emulator: EmulatorProcess) -> None:
    emulator.control("/_preflight/reset", method="POST")
    ids = scenario.build(emulator.endpoint, MINIMAL)
    org = emulator.client("organizations")
    root, team, member = ids["rootId"], ids["organizationalUnits"]["Team"], ids["accounts"]["member"]
    management = ids["managementAccountId"]
    assert org.list_roots()["Roots"][0]["PolicyTypes"] == []
    assert _targets(org, "p-RCPFullAWSAccess") == set()
    assert all(_rcps_of(org, node) == set() for node in (root, team, member, management))
    document = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]})
    policy = org.create_policy(Name="DenyWrites", Description="d", Type=RCP, Content=document)["Policy"]
    policy_id = policy["PolicySummary"]["Id"]
    with pytest.raises(ClientError) as refused:
        org.attach_policy(PolicyId=policy_id, TargetId=team)
    assert refused.value.response["Error"]["Code"] == "PolicyTypeNotEnabledException"

    enabled = org.enable_policy_type(RootId=root, PolicyType=RCP)["Root"]
    assert enabled["PolicyTypes"] == [{"Type": RCP, "Status": "ENABLED"}]
    assert _targets(org, "p-RCPFullAWSAccess") == {root, team, member, management}
    later = org.create_organizational_unit(ParentId=root, Name="Later")["OrganizationalUnit"]["Id"]
    assert _rcps_of(org, later) == {"RCPFullAWSAccess"}
    org.attach_policy(PolicyId=policy_id, TargetId=team)
    assert _rcps_of(org, team) == {"RCPFullAWSAccess", "DenyWrites"}

    org.disable_policy_type(RootId=root, PolicyType=RCP)
    assert _targets(org, "p-RCPFullAWSAccess") == set() and _targets(org, policy_id) == set()
    assert org.list_roots()["Roots"][0]["PolicyTypes"] == []


def test_calls_name_the_secret_key_and_policy_they_read(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-rcp.yaml")
    management, security = ids["managementAccountId"], ids["accounts"]["security"]
    key = ids["keys"]["management/us-east-1/trend"]
    secret = ids["secrets"]["management/us-east-1/c1ws/api-key"]
    perimeter = ids["resourceControlPolicies"]["SecretsPerimeter"]
    organization, unit = ids["organizationId"], ids["organizationalUnits"]["Security"]
    emulator.control("/_preflight/calls/reset", method="POST")
    emulator.client("secretsmanager").describe_secret(SecretId="c1ws/api-key")
    emulator.client("secretsmanager").get_resource_policy(SecretId=secret)
    emulator.client("kms").describe_key(KeyId="alias/trend-c1ws")
    emulator.client("kms").get_key_policy(KeyId=key, PolicyName="default")
    org = emulator.client("organizations")
    org.list_policies(Filter=RCP)
    org.describe_policy(PolicyId=perimeter)
    org.list_targets_for_policy(PolicyId="p-RCPFullAWSAccess")
    org.list_policies_for_target(TargetId=unit, Filter=RCP)
    org.list_policies_for_target(TargetId=security, Filter=RCP)
    org.list_roots()
    calls = emulator.control("/_preflight/calls")["calls"]
    assert [(c["action"], c["resources"]) for c in calls] == [
        ("secretsmanager:DescribeSecret", [secret]),
        ("secretsmanager:GetResourcePolicy", [secret]),
        ("kms:DescribeKey", [key]),
        ("kms:GetKeyPolicy", [key]),
        ("organizations:ListPolicies", ["*"]),
        ("organizations:DescribePolicy",
         [f"arn:aws:organizations::{management}:policy/{organization}/resource_control_policy/{perimeter}"]),
        ("organizations:ListTargetsForPolicy",
         ["arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess"]),
        ("organizations:ListPoliciesForTarget", [f"arn:aws:organizations::{management}:ou/{organization}/{unit}"]),
        ("organizations:ListPoliciesForTarget",
         [f"arn:aws:organizations::{management}:account/{organization}/{security}"]),
        ("organizations:ListRoots", ["*"]),
    ]


def test_enforcement_follows_the_readers_policy(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-rcp.yaml")
    key = ids["keys"]["management/us-east-1/trend"]
    iam = emulator.client("iam")
    name = f"secret-reader-{uuid.uuid4().hex[:8]}"
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="read", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
            "secretsmanager:DescribeSecret", "kms:DescribeKey", "organizations:ListPolicies"]}]}))
    access = iam.create_access_key(UserName=name)["AccessKey"]
    credentials = {"aws_access_key_id": access["AccessKeyId"], "aws_secret_access_key": access["SecretAccessKey"]}
    try:
        assert emulator.control("/_preflight/config", {"enforceIAM": True}, "POST")["enforceIAM"] is True
        assert _key_of(emulator, "c1ws/api-key", credentials) == key
        kms = emulator.client("kms", credentials=credentials)
        assert kms.describe_key(KeyId="alias/trend-c1ws")["KeyMetadata"]["Arn"] == key
        org = emulator.client("organizations", credentials=credentials)
        assert org.list_policies(Filter=RCP)["Policies"]
        refused = [
            lambda: emulator.client("secretsmanager", credentials=credentials).get_resource_policy(SecretId="c1ws/api-key"),
            lambda: kms.get_key_policy(KeyId=key, PolicyName="default"),
            lambda: org.describe_policy(PolicyId="p-RCPFullAWSAccess"),
            lambda: org.list_policies_for_target(TargetId=ids["rootId"], Filter=RCP),
        ]
        for call in refused:
            with pytest.raises(ClientError) as denied:
                call()
            assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] in (400, 403)
            assert "AccessDenied" in denied.value.response["Error"]["Code"] or \
                denied.value.response["Error"]["Code"] == "403"
    finally:
        assert emulator.control("/_preflight/config", {"enforceIAM": False}, "POST")["enforceIAM"] is False


def test_an_unknown_kms_key_is_a_scenario_error(emulator: EmulatorProcess) -> None:
    emulator.control("/_preflight/reset", method="POST")
    bad = {"accounts": [{"name": "management", "regions": {"us-east-1": {
        "keys": [{"name": "trend"}], "secrets": [{"name": "c1ws/api-key", "value": "v", "kmsKey": "missing"}]}}}]}
    with pytest.raises(scenario.ScenarioError) as unknown:
        scenario.build(emulator.endpoint, bad)
    assert str(unknown.value) == ("secret c1ws/api-key: unknown kmsKey 'missing' (keys of management/us-east-1: "
                                  "['trend']; or a key ARN or alias/NAME)")
    reserved = {"accounts": [{"name": "management", "regions": {"eu-west-1": {
        "keys": [{"name": "k", "alias": "alias/aws/secretsmanager"}]}}}]}
    with pytest.raises(scenario.ScenarioError) as alias:
        scenario.build(emulator.endpoint, reserved)
    assert str(alias.value) == ("accounts.management.regions.eu-west-1.keys[0].alias: 'alias/aws/secretsmanager' "
                                "is not a customer alias name (alias/NAME)")
