"""Tests of the fake Trend Cloud One Workload Security API: routing and authentication, each endpoint's shape,
computers computed from the emulator's state, the deployment's Lambda against it, the call log and faults.

Run from the repository root:  python3 -m pytest Tests/Emulator -q
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import urllib.error
from collections.abc import Iterator
from typing import Any

import pytest

import cloudone_plugin
import scenario
from harness import HERE, EmulatorProcess, built

KEY = cloudone_plugin.DEFAULT_API_KEY
TENANT = cloudone_plugin.DEFAULT_TENANT_ID
TOKEN = cloudone_plugin.DEFAULT_TOKEN
EXPAND = "expand=computerStatus&expand=ec2VirtualMachineSummary"
ROOT = "management/us-east-1/ABI-TM-SSM"
PARSE = f"{ROOT}/GetWorkloadSecurityAgentDeploymentParameters"
FAILED_REASON = re.compile(
    r"^Received response status \[FAILED\] from custom resource\. Message returned: See the details in CloudWatch "
    r"Log Stream: \d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32} \(RequestId: [0-9a-f-]{36}\)$")
SCRIPT_REQUEST = {"platform": "linux", "validateCertificateRequired": True, "validateDigitalSignatureRequired": True,
                  "activationRequired": True, "policyID": 0, "relayGroupID": 0, "computerGroupID": 0}


def api(emulator: EmulatorProcess, method: str, path: str, body: Any = None, key: str | None = KEY,
        region: str = "us-1", headers: dict[str, str | None] | None = None) -> tuple[int, dict[str, str], Any]:
    """A raw Cloud One request: `Authorization: ApiKey KEY` and `api-version: v1` unless `headers` change them
    (None removes one)."""
    sent = {"Authorization": f"ApiKey {key}" if key is not None else None, "api-version": "v1",
            "Content-Type": "application/json", **(headers or {})}
    connection = http.client.HTTPConnection(emulator.endpoint.removeprefix("http://"), timeout=30)
    try:
        connection.request(method, f"/cloudone/{region}/api/{path}",
                           body=None if body is None else json.dumps(body).encode(),
                           headers={k: v for k, v in sent.items() if v is not None})
        response = connection.getresponse()
        text = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(text) if text else None
    finally:
        connection.close()


def state(emulator: EmulatorProcess, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    if changes is None:
        return emulator.control("/_preflight/cloudone/state")
    return emulator.control("/_preflight/cloudone/state", changes, "POST")


def search(emulator: EmulatorProcess, body: dict[str, Any] | None = None, query: str = EXPAND) -> list[dict[str, Any]]:
    status, _, payload = api(emulator, "POST", f"computers/search?{query}", body or {})
    assert status == 200, payload
    return payload["computers"]


def by_instance(computers: list[dict[str, Any]], ids: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Computers by the scenario name of their instance (the instance id for unknown ones)."""
    names = {v: k for k, v in ids["instances"].items()}
    return {names.get(c["ec2VirtualMachineSummary"]["instanceID"], c["ec2VirtualMachineSummary"]["instanceID"]): c
            for c in computers}


@pytest.fixture()
def fresh(emulator: EmulatorProcess) -> Iterator[EmulatorProcess]:
    """A reset emulator (the fake's defaults); later tests rebuild their scenario."""
    emulator.control("/_preflight/reset", method="POST")
    emulator.scenario_ids = {}
    yield emulator
    emulator.control("/_preflight/reset", method="POST")
    emulator.scenario_ids = {}


@pytest.fixture()
def protected(emulator: EmulatorProcess) -> Iterator[dict[str, Any]]:
    """The protected sample, built afresh; the test may change it (it is rebuilt for the next one)."""
    emulator.control("/_preflight/reset", method="POST")
    emulator.scenario_ids = {}
    yield built(emulator, "sample-org-protected.yaml")
    emulator.scenario_ids = {}


