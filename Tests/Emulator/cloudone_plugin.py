"""Trend Cloud One Workload Security API v1 for the Preflight emulator: the current API key, the agent-initiated
activation setting, agent deployment scripts and the computers search, computed from the emulator's state.

Requests are `/cloudone/<region>/api/<path>` on the emulator's port (the client's base URL is
`http://HOST:PORT/cloudone/<region>`), authenticated by `Authorization: ApiKey <key>` and `api-version: v1`, never
SigV4-signed. The tenant lives in one Cloud One region. Its computers are derived from moto's EC2 instances, the
SSM plugin's association outcomes and the `dsTenantId`/`dsToken` parameters of each account and region: an instance
the `TrendCloudOneWorkloadSecurityAssociation` succeeded on, whose parameters match the manager's tenant and token
while the manager allows agent-initiated activation, has an activated computer; per-instance overrides (`agents`)
and stale records (`staleComputers`) come from the scenario. A computer, once registered, stays (a terminated
instance leaves a stale, offline record; a rotated token does not deactivate agents already activated).
Wire shapes and control endpoints are documented in README.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

REGIONS = ("us-1", "de-1", "jp-1", "sg-1", "au-1", "in-1", "gb-1", "ca-1", "trend-us-1")
PLATFORMS = ("linux", "windows", "solaris", "aix")
# The agent-initiated activation setting's values; only the first lets new computers activate (the fake has no
# IP list, and "existing" computers are already registered).
ACTIVATION_SETTINGS = ("For any computers", "For existing computers", "For computers on the following IP list",
                       "Do not allow")
ACTIVATION_SETTING_NAME = "platformSettingAgentInitiatedActivationEnabled"
ASSOCIATION_NAME = "TrendCloudOneWorkloadSecurityAssociation"
# The states a scenario can give an instance's agent (README.md).
AGENT_STATES = ("activated", "offline", "error", "warning", "no-policy", "not-activated", "none", "outside-association")

# The fake's defaults: the sample scenarios' API key secret and the ds* parameters they expect.
DEFAULT_REGION = "us-1"
DEFAULT_API_KEY = "tmc-sample-api-key-not-a-secret"
DEFAULT_TENANT_ID = "0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D"
DEFAULT_TOKEN = "9F8E7D6C-5B4A-3F2E-1D0C-9B8A7F6E5D4C"
KEY_ID = 12
DEFAULT_POLICY_ID = 1
MAX_ITEMS = 5000
STALE_AMI_ID = "ami-0123456789abcdef0"
OFFLINE_AGE_MS = 3 * 24 * 3600 * 1000
DAY_MS = 24 * 3600 * 1000

UPPERCASE_UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
INSTANCE_ID = re.compile(r"^i-[0-9a-f]{8,17}$")
ACCOUNT_ID = re.compile(r"^\d{12}$")
PATH = re.compile(r"^/cloudone/([^/]+)/api/(.+?)/?$")

# (method, API path) of each operation, with the call log's operation name.
ROUTES = {
    ("GET", "apikeys/current"): "DescribeCurrentAPIKey",
    ("GET", f"systemsettings/{ACTIVATION_SETTING_NAME}"): "DescribeSystemSetting",
    ("POST", "agentdeploymentscripts"): "GenerateAgentDeploymentScript",
    ("POST", "computers/search"): "SearchComputers",
}
# Fields of an agent deployment script request (echoed in the answer) and their types.
SCRIPT_FIELDS: dict[str, type] = {
    "platform": str,
    "validateCertificateRequired": bool,
    "validateDigitalSignatureRequired": bool,
    "activationRequired": bool,
    "policyID": int,
    "relayGroupID": int,
    "computerGroupID": int,
    "dsmProxyID": int,
    "relayProxyID": int,
}
ID_TESTS = {
    "greater-than": lambda a, b: a > b,
    "greater-than-or-equal": lambda a, b: a >= b,
    "less-than": lambda a, b: a < b,
    "less-than-or-equal": lambda a, b: a <= b,
    "equal": lambda a, b: a == b,
    "not-equal": lambda a, b: a != b,
}
STATE_KEYS = {"region", "apiKey", "tenantId", "token", "key", "agentInitiatedActivation", "canCreateDeploymentScripts",
              "canReadComputers", "canReadSettings", "echoKeyInErrors", "agents", "staleComputers", "urls"}
# The URLs deployment scripts hold: `global` (dsm://agents.workload.trendmicro.com:443/, which the StackSet
# template's AllowedPattern accepts) or `regional` (dsm://agents.workload.<region>.cloudone.trendmicro.com:443/).
URL_STYLES = ("global", "regional")
KEY_KEYS = {"name", "active", "expiresInDays", "roleID", "revoked"}
STALE_KEYS = {"instanceId", "accountId", "region", "hostName"}
FLAG_KEYS = ("canCreateDeploymentScripts", "canReadComputers", "canReadSettings", "echoKeyInErrors")


class CloudOneConfigError(ValueError):
    """A bad state update: the field (`key.active`, `agents.i-…`) and the problem."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class ApiError(Exception):
    """An error answer of the API: HTTP status and message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class ApiKey:
    """The tenant's API key, as `apikeys/current` describes it (the secret value is `CloudOneState.api_key`)."""

    name: str = "preflight"
    active: bool = True
    revoked: bool = False
    role_id: int = 1
    created_ms: int = field(default_factory=lambda: _now_ms() - 90 * DAY_MS)
    expiry_ms: int | None = None


