"""Tests of the emulator's answer rules (`rules` in POST /_preflight/config): scripted denials, page-token loops and
canned answers for the requests a rule matches.

Run from the repository root:  python3 -m pytest Tests/Emulator -q
"""

from __future__ import annotations

import json
import urllib.error
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from harness import EmulatorProcess, raw_call


@pytest.fixture()
def rules(emulator: EmulatorProcess) -> Iterator[EmulatorProcess]:
    yield emulator
    emulator.control("/_preflight/config", {"rules": []}, "POST")


def set_rules(emulator: EmulatorProcess, *rules: dict[str, Any]) -> None:
    emulator.control("/_preflight/config", {"rules": list(rules)}, "POST")


def test_access_denied_for_one_role_arn(rules: EmulatorProcess, sample: dict[str, Any]) -> None:
    denied = f"arn:aws:iam::{sample['accounts']['dev']}:role/OrganizationAccountAccessRole"
    allowed = f"arn:aws:iam::{sample['accounts']['web-prod']}:role/OrganizationAccountAccessRole"
    set_rules(rules, {"action": "accessDenied", "service": "sts", "operation": "AssumeRole", "params": {"RoleArn": denied}})
    sts = rules.client("sts")
    with pytest.raises(ClientError) as error:
        sts.assume_role(RoleArn=denied, RoleSessionName="tests")
    assert error.value.response["Error"]["Code"] == "AccessDenied"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert "sts:AssumeRole" in error.value.response["Error"]["Message"]
    assert sts.assume_role(RoleArn=allowed, RoleSessionName="tests")["Credentials"]["AccessKeyId"]
    assert rules.control("/_preflight/config")["rules"][0]["params"] == {"RoleArn": denied}
    denied_calls = [c for c in rules.control("/_preflight/calls")["calls"] if c["rule"] == "accessDenied"]
    assert denied_calls and denied_calls[-1]["operation"] == "AssumeRole" and denied_calls[-1]["status"] == 403


def test_access_denied_in_one_region_has_each_protocols_shape(rules: EmulatorProcess, sample: dict[str, Any]) -> None:
    member = rules.assume(sample["accounts"]["web-prod"])
    set_rules(
        rules,
        {"action": "accessDenied", "service": "ssm", "operation": "DescribeInstanceInformation", "region": "eu-west-1",
         "accountId": sample["accounts"]["web-prod"]},
        {"action": "accessDenied", "service": "ec2", "operation": "DescribeInstances", "region": "eu-west-1"},
    )
    with pytest.raises(ClientError) as error:
        rules.client("ssm", "eu-west-1", member).describe_instance_information()
    assert error.value.response["Error"]["Code"] == "AccessDeniedException"
    assert rules.client("ssm", "us-east-1", member).describe_instance_information()["InstanceInformationList"]
    with pytest.raises(ClientError) as error:
        rules.client("ec2", "eu-west-1", member).describe_instances()
    assert error.value.response["Error"]["Code"] == "UnauthorizedOperation"


def test_token_loop_repeats_the_same_token(rules: EmulatorProcess, sample: dict[str, Any]) -> None:
    member = rules.assume(sample["accounts"]["web-prod"])
    set_rules(
        rules,
        {"action": "tokenLoop", "service": "ssm", "operation": "DescribeInstanceInformation"},
        {"action": "tokenLoop", "service": "ec2", "operation": "DescribeInstances"},
        {"action": "tokenLoop", "service": "cloudformation", "operation": "DescribeStacks"},
    )
    ssm = rules.client("ssm", "us-east-1", member)
    first = ssm.describe_instance_information(MaxResults=5)
    second = ssm.describe_instance_information(MaxResults=5, NextToken=first["NextToken"])
    assert first["NextToken"] == second["NextToken"] == "preflight-emulator-token-loop"
    ids = [[item["InstanceId"] for item in page["InstanceInformationList"]] for page in (first, second)]
    assert ids[0] and ids[0] == ids[1]
    ec2 = rules.client("ec2", "us-east-1", member)
    pages = [ec2.describe_instances(MaxResults=5), ec2.describe_instances(MaxResults=5, NextToken="x")]
    assert [page["NextToken"] for page in pages] == ["preflight-emulator-token-loop"] * 2
    stacks = rules.client("cloudformation").describe_stacks(NextToken="anything")
    assert stacks["NextToken"] == "preflight-emulator-token-loop"