def deploy(emulator: EmulatorProcess, tmp_path: Any, extra: str) -> dict[str, Any]:
    """The deployed sample without its gaps, changed by the YAML `extra`, built on a reset emulator."""
    path = tmp_path / "variant.yaml"
    path.write_text(f"extends: {os.path.join(HERE, 'scenarios', 'sample-org-deployed.yaml')}\n"
                    "stackInstanceStatus: null\ncalls: null\n" + extra)
    emulator.control("/_preflight/reset", method="POST")
    emulator.scenario_ids = {}
    return scenario.build(emulator.endpoint, scenario.load(str(path)))


# ------------------------------------------------------------ routing, auth


def test_current_api_key(fresh: EmulatorProcess) -> None:
    status, headers, key = api(fresh, "GET", "apikeys/current")
    assert status == 200 and headers["content-type"] == "application/json"
    created = key.pop("created")
    assert key == {"ID": 12, "keyName": "preflight", "description": "", "locale": "en-US", "roleID": 1,
                   "timeZone": "UTC", "active": True, "unsuccessfulSignInAttempts": 0, "serviceAccount": False,
                   "currentKey": True}
    assert isinstance(created, int) and created < time.time() * 1000

    state(fresh, {"key": {"expiresInDays": 30, "roleID": 3, "name": "auditor"}})
    _, _, key = api(fresh, "GET", "apikeys/current")
    assert abs(key["expiryDate"] - (time.time() + 30 * 86400) * 1000) < 60_000
    assert (key["roleID"], key["keyName"]) == (3, "auditor")
    assert "secretKey" not in key and KEY not in json.dumps(key)


def test_authentication_failures(fresh: EmulatorProcess) -> None:
    failed = {"message": "Authentication failed"}
    assert api(fresh, "GET", "apikeys/current", region="de-1")[::2] == (401, failed)  # the tenant is in us-1
    assert api(fresh, "GET", "apikeys/current", region="xx-9")[::2] == (404, {"message": "Not Found"})
    assert api(fresh, "GET", "nosuchthing")[::2] == (404, {"message": "Not Found"})
    assert api(fresh, "GET", "apikeys/current", key="tmc-unknown")[::2] == (401, failed)
    assert api(fresh, "GET", "apikeys/current", key=None)[::2] == (401, failed)
    assert api(fresh, "GET", "apikeys/current", headers={"Authorization": f"Bearer {KEY}"})[::2] == (401, failed)
    status, _, body = api(fresh, "GET", "apikeys/current", headers={"api-version": None})
    assert status == 400 and "api-version" in body["message"]
    assert api(fresh, "GET", "apikeys/current", headers={"api-version": "v2"})[0] == 400

    state(fresh, {"key": {"active": False}})
    assert api(fresh, "GET", "apikeys/current")[::2] == (403, {"message": "API key is inactive"})
    state(fresh, {"key": {"active": True, "expiresInDays": -1}})
    assert api(fresh, "GET", "apikeys/current")[::2] == (401, failed)
    state(fresh, {"key": {"expiresInDays": None, "revoked": True}})
    assert api(fresh, "GET", "apikeys/current")[::2] == (401, failed)
    state(fresh, {"key": {"revoked": False}, "region": "de-1"})
    assert api(fresh, "GET", "apikeys/current", region="de-1")[0] == 200
    assert api(fresh, "GET", "apikeys/current")[::2] == (401, failed)


def test_errors_echo_the_presented_key_when_told(fresh: EmulatorProcess) -> None:
    state(fresh, {"echoKeyInErrors": True, "canReadSettings": False})
    presented = "tmc-presented-0123:secret-part"
    for status, body in (
        api(fresh, "GET", "apikeys/current", key=presented)[::2],
        api(fresh, "GET", "apikeys/current", region="xx-9", key=presented)[::2],
        api(fresh, "GET", "apikeys/current", key=presented, region="gb-1")[::2],
    ):
        assert status in (401, 404) and presented in body["message"]
    assert KEY in api(fresh, "GET", "apikeys/current", headers={"api-version": None})[2]["message"]
    assert KEY in api(fresh, "GET", f"systemsettings/{cloudone_plugin.ACTIVATION_SETTING_NAME}")[2]["message"]
    status, _, body = api(fresh, "GET", "apikeys/current")
    assert status == 200 and KEY not in json.dumps(body)


