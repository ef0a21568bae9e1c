"""CloudFormation behaviour moto 5.2.1 lacks, added inside moto and computed from its state.

`extend_moto(ssm)` patches moto's CloudFormation in-process so that the deployment's real templates
(`templates/`) deploy in the emulator:

- nested stacks: `PhysicalResourceId` is the nested stack's ARN, `ParentId`/`RootId` are set,
  `!GetAtt Stack.Outputs.Name` resolves;
- resource types moto lacks: `AWS::CloudFormation::StackSet` (StackInstancesGroup, CallAs,
  SERVICE_MANAGED targets resolved over the organization's OU tree), `AWS::SSM::Association` (stored by
  the SSM plugin), `Custom::CustomInvokeAgentScriptParser` (the deployment's Lambda, emulated);
  `AWS::IAM::Role` gets `ManagedPolicyArns`, `AWS::SSM::Parameter` accepts map `Tags`;
- failures: a resource that cannot be created is `CREATE_FAILED` with a CloudFormation-style reason; a
  nested stack fails its parent ("Embedded stack … was not successfully created"); the root stack rolls
  back (`ROLLBACK_COMPLETE`, everything `DELETE_COMPLETE`) or, with `OnFailure=DO_NOTHING` /
  `DisableRollback`, stays `CREATE_FAILED`; `OnFailure=DELETE` deletes it;
- resource statuses: `ListStackResources`, `DescribeStackResources` and `DescribeStackResource` report each
  resource's own status, reason and timestamp;
- StackSets: `ListStackSets` filters by `Status` and pages (`MaxResults` 1…100, `NextToken`), `DELEGATED_ADMIN`
  listing only SERVICE_MANAGED StackSets; `ListStackInstances` pages (`MaxResults` 1…100, `NextToken`) and
  filters, reports `OrganizationalUnitId`, `LastOperationId`, `DriftStatus` and a status derived from the
  instance's stack (`OUTDATED`/`FAILED` with a `StatusReason` when it failed), unless overridden through
  `/_preflight/cloudformation/stack-instance-status`;
- `CallAs`: `DELEGATED_ADMIN` needs a registered delegated administrator of
  member.org.stacksets.cloudformation.amazonaws.com and is served from the management account (where
  AWS keeps service-managed StackSets); SERVICE_MANAGED StackSets need the management account (or
  `DELEGATED_ADMIN`) and trusted access.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from awsproto import AwsRequest, Response, error_response

STACKSETS_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com"
HEALTHY_STACK_STATUSES = ("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE")
STACK_INSTANCE_STATUSES = ("CURRENT", "OUTDATED", "INOPERABLE")
ACCOUNT_GATE_STATUSES = ("SUCCEEDED", "FAILED", "SKIPPED")
# An operation's result in an account and region, by the stack instance's detailed status.
OPERATION_RESULT_STATUSES = {"SUCCEEDED": "SUCCEEDED", "CANCELLED": "CANCELLED", "PENDING": "PENDING",
                             "RUNNING": "RUNNING", "SKIPPED_SUSPENDED_ACCOUNT": "SUCCEEDED"}
DETAILED_STATUSES = (
    "PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "INOPERABLE", "SKIPPED_SUSPENDED_ACCOUNT", "FAILED_IMPORT",
)
# What the deployment's Lambda sends to Trend's agentdeploymentscripts API, and the regular expressions it extracts
# its outputs with from the answer's text.
AGENT_DEPLOYMENT_SCRIPT_REQUEST = {
    "platform": "linux",
    "validateCertificateRequired": True,
    "validateDigitalSignatureRequired": True,
    "activationRequired": True,
    "policyID": 0,
    "relayGroupID": 0,
    "computerGroupID": 0,
}
AGENT_DEPLOYMENT_SCRIPT_OUTPUTS = {
    "ActivationURL": re.compile(r"ACTIVATIONURL='(.+?)'"),
    "ManagerURL": re.compile(r"MANAGERURL='(.+?)'"),
    "TenantID": re.compile(r"tenantID:(\w{8}-\w{4}-\w{4}-\w{4}-\w{12})"),
    "Token": re.compile(r"token:([\w-]+)"),
}
# Operations taking CallAs (and, but for the list/create ones, a StackSetName).
STACKSET_OPERATIONS = (
    "CreateStackSet", "UpdateStackSet", "DeleteStackSet", "DescribeStackSet", "ListStackSets", "CreateStackInstances",
    "UpdateStackInstances", "DeleteStackInstances", "DescribeStackInstance", "ListStackInstances",
    "DescribeStackSetOperation", "ListStackSetOperations", "ListStackSetOperationResults", "StopStackSetOperation",
    "DetectStackSetDrift", "ImportStacksToStackSet", "ListStackInstanceResourceDrifts",
    "ListStackSetAutoDeploymentTargets",
)
_TOKEN_PREFIX = "preflight-cfn:"
_SERVICE_NAMES = {"SSM": "Ssm", "IAM": "Iam", "EC2": "Ec2", "S3": "S3", "KMS": "Kms"}

# Stacks whose resources are being created, innermost last; None marks a StackSet's instance stacks
# (created while a stack creates the StackSet, but not nested in it). moto runs under one lock.
_CREATING: list[Any] = []
# OnFailure of the CreateStack request being served.
_ON_FAILURE: list[str] = []
_SSM: list[Any] = []
_CLOUDONE: list[Any] = []
# The applied value of a CloudFormation quota in an account: (account id, quota code) -> value.
_QUOTAS: list[Callable[[str, str], float]] = []
STACK_SETS_QUOTA = "L-EC62D81A"


class CloudFormationError(Exception):
    """A CloudFormation error answer (query protocol): code, message, HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class ResourceFailure(Exception):
    """A resource could not be created: its logical id and the reason CloudFormation reports."""

    def __init__(self, logical_id: str, reason: str):
        super().__init__(reason)
        self.logical_id = logical_id
        self.reason = reason


class _NestedStackFailed(Exception):
    def __init__(self, stack: Any):
        super().__init__(f"Embedded stack {stack.stack_id} was not successfully created: {stack.status_reason}")
        self.stack = stack


class _CustomResourceFailed(Exception):
    pass


@dataclass
class ResourceRecord:
    """A stack resource as CloudFormation lists it."""

    logical_id: str
    resource_type: str
    physical_id: str | None
    status: str
    reason: str | None
    timestamp: datetime
    # Every status the resource went through, oldest first: (status, reason, timestamp), its events.
    history: list[tuple[str, str | None, datetime]] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.history:
            self.history.append((self.status, self.reason, self.timestamp))

    def update(self, status: str, reason: str | None = None) -> None:
        self.status, self.reason, self.timestamp = status, reason, _now()
        self.history.append((status, reason, self.timestamp))


# ------------------------------------------------------------------ middleware hook