@dataclass
class Computer:
    """A computer record of the manager: registered once, kept (stale) when its instance is gone."""

    computer_id: int
    instance_id: str
    account_id: str
    region: str
    host_name: str
    availability_zone: str
    ami_id: str
    state: str
    last_seen_ms: int


@dataclass
class Answer:
    """An API answer: HTTP status and JSON payload."""

    status: int
    payload: Any

    def body(self) -> bytes:
        return json.dumps(self.payload).encode()


def route(path: str, method: str) -> tuple[str, str | None, str] | None:
    """(Cloud One region, operation or None when unknown, API path) of a `/cloudone/` request, else None."""
    if not path.startswith("/cloudone/"):
        return None
    match = PATH.match(path)
    if match is None:
        return path.split("/")[2] if path.count("/") >= 2 else "", None, ""
    region, api_path = match.group(1).lower(), match.group(2)
    return region, ROUTES.get((method, api_path)), api_path


class CloudOneState:
    """The tenant (key, tenant id, token, settings, role permissions), agent overrides and computer records."""

    def __init__(self, ssm: Any):
        self._ssm = ssm
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.region = DEFAULT_REGION
        self.api_key = DEFAULT_API_KEY
        self.tenant_id = DEFAULT_TENANT_ID
        self.token = DEFAULT_TOKEN
        self.urls = URL_STYLES[0]
        self.key = ApiKey()
        self.agent_initiated_activation = ACTIVATION_SETTINGS[0]
        self.can_create_deployment_scripts = True
        self.can_read_computers = True
        self.can_read_settings = True
        self.echo_key_in_errors = False
        self.agents: dict[str, str] = {}
        self.computers: dict[str, Computer] = {}
        self._next_id = 1

    # ------------------------------------------------------------ control

    def snapshot(self) -> dict[str, Any]:
        """Everything, the key included (tests only): GET /_preflight/cloudone/state. Call under the moto lock."""
        with self._lock:
            self._observe()
            return {
                "region": self.region,
                "apiKey": self.api_key,
                "tenantId": self.tenant_id,
                "token": self.token,
                "urls": self.urls,
                "key": {"name": self.key.name, "active": self.key.active, "revoked": self.key.revoked,
                        "roleID": self.key.role_id, "created": self.key.created_ms, "expiryDate": self.key.expiry_ms},
                "agentInitiatedActivation": self.agent_initiated_activation,
                "canCreateDeploymentScripts": self.can_create_deployment_scripts,
                "canReadComputers": self.can_read_computers,
                "canReadSettings": self.can_read_settings,
                "echoKeyInErrors": self.echo_key_in_errors,
                "agents": dict(self.agents),
                "computers": [self._render(c, {"computerStatus", "ec2VirtualMachineSummary"})
                              for c in sorted(self.computers.values(), key=lambda c: c.computer_id)],
            }

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """POST /_preflight/cloudone/state: a partial update (validated first; `agents` merge, null removes an
        override; `staleComputers` are added). Computers activated so far are registered before the change, so
        that rotating the token, say, leaves them activated. Call under the moto lock."""
        validate(changes)
        with self._lock:
            self._observe()
            if "region" in changes:
                self.region = changes["region"]
            if "apiKey" in changes:
                self.api_key = changes["apiKey"]
            if "tenantId" in changes:
                self.tenant_id = changes["tenantId"]
            if "token" in changes:
                self.token = changes["token"]
            if "urls" in changes:
                self.urls = changes["urls"]
            key = changes.get("key") or {}
            if "name" in key:
                self.key.name = key["name"]
            if "active" in key:
                self.key.active = key["active"]
            if "revoked" in key:
                self.key.revoked = key["revoked"]
            if "roleID" in key:
                self.key.role_id = key["roleID"]
            if "expiresInDays" in key:
                days = key["expiresInDays"]
                self.key.expiry_ms = None if days is None else _now_ms() + int(days * DAY_MS)
            if "agentInitiatedActivation" in changes:
                self.agent_initiated_activation = changes["agentInitiatedActivation"]
            for name, attribute in zip(FLAG_KEYS, ("can_create_deployment_scripts", "can_read_computers",
                                                   "can_read_settings", "echo_key_in_errors")):
                if name in changes:
                    setattr(self, attribute, changes[name])
            for instance_id, state in (changes.get("agents") or {}).items():
                if state is None:
                    self.agents.pop(instance_id, None)
                else:
                    self.agents[instance_id] = state
            for stale in changes.get("staleComputers") or []:
                if stale["instanceId"] not in self.computers:
                    digest = hashlib.sha1(stale["instanceId"].encode()).digest()
                    host = stale.get("hostName") or f"ip-10-0-{digest[0]}-{digest[1]}.{stale['region']}.compute.internal"
                    self._register(stale["instanceId"], stale["accountId"], stale["region"], host,
                                   f"{stale['region']}a", STALE_AMI_ID, "offline", _now_ms() - OFFLINE_AGE_MS)
        return self.snapshot()

    def observe(self) -> None:
        """Registers the computers the manager has now (before instances stop or terminate). Call under the moto
        lock."""
        with self._lock:
            self._observe()

    # ---------------------------------------------------------------- API

    def serve(self, method: str, path: str, query: str, headers: dict[str, str], body: bytes) -> Answer:
        """The answer of one API request (headers keyed in lower case). Call under the moto lock."""
        routed = route(path, method) or ("", None, "")
        presented = _presented_key(headers.get("authorization"))
        try:
            region, operation, api_path = routed
            if region not in REGIONS or operation is None:
                raise ApiError(404, "Not Found")
            with self._lock:
                self._authenticate(region, headers)
                if operation == "DescribeCurrentAPIKey":
                    return Answer(200, self._current_key())
                if operation == "DescribeSystemSetting":
                    if not self.can_read_settings:
                        raise ApiError(403, "The API key's role does not have permission to view system settings")
                    return Answer(200, {"value": self.agent_initiated_activation})
                if operation == "GenerateAgentDeploymentScript":
                    if not self.can_create_deployment_scripts:
                        raise ApiError(403, "The API key's role does not have permission to create deployment "
                                            "scripts")
                    return Answer(200, self._deployment_script(_json_object(body)))
                if not self.can_read_computers:
                    raise ApiError(403, "The API key's role does not have permission to view computers")
                return Answer(200, self._search(_json_object(body), parse_qs(query).get("expand", [])))
        except ApiError as error:
            message = error.message
            if self.echo_key_in_errors and presented and 400 <= error.status < 500:
                message = f"{message} (API key: {presented})"
            return Answer(error.status, {"message": message})

    def _authenticate(self, region: str, headers: dict[str, str]) -> None:
        presented = _presented_key(headers.get("authorization"))
        if presented is None or presented != self.api_key or region != self.region or self.key.revoked:
            raise ApiError(401, "Authentication failed")
        if self.key.expiry_ms is not None and self.key.expiry_ms <= _now_ms():
            raise ApiError(401, "Authentication failed")
        if not self.key.active:
            raise ApiError(403, "API key is inactive")
        version = headers.get("api-version")
        if version != "v1":
            raise ApiError(400, "Missing or unsupported api-version header: the supported version is v1"
                           if version is None else f"Unsupported api-version {version!r}: the supported version is v1")

    def _current_key(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "ID": KEY_ID,
            "keyName": self.key.name,
            "description": "",
            "locale": "en-US",
            "roleID": self.key.role_id,
            "timeZone": "UTC",
            "active": self.key.active,
            "created": self.key.created_ms,
            "unsuccessfulSignInAttempts": 0,
            "serviceAccount": False,
            "currentKey": True,
        }
        if self.key.expiry_ms is not None:
            described["expiryDate"] = self.key.expiry_ms
        return described

    def _deployment_script(self, request: dict[str, Any]) -> dict[str, Any]:
        for name, value in request.items():
            expected = SCRIPT_FIELDS.get(name)
            if expected is not None and (type(value) is not expected):
                raise ApiError(400, f"Invalid value for {name}: expected {expected.__name__}")
        platform = request.get("platform")
        if platform not in PLATFORMS:
            raise ApiError(400, f"Invalid platform {platform!r}: expected one of {', '.join(PLATFORMS)}")
        echoed = {name: value for name, value in request.items() if name in SCRIPT_FIELDS}
        return {**echoed, "scriptBody": deployment_script(self.region, self.tenant_id, self.token, request, self.urls)}

    def _search(self, request: dict[str, Any], expand: list[str]) -> dict[str, Any]:
        max_items = request.get("maxItems", MAX_ITEMS)
        if type(max_items) is not int or not 1 <= max_items <= MAX_ITEMS:
            raise ApiError(400, f"Invalid maxItems: must be an integer between 1 and {MAX_ITEMS}")
        criteria = request.get("searchCriteria", [])
        if isinstance(criteria, dict):
            criteria = [criteria]
        if not isinstance(criteria, list):
            raise ApiError(400, "Invalid searchCriteria: expected a list of criteria")
        tests = []
        for criterion in criteria:
            if not isinstance(criterion, dict) or set(criterion) - {"idValue", "idTest"} or "idValue" not in criterion:
                raise ApiError(400, "Unsupported searchCriteria: only idValue with idTest is supported")
            value, test = criterion["idValue"], criterion.get("idTest", "equal")
            if type(value) is not int or test not in ID_TESTS:
                raise ApiError(400, f"Invalid search criterion: idValue must be an integer and idTest one of "
                                    f"{', '.join(ID_TESTS)}")
            tests.append((ID_TESTS[test], value))
        if "sortByObjectID" in request and not isinstance(request["sortByObjectID"], bool):
            raise ApiError(400, "Invalid sortByObjectID: expected a boolean")
        self._observe()
        found = [c for c in sorted(self.computers.values(), key=lambda c: c.computer_id)
                 if all(test(c.computer_id, value) for test, value in tests)]
        return {"computers": [self._render(c, set(expand)) for c in found[:max_items]]}

    # ----------------------------------------------------------- computers

    def _observe(self) -> None:
        """Registers the computers the manager has now (from moto's and the SSM plugin's state) and refreshes the
        last communication of the online ones. Call under the moto lock and self._lock."""
        from moto.ec2.models import ec2_backends

        now = _now_ms()
        for account_id, regions in sorted(dict.items(ec2_backends)):
            for region, backend in sorted(dict.items(regions)):
                instances = sorted(backend.all_instances(), key=lambda i: (str(i.launch_time), i.id))
                if not instances:
                    continue
                installed = self._installed(account_id, region)
                activatable = self._activatable(account_id, region)
                for instance in instances:
                    override = self.agents.get(instance.id)
                    if override == "none":
                        self.computers.pop(instance.id, None)
                        continue
                    running = instance.state in ("pending", "running")
                    if override is None or override == "activated":
                        state = "activated" if running and activatable and instance.id in installed else None
                    else:
                        state = override
                    known = self.computers.get(instance.id)
                    if state is None:
                        continue
                    if known is None:
                        self._register(instance.id, account_id, region, instance.private_dns_name,
                                       instance._placement.zone, instance.image_id, state, now)
                    else:
                        known.state = state
                        if running:
                            known.last_seen_ms = now

    def _register(self, instance_id: str, account_id: str, region: str, host_name: str, zone: str, ami_id: str,
                  state: str, seen_ms: int) -> None:
        self.computers[instance_id] = Computer(self._next_id, instance_id, account_id, region, host_name, zone,
                                               ami_id, state, seen_ms)
        self._next_id += 1

    def _installed(self, account_id: str, region: str) -> set[str]:
        """Instances the TrendCloudOneWorkloadSecurityAssociation succeeded on (the outcome
        DescribeInstanceAssociationsStatus reports)."""
        from ssm_plugin import managed_instances

        associations = [a for a in self._ssm.associations(account_id, region) if a.association_name == ASSOCIATION_NAME]
        if not associations:
            return set()
        return {
            instance.instance_id
            for instance in managed_instances(account_id, region)
            if instance.association_outcome()[0] == "Success" and any(a.targets_instance(instance) for a in associations)
        }

    def _activatable(self, account_id: str, region: str) -> bool:
        """The manager lets an agent there activate: agent-initiated activation is allowed for any computer and the
        account's dsTenantId/dsToken parameters are the tenant's and its current token."""
        from moto.ssm.models import ssm_backends

        if self.agent_initiated_activation != ACTIVATION_SETTINGS[0]:
            return False
        if region not in dict.keys(ssm_backends.get(account_id) or {}):
            return False
        backend = ssm_backends[account_id][region]

        def value(name: str) -> str | None:
            parameter = backend.get_parameter(name)
            return None if parameter is None else parameter.value

        return value("dsTenantId") == self.tenant_id and value("dsToken") == self.token

    def _render(self, computer: Computer, expand: set[str]) -> dict[str, Any]:
        from moto.ec2.models import ec2_backends

        instance = None
        regions = ec2_backends.get(computer.account_id)
        if regions is not None and computer.region in dict.keys(regions):
            instance = next((i for i in regions[computer.region].all_instances() if i.id == computer.instance_id),
                            None)
        state = computer.state
        if state not in ("offline", "not-activated") and (instance is None or instance.state not in
                                                           ("pending", "running")):
            state = "gone"
        now = _now_ms()
        status, messages, last = {
            "activated": ("active", ["Managed (Online)"], now),
            "outside-association": ("active", ["Managed (Online)"], now),
            "no-policy": ("active", ["Managed (Online)"], now),
            "warning": ("warning", ["Managed (Online)", "Reboot Required"], now),
            "error": ("error", ["Managed (Online)", "Anti-Malware Engine Offline"], now),
            "offline": ("inactive", ["Offline"], now - OFFLINE_AGE_MS),
            "gone": ("inactive", ["Offline"], computer.last_seen_ms),
            "not-activated": ("inactive", ["Unmanaged (Unknown)"], None),
        }[state]
        rendered: dict[str, Any] = {
            "ID": computer.computer_id,
            "hostName": computer.host_name,
            "agentFingerPrint": "" if state == "not-activated" else _fingerprint(computer.instance_id),
        }
        if state not in ("no-policy", "not-activated"):
            rendered["policyID"] = DEFAULT_POLICY_ID
        if last is not None:
            rendered["lastAgentCommunication"] = last
        if "computerStatus" in expand:
            rendered["computerStatus"] = {"agentStatus": status, "agentStatusMessages": messages}
        if "ec2VirtualMachineSummary" in expand:
            rendered["ec2VirtualMachineSummary"] = {
                "instanceID": computer.instance_id,
                "accountID": computer.account_id,
                "region": computer.region,
                "availabilityZone": computer.availability_zone,
                "amiID": computer.ami_id,
            }
        return rendered