# ------------------------------------------------------------------ settings


def test_agent_initiated_activation_setting(fresh: EmulatorProcess) -> None:
    path = "systemsettings/platformSettingAgentInitiatedActivationEnabled"
    assert api(fresh, "GET", path)[::2] == (200, {"value": "For any computers"})
    state(fresh, {"agentInitiatedActivation": "Do not allow"})
    assert api(fresh, "GET", path)[::2] == (200, {"value": "Do not allow"})
    state(fresh, {"canReadSettings": False})
    status, _, body = api(fresh, "GET", path)
    assert status == 403 and body["message"]


# ---------------------------------------------------------- deployment script


def test_agent_deployment_script(fresh: EmulatorProcess) -> None:
    status, _, script = api(fresh, "POST", "agentdeploymentscripts", SCRIPT_REQUEST)
    assert status == 200
    body = script.pop("scriptBody")
    assert script == SCRIPT_REQUEST
    assert body.startswith("#!/bin/bash\n")
    # By default the global URLs, which the StackSet template's AllowedPattern accepts.
    assert "ACTIVATIONURL='dsm://agents.workload.trendmicro.com:443/'" in body
    assert "MANAGERURL='https://workload.trendmicro.com:443'" in body
    assert f'/opt/ds_agent/dsa_control -a $ACTIVATIONURL "tenantID:{TENANT}" "token:{TOKEN}"\n' in body

    rotated = {"region": "jp-1", "tenantId": "11111111-2222-3333-4444-555555555555",
               "token": "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE", "urls": "regional"}
    state(fresh, rotated)
    status, _, script = api(fresh, "POST", "agentdeploymentscripts",
                            {"platform": "linux", "activationRequired": True, "policyID": 7}, region="jp-1")
    assert status == 200 and script["policyID"] == 7
    assert "workload.jp-1.cloudone.trendmicro.com" in script["scriptBody"]
    assert (f'"tenantID:{rotated["tenantId"]}" "token:{rotated["token"]}" "policyid:7"'
            in script["scriptBody"])
    _, _, script = api(fresh, "POST", "agentdeploymentscripts", {"platform": "linux", "activationRequired": False},
                       region="jp-1")
    assert "dsa_control -a" not in script["scriptBody"]
    _, _, script = api(fresh, "POST", "agentdeploymentscripts", {"platform": "windows", "activationRequired": True},
                       region="jp-1")
    assert '$ACTIVATIONURL="dsm://agents.workload.jp-1.cloudone.trendmicro.com:443/"' in script["scriptBody"]

    assert api(fresh, "POST", "agentdeploymentscripts", {"platform": "beos"}, region="jp-1")[0] == 400
    assert api(fresh, "POST", "agentdeploymentscripts", {"platform": "linux", "policyID": "1"}, region="jp-1")[0] == 400
    state(fresh, {"canCreateDeploymentScripts": False})
    assert api(fresh, "POST", "agentdeploymentscripts", SCRIPT_REQUEST, region="jp-1")[0] == 403
    # Generating a script creates nothing.
    assert state(fresh)["computers"] == []


# ------------------------------------------------------------------- search


def test_search_pages_by_id_and_expands(emulator: EmulatorProcess, protected: dict[str, Any]) -> None:
    everything = search(emulator)
    ids = [c["ID"] for c in everything]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == 9
    collected: list[dict[str, Any]] = []
    last = 0
    while True:
        page = search(emulator, {"maxItems": 4, "searchCriteria": [{"idValue": last, "idTest": "greater-than"}],
                                 "sortByObjectID": True})
        assert all(c["ID"] > last for c in page) and len(page) <= 4
        collected += page
        if len(page) < 4:
            break
        last = page[-1]["ID"]
    assert [(c["ID"], c["ec2VirtualMachineSummary"]) for c in collected] == [
        (c["ID"], c["ec2VirtualMachineSummary"]) for c in everything]

    plain = search(emulator, {}, query="")
    assert [c["ID"] for c in plain] == ids
    assert all("computerStatus" not in c and "ec2VirtualMachineSummary" not in c for c in plain)
    status_only = search(emulator, {}, query="expand=computerStatus&expand=securityUpdates")
    assert all("computerStatus" in c and "ec2VirtualMachineSummary" not in c for c in status_only)

    for bad in ({"maxItems": 0}, {"maxItems": 5001}, {"maxItems": "10"},
                {"searchCriteria": [{"idValue": 1, "idTest": "sideways"}]}):
        assert api(emulator, "POST", f"computers/search?{EXPAND}", bad)[0] == 400
    state(emulator, {"canReadComputers": False})
    assert api(emulator, "POST", f"computers/search?{EXPAND}", {})[0] == 403