class CloudFormationPlugin:
    """Routes StackSet requests by CallAs; serves the control endpoints that override statuses."""

    def route(self, request: AwsRequest, account_id: str, environ: dict[str, Any]) -> Response | None:
        """None to let moto answer (possibly as another account), else an error answer."""
        if request.service != "cloudformation" or request.operation not in STACKSET_OPERATIONS:
            return None
        params = request.params()
        call_as = params.get("CallAs") or "SELF"
        try:
            if request.operation == "CreateStackSet":
                owner = resolve_owner(account_id, call_as, params.get("PermissionModel") or "SELF_MANAGED")
            else:
                owner = resolve_owner(account_id, call_as, None)
            name = params.get("StackSetName")
            if call_as == "DELEGATED_ADMIN" and name and request.operation != "CreateStackSet":
                stackset = _find_stackset(owner, request.region, name)
                if stackset is None or stackset.permission_model != "SERVICE_MANAGED":
                    raise CloudFormationError("StackSetNotFoundException", f"StackSet {name} not found", 404)
        except CloudFormationError as error:
            return error_response(request, error.code, error.message, error.status)
        if owner != account_id:
            environ["HTTP_X_MOTO_ACCOUNT_ID"] = owner
        return None

    @staticmethod
    def set_stack_status(spec: dict[str, Any]) -> dict[str, Any]:
        """Overrides a stack's status/reason and its resources' statuses/reasons."""
        from moto.cloudformation.models import cloudformation_backends

        account = str(spec.get("accountId") or "123456789012")
        backend = cloudformation_backends[account][str(spec.get("region") or "us-east-1")]
        try:
            stack = backend.get_stack(str(spec["stackName"]))
        except Exception as error:
            raise ValueError(f"no stack {spec.get('stackName')!r} in {account}") from error
        if spec.get("status"):
            stack.status = str(spec["status"])
        if "statusReason" in spec:
            stack.status_reason = spec["statusReason"]
        records = _stack_records(stack)
        for logical_id, change in (spec.get("resources") or {}).items():
            record = records.get(logical_id)
            if record is None:
                raise ValueError(f"stack {stack.name} has no resource {logical_id}")
            record.update(str(change.get("status") or record.status), change.get("statusReason"))
        return {"stackId": stack.stack_id, "status": stack.status}

    @staticmethod
    def set_stack_instance_status(spec: dict[str, Any]) -> dict[str, Any]:
        """Overrides Status/StatusReason/DetailedStatus of stack instances (null status: back to computed)."""
        account = str(spec.get("accountId") or "123456789012")
        stackset = _find_stackset(account, str(spec.get("region") or "us-east-1"), str(spec.get("stackSetName")))
        if stackset is None:
            raise ValueError(f"no StackSet {spec.get('stackSetName')!r} in {account}")
        changed = 0
        for change in spec.get("instances") or []:
            instance = next(
                (
                    i
                    for i in stackset.instances.stack_instances
                    if i.account_id == str(change.get("account")) and i.region_name == str(change.get("region"))
                ),
                None,
            )
            if instance is None:
                raise ValueError(f"StackSet {stackset.name} has no instance in {change.get('account')} {change.get('region')}")
            status = change.get("status")
            if status is None:
                instance.preflight_override = None
            else:
                if status not in STACK_INSTANCE_STATUSES:
                    raise ValueError(f"status must be one of {STACK_INSTANCE_STATUSES}")
                detailed = change.get("detailedStatus") or ("SUCCEEDED" if status == "CURRENT" else "FAILED")
                if detailed not in DETAILED_STATUSES:
                    raise ValueError(f"detailedStatus must be one of {DETAILED_STATUSES}")
                instance.preflight_override = (status, detailed, change.get("statusReason"))
            gate = change.get("accountGate")
            if gate is not None and gate.get("status") not in ACCOUNT_GATE_STATUSES:
                raise ValueError(f"accountGate.status must be one of {ACCOUNT_GATE_STATUSES}")
            instance.preflight_account_gate = (gate["status"], str(gate.get("statusReason") or "")) if gate else None
            changed += 1
        return {"stackSetId": stackset.id, "changed": changed}


    @staticmethod
    def set_stack_set(spec: dict[str, Any]) -> dict[str, Any]:
        """Changes a StackSet's AutoDeployment (what UpdateStackSet --auto-deployment does)."""
        account = str(spec.get("accountId") or "123456789012")
        stackset = _find_stackset(account, str(spec.get("region") or "us-east-1"), str(spec.get("stackSetName")))
        if stackset is None:
            raise ValueError(f"no StackSet {spec.get('stackSetName')!r} in {account}")
        if "autoDeployment" in spec:
            setting = spec["autoDeployment"] or {}
            if not isinstance(setting.get("Enabled"), bool):
                raise ValueError("autoDeployment.Enabled must be true or false")
            stackset.auto_deployment = {
                "Enabled": setting["Enabled"],
                "RetainStacksOnAccountRemoval": bool(setting.get("RetainStacksOnAccountRemoval", False)),
            }
        return {"stackSetId": stackset.id}

    @staticmethod
    def detect_stack_set_drift(spec: dict[str, Any]) -> dict[str, Any]:
        """Runs a drift detection of a StackSet, as DetectStackSetDrift does, from its stack instances' live
        resources (a scenario's set-up step: Preflight itself never starts one)."""
        account = str(spec.get("accountId") or "123456789012")
        stackset = _find_stackset(account, str(spec.get("region") or "us-east-1"), str(spec.get("stackSetName")))
        if stackset is None:
            raise ValueError(f"no StackSet {spec.get('stackSetName')!r} in {account}")
        return detect_drift(stackset)


def detect_drift(stackset: Any) -> dict[str, Any]:
    """Compares every stack instance's SSM parameters and associations with what its stack created; records the
    outcome on the StackSet (drift details, a DETECT_DRIFT operation) and on each instance."""
    operation_id = str(uuid.uuid4())
    started = _now()
    drifted = in_sync = 0
    for instance in stackset.instances.stack_instances:
        drifts = [d for d in _resource_drifts(instance.stack) if d["StackResourceDriftStatus"] != "IN_SYNC"]
        instance.preflight_drift = {"operationId": operation_id, "resources": drifts, "checked": _now()}
        drifted, in_sync = drifted + bool(drifts), in_sync + (not drifts)
    # DescribeStackSet's StackSetDriftDetectionDetails (moto's serializer reads the attribute).
    stackset.stack_set_drift_detection_details = {
        "DriftStatus": "DRIFTED" if drifted else "IN_SYNC",
        "DriftDetectionStatus": "COMPLETED",
        "LastDriftCheckTimestamp": _now(),
        "TotalStackInstancesCount": drifted + in_sync,
        "DriftedStackInstancesCount": drifted,
        "InSyncStackInstancesCount": in_sync,
        "InProgressStackInstancesCount": 0,
        "FailedStackInstancesCount": 0,
    }
    stackset.operations.append({
        "OperationId": operation_id, "Action": "DETECT_DRIFT", "Status": "SUCCEEDED",
        "CreationTimestamp": started.replace(tzinfo=None), "EndTimestamp": _now().replace(tzinfo=None), "Instances": [],
    })
    return {"operationId": operation_id, "drifted": drifted, "inSync": in_sync}


def _resource_drifts(stack: Any) -> list[dict[str, Any]]:
    """Each SSM parameter and association of an instance stack against its live state."""
    from moto.ssm.models import ssm_backends

    from ssm_plugin import SsmError

    drifts = []
    parsed = stack.resource_map._parsed_resources
    for record in _records(stack.resource_map).values():
        if record.status.startswith("DELETE"):
            continue
        resource = parsed.get(record.logical_id)
        status = None
        if record.resource_type == "AWS::SSM::Parameter":
            live = ssm_backends[stack.account_id][stack.region_name].get_parameter(record.physical_id)
            status = "DELETED" if live is None else (
                "MODIFIED" if live.value != getattr(resource, "value", live.value) else "IN_SYNC")
        elif record.resource_type == "AWS::SSM::Association":
            expected = getattr(resource, "created", None) or {}
            try:
                live = _SSM[0].describe_association(
                    {"AssociationId": record.physical_id}, stack.account_id, stack.region_name)["AssociationDescription"]
            except SsmError:
                status = "DELETED"
            else:
                keys = ("Name", "ScheduleExpression", "Parameters", "Targets")
                status = "MODIFIED" if any(live.get(k) != expected.get(k) for k in keys) else "IN_SYNC"
        if status is not None:
            drifts.append({
                "StackId": stack.stack_id, "LogicalResourceId": record.logical_id,
                "PhysicalResourceId": record.physical_id, "ResourceType": record.resource_type,
                "StackResourceDriftStatus": status, "Timestamp": _now(),
            })
    return drifts


