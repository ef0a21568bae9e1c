"""SSM operations moto 5.2.1 lacks: DescribeInstanceInformation, State Manager associations and the
service settings (Get/Update/ResetServiceSetting) of Default Host Management Configuration (DHMC).

Everything is computed from moto's EC2, IAM and Organizations state at request
time. An EC2 instance is an SSM managed instance when it is running or stopped,
its instance metadata endpoint is enabled, its role may call
ssm:UpdateInstanceInformation (identity policies, permissions boundary and SCPs,
evaluated with moto's policy evaluator), and it is tagged neither
`emulator:ssm-agent=absent` nor `emulator:ssm-managed=false`. Its role is its
instance profile's or, without a profile, the DHMC role of its account and
region (the setting `/ssm/managed-instance/default-ec2-instance-management-role`;
only for agents 3.2.582.0 or later). Tags drive the rest:

- `emulator:ssm-ping`: Online (default), ConnectionLost or Inactive (running instances;
  stopped instances are always ConnectionLost)
- `emulator:association-status`: Success (default), Failed or Pending, the outcome of
  every association on the instance; `emulator:association-detailed-status` overrides
  the detailed status
- `emulator:ssm-agent-version`, `emulator:platform-type` (Linux/Windows/MacOS),
  `emulator:platform-name`, `emulator:platform-version`
- `emulator:ssm-managed=false`: the agent is installed but never registers (e.g. no
  network path to SSM, which the emulator does not compute)
"""

from __future__ import annotations

import base64
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from moto.ec2.models import ec2_backends
from moto.moto_api._internal import mock_random
from moto.ssm.models import ssm_backends

from awsproto import AwsRequest, Response, error_response, json_response
from policy_eval import ALLOWED, iam_backend, role_policies