def test_agent_states_follow_the_scenario(emulator: EmulatorProcess, protected: dict[str, Any]) -> None:
    computers = by_instance(search(emulator), protected)
    accounts = protected["accounts"]

    def status(name: str) -> tuple[str, list[str]]:
        found = computers[name]["computerStatus"]
        return found["agentStatus"], found["agentStatusMessages"]

    online = computers["web-prod/us-east-1/web-online"]
    assert status("web-prod/us-east-1/web-online") == ("active", ["Managed (Online)"])
    assert online["policyID"] == 1 and abs(online["lastAgentCommunication"] - time.time() * 1000) < 60_000
    assert re.fullmatch(r"([0-9A-F]{2}:){19}[0-9A-F]{2}", online["agentFingerPrint"])
    summary = online["ec2VirtualMachineSummary"]
    assert summary == {"instanceID": protected["instances"]["web-prod/us-east-1/web-online"],
                       "accountID": accounts["web-prod"], "region": "us-east-1",
                       "availabilityZone": "us-east-1a", "amiID": "ami-0123456789abcdef0"}
    assert online["hostName"].startswith("ip-")

    assert status("web-prod/eu-west-1/web-eu-windows")[0] == "warning"
    assert status("dev/us-west-2/dev-oregon")[0] == "error"
    assert status("dev/eu-west-1/dev-online")[0] == "active"  # outside the association
    offline = computers["web-prod/us-west-2/web-oregon"]
    assert status("web-prod/us-west-2/web-oregon") == ("inactive", ["Offline"])
    assert abs(offline["lastAgentCommunication"] - (time.time() - 3 * 86400) * 1000) < 60_000
    assert "policyID" not in computers["web-prod/us-east-1/web-no-policy"]
    not_activated = computers["app-prod/eu-central-1/app-frankfurt"]
    assert not_activated["agentFingerPrint"] == "" and "lastAgentCommunication" not in not_activated

    # No computer: the agent removed, the association failed (app-online), never targeted, not Online.
    for name in ("web-prod/us-east-1/web-removed", "app-prod/us-east-1/app-online", "management/us-east-1/mgmt-bastion",
                 "web-prod/us-east-1/web-lost", "web-prod/eu-west-1/web-eu-failed", "sandbox/us-east-1/sandbox-online"):
        assert name not in computers, name

    stale = {k: v for k, v in computers.items() if k.startswith("i-")}
    assert set(stale) == {"i-00000000000000001", "i-00000000000000002"}
    assert stale["i-00000000000000002"]["ec2VirtualMachineSummary"]["accountID"] == accounts["dev"]
    assert stale["i-00000000000000002"]["hostName"] == "ip-10-0-9-9.eu-west-1.compute.internal"
    assert all(c["computerStatus"]["agentStatus"] == "inactive" for c in stale.values())
    ec2 = emulator.client("ec2", "us-east-1", emulator.assume(accounts["web-prod"]))
    assert ec2.describe_instances(Filters=[{"Name": "instance-id", "Values": list(stale)}])["Reservations"] == []
    assert sorted(c["ID"] for c in stale.values()) == [1, 2]  # registered with the scenario, before the others
    assert online["ID"] == 9  # registered when the manager first looked after the deployment


