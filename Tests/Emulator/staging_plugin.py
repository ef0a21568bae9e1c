"""What the pre-deployment checks ask besides CloudFormation, computed from moto's state and the emulator's settings.

- S3: object requests signed for another region than their bucket's are refused as S3 refuses them
  (`AuthorizationHeaderMalformed`, 400, with the bucket's region); moto answers the rest (`HeadObject`,
  `GetBucketLocation`, keys with `//` kept as sent);
- Service Quotas: `GetServiceQuota` and `GetAWSDefaultServiceQuota` of CloudFormation's StackSet quotas (moto knows
  only `vpc`), their applied values per account from the settings (`serviceQuotas`), else AWS's defaults;
- AWS Account Management: `GetRegionOptStatus`, from the settings (`regionOptIn`), else `ENABLED_BY_DEFAULT` for
  the regions every account has and `DISABLED` for opt-in regions; another account's status needs the caller to be
  the organization's management account (or the delegated administrator of account.amazonaws.com), trusted access
  for account.amazonaws.com and the account to be a member.

Settings arrive through `POST /_preflight/account-settings` (README.md).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from awsproto import AwsRequest, Response, error_response, json_response, request_id

ACCOUNT_PRINCIPAL = "account.amazonaws.com"
REGION_OPT_STATUSES = ("ENABLED", "ENABLING", "DISABLING", "DISABLED", "ENABLED_BY_DEFAULT")
# Regions an account must opt in to (every region launched after March 2019).
OPT_IN_REGIONS = frozenset({
    "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
    "ap-southeast-6", "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1",
    "me-central-1", "me-south-1", "mx-central-1",
})
# S3 object operations whose signature must name the bucket's region.
_REGIONAL_S3_OPERATIONS = ("HeadObject", "GetObject")


@dataclass(frozen=True)
class Quota:
    """A Service Quotas quota of CloudFormation: its code, name and AWS's default value."""

    code: str
    name: str
    default: float


CLOUDFORMATION_QUOTAS = {
    quota.code: quota
    for quota in (
        Quota("L-EC62D81A", "Stack sets per administrator account", 1000.0),
        Quota("L-C8225BA5", "Stack instances per stack set", 100000.0),
        Quota("L-6A4B2F69", "Stack instance operations per administrator account", 10000.0),
    )
}