def test_respond_rule_and_validation(rules: EmulatorProcess) -> None:
    set_rules(rules, {"action": "respond", "service": "ssm", "operation": "GetParameters",
                      "body": '{"Parameters": "not a list"}'})
    status, _, body = raw_call(rules.endpoint, "ssm", '{"Names": ["a"]}', target="AmazonSSM.GetParameters")
    assert status == 200 and json.loads(body) == {"Parameters": "not a list"}
    set_rules(rules, {"action": "respond", "service": "ssm", "body": ['{"Parameters": [', {"text": "1, ", "count": 3}, "1]}"]})
    status, _, body = raw_call(rules.endpoint, "ssm", '{"Names": ["a"]}', target="AmazonSSM.GetParameters")
    assert status == 200 and json.loads(body) == {"Parameters": [1, 1, 1, 1]}
    set_rules(rules, {"action": "pad", "service": "sts", "bytes": 1000})
    status, headers, body = raw_call(rules.endpoint, "sts", "Action=GetCallerIdentity&Version=2011-06-15")
    assert status == 200 and body.endswith(b"\n" * 1000) and int(headers["content-length"]) == len(body)
    assert b"<Account>123456789012</Account>" in body
    set_rules(rules, {"action": "pad", "service": "sts", "bytes": 10, "text": "<!--x-->"})
    status, _, body = raw_call(rules.endpoint, "sts", "Action=GetCallerIdentity&Version=2011-06-15")
    assert body.endswith(b"</GetCallerIdentityResponse><!--x--><!--x-->")
    for bad in ([{"action": "explode"}], [{"action": "respond", "status": "200"}], {"action": "respond"},
                [{"action": "accessDenied", "params": {"RoleArn": 1}}], [{"action": "respond", "colour": "red"}],
                [{"action": "respond", "body": [{"text": "x", "count": "3"}]}], [{"action": "pad", "bytes": -1}],
                [{"action": "pad", "text": ""}]):
        with pytest.raises(urllib.error.HTTPError) as error:
            rules.control("/_preflight/config", {"rules": bad}, "POST")
        assert error.value.code == 400
    assert rules.control("/_preflight/config")["rules"][0]["action"] == "pad"


def test_issued_credentials_are_listed(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    member = emulator.assume(sample["accounts"]["dev"])
    issued = emulator.control("/_preflight/sts/credentials")["credentials"]
    mine = [c for c in issued if c["accessKeyId"] == member["aws_access_key_id"]]
    assert len(mine) == 1
    assert mine[0]["secretAccessKey"] == member["aws_secret_access_key"]
    assert mine[0]["sessionToken"] == member["aws_session_token"]
    assert mine[0]["accountId"] == sample["accounts"]["dev"]


def test_iam_enforcement_follows_the_callers_policies(emulator: EmulatorProcess) -> None:
    iam = emulator.client("iam")
    name = f"reader-{uuid.uuid4().hex[:8]}"
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="read", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:DescribeRegions", "Resource": "*"}]}))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    credentials = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    try:
        assert emulator.control("/_preflight/config", {"enforceIAM": True}, "POST")["enforceIAM"] is True
        assert emulator.client("ec2", credentials=credentials).describe_regions()["Regions"]
        with pytest.raises(ClientError) as error:
            emulator.client("ec2", credentials=credentials).describe_instances()
        assert error.value.response["Error"]["Code"] == "AccessDenied"  # moto's code, whatever the service
    finally:
        assert emulator.control("/_preflight/config", {"enforceIAM": False}, "POST")["enforceIAM"] is False
    assert emulator.client("ec2").describe_instances()
    with pytest.raises(urllib.error.HTTPError):
        emulator.control("/_preflight/config", {"enforceIAM": "yes"}, "POST")