DEFAULT_AGENT_VERSION = "3.3.1142.0"
DHMC_SETTING_ID = "/ssm/managed-instance/default-ec2-instance-management-role"
# The value GetServiceSetting answers for a setting never customized (Status Default).
DHMC_NOT_SET = "$None"
# The oldest agent that registers through DHMC (without an instance profile).
DHMC_MINIMUM_AGENT_VERSION = (3, 2, 582, 0)
AGENT_VERSION = re.compile(r"^\d+(\.\d+){3}$")
# LastModifiedDate of a setting never customized (when AWS provisioned it).
_DEFAULT_SETTING_DATE = 1676851200.0
PING_STATUSES = ("Online", "ConnectionLost", "Inactive")
ASSOCIATION_STATUSES = ("Success", "Failed", "Pending")
_STATUS_ORDER = {"Success": 0, "Failed": 1, "Pending": 2}
_TOKEN_PREFIX = "preflight-ssm:"
_AWS_DOCUMENT_PREFIXES = ("AWS-", "AWSEC2-", "AWSSupport-", "AWSConfigRemediation-", "Amazon")
_INSTANCE_ID = re.compile(r"^(i-(\w{8}|\w{17}))$|^(mi-\w{17})$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class SsmError(Exception):
    """An SSM error response: `__type` code, message and HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass
class ManagedInstance:
    """An EC2 instance as SSM sees it."""

    instance_id: str
    account_id: str
    region: str
    state: str
    tags: dict[str, str]
    role_name: str
    ping_status: str
    last_ping: float
    registered: float
    ip_address: str | None
    computer_name: str | None
    platform_type: str
    platform_name: str
    platform_version: str
    agent_version: str

    @property
    def online(self) -> bool:
        return self.ping_status == "Online"

    def association_outcome(self) -> tuple[str, str]:
        """(Status, DetailedStatus) of an association run on this instance."""
        if not self.online:
            return "Pending", "Associated"
        status = self.tags.get("emulator:association-status", "Success")
        if status not in ASSOCIATION_STATUSES:
            status = "Success"
        return status, self.tags.get("emulator:association-detailed-status", status)


@dataclass
class ServiceSettingValue:
    """A customized service setting: its value, when and by whom it was set."""

    value: str
    modified: float
    user: str


@dataclass
class Association:
    """A State Manager association (one version, one execution)."""

    association_id: str
    name: str
    created: float
    targets: list[dict[str, Any]]
    parameters: dict[str, list[str]]
    instance_id: str | None = None
    association_name: str | None = None
    document_version: str = "$DEFAULT"
    schedule_expression: str | None = None
    output_location: dict[str, Any] | None = None
    max_errors: str | None = None
    max_concurrency: str | None = None
    compliance_severity: str | None = None
    sync_compliance: str = "AUTO"
    apply_only_at_cron_interval: bool = False
    execution_id: str = field(default_factory=lambda: str(mock_random.uuid4()))
    output_ids: dict[str, str] = field(default_factory=dict)
    version: int = 1
    updated: float = 0.0
    executed: float = 0.0

    def __post_init__(self) -> None:
        self.updated = self.updated or self.created
        self.executed = self.executed or self.created

    def targets_instance(self, instance: ManagedInstance) -> bool:
        if self.instance_id:
            return instance.instance_id == self.instance_id
        if not self.targets:
            return False
        return all(_target_matches(target, instance) for target in self.targets)


def _target_matches(target: dict[str, Any], instance: ManagedInstance) -> bool:
    key = str(target.get("Key", ""))
    values = [str(v) for v in target.get("Values", [])]
    if key.lower() in ("instanceids", "instanceid"):
        return "*" in values or instance.instance_id in values
    if key.startswith("tag:"):
        return instance.tags.get(key[4:]) in values
    if key.lower() == "tag-key":
        return any(value in instance.tags for value in values)
    return False


class SsmPlugin:
    """Holds association state per (account, region) and serves the added SSM operations."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._associations: dict[tuple[str, str], list[Association]] = {}
        self.handlers: dict[str, Callable[[AwsRequest, str], Response]] = {
            "DescribeInstanceInformation": self._wrap(self.describe_instance_information),
            "CreateAssociation": self._wrap(self.create_association),
            "UpdateAssociation": self._wrap(self.update_association),
            "DeleteAssociation": self._wrap(self.delete_association),
            "ListAssociations": self._wrap(self.list_associations),
            "DescribeAssociation": self._wrap(self.describe_association),
            "DescribeAssociationExecutions": self._wrap(self.describe_association_executions),
            "DescribeAssociationExecutionTargets": self._wrap(self.describe_association_execution_targets),
            "DescribeInstanceAssociationsStatus": self._wrap(self.describe_instance_associations_status),
            "GetServiceSetting": self._wrap(self.get_service_setting),
            "UpdateServiceSetting": self._wrap(self.update_service_setting),
            "ResetServiceSetting": self._wrap(self.reset_service_setting),
        }

    def reset(self) -> None:
        with self._lock:
            self._associations.clear()

    def _wrap(self, handler: Callable[[dict[str, Any], str, str], dict[str, Any]]) -> Callable[[AwsRequest, str], Response]:
        def serve(request: AwsRequest, account_id: str) -> Response:
            try:
                try:
                    body = request.json_body()
                except ValueError as error:
                    raise SsmError("SerializationException", "Request body is not valid JSON") from error
                if not isinstance(body, dict):
                    raise SsmError("SerializationException", "Request body must be a JSON object")
                return json_response(handler(body, account_id, request.region))
            except SsmError as error:
                return _ssm_error(request, error)

        return serve

    def associations(self, account_id: str, region: str) -> list[Association]:
        """The associations of an account and region (a copy)."""
        with self._lock:
            return list(self._associations.get((account_id, region), []))

    # ------------------------------------------------- instance information

    def describe_instance_information(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        max_results = _max_results(body, minimum=5, maximum=50, default=10)
        filters: list[tuple[str, list[str]]] = []
        for entry in body.get("InstanceInformationFilterList") or []:
            filters.append((str(entry.get("key")), [str(v) for v in entry.get("valueSet") or []]))
        for entry in body.get("Filters") or []:
            filters.append((str(entry.get("Key")), [str(v) for v in entry.get("Values") or []]))
        instances = managed_instances(account_id, region)
        associations = self.associations(account_id, region)
        items = [_instance_information(instance, associations) for instance in instances]
        for key, values in filters:
            if not values:
                raise SsmError("InvalidInstanceInformationFilterValue", f"The filter {key} has no values.")
            items = [item for item in items if _information_matches(item, key, values, instances)]
        page, token = _paginate(items, body.get("NextToken"), max_results)
        result: dict[str, Any] = {"InstanceInformationList": page}
        if token:
            result["NextToken"] = token
        return result

    # ---------------------------------------------------- service settings

    def get_service_setting(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        setting_id = _setting_id(body, account_id, region)
        return {"ServiceSetting": _service_setting(account_id, region, setting_id)}

    def update_service_setting(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        setting_id = _setting_id(body, account_id, region)
        value = body.get("SettingValue")
        if not isinstance(value, str) or not 1 <= len(value) <= 4096:
            raise SsmError(
                "ValidationException",
                "1 validation error detected: Value at 'settingValue' failed to satisfy constraint: "
                "Member must have length between 1 and 4096",
            )
        _settings(account_id, region)[setting_id] = ServiceSettingValue(
            value=value, modified=time.time(), user=f"arn:aws:iam::{account_id}:root"
        )
        return {}

    def reset_service_setting(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        setting_id = _setting_id(body, account_id, region)
        _settings(account_id, region).pop(setting_id, None)
        return {"ServiceSetting": _service_setting(account_id, region, setting_id)}

    # -------------------------------------------------------- associations

    def create_association(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        name = body.get("Name")
        if not name:
            raise SsmError(
                "ValidationException",
                "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                "Member must not be null",
            )
        _validate_association(body, account_id, region)
        instance_id = body.get("InstanceId")
        targets = body.get("Targets") or []
        if instance_id and targets:
            raise SsmError("InvalidTarget", "Specify either InstanceId or Targets, not both.")
        association = Association(
            association_id=str(mock_random.uuid4()),
            name=str(name),
            created=time.time(),
            targets=targets,
            parameters=body.get("Parameters") or {},
            instance_id=instance_id,
            association_name=body.get("AssociationName"),
            document_version=body.get("DocumentVersion") or "$DEFAULT",
            schedule_expression=body.get("ScheduleExpression"),
            output_location=body.get("OutputLocation"),
            max_errors=body.get("MaxErrors"),
            max_concurrency=body.get("MaxConcurrency"),
            compliance_severity=body.get("ComplianceSeverity"),
            sync_compliance=body.get("SyncCompliance") or "AUTO",
            apply_only_at_cron_interval=bool(body.get("ApplyOnlyAtCronInterval", False)),
        )
        with self._lock:
            self._associations.setdefault((account_id, region), []).append(association)
        instances = managed_instances(account_id, region)
        return {"AssociationDescription": _description(association, instances)}

    def update_association(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        association = self._find({"AssociationId": body.get("AssociationId")}, account_id, region)
        version = body.get("AssociationVersion")
        if version not in (None, "$LATEST", str(association.version)):
            raise SsmError(
                "InvalidAssociationVersion",
                f"Association version {version} is not the latest version {association.version}.",
            )
        if body.get("Name") and str(body["Name"]) != association.name:
            if not association.targets:
                raise SsmError("InvalidUpdate", "The document of an InstanceId association cannot be changed.")
        _validate_association(body, account_id, region)
        fields = {
            "Name": "name",
            "Targets": "targets",
            "Parameters": "parameters",
            "AssociationName": "association_name",
            "DocumentVersion": "document_version",
            "ScheduleExpression": "schedule_expression",
            "OutputLocation": "output_location",
            "MaxErrors": "max_errors",
            "MaxConcurrency": "max_concurrency",
            "ComplianceSeverity": "compliance_severity",
            "SyncCompliance": "sync_compliance",
            "ApplyOnlyAtCronInterval": "apply_only_at_cron_interval",
        }
        with self._lock:
            for key, attribute in fields.items():
                if key in body:
                    setattr(association, attribute, body[key])
            association.version += 1
            association.updated = time.time()
            if not association.apply_only_at_cron_interval:
                association.executed = association.updated
                association.execution_id = str(mock_random.uuid4())
                association.output_ids.clear()
        return {"AssociationDescription": _description(association, managed_instances(account_id, region))}

    def delete_association(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        association = self._find(body, account_id, region)
        with self._lock:
            self._associations[(account_id, region)].remove(association)
        return {}

    def list_associations(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        max_results = _max_results(body, minimum=1, maximum=50, default=50)
        instances = managed_instances(account_id, region)
        associations = self.associations(account_id, region)
        for entry in body.get("AssociationFilterList") or []:
            key, value = str(entry.get("key")), str(entry.get("value"))
            associations = [a for a in associations if _association_matches(a, key, value, instances)]
        items = [_summary(association, instances) for association in associations]
        page, token = _paginate(items, body.get("NextToken"), max_results)
        result: dict[str, Any] = {"Associations": page}
        if token:
            result["NextToken"] = token
        return result

    def describe_association(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        association = self._find(body, account_id, region)
        version = body.get("AssociationVersion")
        if version not in (None, "$LATEST") and not (str(version).isdigit() and 1 <= int(version) <= association.version):
            raise SsmError("InvalidAssociationVersion", f"Association version {version} does not exist.")
        return {"AssociationDescription": _description(association, managed_instances(account_id, region))}

    def describe_association_executions(self, body: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
        max_results = _max_results(body, minimum=1, maximum=50, default=50)
        association = self._find({"AssociationId": body.get("AssociationId")}, account_id, region)
        execution = _execution(association, managed_instances(account_id, region))
        executions = [execution] if execution else []
        for entry in body.get("Filters") or []:
            executions = [e for e in executions if _execution_matches(e, entry)]
        page, token = _paginate(executions, body.get("NextToken"), max_results)
        result: dict[str, Any] = {"AssociationExecutions": page}
        if token:
            result["NextToken"] = token
        return result

    def describe_association_execution_targets(
        self, body: dict[str, Any], account_id: str, region: str
    ) -> dict[str, Any]:
        max_results = _max_results(body, minimum=1, maximum=50, default=50)
        association = self._find({"AssociationId": body.get("AssociationId")}, account_id, region)
        instances = managed_instances(account_id, region)
        execution_id = body.get("ExecutionId")
        if not execution_id or execution_id != association.execution_id or _execution(association, instances) is None:
            raise SsmError("AssociationExecutionDoesNotExist", f"Execution {execution_id} does not exist.")
        targets = []
        for instance in _dispatched(association, instances):
            status, detailed = instance.association_outcome()
            output_id = association.output_ids.setdefault(instance.instance_id, str(mock_random.uuid4()))
            targets.append(
                {
                    "AssociationId": association.association_id,
                    "AssociationVersion": str(association.version),
                    "ExecutionId": association.execution_id,
                    "ResourceId": instance.instance_id,
                    "ResourceType": "ManagedInstance",
                    "Status": status,
                    "DetailedStatus": detailed,
                    "LastExecutionDate": association.executed,
                    "OutputSource": {"OutputSourceId": output_id, "OutputSourceType": "RunCommand"},
                }
            )
        fields = {"Status": "Status", "ResourceId": "ResourceId", "ResourceType": "ResourceType"}
        for entry in body.get("Filters") or []:
            key = fields.get(str(entry.get("Key")))
            if key is None:
                raise SsmError("ValidationException", f"Invalid filter key {entry.get('Key')}.")
            targets = [t for t in targets if t[key] == entry.get("Value")]
        page, token = _paginate(targets, body.get("NextToken"), max_results)
        result: dict[str, Any] = {"AssociationExecutionTargets": page}
        if token:
            result["NextToken"] = token
        return result

    def describe_instance_associations_status(
        self, body: dict[str, Any], account_id: str, region: str
    ) -> dict[str, Any]:
        max_results = _max_results(body, minimum=1, maximum=50, default=50)
        instance_id = body.get("InstanceId")
        if not instance_id:
            raise SsmError(
                "ValidationException",
                "1 validation error detected: Value null at 'instanceId' failed to satisfy constraint: "
                "Member must not be null",
            )
        backend = ec2_backends[account_id][region]
        if not any(i.id == instance_id for i in backend.all_instances()):
            raise SsmError("InvalidInstanceId", f"Instance {instance_id} does not exist.")
        instance = next((i for i in managed_instances(account_id, region) if i.instance_id == instance_id), None)
        infos = []
        if instance is not None:
            for association in self.associations(account_id, region):
                if not association.targets_instance(instance):
                    continue
                status, detailed = instance.association_outcome()
                info: dict[str, Any] = {
                    "AssociationId": association.association_id,
                    "Name": association.name,
                    "DocumentVersion": association.document_version,
                    "AssociationVersion": str(association.version),
                    "InstanceId": instance.instance_id,
                    "ExecutionDate": association.executed,
                    "Status": status,
                    "DetailedStatus": detailed,
                    "ExecutionSummary": _execution_summary(status),
                }
                if association.association_name:
                    info["AssociationName"] = association.association_name
                if status == "Failed":
                    info["ErrorCode"] = "1"
                infos.append(info)
        page, token = _paginate(infos, body.get("NextToken"), max_results)
        result: dict[str, Any] = {"InstanceAssociationStatusInfos": page}
        if token:
            result["NextToken"] = token
        return result

    def _find(self, body: dict[str, Any], account_id: str, region: str) -> Association:
        associations = self.associations(account_id, region)
        association_id = body.get("AssociationId")
        if association_id:
            if not _UUID.match(str(association_id)):
                raise SsmError("ValidationException", f"AssociationId {association_id} is not valid.")
            found = next((a for a in associations if a.association_id == association_id), None)
        elif body.get("Name") and body.get("InstanceId"):
            instances = {i.instance_id: i for i in managed_instances(account_id, region)}
            instance = instances.get(str(body["InstanceId"]))
            found = next(
                (
                    a
                    for a in associations
                    if a.name == body["Name"]
                    and (a.instance_id == body["InstanceId"] or (instance is not None and a.targets_instance(instance)))
                ),
                None,
            )
        else:
            found = None
        if found is None:
            raise SsmError("AssociationDoesNotExist", "The specified association does not exist.")
        return found


# ------------------------------------------------------------ computation


def managed_instances(account_id: str, region: str) -> list[ManagedInstance]:
    """The EC2 instances of an account and region that SSM would list as managed."""
    ec2 = ec2_backends[account_id][region]
    dhmc_role = default_host_management_role(account_id, region)
    managed = []
    for instance in ec2.all_instances():
        if instance.state not in ("pending", "running", "stopping", "stopped"):
            continue
        tags = {tag["key"]: tag["value"] for tag in instance.get_tags()}
        if tags.get("emulator:ssm-agent", "").lower() == "absent":
            continue
        if tags.get("emulator:ssm-managed", "").lower() == "false":
            continue
        if instance.metadata_options.http_endpoint == "disabled":
            continue
        agent_version = tags.get("emulator:ssm-agent-version", DEFAULT_AGENT_VERSION)
        role_name = _registering_role(ec2, account_id, region, instance, dhmc_role, agent_version)
        # An agent that registered once (`registeredBefore`) and cannot now stays listed, its connection lost.
        registered_before = tags.get("emulator:ssm-registered-before", "").lower() == "true"
        if role_name is None and not registered_before:
            continue
        launched = instance.launch_time.timestamp() if isinstance(instance.launch_time, datetime) else time.time()
        running = instance.state in ("pending", "running")
        ping = tags.get("emulator:ssm-ping", "Online") if running and role_name is not None else "ConnectionLost"
        role_name = role_name or dhmc_role or ""
        if ping not in PING_STATUSES:
            ping = "Online"
        platform_type = tags.get("emulator:platform-type") or ("Windows" if instance.platform == "windows" else "Linux")
        default_name, default_version = {
            "Windows": ("Microsoft Windows Server 2022 Datacenter", "10.0.20348"),
            "MacOS": ("macOS", "14.5"),
        }.get(platform_type, ("Amazon Linux", "2023"))
        managed.append(
            ManagedInstance(
                instance_id=instance.id,
                account_id=account_id,
                region=region,
                state=instance.state,
                tags=tags,
                role_name=role_name,
                ping_status=ping,
                last_ping=time.time() if ping == "Online" else launched,
                registered=launched,
                ip_address=instance.private_ip_address,
                computer_name=instance.private_dns_name,
                platform_type=platform_type,
                platform_name=tags.get("emulator:platform-name", default_name),
                platform_version=tags.get("emulator:platform-version", default_version),
                agent_version=agent_version,
            )
        )
    return managed


def _registering_role(ec2: Any, account_id: str, region: str, instance: Any, dhmc_role: str | None,
                      agent_version: str) -> str | None:
    """The role the instance's agent registers with (its profile's, else DHMC's), or None when it cannot: the
    role does not exist or may not call ssm:UpdateInstanceInformation, or DHMC needs a newer agent."""
    association = ec2.iam_instance_profile_associations.get(instance.id)
    if association is not None:
        iam = iam_backend(account_id, region)
        arn = association.iam_instance_profile.arn
        profile = next((p for p in iam.instance_profiles.values() if p.arn == arn), None)
        if profile is None or not profile.roles:
            return None
        role_name = profile.roles[0].name
    elif dhmc_role is not None and agent_version_tuple(agent_version) >= DHMC_MINIMUM_AGENT_VERSION:
        role_name = dhmc_role
    else:
        return None
    policies = role_policies(account_id, role_name.rsplit("/", 1)[-1])
    if policies is None:
        return None
    instance_arn = f"arn:aws:ec2:{region}:{account_id}:instance/{instance.id}"
    if policies.evaluate("ssm:UpdateInstanceInformation", instance_arn, {}).decision != ALLOWED:
        return None
    return role_name


def agent_version_tuple(version: str) -> tuple[int, ...]:
    """An agent version's numbers (0.0.0.0 when it is not a dotted version)."""
    return tuple(int(part) for part in version.split(".")) if AGENT_VERSION.match(version) else (0, 0, 0, 0)


def default_host_management_role(account_id: str, region: str) -> str | None:
    """The DHMC role (the setting's value, e.g. `service-role/NAME`) of an account and region, None when unset."""
    setting = _settings(account_id, region).get(DHMC_SETTING_ID)
    return setting.value if setting is not None and setting.value != DHMC_NOT_SET else None


def _settings(account_id: str, region: str) -> dict[str, ServiceSettingValue]:
    """The customized service settings of an account and region, kept on moto's SSM backend (reset with it)."""
    backend = ssm_backends[account_id][region]
    settings = getattr(backend, "preflight_service_settings", None)
    if settings is None:
        settings = {}
        backend.preflight_service_settings = settings
    return settings


def _setting_id(body: dict[str, Any], account_id: str, region: str) -> str:
    """The setting a request names (its path, or its ARN in this account and region); only DHMC's is known."""
    value = body.get("SettingId")
    if not isinstance(value, str) or not value:
        raise SsmError(
            "ValidationException",
            "1 validation error detected: Value null at 'settingId' failed to satisfy constraint: "
            "Member must not be null",
        )
    prefix = f"arn:aws:ssm:{region}:{account_id}:servicesetting"
    setting_id = value[len(prefix):] if value.startswith(prefix + "/") else value
    if setting_id != DHMC_SETTING_ID:
        raise SsmError("ServiceSettingNotFound", f"The service setting {value} was not found.")
    return setting_id


def _service_setting(account_id: str, region: str, setting_id: str) -> dict[str, Any]:
    """GetServiceSetting's `ServiceSetting`: `$None`, `System`, `Default` until customized."""
    setting = _settings(account_id, region).get(setting_id)
    value, modified, user, status = (
        (setting.value, setting.modified, setting.user, "Customized")
        if setting is not None
        else (DHMC_NOT_SET, _DEFAULT_SETTING_DATE, "System", "Default")
    )
    return {
        "SettingId": setting_id,
        "SettingValue": value,
        "LastModifiedDate": modified,
        "LastModifiedUser": user,
        "ARN": f"arn:aws:ssm:{region}:{account_id}:servicesetting{setting_id}",
        "Status": status,
    }


def _validate_association(body: dict[str, Any], account_id: str, region: str) -> None:
    """Checks shared by CreateAssociation and UpdateAssociation."""
    name = body.get("Name")
    if name and not _document_exists(account_id, region, str(name)):
        raise SsmError("InvalidDocument", f"Document {name} does not exist.")
    instance_id = body.get("InstanceId")
    if instance_id and not _INSTANCE_ID.match(str(instance_id)):
        raise SsmError("InvalidInstanceId", f"Instance id {instance_id} is not valid.")
    if len(body.get("Targets") or []) > 5:
        raise SsmError("ValidationException", "Targets must contain at most 5 entries.")
    schedule = body.get("ScheduleExpression")
    if schedule and not re.match(r"^(cron|rate|at)\(.+\)$", str(schedule)):
        raise SsmError("InvalidSchedule", f"Schedule expression {schedule} is not valid.")
    association_name = body.get("AssociationName")
    if association_name is not None and not re.match(r"^[a-zA-Z0-9_\-.]{3,128}$", str(association_name)):
        raise SsmError("ValidationException", f"AssociationName {association_name} is not valid.")


def _document_exists(account_id: str, region: str, name: str) -> bool:
    short = name.rsplit("document/", 1)[-1] if name.startswith("arn:") else name
    if short.startswith(_AWS_DOCUMENT_PREFIXES):
        return True
    return short in ssm_backends[account_id][region]._documents


def _targeted(association: Association, instances: list[ManagedInstance]) -> list[ManagedInstance]:
    return [instance for instance in instances if association.targets_instance(instance)]


def _dispatched(association: Association, instances: list[ManagedInstance]) -> list[ManagedInstance]:
    """Targets the association actually ran on (Online managed instances)."""
    return [instance for instance in _targeted(association, instances) if instance.online]


def _aggregate(statuses: list[str]) -> str:
    if "Failed" in statuses:
        return "Failed"
    if "Pending" in statuses or not statuses:
        return "Pending"
    return "Success"


def _counts(statuses: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in sorted(statuses, key=lambda s: _STATUS_ORDER.get(s, 9)):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _overview(association: Association, instances: list[ManagedInstance]) -> dict[str, Any]:
    statuses = [instance.association_outcome()[0] for instance in _targeted(association, instances)]
    status = _aggregate(statuses)
    return {
        "Status": status,
        "DetailedStatus": status if statuses else "Associated",
        "AssociationStatusAggregatedCount": _counts(statuses),
    }


def _execution(association: Association, instances: list[ManagedInstance]) -> dict[str, Any] | None:
    dispatched = _dispatched(association, instances)
    if not dispatched:
        return None
    statuses = [instance.association_outcome()[0] for instance in dispatched]
    status = _aggregate(statuses)
    counts = ", ".join(f"{name}={count}" for name, count in _counts(statuses).items())
    return {
        "AssociationId": association.association_id,
        "AssociationVersion": str(association.version),
        "ExecutionId": association.execution_id,
        "Status": status,
        "DetailedStatus": status,
        "CreatedTime": association.executed,
        "LastExecutionDate": association.executed,
        "ResourceCountByStatus": "{" + counts + "}",
    }


def _summary(association: Association, instances: list[ManagedInstance]) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "Name": association.name,
        "AssociationId": association.association_id,
        "AssociationVersion": str(association.version),
        "DocumentVersion": association.document_version,
        "Targets": association.targets,
        "Overview": _overview(association, instances),
    }
    if association.instance_id:
        summary["InstanceId"] = association.instance_id
    if _execution(association, instances):
        summary["LastExecutionDate"] = association.executed
    if association.schedule_expression:
        summary["ScheduleExpression"] = association.schedule_expression
    if association.association_name:
        summary["AssociationName"] = association.association_name
    return summary


def _description(association: Association, instances: list[ManagedInstance]) -> dict[str, Any]:
    description = _summary(association, instances)
    description.update(
        {
            "Date": association.created,
            "LastUpdateAssociationDate": association.updated,
            "Parameters": association.parameters,
            "SyncCompliance": association.sync_compliance,
            "ApplyOnlyAtCronInterval": association.apply_only_at_cron_interval,
        }
    )
    if description["Overview"]["Status"] == "Success" and "LastExecutionDate" in description:
        description["LastSuccessfulExecutionDate"] = association.executed
    optional = {
        "OutputLocation": association.output_location,
        "MaxErrors": association.max_errors,
        "MaxConcurrency": association.max_concurrency,
        "ComplianceSeverity": association.compliance_severity,
    }
    description.update({key: value for key, value in optional.items() if value is not None})
    return description


def _execution_summary(status: str) -> str:
    succeeded, failed = (1, 0) if status == "Success" else (0, 1) if status == "Failed" else (0, 0)
    return f"1 out of 1 plugin processed, {succeeded} success, {failed} failed, 0 timedout, 0 skipped. "


def _instance_information(instance: ManagedInstance, associations: list[Association]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "InstanceId": instance.instance_id,
        "PingStatus": instance.ping_status,
        "LastPingDateTime": instance.last_ping,
        "AgentVersion": instance.agent_version,
        "IsLatestVersion": instance.agent_version == DEFAULT_AGENT_VERSION,
        "PlatformType": instance.platform_type,
        "PlatformName": instance.platform_name,
        "PlatformVersion": instance.platform_version,
        "IamRole": instance.role_name,
        "RegistrationDate": instance.registered,
        "ResourceType": "EC2Instance",
        "SourceId": instance.instance_id,
        "SourceType": "AWS::EC2::Instance",
    }
    if instance.ip_address:
        item["IPAddress"] = instance.ip_address
    if instance.computer_name:
        item["ComputerName"] = instance.computer_name
    applied = [a for a in associations if a.targets_instance(instance)]
    if applied:
        statuses = [instance.association_outcome()[0] for _ in applied]
        status = _aggregate(statuses)
        item["AssociationStatus"] = status
        item["AssociationOverview"] = {
            "DetailedStatus": status,
            "InstanceAssociationStatusAggregatedCount": _counts(statuses),
        }
        if instance.online:
            item["LastAssociationExecutionDate"] = max(a.executed for a in applied)
            if status == "Success":
                item["LastSuccessfulAssociationExecutionDate"] = max(a.executed for a in applied)
    return item


_INFORMATION_FIELDS = {
    "InstanceIds": "InstanceId",
    "AgentVersion": "AgentVersion",
    "PingStatus": "PingStatus",
    "PlatformTypes": "PlatformType",
    "IamRole": "IamRole",
    "ResourceType": "ResourceType",
    "AssociationStatus": "AssociationStatus",
}


def _information_matches(item: dict[str, Any], key: str, values: list[str], instances: list[ManagedInstance]) -> bool:
    if key in _INFORMATION_FIELDS:
        return item.get(_INFORMATION_FIELDS[key]) in values
    if key == "ActivationIds":
        return False
    tags = next((i.tags for i in instances if i.instance_id == item["InstanceId"]), {})
    if key.startswith("tag:"):
        return tags.get(key[4:]) in values
    if key == "tag-key":
        return any(value in tags for value in values)
    raise SsmError("InvalidFilterKey", f"The filter key {key} is not valid.")


def _association_matches(association: Association, key: str, value: str, instances: list[ManagedInstance]) -> bool:
    if key == "InstanceId":
        instance = next((i for i in instances if i.instance_id == value), None)
        return association.instance_id == value or (instance is not None and association.targets_instance(instance))
    if key == "Name":
        return association.name == value
    if key == "AssociationId":
        return association.association_id == value
    if key == "AssociationName":
        return association.association_name == value
    if key == "AssociationStatusName":
        return _overview(association, instances)["Status"] == value
    if key in ("LastExecutedBefore", "LastExecutedAfter"):
        if _execution(association, instances) is None:
            return False
        limit = _timestamp(value)
        return association.executed < limit if key == "LastExecutedBefore" else association.executed > limit
    if key == "ResourceGroupName":
        return False
    raise SsmError("ValidationException", f"Invalid association filter key {key}.")


def _execution_matches(execution: dict[str, Any], entry: dict[str, Any]) -> bool:
    key, value, kind = entry.get("Key"), str(entry.get("Value")), entry.get("Type", "EQUAL")
    if key == "ExecutionId":
        return execution["ExecutionId"] == value
    if key == "Status":
        return execution["Status"] == value
    if key == "CreatedTime":
        limit = _timestamp(value)
        created = execution["CreatedTime"]
        return {"EQUAL": created == limit, "LESS_THAN": created < limit, "GREATER_THAN": created > limit}.get(
            str(kind), False
        )
    raise SsmError("ValidationException", f"Invalid execution filter key {key}.")


def _timestamp(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError as error:
            raise SsmError("ValidationException", f"Invalid date value {value}.") from error


def _max_results(body: dict[str, Any], minimum: int, maximum: int, default: int) -> int:
    value = body.get("MaxResults")
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool):
        raise SsmError("SerializationException", "MaxResults must be an integer.")
    if value < minimum:
        raise SsmError(
            "ValidationException",
            f"1 validation error detected: Value '{value}' at 'maxResults' failed to satisfy constraint: "
            f"Member must have value greater than or equal to {minimum}",
        )
    if value > maximum:
        raise SsmError(
            "ValidationException",
            f"1 validation error detected: Value '{value}' at 'maxResults' failed to satisfy constraint: "
            f"Member must have value less than or equal to {maximum}",
        )
    return value


def _paginate(items: list[Any], token: Any, max_results: int) -> tuple[list[Any], str | None]:
    start = 0
    if token:
        try:
            decoded = base64.urlsafe_b64decode(str(token).encode()).decode()
            if not decoded.startswith(_TOKEN_PREFIX):
                raise ValueError(token)
            start = int(decoded[len(_TOKEN_PREFIX) :])
        except ValueError as error:
            raise SsmError("InvalidNextToken", "The specified token is not valid.") from error
        if not 0 <= start <= len(items):
            raise SsmError("InvalidNextToken", "The specified token is not valid.")
    end = start + max_results
    next_token = base64.urlsafe_b64encode(f"{_TOKEN_PREFIX}{end}".encode()).decode() if end < len(items) else None
    return items[start:end], next_token


def _ssm_error(request: AwsRequest, error: SsmError) -> Response:
    if error.code in ("ValidationException", "SerializationException"):
        return error_response(request, error.code, str(error), error.status)
    payload = {"__type": error.code, "Message": str(error)}
    response = json_response(payload, error.status)
    response.headers.append(("x-amzn-ErrorType", error.code))
    return response