def validate(changes: Any) -> None:
    """Raises CloudOneConfigError naming the first bad field of a state update (the control endpoint's and the
    scenario's `cloudone` section, agents keyed by instance id and stale accounts by id)."""
    if not isinstance(changes, dict):
        raise CloudOneConfigError("cloudone", "must be a mapping")
    unknown = sorted(set(changes) - STATE_KEYS)
    if unknown:
        raise CloudOneConfigError("cloudone", f"unknown keys {unknown} (allowed: {sorted(STATE_KEYS)})")
    if "urls" in changes and changes["urls"] not in URL_STYLES:
        raise CloudOneConfigError("urls", f"{changes['urls']!r} is not one of {', '.join(URL_STYLES)}")
    if "region" in changes and changes["region"] not in REGIONS:
        raise CloudOneConfigError("region", f"{changes['region']!r} is not a Cloud One region ({', '.join(REGIONS)})")
    if "apiKey" in changes and (not isinstance(changes["apiKey"], str) or not changes["apiKey"]):
        raise CloudOneConfigError("apiKey", "must be a non-empty string")
    for name in ("tenantId", "token"):
        if name in changes and (not isinstance(changes[name], str) or not UPPERCASE_UUID.match(changes[name])):
            raise CloudOneConfigError(name, "must be an uppercase UUID (0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D)")
    key = changes.get("key", {})
    if not isinstance(key, dict):
        raise CloudOneConfigError("key", "must be a mapping")
    unknown = sorted(set(key) - KEY_KEYS)
    if unknown:
        raise CloudOneConfigError("key", f"unknown keys {unknown} (allowed: {sorted(KEY_KEYS)})")
    for name in ("active", "revoked"):
        if name in key and not isinstance(key[name], bool):
            raise CloudOneConfigError(f"key.{name}", "must be true or false")
    if "roleID" in key and (type(key["roleID"]) is not int or key["roleID"] < 1):
        raise CloudOneConfigError("key.roleID", "must be a positive integer")
    if "name" in key and (not isinstance(key["name"], str) or not key["name"]):
        raise CloudOneConfigError("key.name", "must be a non-empty string")
    days = key.get("expiresInDays")
    if days is not None and (isinstance(days, bool) or not isinstance(days, (int, float))):
        raise CloudOneConfigError("key.expiresInDays", "must be a number of days from now (negative: expired) or null")
    if "agentInitiatedActivation" in changes and changes["agentInitiatedActivation"] not in ACTIVATION_SETTINGS:
        raise CloudOneConfigError("agentInitiatedActivation", f"must be one of {list(ACTIVATION_SETTINGS)}")
    for name in FLAG_KEYS:
        if name in changes and not isinstance(changes[name], bool):
            raise CloudOneConfigError(name, "must be true or false")
    agents = changes.get("agents", {})
    if not isinstance(agents, dict):
        raise CloudOneConfigError("agents", "must map instance ids to agent states")
    for instance_id, state in agents.items():
        if not isinstance(instance_id, str) or not INSTANCE_ID.match(instance_id):
            raise CloudOneConfigError(f"agents.{instance_id}", "is not an instance id")
        if state is not None and state not in AGENT_STATES:
            raise CloudOneConfigError(f"agents.{instance_id}", f"{state!r} is not one of {list(AGENT_STATES)}")
    stale = changes.get("staleComputers", [])
    if not isinstance(stale, list):
        raise CloudOneConfigError("staleComputers", "must be a list")
    for index, item in enumerate(stale):
        where = f"staleComputers[{index}]"
        if not isinstance(item, dict):
            raise CloudOneConfigError(where, "must be a mapping")
        unknown = sorted(set(item) - STALE_KEYS)
        missing = sorted({"instanceId", "accountId", "region"} - set(item))
        if unknown or missing:
            raise CloudOneConfigError(where, f"unknown keys {unknown}" if unknown else f"missing {', '.join(missing)}")
        if not isinstance(item["instanceId"], str) or not INSTANCE_ID.match(item["instanceId"]):
            raise CloudOneConfigError(f"{where}.instanceId", "is not an instance id")
        if not isinstance(item["accountId"], str) or not ACCOUNT_ID.match(item["accountId"]):
            raise CloudOneConfigError(f"{where}.accountId", "must be a 12-digit account id")
        if not isinstance(item["region"], str) or not re.match(r"^[a-z]{2}(-[a-z]+)+-\d$", item["region"]):
            raise CloudOneConfigError(f"{where}.region", "is not an AWS region")