def test_a_rotated_token_leaves_new_instances_without_computers(emulator: EmulatorProcess,
                                                                protected: dict[str, Any]) -> None:
    web_prod = emulator.assume(protected["accounts"]["web-prod"])
    ec2 = emulator.client("ec2", "us-east-1", web_prod)

    def launch(name: str) -> str:
        return ec2.run_instances(
            ImageId="ami-0123456789abcdef0", InstanceType="t3.micro", MinCount=1, MaxCount=1,
            IamInstanceProfile={"Name": "SSMInstanceRole"},
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}],
        )["Instances"][0]["InstanceId"]

    before = launch("before-rotation")
    instances = {c["ec2VirtualMachineSummary"]["instanceID"] for c in search(emulator)}
    assert before in instances  # the association ran with the current token

    new_token = "0F0F0F0F-1E1E-2D2D-3C3C-4B4B4B4B4B4B"
    state(emulator, {"token": new_token})
    after = launch("after-rotation")
    computers = {c["ec2VirtualMachineSummary"]["instanceID"]: c for c in search(emulator)}
    assert after not in computers  # its dsToken parameter is the old token
    assert computers[before]["computerStatus"]["agentStatus"] == "active"  # activated agents stay
    assert protected["instances"]["web-prod/us-east-1/web-online"] in computers

    emulator.client("ssm", "us-east-1", web_prod).put_parameter(Name="dsToken", Value=new_token, Overwrite=True)
    assert after in {c["ec2VirtualMachineSummary"]["instanceID"] for c in search(emulator)}

    # Activation only for existing computers: registered ones stay, a new one cannot activate.
    state(emulator, {"agentInitiatedActivation": "For existing computers"})
    latest = launch("existing-only")
    registered = {c["ec2VirtualMachineSummary"]["instanceID"] for c in search(emulator)}
    assert latest not in registered and {before, after} <= registered


def test_computers_need_a_successful_association_and_activation(emulator: EmulatorProcess, tmp_path: Any) -> None:
    ids = deploy(emulator, tmp_path, "cloudone: {agentInitiatedActivation: Do not allow}\n")
    assert search(emulator) == []  # the manager refuses agent-initiated activation
    web_prod = emulator.assume(ids["accounts"]["web-prod"])
    web_online = ids["instances"]["web-prod/us-east-1/web-online"]
    ec2 = emulator.client("ec2", "us-east-1", web_prod)
    ec2.create_tags(Resources=[web_online], Tags=[{"Key": "emulator:association-status", "Value": "Failed"}])
    state(emulator, {"agentInitiatedActivation": "For any computers"})
    found = by_instance(search(emulator), ids)
    assert "web-prod/us-east-1/web-online" not in found  # the install failed there
    assert "web-prod/us-west-2/web-oregon" in found and "dev/us-west-2/dev-oregon" in found
    ec2.create_tags(Resources=[web_online], Tags=[{"Key": "emulator:association-status", "Value": "Success"}])
    online = by_instance(search(emulator), ids)["web-prod/us-east-1/web-online"]
    assert online["computerStatus"]["agentStatus"] == "active"

    # A terminated instance keeps its (now offline) computer: a stale record.
    ec2.terminate_instances(InstanceIds=[web_online])
    gone = by_instance(search(emulator), ids)["web-prod/us-east-1/web-online"]
    assert (gone["ID"], gone["computerStatus"]["agentStatus"]) == (online["ID"], "inactive")
    assert gone["lastAgentCommunication"] <= time.time() * 1000
    emulator.scenario_ids = {}


# ---------------------------------------------------------- the deployment's Lambda