def resolve_owner(account_id: str, call_as: str, permission_model: str | None) -> str:
    """The account holding the StackSets a caller reaches with `call_as` (checks creation when a model is given)."""
    from policy_eval import organization_for

    if call_as not in ("SELF", "DELEGATED_ADMIN"):
        raise CloudFormationError(
            "ValidationError",
            f"1 validation error detected: Value '{call_as}' at 'callAs' failed to satisfy constraint: "
            "Member must satisfy enum value set: [SELF, DELEGATED_ADMIN]",
        )
    found = organization_for(account_id)
    if call_as == "DELEGATED_ADMIN":
        if found is None or found[1] or not _is_stacksets_admin(found[0], account_id):
            raise CloudFormationError("ValidationError", "Account used is not a delegated administrator")
        owner = found[0].account_id
    else:
        owner = account_id
        if permission_model == "SERVICE_MANAGED" and (found is None or not found[1]):
            raise CloudFormationError(
                "ValidationError",
                "You must be the management account or delegated admin account of an organization before "
                "operating a SERVICE_MANAGED stack set",
            )
    if permission_model == "SERVICE_MANAGED" and found is not None:
        if not any(s.get("ServicePrincipal") == STACKSETS_PRINCIPAL for s in found[0].services):
            raise CloudFormationError(
                "ValidationError", "You must enable organizations access to operate a service managed stack set"
            )
    elif permission_model == "SELF_MANAGED" and call_as == "DELEGATED_ADMIN":
        raise CloudFormationError(
            "ValidationError", "CallAs DELEGATED_ADMIN is only supported for SERVICE_MANAGED stack sets"
        )
    return owner


def _is_stacksets_admin(org_backend: Any, account_id: str) -> bool:
    return any(a.account.id == account_id and STACKSETS_PRINCIPAL in a.services for a in org_backend.admins)


def _find_stackset(account_id: str, region: str, name: str) -> Any:
    from moto.cloudformation.models import cloudformation_backends

    backend = cloudformation_backends[account_id][region]
    for stackset in backend.stacksets.values():
        if stackset.status != "DELETED" and name in (stackset.name, stackset.id):
            return stackset
    return None


# ----------------------------------------------------------------- moto extension


def extend_moto(ssm_plugin: Any, cloudone: Any, quotas: Callable[[str, str], float]) -> None:
    """Patch moto's CloudFormation (idempotent); `ssm_plugin` stores AWS::SSM::Association resources, `cloudone`
    (cloudone_plugin.CloudOneState) answers the deployment's Lambda, `quotas` gives an account's applied quotas."""
    import moto.cloudformation.models as models
    import moto.cloudformation.parsing as parsing
    import moto.cloudformation.responses as responses

    _SSM[:] = [ssm_plugin]
    _CLOUDONE[:] = [cloudone]
    _QUOTAS[:] = [quotas]
    if getattr(models, "_preflight_extended", False):
        return
    models._preflight_extended = True
    _patch_parsing(models, parsing, responses)
    _patch_stacks(models)
    _patch_resource_types(parsing)
    _patch_stacksets(models)
    _patch_responses(responses)