def deployment_script(region: str, tenant_id: str, token: str, request: dict[str, Any], urls: str = "global") -> str:
    """The script `agentdeploymentscripts` answers for `request` (bash; PowerShell for Windows)."""
    host = f"workload.{region}.cloudone.trendmicro.com" if urls == "regional" else "workload.trendmicro.com"
    activation_url = f"dsm://agents.{host}:443/"
    manager_url = f"https://{host}:443"
    arguments = [f'"tenantID:{tenant_id}"', f'"token:{token}"']
    for name, argument in (("policyID", "policyid"), ("relayGroupID", "relaygroupid"), ("computerGroupID", "groupid")):
        if request.get(name):
            arguments.append(f'"{argument}:{request[name]}"')
    activate = request.get("activationRequired", False)
    if request["platform"] == "windows":
        lines = [
            "#requires -version 4.0",
            f'$managerUrl="{manager_url}/"',
            f'$ACTIVATIONURL="{activation_url}"',
            '$sourceUrl=-join($managerUrl, "software/agent/Windows/x86_64/agent.msi")',
            '(New-Object System.Net.WebClient).DownloadFile($sourceUrl, "$env:temp\\agent.msi")',
            'Start-Process -FilePath msiexec -ArgumentList "/i $env:temp\\agent.msi /qn ADDLOCAL=ALL" -Wait',
        ]
        if activate:
            lines.append('& $Env:ProgramFiles"\\Trend Micro\\Deep Security Agent\\dsa_control" -r')
            lines.append(f'& $Env:ProgramFiles"\\Trend Micro\\Deep Security Agent\\dsa_control" -a $ACTIVATIONURL '
                         f'{" ".join(arguments)}')
        return "\r\n".join(lines) + "\r\n"
    curl = "--silent --tlsv1.2" if request.get("validateCertificateRequired", True) else "--silent --tlsv1.2 --insecure"
    lines = [
        "#!/bin/bash",
        "",
        f"ACTIVATIONURL='{activation_url}'",
        f"MANAGERURL='{manager_url}'",
        f"CURLOPTIONS='{curl}'",
        "",
        "if [[ $(/usr/bin/id -u) -ne 0 ]]; then",
        "    echo 'You are not running as the root user. Please try again with root privileges.'",
        "    exit 1",
        "fi",
        "",
        "curl -L $MANAGERURL/software/deploymentscript/platform/linuxdetectscriptv1/ -o /tmp/PlatformDetection "
        "$CURLOPTIONS",
        ". /tmp/PlatformDetection",
        "platform_detect",
        "curl -H \"Agent-Version-Control: on\" -L \"$MANAGERURL/software/agent/${runningPlatform}${majorVersion}/"
        "${archType}/agent.${packageType}\" -o /tmp/agent.$packageType $CURLOPTIONS",
    ]
    if request.get("validateDigitalSignatureRequired", False):
        lines += ["if ! rpm --checksig /tmp/agent.$packageType >/dev/null 2>&1 && [[ $packageType == rpm ]]; then",
                  "    echo 'The agent package signature is not valid.'", "    exit 1", "fi"]
    lines += ["if [[ $packageType == rpm ]]; then rpm -ihv /tmp/agent.rpm; else dpkg -i /tmp/agent.deb; fi", ""]
    if activate:
        lines += ["sleep 15", "/opt/ds_agent/dsa_control -r",
                  f"/opt/ds_agent/dsa_control -a $ACTIVATIONURL {' '.join(arguments)}"]
    return "\n".join(lines) + "\n"


def _presented_key(authorization: str | None) -> str | None:
    """The key of an `Authorization: ApiKey <key>` header; None for a missing header or another scheme."""
    if authorization is None or not authorization.startswith("ApiKey "):
        return None
    return authorization[len("ApiKey "):] or None


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body or b"{}")
    except ValueError as error:
        raise ApiError(400, "The request body is not valid JSON") from error
    if not isinstance(parsed, dict):
        raise ApiError(400, "The request body must be a JSON object")
    return parsed


def _fingerprint(instance_id: str) -> str:
    """The agent's certificate fingerprint: 20 bytes, hex pairs with colons (stable per instance)."""
    digest = hashlib.sha1(instance_id.encode()).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _now_ms() -> int:
    return int(time.time() * 1000)
