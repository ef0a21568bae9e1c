"""Tests of what the pre-deployment staging checks ask: the staged S3 objects and their buckets' regions,
CloudFormation's StackSet quotas, the management account's StackSets and the accounts' Region opt-in statuses.

Run from the repository root:  python3 -m pytest Tests/Emulator -q
"""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

import scenario
from harness import BASE_CREDENTIALS, HERE, EmulatorProcess, built

PREFIX = "cfn-abi-trend-cloudone/"
PARSER = f"{PREFIX}/templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml"
ORGS = f"{PREFIX}/templates/trend-cloudone-ws-ssm-association/c1ws-ssm-orgs.template.yaml"
LAMBDA = f"{PREFIX}/lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip"
AWS_BUCKET_OWNER = "111122223333"
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.fixture()
def broken(emulator: EmulatorProcess) -> dict[str, Any]:
    return built(emulator, "sample-org-staging-broken.yaml")


@pytest.fixture()
def deployed(emulator: EmulatorProcess) -> dict[str, Any]:
    return built(emulator, "sample-org-deployed.yaml")


@pytest.fixture()
def verifying(emulator: EmulatorProcess) -> Iterator[EmulatorProcess]:
    """The session emulator; the signature failures a test provokes on purpose are cleared after it."""
    yield emulator
    emulator.control("/_preflight/signature-failures/reset", method="POST")