class SettingsError(ValueError):
    """A bad `/_preflight/account-settings` body: where and what."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")


def known_regions() -> frozenset[str]:
    """The regions of the aws partition (botocore's endpoints), opt-in regions included."""
    from botocore.loaders import Loader

    partitions = Loader().load_data("endpoints")["partitions"]
    regions = next(p["regions"] for p in partitions if p["partition"] == "aws")
    return frozenset(regions) | OPT_IN_REGIONS


@dataclass
class StagingPlugin:
    """The applied quotas and region opt-in statuses per account id, and the answers computed from them."""

    quotas: dict[str, dict[str, float]] = field(default_factory=dict)
    region_opt_in: dict[str, dict[str, str]] = field(default_factory=dict)
    regions: frozenset[str] = field(default_factory=known_regions)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # ------------------------------------------------------------ settings

    def update(self, changes: Any) -> dict[str, Any]:
        """Merges `{"serviceQuotas": {ID: {CODE: value}}, "regionOptIn": {ID: {REGION: STATUS}}}` (null removes)."""
        if not isinstance(changes, dict):
            raise SettingsError("account-settings", "expected a JSON object")
        unknown = sorted(set(changes) - {"serviceQuotas", "regionOptIn"})
        if unknown:
            raise SettingsError("account-settings", f"unknown keys {unknown} (allowed: regionOptIn, serviceQuotas)")
        quotas = self._validated(changes.get("serviceQuotas"), "serviceQuotas", self.quota_value)
        opt_in = self._validated(changes.get("regionOptIn"), "regionOptIn", self.opt_status)
        with self.lock:
            _merge(self.quotas, quotas)
            _merge(self.region_opt_in, opt_in)
        return self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {"serviceQuotas": {a: dict(q) for a, q in self.quotas.items()},
                    "regionOptIn": {a: dict(r) for a, r in self.region_opt_in.items()}}

    def applied(self, account_id: str, code: str) -> float:
        """The applied value of CloudFormation's quota `code` in the account (its default unless set)."""
        with self.lock:
            value = self.quotas.get(account_id, {}).get(code)
        return CLOUDFORMATION_QUOTAS[code].default if value is None else value

    def reset(self) -> None:
        with self.lock:
            self.quotas.clear()
            self.region_opt_in.clear()

    def _validated(self, section: Any, name: str, convert: Any) -> dict[str, dict[str, Any]]:
        if section is None:
            return {}
        if not isinstance(section, dict):
            raise SettingsError(name, "must map 12-digit account ids to mappings")
        result: dict[str, dict[str, Any]] = {}
        for account, values in section.items():
            if not (isinstance(account, str) and len(account) == 12 and account.isdigit()):
                raise SettingsError(f"{name}.{account}", "not a 12-digit account id")
            if not isinstance(values, dict):
                raise SettingsError(f"{name}.{account}", "must be a mapping")
            result[account] = {
                key: None if value is None else convert(f"{name}.{account}.{key}", key, value)
                for key, value in values.items()
            }
        return result

    @staticmethod
    def quota_value(where: str, code: str, value: Any) -> float:
        """`value` as an applied value of the quota `code` (SettingsError naming `where` otherwise)."""
        if code not in CLOUDFORMATION_QUOTAS:
            raise SettingsError(where, f"unknown quota code (known: {sorted(CLOUDFORMATION_QUOTAS)})")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise SettingsError(where, "must be a non-negative number")
        return float(value)

    def opt_status(self, where: str, region: str, status: Any) -> str:
        """`status` as the opt-in status of `region` (SettingsError naming `where` otherwise)."""
        if region not in self.regions:
            raise SettingsError(where, "unknown region")
        if status not in REGION_OPT_STATUSES:
            raise SettingsError(where, f"{status!r} is not one of {list(REGION_OPT_STATUSES)}")
        return str(status)

    # ------------------------------------------------------------ requests

    def route(self, request: AwsRequest, account_id: str) -> Response | None:
        """The answer of a request this plugin serves or refuses (under the moto lock), else None (moto's)."""
        if request.service == "s3" and request.operation in _REGIONAL_S3_OPERATIONS:
            return _wrong_region(request)
        if request.service == "servicequotas" and request.operation in ("GetServiceQuota", "GetAWSDefaultServiceQuota"):
            return self._service_quota(request, account_id)
        if request.service == "account" and request.operation == "GetRegionOptStatus":
            return self._region_opt_status(request, account_id)
        return None

    def _service_quota(self, request: AwsRequest, account_id: str) -> Response | None:
        params = _json_params(request)
        quota = CLOUDFORMATION_QUOTAS.get(str(params.get("QuotaCode")))
        if params.get("ServiceCode") != "cloudformation" or quota is None:
            return None  # moto's answer: vpc's quotas or NoSuchResourceException
        applied = request.operation == "GetServiceQuota"
        with self.lock:
            value = self.quotas.get(account_id, {}).get(quota.code) if applied else None
        owner = account_id if applied else ""
        return json_response({"Quota": {
            "ServiceCode": "cloudformation",
            "ServiceName": "AWS CloudFormation",
            "QuotaArn": f"arn:aws:servicequotas:{request.region}:{owner}:cloudformation/{quota.code}",
            "QuotaCode": quota.code,
            "QuotaName": quota.name,
            "Value": quota.default if value is None else value,
            "Unit": "None",
            "Adjustable": True,
            "GlobalQuota": False,
        }})

    def _region_opt_status(self, request: AwsRequest, account_id: str) -> Response:
        params = _json_params(request)
        region = params.get("RegionName")
        if not isinstance(region, str) or region not in self.regions:
            return _validation(request, f"Invalid region: {region!r} is not a Region code", "RegionName")
        target = params.get("AccountId")
        if target is not None:
            refusal = _cross_account_refusal(request, account_id, str(target))
            if refusal is not None:
                return refusal
        owner = str(target or account_id)
        with self.lock:
            status = self.region_opt_in.get(owner, {}).get(region)
        if status is None:
            status = "DISABLED" if region in OPT_IN_REGIONS else "ENABLED_BY_DEFAULT"
        return json_response({"RegionName": region, "RegionOptStatus": status}, content_type="application/json")


def _cross_account_refusal(request: AwsRequest, caller: str, target: str) -> Response | None:
    """Why `caller` may not read `target`'s Region status with `AccountId` (None: it may), as AWS documents it."""
    from policy_eval import organization_for

    if not (len(target) == 12 and target.isdigit()):
        return _validation(request, f"Invalid AccountId: {target!r} is not a 12-digit account id", "AccountId")
    found = organization_for(caller)
    if target == caller:
        if found is not None and found[1]:
            return _validation(request, "The management account can only be managed using the standalone context "
                                        "from the management account.", "AccountId")
        return None
    if found is None:
        return _denied(request, f"Account {caller} is not in an organization: it can read only its own Region "
                                "opt-in statuses (omit AccountId).")
    backend, is_management = found
    delegated = any(a.account.id == caller and ACCOUNT_PRINCIPAL in a.services for a in backend.admins)
    if not is_management and not delegated:
        return _denied(request, f"Account {caller} is neither the management account nor a delegated administrator "
                                "for AWS Account Management (account.amazonaws.com) of its organization.")
    if not any(s.get("ServicePrincipal") == ACCOUNT_PRINCIPAL for s in backend.services):
        return _denied(request, "Trusted access for AWS Account Management (account.amazonaws.com) is not enabled "
                                "in the organization: enable it to use AccountId.")
    if not any(a.id == target for a in backend.accounts):
        return _denied(request, f"Account {target} is not a member account of the organization.")
    return None


def _wrong_region(request: AwsRequest) -> Response | None:
    """S3's refusal of a request signed for another region than its bucket's (None when the regions agree)."""
    from moto.s3.models import s3_backends

    bucket = request.path.lstrip("/").split("/", 1)[0]
    owner = s3_backends.bucket_accounts.get(bucket)
    if not bucket or owner is None:
        return None
    found = s3_backends[owner[1]][owner[0]].buckets.get(bucket)
    if found is None or found.region_name == request.region:
        return None
    message = (f"The authorization header is malformed; the region '{request.region}' is wrong; "
               f"expecting '{found.region_name}'")
    rid = request_id()
    body = b"" if request.method == "HEAD" else (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AuthorizationHeaderMalformed</Code>'
        f"<Message>{escape(message)}</Message><Region>{found.region_name}</Region>"
        f"<RequestId>{rid}</RequestId></Error>").encode()
    headers = [("Content-Type", "application/xml"), ("x-amz-request-id", rid),
               ("x-amz-bucket-region", found.region_name)]
    return Response(400, headers, body)


def _json_params(request: AwsRequest) -> dict[str, Any]:
    try:
        body = request.json_body()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _denied(request: AwsRequest, message: str) -> Response:
    return error_response(request, "AccessDeniedException", message, 403)


def _validation(request: AwsRequest, message: str, field_name: str) -> Response:
    import json

    response = error_response(request, "ValidationException", message, 400)
    payload = json.loads(response.body)
    payload.update({"reason": "fieldValidationFailed", "fieldList": [{"name": field_name, "message": message}]})
    response.body = json.dumps(payload).encode()
    return response


def _merge(target: dict[str, dict[str, Any]], changes: dict[str, dict[str, Any]]) -> None:
    for account, values in changes.items():
        merged = target.setdefault(account, {})
        for key, value in values.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        if not merged:
            target.pop(account, None)
