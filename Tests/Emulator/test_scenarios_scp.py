"""The region-guard scenario builds the SCPs it documents, attached where it says."""

from __future__ import annotations

import json

from harness import EmulatorProcess, built


def test_region_guards_are_attached_to_their_ous(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-scp.yaml")
    org = emulator.client("organizations")
    policies = {p["Name"]: p["Id"] for p in org.list_policies(Filter="SERVICE_CONTROL_POLICY")["Policies"]}
    assert {"FullAWSAccess", "DenyLeaveOrganization", "RegionDeny", "DevRegionGuard"} <= set(policies)
    targets = {t["TargetId"] for t in org.list_targets_for_policy(PolicyId=policies["RegionDeny"])["Targets"]}
    assert targets == {ids["organizationalUnits"]["Production"]}
    document = json.loads(org.describe_policy(PolicyId=policies["DevRegionGuard"])["Policy"]["Content"])
    exempt = document["Statement"][0]["Condition"]["ArnNotLike"]["aws:PrincipalArn"]
    assert "arn:aws:iam::*:role/stacksets-exec-*" in exempt