def _s3(emulator: EmulatorProcess, method: str, path: str, region: str = "us-east-1",
        signed_path: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """A raw path-style S3 request signed by botocore's S3 signer over `signed_path` (default: the path sent)."""
    credentials = Credentials(BASE_CREDENTIALS["aws_access_key_id"], BASE_CREDENTIALS["aws_secret_access_key"])
    request = AWSRequest(method=method, url=f"{emulator.endpoint}{signed_path or path}", data=b"")
    S3SigV4Auth(credentials, "s3", region).add_auth(request)
    connection = http.client.HTTPConnection(emulator.endpoint.removeprefix("http://"), timeout=30)
    try:
        connection.request(method, path, headers=dict(request.headers.items()))
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _template(name: str) -> bytes:
    with open(os.path.join(HERE, "templates", name), "rb") as handle:
        return handle.read()


def _error(call: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as raised:
        call()
    return {"code": raised.value.response["Error"]["Code"], "message": raised.value.response["Error"].get("Message"),
            "status": raised.value.response["ResponseMetadata"]["HTTPStatusCode"]}


# ------------------------------------------------------------------ S3 (sample organization)


def test_staged_objects_are_served_with_their_double_slash_keys(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    s3 = emulator.client("s3")
    head = s3.head_object(Bucket="aws-abi", Key=ORGS)
    assert head["ContentLength"] == len(_template("c1ws-ssm-orgs.template.yaml"))
    assert s3.get_object(Bucket="aws-abi", Key=PARSER)["Body"].read() == _template(
        "AgentDeploymentScriptParse.template.yaml")
    package = s3.get_object(Bucket="c1ws-staging", Key=LAMBDA)["Body"].read()
    assert package.startswith(b"PK\x03\x04")
    collapsed = ORGS.replace("//", "/")
    assert _error(lambda: s3.head_object(Bucket="aws-abi", Key=collapsed))["status"] == 404
    assert _error(lambda: s3.head_object(Bucket="aws-abi", Key=f"{ORGS}.missing"))["status"] == 404
    status, _, _ = _s3(emulator, "HEAD", f"/aws-abi/{ORGS}")
    assert status == 200
    status, _, _ = _s3(emulator, "HEAD", f"/aws-abi/{collapsed}")
    assert status == 404


def test_bucket_locations_follow_the_buckets(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    s3 = emulator.client("s3")
    assert s3.get_bucket_location(Bucket="aws-abi")["LocationConstraint"] is None
    assert s3.get_bucket_location(Bucket="c1ws-staging")["LocationConstraint"] is None
    status, _, body = _s3(emulator, "GET", "/aws-abi?location")
    # us-east-1 is S3's empty location, as S3 answers it.
    assert (status, body.split(b"\n")[-1]) == (200, b'<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>')
    assert _error(lambda: s3.get_bucket_location(Bucket="no-such-staging"))["code"] == "NoSuchBucket"


def test_calls_name_s3_operations_and_authorize_them_on_objects(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    emulator.control("/_preflight/calls/reset", method="POST")
    s3 = emulator.client("s3")
    s3.head_object(Bucket="aws-abi", Key=ORGS)
    s3.get_bucket_location(Bucket="c1ws-staging")
    calls = [c for c in emulator.control("/_preflight/calls")["calls"] if c["service"] == "s3"]
    assert [(c["operation"], c["action"], c["resources"]) for c in calls] == [
        ("HeadObject", "s3:GetObject", [f"arn:aws:s3:::aws-abi/{ORGS}"]),
        ("GetBucketLocation", "s3:GetBucketLocation", ["arn:aws:s3:::c1ws-staging"]),
    ]
    counts = emulator.control("/_preflight/calls")["counts"]
    assert counts["s3:HeadObject"] == 1 and counts["s3:GetBucketLocation"] == 1
    only_parser = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::aws-abi/{PARSER}"},
        {"Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::c1ws-staging"}]}
    denied = emulator.control("/_preflight/calls/authorize", {"default": only_parser})["denied"]
    assert [(d["operation"], d["deniedResources"]) for d in denied] == [
        ("HeadObject", [f"arn:aws:s3:::aws-abi/{ORGS}"])]


def test_the_deployer_may_get_the_staged_objects(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    iam = emulator.client("iam")
    results = iam.simulate_principal_policy(
        PolicySourceArn=sample["roles"]["management/C1WSDeployer"], ActionNames=["s3:GetObject"],
        ResourceArns=[f"arn:aws:s3:::aws-abi/{ORGS}", f"arn:aws:s3:::c1ws-staging/{LAMBDA}"])["EvaluationResults"]
    assert [(r["EvalResourceName"], r["EvalResourceDecision"]) for r in results[0]["ResourceSpecificResults"]] == [
        (f"arn:aws:s3:::aws-abi/{ORGS}", "allowed"), (f"arn:aws:s3:::c1ws-staging/{LAMBDA}", "allowed")]


def test_s3_signatures_follow_s3_rules(verifying: EmulatorProcess, sample: dict[str, Any]) -> None:
    status, _, _ = _s3(verifying, "HEAD", f"/c1ws-staging/{LAMBDA}")
    assert status == 200
    assert verifying.control("/_preflight/signature-failures")["failures"] == []
    # Signed over the normalised path (one slash) but sent with the key's `//`: not the request that was signed.
    status, _, _ = _s3(verifying, "HEAD", f"/c1ws-staging/{LAMBDA}", signed_path=f"/c1ws-staging/{LAMBDA.replace('//', '/')}")
    assert status == 403
    status, _, body = _s3(verifying, "GET", "/aws-abi?location", signed_path="/aws-abi?versioning")
    assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body
    failures = verifying.control("/_preflight/signature-failures")["failures"]
    assert [(f["service"], f["operation"], f["error"]) for f in failures] == [
        ("s3", "HeadObject", "SignatureDoesNotMatch"), ("s3", "GetBucketLocation", "SignatureDoesNotMatch")]


def test_s3_requests_sign_the_hash_of_their_empty_body(verifying: EmulatorProcess, sample: dict[str, Any]) -> None:
    credentials = Credentials(BASE_CREDENTIALS["aws_access_key_id"], BASE_CREDENTIALS["aws_secret_access_key"])
    path = f"/aws-abi/{PARSER}"

    def send(headers: dict[str, str]) -> int:
        connection = http.client.HTTPConnection(verifying.endpoint.removeprefix("http://"), timeout=30)
        try:
            connection.request("HEAD", path, headers=headers)
            return connection.getresponse().status
        finally:
            connection.close()

    request = AWSRequest(method="HEAD", url=f"{verifying.endpoint}{path}", data=b"")
    S3SigV4Auth(credentials, "s3", "us-east-1").add_auth(request)
    assert request.headers["X-Amz-Content-SHA256"] == EMPTY_SHA256
    signed = dict(request.headers.items())
    assert send(signed) == 200
    assert send({**signed, "X-Amz-Content-SHA256": "0" * 64}) == 400
    assert send({k: v for k, v in signed.items() if k != "X-Amz-Content-SHA256"}) == 400
    unsigned = AWSRequest(method="HEAD", url=f"{verifying.endpoint}{path}", data=b"")
    SigV4Auth(credentials, "s3", "us-east-1").add_auth(unsigned)
    assert "X-Amz-Content-SHA256" not in unsigned.headers
    assert send({**dict(unsigned.headers.items()), "X-Amz-Content-SHA256": EMPTY_SHA256}) == 403
    failures = verifying.control("/_preflight/signature-failures")["failures"]
    assert [(f["operation"], f["error"]) for f in failures] == [
        ("HeadObject", "XAmzContentSHA256Mismatch"), ("HeadObject", "InvalidRequest"), ("HeadObject", "AccessDenied")]


# ------------------------------------------------------- quotas and Region opt-in (sample organization)


def test_cloudformation_quotas_have_their_defaults(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    quotas = emulator.client("service-quotas")
    values = {}
    for code in ("L-EC62D81A", "L-C8225BA5", "L-6A4B2F69"):
        quota = quotas.get_service_quota(ServiceCode="cloudformation", QuotaCode=code)["Quota"]
        assert quota["QuotaArn"] == f"arn:aws:servicequotas:us-east-1:{sample['managementAccountId']}:cloudformation/{code}"
        assert (quota["ServiceCode"], quota["ServiceName"], quota["Unit"], quota["Adjustable"], quota["GlobalQuota"]) == (
            "cloudformation", "AWS CloudFormation", "None", True, False)
        values[quota["QuotaName"]] = quota["Value"]
    assert values == {"Stack sets per administrator account": 1000.0, "Stack instances per stack set": 100000.0,
                      "Stack instance operations per administrator account": 10000.0}
    default = quotas.get_aws_default_service_quota(ServiceCode="cloudformation", QuotaCode="L-EC62D81A")["Quota"]
    assert default["Value"] == 1000.0 and default["QuotaArn"] == "arn:aws:servicequotas:us-east-1::cloudformation/L-EC62D81A"
    unknown = _error(lambda: quotas.get_service_quota(ServiceCode="cloudformation", QuotaCode="L-00000000"))
    assert unknown["code"] == "NoSuchResourceException"
    assert quotas.get_service_quota(ServiceCode="vpc", QuotaCode="L-F678F1CE")["Quota"]["ServiceCode"] == "vpc"
    calls = [c for c in emulator.control("/_preflight/calls")["calls"] if c["operation"] == "GetServiceQuota"]
    assert calls[0]["resources"] == [
        f"arn:aws:servicequotas:us-east-1:{sample['managementAccountId']}:cloudformation/L-EC62D81A"]
    assert len(calls) >= 4


def test_region_opt_status_defaults_and_same_account_calls(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    account = emulator.client("account")
    assert account.get_region_opt_status(RegionName="us-east-1")["RegionOptStatus"] == "ENABLED_BY_DEFAULT"
    answer = account.get_region_opt_status(RegionName="eu-south-1")
    assert (answer["RegionName"], answer["RegionOptStatus"]) == ("eu-south-1", "DISABLED")
    dev = sample["accounts"]["dev"]
    member = emulator.client("account", credentials=emulator.assume(dev))
    assert member.get_region_opt_status(AccountId=dev, RegionName="af-south-1")["RegionOptStatus"] == "DISABLED"
    assert member.get_region_opt_status(RegionName="eu-west-1")["RegionOptStatus"] == "ENABLED_BY_DEFAULT"
    own = _error(lambda: account.get_region_opt_status(AccountId=sample["managementAccountId"], RegionName="eu-west-1"))
    assert (own["code"], own["status"]) == ("ValidationException", 400)
    bad = _error(lambda: account.get_region_opt_status(RegionName="xx-nowhere-1"))
    assert (bad["code"], bad["status"]) == ("ValidationException", 400)
    counts = emulator.control("/_preflight/calls")["counts"]
    assert counts["account:GetRegionOptStatus"] >= 4


def test_other_accounts_need_trusted_access(emulator: EmulatorProcess, sample: dict[str, Any]) -> None:
    refused = _error(lambda: emulator.client("account").get_region_opt_status(
        AccountId=sample["accounts"]["web-prod"], RegionName="eu-south-1"))
    assert (refused["code"], refused["status"]) == ("AccessDeniedException", 403)
    assert "Trusted access for AWS Account Management (account.amazonaws.com) is not enabled" in refused["message"]


# ------------------------------------------------------------------ the broken staging scenario


def test_broken_staging_buckets(emulator: EmulatorProcess, broken: dict[str, Any]) -> None:
    s3 = emulator.client("s3")
    assert s3.get_bucket_location(Bucket="c1ws-staging")["LocationConstraint"] == "eu-west-1"
    assert s3.get_bucket_location(Bucket="aws-abi")["LocationConstraint"] is None
    status, _, body = _s3(emulator, "GET", "/c1ws-staging?location")
    assert (status, body.split(b"\n")[-1]) == (
        200, b'<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>')
    assert _error(lambda: s3.head_object(Bucket="aws-abi", Key=ORGS))["status"] == 404
    assert s3.head_object(Bucket="aws-abi", Key=PARSER)["ContentLength"] > 0
    status, headers, _ = _s3(emulator, "HEAD", f"/c1ws-staging/{LAMBDA}", region="us-east-1")
    assert (status, headers.get("x-amz-bucket-region")) == (400, "eu-west-1")
    status, _, body = _s3(emulator, "GET", f"/c1ws-staging/{LAMBDA}", region="us-east-1")
    assert status == 400 and b"<Code>AuthorizationHeaderMalformed</Code>" in body and b"<Region>eu-west-1</Region>" in body
    assert emulator.client("s3", "eu-west-1").head_object(Bucket="c1ws-staging", Key=LAMBDA)["ContentLength"] > 0


def test_broken_quota_and_stack_sets(emulator: EmulatorProcess, broken: dict[str, Any]) -> None:
    quota = emulator.client("service-quotas").get_service_quota(ServiceCode="cloudformation", QuotaCode="L-EC62D81A")
    assert quota["Quota"]["Value"] == 2.0
    member = emulator.client("service-quotas", credentials=emulator.assume(broken["accounts"]["web-prod"]))
    assert member.get_service_quota(ServiceCode="cloudformation", QuotaCode="L-EC62D81A")["Quota"]["Value"] == 1000.0
    cloudformation = emulator.client("cloudformation")
    first = cloudformation.list_stack_sets(Status="ACTIVE", CallAs="SELF", MaxResults=1)
    second = cloudformation.list_stack_sets(Status="ACTIVE", CallAs="SELF", MaxResults=1, NextToken=first["NextToken"])
    assert [s["StackSetName"] for s in first["Summaries"] + second["Summaries"]] == ["Extra-1", "Extra-2"]
    assert "NextToken" not in second
    template = '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}'
    exceeded = _error(lambda: cloudformation.create_stack_set(StackSetName="Third", TemplateBody=template))
    assert (exceeded["code"], exceeded["status"]) == ("LimitExceededException", 400)
    assert "2 stack sets per administrator account (L-EC62D81A)" in exceeded["message"]
    management = broken["managementAccountId"]
    emulator.control("/_preflight/account-settings", {"serviceQuotas": {management: {"L-EC62D81A": 3}}}, method="POST")
    cloudformation.create_stack_set(StackSetName="Gone", TemplateBody=template)
    cloudformation.delete_stack_set(StackSetName="Gone")
    emulator.control("/_preflight/account-settings", {"serviceQuotas": {management: {"L-EC62D81A": 2}}}, method="POST")
    assert [s["StackSetName"] for s in cloudformation.list_stack_sets(Status="ACTIVE")["Summaries"]] == ["Extra-1", "Extra-2"]
    assert [s["StackSetName"] for s in cloudformation.list_stack_sets(Status="DELETED")["Summaries"]] == ["Gone"]
    assert _error(lambda: cloudformation.list_stack_sets(MaxResults=101))["code"] == "ValidationError"


def test_broken_region_opt_in(emulator: EmulatorProcess, broken: dict[str, Any]) -> None:
    emulator.control("/_preflight/calls/reset", method="POST")
    account = emulator.client("account")
    status = {name: account.get_region_opt_status(AccountId=broken["accounts"][name], RegionName="eu-south-1")
              ["RegionOptStatus"] for name in ("web-prod", "app-prod", "dev", "sandbox")}
    assert status == {"web-prod": "ENABLED", "app-prod": "ENABLED", "dev": "DISABLED", "sandbox": "DISABLED"}
    assert account.get_region_opt_status(RegionName="eu-south-1")["RegionOptStatus"] == "ENABLED"
    assert account.get_region_opt_status(AccountId=broken["accounts"]["dev"], RegionName="us-east-1")[
        "RegionOptStatus"] == "ENABLED_BY_DEFAULT"
    outsider = _error(lambda: account.get_region_opt_status(AccountId=AWS_BUCKET_OWNER, RegionName="eu-south-1"))
    assert (outsider["code"], outsider["status"]) == ("AccessDeniedException", 403)
    assert "not a member account of the organization" in outsider["message"]
    member = emulator.client("account", credentials=emulator.assume(broken["accounts"]["web-prod"]))
    refused = _error(lambda: member.get_region_opt_status(AccountId=broken["accounts"]["dev"], RegionName="eu-south-1"))
    assert (refused["code"], refused["status"]) == ("AccessDeniedException", 403)
    assert "neither the management account nor a delegated administrator" in refused["message"]
    calls = [c for c in emulator.control("/_preflight/calls")["calls"] if c["service"] == "account"]
    assert {c["operation"] for c in calls} == {"GetRegionOptStatus"}
    management, organization = broken["managementAccountId"], broken["organizationId"]
    assert calls[0]["resources"] == [f"arn:aws:account::{management}:account/{organization}/{broken['accounts']['web-prod']}"]
    assert calls[4]["resources"] == [f"arn:aws:account::{management}:account"]


def test_account_settings_are_validated_and_reset(emulator: EmulatorProcess, broken: dict[str, Any]) -> None:
    for bad in ({"regionOptIn": {"123456789012": {"eu-south-1": "ON"}}},
                {"serviceQuotas": {"123456789012": {"L-NOPE": 1}}},
                {"serviceQuotas": {"management": {"L-EC62D81A": 1}}}):
        with pytest.raises(Exception) as refused:
            emulator.control("/_preflight/account-settings", bad, method="POST")
        assert getattr(refused.value, "code", None) == 400
    emulator.control("/_preflight/reset", method="POST")
    assert emulator.control("/_preflight/account-settings") == {"serviceQuotas": {}, "regionOptIn": {}}


def test_scenario_sections_are_checked_before_building() -> None:
    base = scenario.load(os.path.join(HERE, "scenarios", "sample-org-staging-broken.yaml"))
    accounts = {"management", *(a["name"] for a in base["accounts"])}
    scenario.check_staging(base, accounts)
    for change, message in (
        ({"regionOptIn": {"dev": {"eu-south-1": "on"}}}, "regionOptIn.dev.eu-south-1: 'on' is not one of"),
        ({"regionOptIn": {"nobody": {"eu-south-1": "ENABLED"}}}, "regionOptIn.nobody: unknown account"),
        ({"serviceQuotas": {"management": {"L-EC62D81A": -1}}}, "serviceQuotas.management.L-EC62D81A: must be"),
        ({"staging": [{"bucket": "aws-abi", "region": "mars-1"}]}, "staging[0].region: 'mars-1' is not a region"),
        ({"extraStackSets": "two"}, "extraStackSets: must be"),
    ):
        with pytest.raises(scenario.ScenarioError) as refused:
            scenario.check_staging({**base, **change}, accounts)
        assert str(refused.value).startswith(message)


# ------------------------------------------------------------------ the deployed sample


def test_deployed_stack_sets_and_single_slash_keys(emulator: EmulatorProcess, deployed: dict[str, Any]) -> None:
    cloudformation = emulator.client("cloudformation")
    listed = cloudformation.list_stack_sets(Status="ACTIVE", CallAs="SELF")["Summaries"]
    assert [(s["StackSetName"], s["PermissionModel"]) for s in listed] == [("C1WS-SSM-StackSet", "SERVICE_MANAGED")]
    refused = _error(lambda: cloudformation.list_stack_sets(Status="ACTIVE", CallAs="DELEGATED_ADMIN"))
    assert refused["code"] == "ValidationError"
    s3 = emulator.client("s3")
    for key in (ORGS.replace("//", "/"), PARSER.replace("//", "/")):
        assert s3.head_object(Bucket="aws-abi", Key=key)["ContentLength"] > 0
    assert s3.head_object(Bucket="c1ws-staging", Key=LAMBDA.replace("//", "/"))["ContentLength"] > 0