def test_the_lambda_deploys_with_the_tenant_of_its_region(emulator: EmulatorProcess, tmp_path: Any) -> None:
    ids = deploy(emulator, tmp_path, """
cloudone: {region: de-1, apiKey: "tmc-de-key:0123", tenantId: 12345678-ABCD-ABCD-ABCD-123456789ABC,
           token: 87654321-DCBA-DCBA-DCBA-CBA987654321}
accounts:
  - name: management
    regions:
      us-east-1:
        secrets: [{name: c1ws/api-key, value: "tmc-de-key:0123"}]
        stacks: [{name: ABI-TM-SSM, parameters: {CloudOneRegionEndpoint: DE-1}}]
""")
    cloudformation = emulator.client("cloudformation")
    assert cloudformation.describe_stacks(StackName="ABI-TM-SSM")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    ssm = emulator.client("ssm", "eu-west-1", emulator.assume(ids["accounts"]["dev"]))
    values = {p["Name"]: p["Value"] for p in ssm.get_parameters(
        Names=["dsActivationUrl", "dsManagerUrl", "dsTenantId", "dsToken"])["Parameters"]}
    assert values == {"dsActivationUrl": "dsm://agents.workload.trendmicro.com:443/",
                      "dsManagerUrl": "https://workload.trendmicro.com:443",
                      "dsTenantId": "12345678-ABCD-ABCD-ABCD-123456789ABC",
                      "dsToken": "87654321-DCBA-DCBA-DCBA-CBA987654321"}
    # The Lambda's call is the deployment's, not the code under test's: it is not in the call log.
    assert not [c for c in emulator.control("/_preflight/calls")["calls"] if c["service"] == "cloudone"]
    found = by_instance(api(emulator, "POST", f"computers/search?{EXPAND}", {}, key="tmc-de-key:0123",
                            region="de-1")[2]["computers"], ids)
    assert "dev/us-west-2/dev-oregon" in found


def test_a_wrong_key_rolls_the_deployment_back(emulator: EmulatorProcess, tmp_path: Any) -> None:
    ids = deploy(emulator, tmp_path, "cloudone: {apiKey: tmc-another-tenant-key, echoKeyInErrors: true}\n")
    cloudformation = emulator.client("cloudformation")
    root = cloudformation.describe_stacks(StackName="ABI-TM-SSM")["Stacks"][0]
    assert root["StackStatus"] == "ROLLBACK_COMPLETE"
    assert root["StackStatusReason"] == ("The following resource(s) failed to create: "
                                         "[GetWorkloadSecurityAgentDeploymentParameters]. Rollback requested by user.")
    ssm = emulator.client("ssm", "eu-west-1", emulator.assume(ids["accounts"]["dev"]))
    assert ssm.get_parameters(Names=["dsToken"])["InvalidParameters"] == ["dsToken"]


@pytest.mark.parametrize("extra", [
    "cloudone: {apiKey: tmc-another-tenant-key, echoKeyInErrors: true}\n",
    "cloudone: {region: gb-1}\n",
    "cloudone: {canCreateDeploymentScripts: false}\n",
], ids=["wrong-key", "wrong-region", "no-permission"])
def test_the_custom_resource_fails_as_cloudformation_records_it(emulator: EmulatorProcess, tmp_path: Any,
                                                                extra: str) -> None:
    ids = deploy(emulator, tmp_path, extra + """
accounts:
  - name: management
    regions:
      us-east-1:
        stacks: [{name: ABI-TM-SSM, onFailure: DO_NOTHING}]
""")
    cloudformation = emulator.client("cloudformation")
    assert cloudformation.describe_stacks(StackName="ABI-TM-SSM")["Stacks"][0]["StackStatus"] == "CREATE_FAILED"
    listed = cloudformation.list_stack_resources(StackName=ids["stacks"][PARSE])["StackResourceSummaries"]
    custom = next(r for r in listed if r["LogicalResourceId"] == "CustomInvokeAgentScriptParser")
    assert custom["ResourceStatus"] == "CREATE_FAILED"
    assert FAILED_REASON.match(custom["ResourceStatusReason"]), custom["ResourceStatusReason"]
    assert KEY not in custom["ResourceStatusReason"] and "tmc-" not in custom["ResourceStatusReason"]
    emulator.scenario_ids = {}


# ------------------------------------------------------------ call log, faults


