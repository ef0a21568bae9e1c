"""IAM Identity Center: the portal's GetRoleCredentials and SSO OIDC's CreateToken, unsigned, from the emulator's
state, with botocore as the client (the real services' shapes) and the scenario's `sso` section."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import textwrap
import time
import urllib.error
from collections.abc import Iterator
from typing import Any

import botocore.session
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

import scenario
import sso_plugin
from harness import HERE, EmulatorProcess

OUTSIDER = "111111111111"
MANAGEMENT = "123456789012"
UNSIGNED_CONFIG = Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1, "mode": "standard"})


@pytest.fixture(scope="module")
def sso() -> Iterator[EmulatorProcess]:
    """An emulator of its own with scenarios/sso.yaml built (IAM enforcement is toggled here)."""
    process = EmulatorProcess()
    process.ids = scenario.build(process.endpoint, scenario.load(os.path.join(HERE, "scenarios", "sso.yaml")))
    yield process
    failures = process.control("/_preflight/signature-failures")["failures"]
    process.stop()
    assert failures == [], f"requests with a bad signature: {failures}"


def _portal(emulator: EmulatorProcess) -> Any:
    return botocore.session.get_session().create_client(
        "sso", endpoint_url=emulator.endpoint, region_name="us-east-1", config=UNSIGNED_CONFIG)


def _oidc(emulator: EmulatorProcess) -> Any:
    return botocore.session.get_session().create_client(
        "sso-oidc", endpoint_url=emulator.endpoint, region_name="us-east-1", config=UNSIGNED_CONFIG)


def _role_credentials(emulator: EmulatorProcess, token: str, account: str, permission_set: str) -> dict[str, str]:
    found = _portal(emulator).get_role_credentials(roleName=permission_set, accountId=account, accessToken=token)
    credentials = found["roleCredentials"]
    return {"aws_access_key_id": credentials["accessKeyId"], "aws_secret_access_key": credentials["secretAccessKey"],
            "aws_session_token": credentials["sessionToken"]}


def _token(emulator: EmulatorProcess, **spec: Any) -> dict[str, Any]:
    return emulator.control("/_preflight/sso/tokens", spec, "POST")


def _raw(emulator: EmulatorProcess, method: str, path: str, headers: dict[str, str] | None = None,
         body: bytes | None = None) -> tuple[int, dict[str, str], Any]:
    connection = http.client.HTTPConnection(emulator.endpoint.removeprefix("http://"), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def _error(raised: pytest.ExceptionInfo[ClientError]) -> tuple[int, str, str]:
    response = raised.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]


def test_role_credentials_are_the_provisioned_roles_sts_credentials(sso: EmulatorProcess) -> None:
    sso.control("/_preflight/calls/reset", method="POST")
    before = time.time()
    answer = _portal(sso).get_role_credentials(
        roleName="AuditReadOnly", accountId=OUTSIDER, accessToken="alice-access-token")["roleCredentials"]
    # the permission set's sessionDuration (7200 s) is the credentials' lifetime, in epoch milliseconds
    assert before + 7200 - 5 <= answer["expiration"] / 1000 <= time.time() + 7200 + 5
    credentials = {"aws_access_key_id": answer["accessKeyId"], "aws_secret_access_key": answer["secretAccessKey"],
                   "aws_session_token": answer["sessionToken"]}
    identity = sso.client("sts", credentials=credentials).get_caller_identity()
    role = sso_plugin.role_name(OUTSIDER, "AuditReadOnly")
    assert re.fullmatch(r"AWSReservedSSO_AuditReadOnly_[0-9a-f]{16}", role)
    assert identity["Account"] == OUTSIDER
    assert identity["Arn"] == f"arn:aws:sts::{OUTSIDER}:assumed-role/{role}/alice@example.com"
    issued = [c for c in sso.control("/_preflight/sts/credentials")["credentials"]
              if c["accessKeyId"] == answer["accessKeyId"]]
    assert issued == [{"accountId": OUTSIDER, "roleArn": sso.ids["sso"]["roles"][f"{OUTSIDER}/AuditReadOnly"],
                       "accessKeyId": answer["accessKeyId"], "secretAccessKey": answer["secretAccessKey"],
                       "sessionToken": answer["sessionToken"]}]
    # the same user in another account and permission set
    admin = _role_credentials(sso, "alice-access-token", MANAGEMENT, "AdministratorAccess")
    assert sso.client("sts", credentials=admin).get_caller_identity()["Arn"] == (
        f"arn:aws:sts::{MANAGEMENT}:assumed-role/{sso_plugin.role_name(MANAGEMENT, 'AdministratorAccess')}"
        "/alice@example.com")
    calls = sso.control("/_preflight/calls")
    assert calls["counts"]["sso:GetRoleCredentials"] == 2
    first = calls["calls"][0]
    assert (first["service"], first["operation"], first["accountId"], first["status"]) == (
        "sso", "GetRoleCredentials", OUTSIDER, 200)
    # not an IAM-authorized call: /_preflight/calls/authorize never reports it
    denied = sso.control("/_preflight/calls/authorize", {"default": {"Version": "2012-10-17", "Statement": []}}, "POST")
    assert [c["action"] for c in denied["denied"] if c["action"].startswith("sso")] == []


def test_permission_set_policies_authorize_the_credentials(sso: EmulatorProcess) -> None:
    reader = _role_credentials(sso, "alice-access-token", OUTSIDER, "AuditReadOnly")
    try:
        assert sso.control("/_preflight/config", {"enforceIAM": True}, "POST")["enforceIAM"] is True
        roles = sso.client("iam", credentials=reader).list_roles(PathPrefix=sso_plugin.ROLE_PATH)["Roles"]
        assert {r["RoleName"] for r in roles} == {sso_plugin.role_name(OUTSIDER, "AdministratorAccess"),
                                                 sso_plugin.role_name(OUTSIDER, "AuditReadOnly")}
        with pytest.raises(ClientError) as create:
            sso.client("iam", credentials=reader).create_user(UserName="intruder")
        assert create.value.response["Error"]["Code"] == "AccessDenied"
        with pytest.raises(ClientError) as parameter:  # the permission set's inline Deny
            sso.client("ssm", credentials=reader).get_parameter(Name="anything")
        # moto's denial of a JSON service: HTTP 403 whose body botocore reads as the code "403"
        assert parameter.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        admin = _role_credentials(sso, "alice-access-token", MANAGEMENT, "AdministratorAccess")
        sso.client("iam", credentials=admin).create_user(UserName="allowed-by-admin")
    finally:
        assert sso.control("/_preflight/config", {"enforceIAM": False}, "POST")["enforceIAM"] is False


def test_unknown_expired_and_unassigned_tokens_are_refused(sso: EmulatorProcess) -> None:
    portal = _portal(sso)
    for token in ("no-such-token", _token(sso, user="bob@example.com", expiresIn=-1)["accessToken"]):
        with pytest.raises(ClientError) as refused:
            portal.get_role_credentials(roleName="AdministratorAccess", accountId=OUTSIDER, accessToken=token)
        assert _error(refused) == (401, "UnauthorizedException", "Session token not found or invalid")
    bob = "bob-access-token"
    _token(sso, user="bob@example.com", accessToken=bob, refreshToken=False)
    assert sso.client("sts", credentials=_role_credentials(sso, bob, OUTSIDER, "AdministratorAccess")
                      ).get_caller_identity()["Account"] == OUTSIDER
    with pytest.raises(ClientError) as unassigned:  # bob has no AuditReadOnly assignment
        portal.get_role_credentials(roleName="AuditReadOnly", accountId=OUTSIDER, accessToken=bob)
    assert _error(unassigned) == (403, "ForbiddenException", "No access")
    # assigned, but the permission set is not provisioned in that account (no AWSReservedSSO_ role)
    ghost = _token(sso, user="carol@example.com",
                   assignments=[{"account": "222222222222", "permissionSet": "AdministratorAccess"}])["accessToken"]
    with pytest.raises(ClientError) as unprovisioned:
        portal.get_role_credentials(roleName="AdministratorAccess", accountId="222222222222", accessToken=ghost)
    assert _error(unprovisioned) == (403, "ForbiddenException", "No access")

    # the wire: REST-JSON errors with x-amzn-ErrorType, the bearer token header with its underscores
    status, headers, body = _raw(sso, "GET", f"/federation/credentials?account_id={OUTSIDER}&role_name=AuditReadOnly",
                                 {"x-amz-sso_bearer_token": "no-such-token"})
    assert (status, headers["x-amzn-errortype"], body) == (
        401, "UnauthorizedException", {"message": "Session token not found or invalid"})
    status, headers, body = _raw(sso, "GET", f"/federation/credentials?account_id={OUTSIDER}&role_name=AuditReadOnly",
                                 {"x-amz-sso-bearer-token": "alice-access-token"})  # dashes: not the header
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidRequestException")
    assert "x-amz-sso_bearer_token" in body["message"]
    status, headers, _ = _raw(sso, "GET", "/federation/credentials?role_name=AuditReadOnly",
                              {"x-amz-sso_bearer_token": "alice-access-token"})
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidRequestException")
    status, _, body = _raw(sso, "GET", f"/federation/credentials?account_id={OUTSIDER}&role_name=AuditReadOnly",
                           {"x-amz-sso_bearer_token": "alice-access-token"})
    assert status == 200 and set(body["roleCredentials"]) == {"accessKeyId", "secretAccessKey", "sessionToken",
                                                              "expiration"}


def test_refresh_rotates_the_refresh_token(sso: EmulatorProcess) -> None:
    issued = _token(sso, user="bob@example.com", expiresIn=-60, refreshedExpiresIn=900)
    oidc = _oidc(sso)
    sso.control("/_preflight/calls/reset", method="POST")
    refreshed = oidc.create_token(clientId=issued["clientId"], clientSecret=issued["clientSecret"],
                                  grantType="refresh_token", refreshToken=issued["refreshToken"])
    assert refreshed["tokenType"] == "Bearer" and refreshed["expiresIn"] == 900
    assert refreshed["accessToken"] != issued["accessToken"] and refreshed["refreshToken"] != issued["refreshToken"]
    credentials = _role_credentials(sso, refreshed["accessToken"], OUTSIDER, "AdministratorAccess")
    assert sso.client("sts", credentials=credentials).get_caller_identity()["Arn"].endswith("/bob@example.com")

    with pytest.raises(ClientError) as reused:
        oidc.create_token(clientId=issued["clientId"], clientSecret=issued["clientSecret"],
                          grantType="refresh_token", refreshToken=issued["refreshToken"])
    assert _error(reused)[:2] == (400, "InvalidGrantException")
    assert reused.value.response["error"] == "invalid_grant"
    again = oidc.create_token(clientId=issued["clientId"], clientSecret=issued["clientSecret"],
                              grantType="refresh_token", refreshToken=refreshed["refreshToken"])
    assert _role_credentials(sso, again["accessToken"], OUTSIDER, "AdministratorAccess")
    assert sso.control("/_preflight/calls")["counts"]["sso-oidc:CreateToken"] == 3

    state = sso.control("/_preflight/sso/state")
    used = {r["refreshToken"]: r["used"] for r in state["refreshTokens"]}
    assert used[issued["refreshToken"]] is True and used[refreshed["refreshToken"]] is True
    assert used[again["refreshToken"]] is False
    assert next(t for t in state["accessTokens"] if t["accessToken"] == issued["accessToken"])["expired"] is True


def test_client_and_grant_errors(sso: EmulatorProcess) -> None:
    oidc = _oidc(sso)
    lapsed = _token(sso, user="bob@example.com", registrationExpiresIn=-1)
    with pytest.raises(ClientError) as expired_client:
        oidc.create_token(clientId=lapsed["clientId"], clientSecret=lapsed["clientSecret"],
                          grantType="refresh_token", refreshToken=lapsed["refreshToken"])
    assert _error(expired_client)[:2] == (401, "InvalidClientException")
    assert expired_client.value.response["error"] == "invalid_client"

    issued = _token(sso, user="bob@example.com", refreshTokenExpiresIn=-1)
    with pytest.raises(ClientError) as wrong_secret:
        oidc.create_token(clientId=issued["clientId"], clientSecret="wrong", grantType="refresh_token",
                          refreshToken=issued["refreshToken"])
    assert _error(wrong_secret)[:2] == (401, "InvalidClientException")
    with pytest.raises(ClientError) as other_grant:
        oidc.create_token(clientId=issued["clientId"], clientSecret=issued["clientSecret"],
                          grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode="x")
    assert _error(other_grant)[:2] == (400, "UnsupportedGrantTypeException")
    with pytest.raises(ClientError) as expired_grant:
        oidc.create_token(clientId=issued["clientId"], clientSecret=issued["clientSecret"],
                          grantType="refresh_token", refreshToken=issued["refreshToken"])
    assert _error(expired_grant)[:2] == (400, "InvalidGrantException")

    body = json.dumps({"clientId": issued["clientId"], "clientSecret": issued["clientSecret"],
                       "grantType": "refresh_token", "refreshToken": "no-such-refresh-token"}).encode()
    status, headers, answer = _raw(sso, "POST", "/token", {"Content-Type": "application/json"}, body)
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidGrantException")
    assert answer["error"] == "invalid_grant" and answer["error_description"]
    status, headers, answer = _raw(sso, "POST", "/token", {"Content-Type": "application/json"}, b'{"clientId": "x"}')
    assert (status, headers["x-amzn-errortype"], answer["error"]) == (400, "InvalidRequestException", "invalid_request")


def test_faults_and_rules_apply_to_the_sso_routes(sso: EmulatorProcess) -> None:
    try:
        sso.control("/_preflight/config", {"faultRate": 1.0, "faults": "503", "faultServices": "sso"}, "POST")
        with pytest.raises(ClientError) as unavailable:
            _portal(sso).get_role_credentials(roleName="AuditReadOnly", accountId=OUTSIDER,
                                              accessToken="alice-access-token")
        assert _error(unavailable)[:2] == (503, "ServiceUnavailableException")
        assert sso.control("/_preflight/calls")["calls"][-1]["fault"] == "503"
        sso.control("/_preflight/config", {"faultRate": 0.0, "rules": [
            {"action": "respond", "service": "sso-oidc", "operation": "CreateToken", "status": 500,
             "contentType": "application/json", "body": "{}"}]}, "POST")
        status, _, _ = _raw(sso, "POST", "/token", {"Content-Type": "application/json"}, b"{}")
        assert status == 500
    finally:
        sso.control("/_preflight/config", {"faultRate": 0.0, "faults": "", "faultServices": "", "rules": []}, "POST")


def test_token_control_endpoint_validates(sso: EmulatorProcess) -> None:
    for bad in ({"user": "nobody@example.com"}, {"user": "bob@example.com", "colour": "red"},
                {"user": "bob@example.com", "expiresIn": "soon"}, {"user": "x"},
                {"user": "bob@example.com", "assignments": [{"account": "1", "permissionSet": "A"}]},
                {"user": "bob@example.com", "accessToken": "alice-access-token"},
                {"user": "bob@example.com", "clientId": "preflight-client", "clientSecret": "not-its-secret"}):
        with pytest.raises(urllib.error.HTTPError) as error:
            sso.control("/_preflight/sso/tokens", bad, "POST")
        assert error.value.code == 400
    with pytest.raises(urllib.error.HTTPError):
        sso.control("/_preflight/sso/users", {"users": [{"name": "dave@example.com", "assignments": "all"}]}, "POST")
    legacy = _token(sso, user="bob@example.com", refreshToken=False, startUrl="https://legacy.awsapps.com/start")
    assert "refreshToken" not in legacy and set(legacy["cache"]["entry"]) == {
        "startUrl", "region", "accessToken", "expiresAt"}
    import hashlib
    assert legacy["cache"]["fileName"] == hashlib.sha1(b"https://legacy.awsapps.com/start").hexdigest() + ".json"


def test_botocore_sso_session_profile_refreshes_and_assumes(sso: EmulatorProcess, tmp_path: Any) -> None:
    """The AWS SDK's own resolution of an `sso_session` profile: expired cached token, refresh through SSO OIDC,
    role credentials from the portal, then a signed call."""
    issued = _token(sso, user="alice@example.com", expiresIn=-30, sessionName="emulator-e2e")
    cache = tmp_path / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    (cache / issued["cache"]["fileName"]).write_text(json.dumps(issued["cache"]["entry"]))
    config = tmp_path / "config"
    config.write_text(textwrap.dedent(f"""\
        [profile audit]
        sso_session = emulator-e2e
        sso_account_id = {OUTSIDER}
        sso_role_name = AuditReadOnly
        region = us-east-1

        [sso-session emulator-e2e]
        sso_start_url = {issued['cache']['entry']['startUrl']}
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access
        """))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update({"HOME": str(tmp_path), "AWS_CONFIG_FILE": str(config), "AWS_PROFILE": "audit",
                        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "AWS_ENDPOINT_URL": sso.endpoint})
    sso.control("/_preflight/calls/reset", method="POST")
    script = "import boto3, json; print(json.dumps(boto3.client('sts').get_caller_identity()['Arn']))"
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == (
        f"arn:aws:sts::{OUTSIDER}:assumed-role/{sso_plugin.role_name(OUTSIDER, 'AuditReadOnly')}/alice@example.com")
    counts = sso.control("/_preflight/calls")["counts"]
    assert counts == {"sso-oidc:CreateToken": 1, "sso:GetRoleCredentials": 1, "sts:GetCallerIdentity": 1}
    rewritten = json.loads((cache / issued["cache"]["fileName"]).read_text())
    assert rewritten["accessToken"] != issued["accessToken"]
    assert rewritten["refreshToken"] != issued["refreshToken"]


def test_scenario_provisions_the_reserved_roles(sso: EmulatorProcess) -> None:
    outsider = sso.client("iam", credentials=sso.assume(OUTSIDER))
    roles = {r["RoleName"]: r for r in outsider.list_roles(PathPrefix="/aws-reserved/sso.amazonaws.com/")["Roles"]}
    name = sso_plugin.role_name(OUTSIDER, "AuditReadOnly")
    assert set(roles) == {name, sso_plugin.role_name(OUTSIDER, "AdministratorAccess")}
    role = outsider.get_role(RoleName=name)["Role"]
    assert role["Path"] == "/aws-reserved/sso.amazonaws.com/" and role["MaxSessionDuration"] == 7200
    assert role["Arn"] == sso.ids["sso"]["roles"][f"{OUTSIDER}/AuditReadOnly"] == sso_plugin.role_arn(
        OUTSIDER, "AuditReadOnly")
    assert [p["PolicyArn"] for p in outsider.list_attached_role_policies(RoleName=name)["AttachedPolicies"]] == [
        "arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert outsider.list_role_policies(RoleName=name)["PolicyNames"] == ["AwsSSOInlinePolicy"]
    management = sso.client("iam").get_role(RoleName=sso_plugin.role_name(MANAGEMENT, "AdministratorAccess"))["Role"]
    assert management["Arn"] == sso.ids["sso"]["roles"]["management/AdministratorAccess"]
    # a deterministic suffix: SHA-256 of ACCOUNT/PERMISSIONSET
    assert sso_plugin.role_suffix(OUTSIDER, "AuditReadOnly") == "bf45e74e992d1700"
    token = sso.ids["sso"]["tokens"][0]
    assert (token["accessToken"], token["refreshToken"], token["clientId"]) == (
        "alice-access-token", "alice-refresh-token", "preflight-client")
    assert token["cache"]["fileName"] == "7e09d0bb5f4eb56d9b97c579dd7351780613c45b.json"  # sha1("emulator")


def _section(**sso: Any) -> dict[str, Any]:
    return {"accounts": [{"name": "management", "management": True}, {"name": "dev"}], "sso": sso}


ADMIN = {"name": "AdministratorAccess", "accounts": ["management"], "policies": ["AdministratorAccess"]}


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (_section(permissionSet=[ADMIN]), "sso: unknown keys ['permissionSet']"),
        (_section(permissionSets=[{"name": "A"}]), "sso.permissionSets[0]: missing accounts"),
        (_section(permissionSets=[{**ADMIN, "accounts": []}]), "sso.permissionSets[0].accounts: must name at least"),
        (_section(permissionSets=[{**ADMIN, "accounts": [111111111111]}]), "quote ids in YAML"),
        (_section(permissionSets=[{**ADMIN, "accounts": ["prod"]}]), "unknown account 'prod'"),
        (_section(permissionSets=[{**ADMIN, "name": "Admin Access"}]), "is not a permission set name"),
        (_section(permissionSets=[{**ADMIN, "name": "A" * 33}]), "is not a permission set name"),
        (_section(permissionSets=[ADMIN, ADMIN]), "duplicate permission set 'AdministratorAccess'"),
        (_section(permissionSets=[{**ADMIN, "sessionDuration": 60}]), "between 900 and 43200"),
        (_section(permissionSets=[ADMIN], users=[{"name": "alice@example.com", "assignments": [
            {"account": "dev", "permissionSet": "ReadOnly"}]}]),
         "sso.users[0].assignments[0].permissionSet: unknown permission set 'ReadOnly'"),
        (_section(permissionSets=[ADMIN], users=[{"name": "alice smith"}]), "is not a user name"),
        (_section(users=[{"name": "alice@example.com"}], tokens=[{"user": "bob@example.com"}]),
         "sso.tokens[0].user: unknown user 'bob@example.com'"),
        (_section(users=[{"name": "alice@example.com"}], tokens=[{"user": "alice@example.com", "ttl": 1}]),
         "sso.tokens[0]: unknown keys ['ttl']"),
        (_section(permissionSets={"name": "A"}), "sso.permissionSets: must be a list"),
    ],
)
def test_bad_sso_sections_are_explained(section: dict[str, Any], message: str) -> None:
    with pytest.raises(scenario.ScenarioError) as error:
        scenario.ScenarioBuilder("http://127.0.0.1:9").build(section)  # refused before any request
    assert message in str(error.value)


def test_assignment_outside_the_permission_sets_accounts_is_explained(sso: EmulatorProcess) -> None:
    section = {"sso": {"permissionSets": [{"name": "Orphan", "accounts": [OUTSIDER]}],
                       "users": [{"name": "erin@example.com",
                                  "assignments": [{"account": "management", "permissionSet": "Orphan"}]}]}}
    with pytest.raises(scenario.ScenarioError) as error:
        scenario.build(sso.endpoint, section)
    assert "permission set 'Orphan' is not provisioned to account 'management'" in str(error.value)
