"""The call log names each call's IAM action and resources; /_preflight/calls/authorize evaluates them."""

from __future__ import annotations

import json
import os
from typing import Any

from harness import HERE, EmulatorProcess

POLICIES = os.path.join(HERE, "..", "..", "rules", "iam")


def _policy(name: str) -> dict[str, Any]:
    with open(os.path.join(POLICIES, name), encoding="utf-8") as handle:
        return json.load(handle)


def test_calls_carry_their_action_and_resource_arns(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    dev = sample["accounts"]["dev"]
    member = emulator.assume(dev)
    emulator.control("/_preflight/calls/reset", method="POST")
    emulator.client("ssm", "eu-west-1", credentials=member).get_parameters(Names=["dsToken", "/team/other"])
    emulator.client("iam", credentials=member).get_role(RoleName="OrganizationAccountAccessRole")
    emulator.client("ec2", "eu-west-1", credentials=member).describe_instances()
    calls = emulator.control("/_preflight/calls")["calls"]
    assert [(c["action"], c["resources"]) for c in calls] == [
        ("ssm:GetParameters", [f"arn:aws:ssm:eu-west-1:{dev}:parameter/dsToken",
                               f"arn:aws:ssm:eu-west-1:{dev}:parameter/team/other"]),
        ("iam:GetRole", [f"arn:aws:iam::{dev}:role/OrganizationAccountAccessRole"]),
        ("ec2:DescribeInstances", ["*"]),
    ]


def test_authorize_evaluates_the_resources_against_the_published_policies(
    emulator: EmulatorProcess, sample: dict[str, Any]
) -> None:
    management, dev = sample["managementAccountId"], sample["accounts"]["dev"]
    emulator.control("/_preflight/calls/reset", method="POST")
    emulator.client("sts").assume_role(RoleArn=f"arn:aws:iam::{dev}:role/PreflightAuditRole", RoleSessionName="tests")
    member = emulator.assume(dev)
    emulator.client("ssm", "eu-west-1", credentials=member).get_parameters(Names=["dsToken", "dsTokenCopy"])
    emulator.client("ssm", "eu-west-1", credentials=member).describe_instance_information()

    member_policy = _policy("preflight-member.json")
    spec = {"policies": {management: _policy("preflight-management.json")}, "default": member_policy}
    denied = emulator.control("/_preflight/calls/authorize", spec, "POST")["denied"]
    assert [(d["action"], d["deniedResources"]) for d in denied] == [
        ("sts:AssumeRole", [f"arn:aws:iam::{dev}:role/PreflightAuditRole"]),
        ("ssm:GetParameters", [f"arn:aws:ssm:eu-west-1:{dev}:parameter/dsTokenCopy"]),
    ]

    text = json.dumps(member_policy).replace("parameter/dsToken", "parameter/dsTokn")
    wrong = emulator.control("/_preflight/calls/authorize", {**spec, "default": json.loads(text)}, "POST")["denied"]
    assert [d["deniedResources"] for d in wrong if d["action"] == "ssm:GetParameters"] == [[
        f"arn:aws:ssm:eu-west-1:{dev}:parameter/dsToken", f"arn:aws:ssm:eu-west-1:{dev}:parameter/dsTokenCopy"]]