def test_call_log_and_faults(fresh: EmulatorProcess) -> None:
    api(fresh, "GET", "apikeys/current")
    api(fresh, "GET", "systemsettings/platformSettingAgentInitiatedActivationEnabled")
    api(fresh, "POST", "agentdeploymentscripts", SCRIPT_REQUEST)
    api(fresh, "POST", f"computers/search?{EXPAND}", {})
    api(fresh, "GET", "apikeys/current", region="de-1")
    log = fresh.control("/_preflight/calls")
    assert log["counts"] == {"cloudone:DescribeCurrentAPIKey": 2, "cloudone:DescribeSystemSetting": 1,
                             "cloudone:GenerateAgentDeploymentScript": 1, "cloudone:SearchComputers": 1}
    assert [(c["region"], c["status"]) for c in log["calls"]][-1] == ("de-1", 401)
    denied = fresh.control("/_preflight/calls/authorize", {"default": {"Version": "2012-10-17", "Statement": []}},
                           "POST")
    assert denied["denied"] == []  # not IAM actions

    for kind, expected in (("throttle", (429, {"message": "Too Many Requests"})),
                           ("500", (500, {"message": "Internal Server Error"})),
                           ("503", (503, {"message": "Service Unavailable"}))):
        fresh.control("/_preflight/config", {"faultRate": 1.0, "faults": [kind], "faultServices": ["cloudone"],
                                             "faultOperations": ["SearchComputers"]}, "POST")
        assert api(fresh, "POST", f"computers/search?{EXPAND}", {})[::2] == expected
        assert api(fresh, "GET", "apikeys/current")[0] == 200  # another operation
    fresh.control("/_preflight/config", {"faults": ["malformed"]}, "POST")
    connection = http.client.HTTPConnection(fresh.endpoint.removeprefix("http://"), timeout=30)
    connection.request("POST", f"/cloudone/us-1/api/computers/search?{EXPAND}", body=b"{}",
                       headers={"Authorization": f"ApiKey {KEY}", "api-version": "v1"})
    response = connection.getresponse()
    assert response.status == 200
    with pytest.raises(ValueError):
        json.loads(response.read())
    connection.close()
    faulted = [c for c in fresh.control("/_preflight/calls")["calls"] if c["fault"]]
    assert [c["fault"] for c in faulted] == ["throttle", "500", "503", "malformed"]

    fresh.control("/_preflight/config", {"faultRate": 0.0, "rules": [
        {"action": "accessDenied", "service": "cloudone", "operation": "DescribeCurrentAPIKey"}]}, "POST")
    status, _, body = api(fresh, "GET", "apikeys/current")
    assert status == 403 and body["message"]


# ------------------------------------------------------------- validation


def test_bad_state_updates_name_their_field(fresh: EmulatorProcess) -> None:
    for changes, field in (({"region": "mars-1"}, "region"), ({"token": "9f8e7d6c-5b4a-3f2e-1d0c-9b8a7f6e5d4c"}, "token"),
                           ({"key": {"active": "yes"}}, "key.active"), ({"agents": {"i-0123456789abcdef0": "asleep"}},
                                                                         "agents.i-0123456789abcdef0"),
                           ({"staleComputers": [{"instanceId": "i-00000000000000001"}]}, "staleComputers[0]"),
                           ({"colour": "blue"}, "cloudone")):
        with pytest.raises(urllib.error.HTTPError) as raised:
            fresh.control("/_preflight/cloudone/state", changes, "POST")
        assert raised.value.code == 400 and json.loads(raised.value.read())["error"].startswith(f"{field}: ")
    assert state(fresh)["region"] == "us-1"


@pytest.mark.parametrize("section, message", [
    ({"region": "us-2"}, "cloudone.region: "),
    ({"tenantId": "not-a-uuid"}, "cloudone.tenantId: "),
    ({"agents": {"nobody/us-east-1/web-online": "offline"}}, "cloudone.agents.nobody/us-east-1/web-online: "),
    ({"agents": {"dev/eu-west-1/dev-online": "sleepy"}}, "cloudone.agents.dev/eu-west-1/dev-online: "),
    ({"staleComputers": [{"instanceId": "i-00000000000000001", "accountId": "nobody", "region": "us-east-1"}]},
     "cloudone.staleComputers[0].accountId: "),
    ({"key": {"expiresInDays": "soon"}}, "cloudone.key.expiresInDays: "),
])
def test_the_scenario_section_is_validated(section: dict[str, Any], message: str) -> None:
    with pytest.raises(scenario.ScenarioError) as raised:
        scenario.check_cloudone(section, {"management", "dev"})
    assert str(raised.value).startswith(message)