def _patch_parsing(models: Any, parsing: Any, responses: Any) -> None:
    import yaml

    def tag_constructor(loader: Any, tag: str, node: Any) -> Any:
        if tag == "!GetAtt" and not isinstance(node.value, list):
            return {"Fn::GetAtt": node.value.split(".", 1)}
        return original_constructor(loader, tag, node)

    original_constructor = models.yaml_tag_constructor
    models.yaml_tag_constructor = tag_constructor
    responses.yaml_tag_constructor = tag_constructor
    yaml.add_multi_constructor("", tag_constructor)

    original_name = parsing.generate_resource_name

    def generate_resource_name(resource_type: str, stack_name: str, logical_id: str) -> str:
        name = original_name(resource_type, stack_name, logical_id)
        if resource_type in ("AWS::IAM::Role", "AWS::Lambda::Function") and len(name) > 64:
            suffix = name.rsplit("-", 1)[-1]
            budget = 64 - len(suffix) - 2
            logical = logical_id[: max(budget // 2, budget - len(stack_name))]
            name = f"{stack_name[: budget - len(logical)]}-{logical}-{suffix}"
        return name

    parsing.generate_resource_name = generate_resource_name

    original_create = parsing.parse_and_create_resource

    def parse_and_create_resource(
        logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str
    ) -> Any:
        records = _records(resources_map)
        resource_type = str(resource_json.get("Type", ""))
        started = _now()
        try:
            resource = original_create(logical_id, resource_json, resources_map, account_id, region_name)
        except ResourceFailure:
            raise
        except Exception as error:  # noqa: BLE001 - any failure of a resource is reported as CREATE_FAILED
            physical_id = error.stack.stack_id if isinstance(error, _NestedStackFailed) else None
            reason = _failure_reason(error, resource_type, _resource_identifier(parsing, logical_id, resource_json))
            now = _now()
            records[logical_id] = ResourceRecord(
                logical_id, resource_type, physical_id, "CREATE_FAILED", reason, now,
                [("CREATE_IN_PROGRESS", None, started), ("CREATE_FAILED", reason, now)],
            )
            raise ResourceFailure(logical_id, reason) from error
        if resource is not None and logical_id not in records:
            now = _now()
            records[logical_id] = ResourceRecord(
                logical_id, resource_type, _physical_id(resource), "CREATE_COMPLETE", None, now,
                [("CREATE_IN_PROGRESS", None, started), ("CREATE_COMPLETE", None, now)],
            )
        return resource

    parsing.parse_and_create_resource = parse_and_create_resource

    original_delete = parsing.ResourceMap._delete_resource

    def delete_resource(self: Any, parsed_resource: Any, resource_json: dict[str, Any]) -> None:
        try:
            original_delete(self, parsed_resource, resource_json)
        except Exception as error:  # noqa: BLE001 - CloudFormation treats an already deleted resource as deleted
            code = str(getattr(error, "error_type", None) or getattr(error, "code", None) or type(error).__name__)
            if not any(marker in code for marker in ("NotFound", "NoSuch", "DoesNotExist")):
                raise
        record = _records(self).get(getattr(parsed_resource, "logical_resource_id", ""))
        if record is not None:
            record.update("DELETE_COMPLETE")

    parsing.ResourceMap._delete_resource = delete_resource


def _patch_stacks(models: Any) -> None:
    Stack = models.Stack
    original_create_resources = Stack.create_resources
    original_nested_create = Stack.create_from_cloudformation_json.__func__
    original_delete = Stack.delete
    original_outputs = Stack.outputs
    original_exports = Stack.exports

    def create_resources(self: Any) -> None:
        self.drift_information = {"StackDriftStatus": "NOT_CHECKED"}
        parent = _CREATING[-1] if _CREATING else None
        if parent is not None:
            self.parent_id = parent.stack_id
            self.root_id = getattr(parent, "root_id", None) or parent.stack_id
        else:
            self.on_failure = _ON_FAILURE.pop() if _ON_FAILURE else "ROLLBACK"
            self.disable_rollback = self.on_failure == "DO_NOTHING"
        _CREATING.append(self)
        try:
            original_create_resources(self)
        except ResourceFailure:
            _fail_stack(self, models)
        finally:
            _CREATING.pop()

    def create_from_cloudformation_json(
        cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str,
        **kwargs: Any,
    ) -> Any:
        stack = original_nested_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        if stack.status not in HEALTHY_STACK_STATUSES:
            raise _NestedStackFailed(stack)
        return stack

    def delete(self: Any) -> None:
        _delete_failed_nested(self, models)
        original_delete(self)
        for record in _records(self.resource_map).values():
            if record.status != "DELETE_COMPLETE":
                record.update("DELETE_COMPLETE")

    def get_cfn_attribute(self: Any, attribute: str) -> Any:
        if attribute.startswith("Outputs."):
            key = attribute.split(".", 1)[1]
            output = next((o for o in (self.outputs or []) if o["OutputKey"] == key), None)
            if output is None:
                raise ResourceFailure(attribute, f"Output '{key}' not found in stack '{self.stack_id}'")
            return output["OutputValue"]
        raise NotImplementedError(attribute)

    Stack.create_resources = create_resources
    Stack.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    Stack.delete = delete
    Stack.get_cfn_attribute = get_cfn_attribute
    Stack.physical_resource_id = property(lambda self: self.stack_id)
    Stack.parameter_list = property(
        lambda self: [
            {"ParameterKey": k, "ParameterValue": "****" if k in self.resource_map.no_echo_parameter_keys else v}
            for k, v in self.resource_map.resolved_parameters.items()
        ]
    )
    Stack.outputs = property(lambda self: original_outputs.fget(self) if self.status in HEALTHY_STACK_STATUSES else None)
    Stack.exports = property(
        lambda self: original_exports.fget(self) if self.status in HEALTHY_STACK_STATUSES + ("CREATE_PENDING",) else []
    )


def _fail_stack(stack: Any, models: Any) -> None:
    """A resource failed: fail a nested stack; roll back (or keep, or delete) a root stack."""
    failed = [r for r in _records(stack.resource_map).values() if r.status == "CREATE_FAILED"]
    stack.preflight_failure = dataclasses.replace(failed[0]) if failed else None
    reason = f"The following resource(s) failed to create: [{', '.join(r.logical_id for r in failed)}]. "
    if getattr(stack, "parent_id", None) or stack.on_failure == "DO_NOTHING":
        stack.status, stack.status_reason = "CREATE_FAILED", reason
        stack._add_stack_event("CREATE_FAILED", reason)
        return
    stack.status, stack.status_reason = "ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user."
    stack._add_stack_event("ROLLBACK_IN_PROGRESS", stack.status_reason)
    try:
        _delete_failed_nested(stack, models)
        stack.resource_map.delete()
    except Exception as error:  # noqa: BLE001 - a resource that cannot be deleted fails the rollback
        stack.status, stack.status_reason = "ROLLBACK_FAILED", f"The following resource(s) failed to delete: {error}. "
        stack._add_stack_event("ROLLBACK_FAILED", stack.status_reason)
        return
    for record in _records(stack.resource_map).values():
        if record.status != "DELETE_COMPLETE":
            record.update("DELETE_COMPLETE")
    stack.status = "ROLLBACK_COMPLETE"
    stack._add_stack_event("ROLLBACK_COMPLETE")
    if stack.on_failure == "DELETE":
        backend = models.cloudformation_backends[stack.account_id][stack.region_name]
        if stack.stack_id in backend.stacks:
            backend.delete_stack(stack.stack_id)


def _delete_failed_nested(stack: Any, models: Any) -> None:
    """Delete nested stacks that failed to create (they are not in moto's resource map)."""
    backend = models.cloudformation_backends[stack.account_id][stack.region_name]
    for record in _records(stack.resource_map).values():
        if record.resource_type == "AWS::CloudFormation::Stack" and record.status == "CREATE_FAILED" and record.physical_id:
            if record.physical_id in backend.stacks:
                backend.delete_stack(record.physical_id)
            record.update("DELETE_COMPLETE")


def _patch_resource_types(parsing: Any) -> None:
    from moto.cloudformation.custom_model import CustomModel
    from moto.core.common_models import CloudFormationModel
    from moto.iam.models import Role, iam_backends
    from moto.ssm.models import Parameter

    original_role_create = Role.create_from_cloudformation_json.__func__
    original_role_delete = Role.delete_from_cloudformation_json.__func__

    def role_create(cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
                    region_name: str, **kwargs: Any) -> Any:
        role = original_role_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        properties = cloudformation_json["Properties"]
        for name, document in list(role.policies.items()):
            if not isinstance(document, str):
                role.policies[name] = json.dumps(document)
        backend = iam_backends[account_id]["aws"]
        for arn in properties.get("ManagedPolicyArns") or []:
            backend.attach_role_policy(arn, role.name)
        return role

    def role_delete(cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
                    region_name: str) -> None:
        backend = iam_backends[account_id]["aws"]
        role = next((r for r in backend.roles.values() if r.name == resource_name), None)
        if role is not None:
            for arn in list(role.managed_policies):
                backend.detach_role_policy(arn, role.name)
        original_role_delete(cls, resource_name, cloudformation_json, account_id, region_name)

    Role.create_from_cloudformation_json = classmethod(role_create)
    Role.delete_from_cloudformation_json = classmethod(role_delete)

    original_parameter_create = Parameter.create_from_cloudformation_json.__func__

    def parameter_create(cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
                         region_name: str, **kwargs: Any) -> Any:
        properties = dict(cloudformation_json["Properties"])
        if isinstance(properties.get("Tags"), dict):
            properties["Tags"] = [{"Key": str(k), "Value": str(v)} for k, v in properties["Tags"].items()]
        properties.setdefault("Name", resource_name)
        return original_parameter_create(
            cls, resource_name, {**cloudformation_json, "Properties": properties}, account_id, region_name, **kwargs
        )

    Parameter.create_from_cloudformation_json = classmethod(parameter_create)

    def custom_create(cls: Any, resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
                      region_name: str, **kwargs: Any) -> Any:
        handler = CUSTOM_RESOURCES.get(kwargs.get("ResourceType", ""))
        if handler is None:
            raise _CustomResourceFailed(
                f"the emulator does not run custom resources of type {kwargs.get('ResourceType')}"
            )
        properties = cloudformation_json["Properties"]
        from moto.awslambda import lambda_backends

        function = lambda_backends[account_id][region_name].get_function(properties["ServiceToken"])
        log_stream = f"{_now():%Y/%m/%d}/[$LATEST]{uuid.uuid4().hex}"
        resource = CustomModel(region_name, str(uuid.uuid4()), kwargs["LogicalId"], log_stream)
        resource.set_data(handler(function, account_id, region_name, log_stream))
        return resource

    CustomModel.create_from_cloudformation_json = classmethod(custom_create)

    class StackSetResource(CloudFormationModel):
        """AWS::CloudFormation::StackSet: the StackSet and its StackInstancesGroup."""

        __module__ = "moto.cloudformation.preflight"  # moto's model registry keys models by moto.<service>

        def __init__(self, stackset: Any, owner: str, region: str):
            self.stackset = stackset
            self.owner = owner
            self.region = region

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::CloudFormation::StackSet"

        @staticmethod
        def cloudformation_name_type() -> str:
            return "StackSetName"

        @property
        def physical_resource_id(self) -> str:
            return str(self.stackset.id)

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "StackSetId"

        def get_cfn_attribute(self, attribute: str) -> Any:
            if attribute == "StackSetId":
                return self.stackset.id
            raise NotImplementedError(attribute)

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[override]
            cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str,
            **kwargs: Any,
        ) -> StackSetResource:
            return cls(*create_stackset_resource(resource_name, cloudformation_json["Properties"], account_id,
                                                 region_name), region_name)

        def delete(self, account_id: str, region_name: str) -> None:
            instances = self.stackset.instances.stack_instances
            self.stackset.delete_stack_instances(
                sorted({i.account_id for i in instances}), sorted({i.region_name for i in instances})
            )
            self.stackset.delete()

    class SsmAssociationResource(CloudFormationModel):
        """AWS::SSM::Association, stored by the SSM plugin like CreateAssociation."""

        __module__ = "moto.ssm.preflight"

        def __init__(self, association_id: str, account_id: str, region: str):
            self.association_id = association_id
            self.account_id = account_id
            self.region = region

        @staticmethod
        def cloudformation_type() -> str:
            return "AWS::SSM::Association"

        @staticmethod
        def cloudformation_name_type() -> str:
            return ""

        @property
        def physical_resource_id(self) -> str:
            return self.association_id

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr == "AssociationId"

        def get_cfn_attribute(self, attribute: str) -> Any:
            if attribute == "AssociationId":
                return self.association_id
            raise NotImplementedError(attribute)

        @classmethod
        def create_from_cloudformation_json(  # type: ignore[override]
            cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str,
            **kwargs: Any,
        ) -> SsmAssociationResource:
            properties = dict(cloudformation_json["Properties"])
            properties.pop("WaitForSuccessTimeoutSeconds", None)
            if "Parameters" in properties:
                properties["Parameters"] = {
                    k: [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in properties["Parameters"].items()
                }
            created = _SSM[0].create_association(properties, account_id, region_name)["AssociationDescription"]
            resource = cls(created["AssociationId"], account_id, region_name)
            resource.created = created
            return resource

        def delete(self, account_id: str, region_name: str) -> None:
            from ssm_plugin import SsmError

            try:
                _SSM[0].delete_association({"AssociationId": self.association_id}, self.account_id, self.region)
            except SsmError:
                pass

    for cache in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cache.cache_clear()


def create_stackset_resource(
    resource_name: str, properties: dict[str, Any], account_id: str, region: str
) -> tuple[Any, str]:
    """Create the StackSet of an AWS::CloudFormation::StackSet resource and its stack instances."""
    from moto.cloudformation.exceptions import ValidationError
    from moto.cloudformation.models import cloudformation_backends
    from moto.cloudformation.utils import get_stack_from_s3_url

    permission_model = properties.get("PermissionModel") or "SELF_MANAGED"
    owner = resolve_owner(account_id, properties.get("CallAs") or "SELF", permission_model)
    backend = cloudformation_backends[owner][region]
    name = properties.get("StackSetName") or resource_name
    if _find_stackset(owner, region, name) is not None:
        raise CloudFormationError("NameAlreadyExistsException", f"StackSet {name} already exists", 409)
    template = properties.get("TemplateBody")
    if not template:
        if not properties.get("TemplateURL"):
            raise ValidationError(message="Either TemplateBody or TemplateURL must be specified")
        template = get_stack_from_s3_url(properties["TemplateURL"], account_id=owner, partition="aws")
    stackset = backend.create_stack_set(
        name=name,
        template=template,
        parameters={p["ParameterKey"]: p["ParameterValue"] for p in properties.get("Parameters") or []},
        tags={t["Key"]: t["Value"] for t in properties.get("Tags") or []},
        permission_model=permission_model,
        admin_role=properties.get("AdministrationRoleARN"),
        exec_role=properties.get("ExecutionRoleName"),
        description=properties.get("Description"),
    )
    stackset.capabilities = properties.get("Capabilities") or []
    # DescribeStackSet's StackSetDriftDetectionDetails before any drift detection (moto's serializer reads it).
    stackset.stack_set_drift_detection_details = {"DriftStatus": "NOT_CHECKED", "TotalStackInstancesCount": 0}
    if properties.get("AutoDeployment"):
        stackset.auto_deployment = properties["AutoDeployment"]
    units: list[str] = []
    _CREATING.append(None)
    try:
        for group in properties.get("StackInstancesGroup") or []:
            targets = dict(group.get("DeploymentTargets") or {})
            units += [u for u in targets.get("OrganizationalUnitIds") or [] if u not in units]
            stackset.create_stack_instances(
                accounts=targets.get("Accounts") or [],
                regions=group.get("Regions") or [],
                deployment_targets=targets,
                parameters=group.get("ParameterOverrides") or [],
            )
    finally:
        _CREATING.pop()
    if units:
        stackset.organizational_unit_ids = units
    return stackset, owner


def _patch_stacksets(models: Any) -> None:
    from moto.organizations.models import FakeRoot

    from policy_eval import organization_for

    from moto.cloudformation.exceptions import CloudFormationError as MotoCloudFormationError

    original_create_stack_instances = models.StackSet.create_stack_instances
    original_create_stack_set = models.CloudFormationBackend.create_stack_set

    def create_stack_set(self: Any, *args: Any, **kwargs: Any) -> Any:
        """Refuses a StackSet beyond the account's quota of StackSets per administrator account (per region)."""
        quota = _QUOTAS[0](self.account_id, STACK_SETS_QUOTA) if _QUOTAS else float("inf")
        active = sum(1 for s in self.stacksets.values() if s.status != "DELETED")
        if active >= quota:
            raise MotoCloudFormationError(
                "LimitExceededException",
                f"The quota for the resource has already been reached: {active} stack sets of {quota:g} stack sets "
                f"per administrator account ({STACK_SETS_QUOTA}) in {self.region_name}",
            )
        return original_create_stack_set(self, *args, **kwargs)

    def create_stack_instances(self: Any, accounts: list[str], regions: list[str],
                               deployment_targets: dict[str, Any] | None, parameters: list[dict[str, Any]]) -> str:
        before = {id(i) for i in self.instances.stack_instances}
        operation_id = original_create_stack_instances(self, accounts, regions, deployment_targets, parameters)
        for instance in self.instances.stack_instances:
            if id(instance) not in before:
                instance.last_operation_id = operation_id
        return operation_id

    def create_instances(self: Any, accounts: list[str], regions: list[str], parameters: Any,
                         deployment_targets: dict[str, Any], permission_model: str) -> list[dict[str, Any]]:
        targets: list[tuple[str, str | None]] = []
        if permission_model == "SERVICE_MANAGED":
            found = organization_for(self.account_id)
            by_ou: dict[str, str] = {}
            if found is not None:
                org = found[0]
                requested = deployment_targets.get("OrganizationalUnitIds") or []
                for account in org.accounts:
                    if account.id == org.account_id or account.status != "ACTIVE":
                        continue
                    path = []
                    parent = account.parent_id
                    while parent:
                        path.append(parent)
                        node = next((o for o in org.ou if o.id == parent), None)
                        parent = None if node is None or isinstance(node, FakeRoot) else node.parent_id
                    unit = next((p for p in path if p in requested), None)
                    if unit is not None:
                        by_ou[account.id] = unit
            chosen = list(by_ou)
            filter_type = deployment_targets.get("AccountFilterType") or "NONE"
            listed = [str(a) for a in deployment_targets.get("Accounts") or []]
            if filter_type == "INTERSECTION":
                chosen = [a for a in chosen if a in listed]
            elif filter_type == "DIFFERENCE":
                chosen = [a for a in chosen if a not in listed]
            elif filter_type == "UNION":
                chosen += [a for a in listed if a not in chosen]
            targets = [(a, by_ou.get(a)) for a in chosen]
        else:
            targets = [(str(a), None) for a in accounts]
        existing = {(i.account_id, i.region_name) for i in self.stack_instances}
        created = []
        for region in regions:
            for account, unit in targets:
                if (account, region) in existing:
                    continue
                instance = models.StackInstance(
                    account_id=account,
                    region_name=region,
                    stackset_id=self.stackset_id,
                    stack_name=self.stack_name,
                    name=self.stackset_name,
                    template=self.template,
                    parameters=parameters,
                    permission_model=permission_model,
                )
                instance.organizational_unit_id = unit
                created.append(instance)
        self.stack_instances += created
        return [i.to_dict() for i in created]

    def to_dict(self: Any) -> dict[str, Any]:
        status, detailed, reason = _instance_status(self)
        summary: dict[str, Any] = {
            "StackId": self.stack.stack_id,
            "StackSetId": self.stackset_id,
            "Region": self.region_name,
            "Account": self.account_id,
            "Status": status,
            "StackInstanceStatus": {"DetailedStatus": detailed},
            "ParameterOverrides": self.parameters,
            "DriftStatus": _instance_drift_status(self),
        }
        if reason:
            summary["StatusReason"] = reason
        if getattr(self, "organizational_unit_id", None):
            summary["OrganizationalUnitId"] = self.organizational_unit_id
        if getattr(self, "last_operation_id", None):
            summary["LastOperationId"] = self.last_operation_id
        return summary

    models.StackSet.create_stack_instances = create_stack_instances
    models.CloudFormationBackend.create_stack_set = create_stack_set
    models.StackInstances.create_instances = create_instances
    models.StackInstance.to_dict = to_dict


def _instance_drift_status(instance: Any) -> str:
    drift = getattr(instance, "preflight_drift", None)
    if drift is None:
        return "NOT_CHECKED"
    return "DRIFTED" if drift["resources"] else "IN_SYNC"


def _operation_results(stackset: Any, operation: dict[str, Any]) -> list[dict[str, Any]]:
    """An operation's result in each account and region: its stack instances' outcome (the instances it
    created or last updated), with the account gate's (SKIPPED when there is no gate function)."""
    results = []
    for instance in stackset.instances.stack_instances:
        if getattr(instance, "last_operation_id", None) != operation["OperationId"]:
            continue
        _, detailed, reason = _instance_status(instance)
        gate = getattr(instance, "preflight_account_gate", None) or (
            "SKIPPED",
            f"Function not found: arn:aws:lambda:{instance.region_name}:{instance.account_id}:function:"
            "AWSCloudFormationStackSetAccountGate",
        )
        status = OPERATION_RESULT_STATUSES.get(detailed, "FAILED")
        if gate[0] == "FAILED":
            status = "FAILED"
        result: dict[str, Any] = {
            "Account": instance.account_id, "Region": instance.region_name, "Status": status,
            "AccountGateResult": {"Status": gate[0], "StatusReason": gate[1]},
        }
        if status != "SUCCEEDED" and (reason or gate[0] == "FAILED"):
            result["StatusReason"] = reason or "Account gate check failed"
        if getattr(instance, "organizational_unit_id", None):
            result["OrganizationalUnitId"] = instance.organizational_unit_id
        results.append(result)
    return results


def _operation_status(stackset: Any, operation: dict[str, Any]) -> str:
    """A create or update operation's status from its results: FAILED when one failed (no failure tolerance),
    STOPPED when one was cancelled, else moto's."""
    if operation.get("Action") == "DETECT_DRIFT":
        return str(operation["Status"])
    statuses = {r["Status"] for r in _operation_results(stackset, operation)}
    if "FAILED" in statuses:
        return "FAILED"
    if "CANCELLED" in statuses:
        return "STOPPED"
    return str(operation["Status"])


def _instance_status(instance: Any) -> tuple[str, str, str | None]:
    override = getattr(instance, "preflight_override", None)
    if override:
        return override
    stack = instance.stack
    if stack.status in HEALTHY_STACK_STATUSES:
        return "CURRENT", "SUCCEEDED", None
    failed = getattr(stack, "preflight_failure", None)
    if failed is None:
        return "OUTDATED", "FAILED", getattr(stack, "status_reason", None)
    reason = failed.reason or ""
    return (
        "OUTDATED",
        "FAILED",
        f"ResourceLogicalId:{failed.logical_id}, ResourceType:{failed.resource_type}, "
        f"ResourceStatusReason:{reason}{'' if reason.endswith('.') else '.'}",
    )


def _patch_responses(responses: Any) -> None:
    from moto.cloudformation import models
    from moto.cloudformation.exceptions import CloudFormationError as MotoCloudFormationError
    from moto.cloudformation.exceptions import ValidationError
    from moto.core.responses import ActionResult

    Response_ = responses.CloudFormationResponse
    original_create_stack = Response_.create_stack

    def create_stack(self: Any) -> Any:
        on_failure = self._get_param("OnFailure")
        if on_failure not in (None, "ROLLBACK", "DO_NOTHING", "DELETE"):
            raise ValidationError(
                message=f"1 validation error detected: Value '{on_failure}' at 'onFailure' failed to satisfy "
                "constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]"
            )
        disable = self._get_bool_param("DisableRollback", False)
        if on_failure and disable:
            raise ValidationError(message="You cannot specify both DisableRollback and OnFailure.")
        _ON_FAILURE[:] = [on_failure or ("DO_NOTHING" if disable else "ROLLBACK")]
        try:
            result = original_create_stack(self)
        finally:
            _ON_FAILURE.clear()
        capabilities = self._get_param("Capabilities", [])
        created = next((st for st in self.cloudformation_backend.stacks.values()
                        if st.name == self._get_param("StackName")), None)
        if capabilities and created is not None:
            created.capabilities = capabilities
        return result

    def list_stack_resources(self: Any) -> Any:
        stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
        summaries = []
        for record in _stack_records(stack).values():
            summary = {
                "LogicalResourceId": record.logical_id,
                "ResourceType": record.resource_type,
                "LastUpdatedTimestamp": record.timestamp,
                "ResourceStatus": record.status,
                "DriftInformation": {"StackResourceDriftStatus": "NOT_CHECKED"},
            }
            if record.physical_id:
                summary["PhysicalResourceId"] = record.physical_id
            if record.reason:
                summary["ResourceStatusReason"] = record.reason
            summaries.append(summary)
        return ActionResult({"StackResourceSummaries": summaries})

    def _details(stack: Any, records: list[ResourceRecord], detail: bool) -> list[dict[str, Any]]:
        items = []
        for record in records:
            item = {
                "StackName": stack.name,
                "StackId": stack.stack_id,
                "LogicalResourceId": record.logical_id,
                "ResourceType": record.resource_type,
                "ResourceStatus": record.status,
                "DriftInformation": {"StackResourceDriftStatus": "NOT_CHECKED"},
                ("LastUpdatedTimestamp" if detail else "Timestamp"): record.timestamp,
            }
            if record.physical_id:
                item["PhysicalResourceId"] = record.physical_id
            if record.reason:
                item["ResourceStatusReason"] = record.reason
            items.append(item)
        return items

    def describe_stack_resources(self: Any) -> Any:
        name = self._get_param("StackName")
        physical = self._get_param("PhysicalResourceId")
        if not name and not physical:
            raise ValidationError(message="Either StackName or PhysicalResourceId must be specified.")
        stack = self.cloudformation_backend.get_stack(name) if name else _stack_owning(self, physical)
        records = list(_stack_records(stack).values())
        logical = self._get_param("LogicalResourceId")
        if logical:
            records = [r for r in records if r.logical_id == logical]
        if physical:
            records = [r for r in records if r.physical_id == physical]
        return ActionResult({"StackResources": _details(stack, records, False)})

    def describe_stack_resource(self: Any) -> Any:
        stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
        logical = self._get_param("LogicalResourceId")
        record = _stack_records(stack).get(logical)
        if record is None:
            raise ValidationError(message=f"Resource {logical} does not exist for stack {stack.name}")
        return ActionResult({"StackResourceDetail": _details(stack, [record], True)[0]})

    def list_stack_instances(self: Any) -> Any:
        stackset = self.cloudformation_backend.describe_stack_set(self._get_param("StackSetName"))
        max_results = self._get_param("MaxResults")
        if max_results is not None and not 1 <= int(max_results) <= 100:
            bound = "greater than or equal to 1" if int(max_results) < 1 else "less than or equal to 100"
            raise ValidationError(
                message=f"1 validation error detected: Value '{max_results}' at 'maxResults' failed to satisfy "
                f"constraint: Member must have value {bound}"
            )
        items = [i.to_dict() for i in stackset.instances.stack_instances]
        account = self._get_param("StackInstanceAccount")
        region = self._get_param("StackInstanceRegion")
        if account:
            items = [i for i in items if i["Account"] == account]
        if region:
            items = [i for i in items if i["Region"] == region]
        for entry in self._get_param("Filters", []) or []:
            name, value = entry.get("Name"), entry.get("Values")
            key = {"DETAILED_STATUS": lambda i: i["StackInstanceStatus"]["DetailedStatus"],
                   "LAST_OPERATION_ID": lambda i: i.get("LastOperationId"),
                   "DRIFT_STATUS": lambda i: i.get("DriftStatus")}.get(name)
            if key is None:
                raise ValidationError(
                    message=f"1 validation error detected: Value '{name}' at 'filters.1.member.name' failed to "
                    "satisfy constraint: Member must satisfy enum value set: [DETAILED_STATUS, LAST_OPERATION_ID, "
                    "DRIFT_STATUS]"
                )
            items = [i for i in items if key(i) == value]
        page, token = _paginate(items, self._get_param("NextToken"), int(max_results or 100))
        result: dict[str, Any] = {"Summaries": page}
        if token:
            result["NextToken"] = token
        return ActionResult(result)

    def describe_stack_events(self: Any) -> Any:
        """The stack's own events (moto's) and its resources' status changes, newest first, 100 per page."""
        stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
        events = list(stack.events)
        for record in _records(stack.resource_map).values():
            for status, reason, timestamp in record.history:
                event = models.Event(
                    stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=record.logical_id,
                    physical_resource_id=record.physical_id, resource_type=record.resource_type,
                    resource_status=status, resource_status_reason=reason, resource_properties=None,
                )
                event.timestamp = timestamp.replace(tzinfo=None)
                events.append(event)
        events.sort(key=lambda e: e.timestamp.replace(tzinfo=None), reverse=True)
        page, token = _paginate(events, self._get_param("NextToken"), 100)
        result: dict[str, Any] = {"StackEvents": page}
        if token:
            result["NextToken"] = token
        return ActionResult(result)

    def list_stack_sets(self: Any) -> Any:
        """The StackSets of the account (`CallAs` routed it), by `Status`, 1…100 per page; a delegated
        administrator sees only the SERVICE_MANAGED ones."""
        max_results = int(self._get_param("MaxResults") or 100)
        if not 1 <= max_results <= 100:
            bound = "greater than or equal to 1" if max_results < 1 else "less than or equal to 100"
            raise ValidationError(
                message=f"1 validation error detected: Value '{max_results}' at 'maxResults' failed to satisfy "
                f"constraint: Member must have value {bound}"
            )
        status = self._get_param("Status")
        if status not in (None, "ACTIVE", "DELETED"):
            raise ValidationError(
                message=f"1 validation error detected: Value '{status}' at 'status' failed to satisfy constraint: "
                "Member must satisfy enum value set: [ACTIVE, DELETED]"
            )
        delegated = self._get_param("CallAs") == "DELEGATED_ADMIN"
        items = [s for s in self.cloudformation_backend.list_stack_sets()
                 if (status is None or s.status == status) and (not delegated or s.permission_model == "SERVICE_MANAGED")]
        page, token = _paginate(items, self._get_param("NextToken"), max_results)
        result: dict[str, Any] = {"Summaries": page}
        if token:
            result["NextToken"] = token
        return ActionResult(result)

    def list_stack_set_operations(self: Any) -> Any:
        stackset = self.cloudformation_backend.describe_stack_set(self._get_param("StackSetName"))
        operations = [
            {k: v for k, v in {**o, "Status": _operation_status(stackset, o)}.items() if k != "Instances"}
            for o in sorted(stackset.operations, key=lambda o: o["CreationTimestamp"].replace(tzinfo=None), reverse=True)
        ]
        page, token = _paginate(operations, self._get_param("NextToken"), int(self._get_param("MaxResults") or 100))
        result: dict[str, Any] = {"Summaries": page}
        if token:
            result["NextToken"] = token
        return ActionResult(result)

    def list_stack_set_operation_results(self: Any) -> Any:
        stackset = self.cloudformation_backend.describe_stack_set(self._get_param("StackSetName"))
        operation_id = self._get_param("OperationId")
        operation = next((o for o in stackset.operations if o["OperationId"] == operation_id), None)
        if operation is None:
            raise MotoCloudFormationError("OperationNotFoundException", f"Operation {operation_id} not found")
        items = _operation_results(stackset, operation)
        page, token = _paginate(items, self._get_param("NextToken"), int(self._get_param("MaxResults") or 100))
        result: dict[str, Any] = {"Summaries": page}
        if token:
            result["NextToken"] = token
        return ActionResult(result)

    def list_stack_instance_resource_drifts(self: Any) -> Any:
        stackset = self.cloudformation_backend.describe_stack_set(self._get_param("StackSetName"))
        account, region = self._get_param("StackInstanceAccount"), self._get_param("StackInstanceRegion")
        operation_id = self._get_param("OperationId")
        if not any(o["OperationId"] == operation_id for o in stackset.operations):
            raise MotoCloudFormationError("OperationNotFoundException", f"Operation {operation_id} not found")
        instance = next(
            (i for i in stackset.instances.stack_instances if i.account_id == account and i.region_name == region), None)
        if instance is None:
            raise MotoCloudFormationError(
                "StackInstanceNotFoundException",
                f"Stack instance for StackSet {stackset.name} in account {account} and region {region} not found")
        drift = getattr(instance, "preflight_drift", None)
        resources = drift["resources"] if drift and drift["operationId"] == operation_id else []
        wanted = self._get_param("StackInstanceResourceDriftStatuses") or []
        items = [r for r in resources if not wanted or r["StackResourceDriftStatus"] in wanted]
        page, token = _paginate(items, self._get_param("NextToken"), int(self._get_param("MaxResults") or 100))
        result: dict[str, Any] = {"Summaries": page}
        if token:
            result["NextToken"] = token
        return ActionResult(result)

    Response_.describe_stack_events = describe_stack_events
    Response_.list_stack_set_operations = list_stack_set_operations
    Response_.list_stack_sets = list_stack_sets
    Response_.list_stack_set_operation_results = list_stack_set_operation_results
    Response_.list_stack_instance_resource_drifts = list_stack_instance_resource_drifts
    Response_.create_stack = create_stack
    Response_.list_stack_resources = list_stack_resources
    Response_.describe_stack_resources = describe_stack_resources
    Response_.describe_stack_resource = describe_stack_resource
    Response_.list_stack_instances = list_stack_instances


def _stack_owning(response: Any, physical_id: str) -> Any:
    from moto.cloudformation.exceptions import ValidationError

    backend = response.cloudformation_backend
    for stack in list(backend.stacks.values()):
        if any(r.physical_id == physical_id for r in _stack_records(stack).values()):
            return stack
    raise ValidationError(message=f"Stack for {physical_id} does not exist")


# -------------------------------------------------------------------- resources


def _records(resource_map: Any) -> dict[str, ResourceRecord]:
    records = getattr(resource_map, "preflight_records", None)
    if records is None:
        records = {}
        resource_map.preflight_records = records
    return records


def _stack_records(stack: Any) -> dict[str, ResourceRecord]:
    """The stack's resource records, adding created resources moto made outside the create path (updates)."""
    resource_map = stack.resource_map
    records = _records(resource_map)
    if stack.status not in ("DELETE_COMPLETE", "ROLLBACK_COMPLETE", "CREATE_FAILED"):
        parsed = resource_map._parsed_resources
        status = "UPDATE_COMPLETE" if stack.status.startswith("UPDATE") else "CREATE_COMPLETE"
        for logical_id, definition in resource_map._resource_json_map.items():
            resource = parsed.get(logical_id)
            if logical_id not in records and resource is not None and not isinstance(resource, (str, dict, list)):
                records[logical_id] = ResourceRecord(
                    logical_id, str(definition.get("Type", "")), _physical_id(resource), status, None, _now()
                )
    return records


def _physical_id(resource: Any) -> str | None:
    try:
        value = resource.physical_resource_id
    except Exception:  # noqa: BLE001 - some moto models compute it lazily and may fail
        return None
    return None if value is None else str(value)


def _resource_identifier(parsing: Any, logical_id: str, resource_json: dict[str, Any]) -> str:
    name_property = parsing.resource_name_property_from_type(str(resource_json.get("Type", "")))
    properties = resource_json.get("Properties") or {}
    value = properties.get(name_property) if name_property else None
    return value if isinstance(value, str) else logical_id


def _failure_reason(error: Exception, resource_type: str, identifier: str) -> str:
    """CloudFormation's ResourceStatusReason for a resource that failed to create."""
    if isinstance(error, _NestedStackFailed):
        return str(error)
    if isinstance(error, _CustomResourceFailed):
        return f"Received response status [FAILED] from custom resource. Message returned: {error} (RequestId: {uuid.uuid4()})"
    code = getattr(error, "error_type", None) or getattr(error, "code", None) or type(error).__name__
    message = getattr(error, "message", None) or str(error)
    if "AlreadyExists" in str(code) or "AlreadyExists" in type(error).__name__:
        return f"Resource of type '{resource_type}' with identifier '{identifier}' already exists."
    handler_code = next(
        (
            mapped
            for marker, mapped in (("NotFound", "NotFound"), ("NoSuch", "NotFound"), ("DoesNotExist", "NotFound"),
                                   ("AccessDenied", "AccessDenied"), ("Throttl", "Throttling"),
                                   ("LimitExceeded", "ServiceLimitExceeded"))
            if marker in str(code)
        ),
        "InvalidRequest",
    )
    service = resource_type.split("::")[1] if resource_type.count("::") == 2 else "CloudFormation"
    return (
        f'Resource handler returned message: "{message} (Service: {_SERVICE_NAMES.get(service, service)}, '
        f'Status Code: 400, Request ID: {uuid.uuid4()})" (RequestToken: {uuid.uuid4()}, '
        f"HandlerErrorCode: {handler_code})"
    )


# ----------------------------------------------------------- custom resources


def _agent_deployment_script(function: Any, account_id: str, region: str, log_stream: str) -> dict[str, Any]:
    """The deployment's Lambda: reads the API key secret, lists the organization's OUs, asks the Cloud One region
    of its `C1_API_ENDPOINT` for a Linux deployment script with that key (the emulator's Cloud One) and extracts
    the activation URL, manager URL, tenant id and token with the Lambda's regular expressions; when they are not
    in the answer, it reports FAILED (its log has the details)."""
    from moto.organizations.models import FakeRoot
    from moto.secretsmanager.models import secretsmanager_backends

    from policy_eval import ALLOWED, organization_for, role_policies

    environment = (getattr(function, "environment_vars", None) or {})
    secret_arn = str(environment.get("CloudOneApiKeySecret", ""))
    role_name = str(function.role).rsplit("/", 1)[-1]
    caller = f"arn:aws:sts::{account_id}:assumed-role/{role_name}/{function.function_name}"
    policies = role_policies(account_id, role_name)
    for action, resource in (("secretsmanager:GetSecretValue", secret_arn or "*"),
                             ("organizations:ListRoots", "*"),
                             ("organizations:ListOrganizationalUnitsForParent", "*")):
        if policies is None or policies.evaluate(action, resource, {}).decision != ALLOWED:
            operation = action.split(":", 1)[1]
            raise _CustomResourceFailed(
                f"An error occurred (AccessDeniedException) when calling the {operation} operation: User: {caller} "
                f"is not authorized to perform: {action} on resource: {resource}"
            )
    parts = secret_arn.split(":")
    secret_region = parts[3] if len(parts) > 6 else region
    secret_account = parts[4] if len(parts) > 6 else account_id
    backend = secretsmanager_backends[secret_account][secret_region]
    secret = next((s for s in backend.secrets.values() if secret_arn and secret_arn in (s.arn, s.name)), None)
    if secret is None:
        raise _CustomResourceFailed(
            "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: "
            "Secrets Manager can't find the specified secret."
        )
    found = organization_for(account_id)
    if found is None:
        raise _CustomResourceFailed(
            "An error occurred (AWSOrganizationsNotInUseException) when calling the ListRoots operation: "
            "Your account is not a member of an organization."
        )
    org = found[0]
    root = next(o for o in org.ou if isinstance(o, FakeRoot))
    units: list[str] = []

    def walk(parent_id: str) -> None:
        for unit in org.ou:
            if not isinstance(unit, FakeRoot) and unit.parent_id == parent_id:
                units.append(unit.id)
                walk(unit.id)

    walk(root.id)
    cloudone_region = str(environment.get("C1_API_ENDPOINT", "")).lower()
    answer = _CLOUDONE[0].serve(
        "POST", f"/cloudone/{cloudone_region}/api/agentdeploymentscripts", "",
        {"authorization": f"ApiKey {secret.secret_string or ''}", "api-version": "v1",
         "content-type": "application/json"},
        json.dumps(AGENT_DEPLOYMENT_SCRIPT_REQUEST).encode(),
    )
    text = answer.body().decode()
    found_outputs = {name: pattern.search(text) for name, pattern in AGENT_DEPLOYMENT_SCRIPT_OUTPUTS.items()}
    if not all(found_outputs.values()):
        raise _CustomResourceFailed(f"See the details in CloudWatch Log Stream: {log_stream}")
    outputs = {name: match.group(1) for name, match in found_outputs.items() if match is not None}
    return {**outputs, "OrganizationalUnits": ",".join(units)}


CUSTOM_RESOURCES: dict[str, Callable[[Any, str, str, str], dict[str, Any]]] = {
    "Custom::CustomInvokeAgentScriptParser": _agent_deployment_script,
}


# ----------------------------------------------------------------------- helpers


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _paginate(items: list[Any], token: str | None, max_results: int) -> tuple[list[Any], str | None]:
    from moto.cloudformation.exceptions import ValidationError

    start = 0
    if token:
        try:
            decoded = base64.urlsafe_b64decode(token.encode()).decode()
            if not decoded.startswith(_TOKEN_PREFIX):
                raise ValueError(token)
            start = int(decoded[len(_TOKEN_PREFIX):])
        except ValueError as error:
            raise ValidationError(message="Invalid NextToken") from error
        if not 0 <= start <= len(items):
            raise ValidationError(message="Invalid NextToken")
    end = start + max_results
    next_token = base64.urlsafe_b64encode(f"{_TOKEN_PREFIX}{end}".encode()).decode() if end < len(items) else None
    return items[start:end], next_token
