"""What each AWS request asks IAM for: its action and the ARNs of the resources it names.

The ARNs follow the Service Authorization Reference of each action Preflight uses (an action without resource
types is authorized on `*`), computed from the request's parameters and moto's state (a stack's id, a role's
path). `authorize` evaluates recorded calls against identity policies with the emulator's policy evaluator.
"""

from __future__ import annotations

from typing import Any, Callable

from policy_eval import ALLOWED, ParsedPolicy, PolicySource, evaluate_set

# Actions every caller may perform without any permission.
# IAM Identity Center's portal and OIDC are authorized by their bearer token or client secret, not by IAM.
UNAUTHORIZED_ACTIONS = frozenset({"sts:GetCallerIdentity", "sso:GetRoleCredentials", "sso-oidc:CreateToken"})


# IAM actions of operations whose action is not named after them (the Service Authorization Reference).
_ACTIONS = {("s3", "HeadObject"): "s3:GetObject"}


def action_for(request: Any) -> str:
    """The IAM action `request` is authorized as: `service:Operation` unless the operation has another action."""
    return _ACTIONS.get((request.service, request.operation), f"{request.service}:{request.operation}")


def resources_for(request: Any, account_id: str) -> list[str]:
    """The resource ARNs `request` is authorized on (call under the moto lock)."""
    if request.service == "s3" and request.operation in _S3_RESOURCES:
        return _S3_RESOURCES[request.operation](request.path)
    resolver = _RESOLVERS.get((request.service, request.operation))
    if resolver is None:
        return ["*"]
    params = _parameters(request)
    try:
        arns = resolver(params, account_id, request.region)
    except (KeyError, LookupError, AttributeError, TypeError):
        arns = []
    return arns or ["*"]


def authorize(calls: list[dict[str, Any]], policies: dict[str, Any], default: Any) -> list[dict[str, Any]]:
    """The calls (with `action` and `resources`) that their account's policy does not allow on every resource:
    `policies` maps account ids to a policy document, `default` is the document of every other account."""
    parsed: dict[str, ParsedPolicy] = {}

    def policy_of(account: str) -> ParsedPolicy:
        if account not in parsed:
            document = policies.get(account, default)
            text = document if isinstance(document, str) else _dumps(document)
            parsed[account] = ParsedPolicy(PolicySource(account, "none", text))
        return parsed[account]

    denied = []
    for call in calls:
        action = call.get("action")
        if not action or action in UNAUTHORIZED_ACTIONS or call.get("signature") or call.get("service") == "cloudone":
            continue
        refused = [
            resource for resource in call.get("resources") or ["*"]
            if evaluate_set([policy_of(call["accountId"])], action, resource, {}).decision != ALLOWED
        ]
        if refused:
            denied.append({**call, "deniedResources": refused})
    return denied


def _dumps(document: Any) -> str:
    import json

    return json.dumps(document)


def _parameters(request: Any) -> dict[str, Any]:
    if request.is_xml:
        return request.params()
    try:
        body = request.json_body()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _members(params: dict[str, Any], name: str) -> list[str]:
    """A query-protocol list (`Name.member.N`) or a JSON list."""
    if isinstance(params.get(name), list):
        return [str(value) for value in params[name]]
    prefix = f"{name}.member."
    return [value for key, value in sorted(params.items()) if key.startswith(prefix)]


def _iam_backend(account_id: str) -> Any:
    from moto.iam.models import iam_backends

    return iam_backends[account_id]["aws"]


def _role(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    name = params["RoleName"]
    role = next((r for r in _iam_backend(account_id).roles.values() if r.name == name), None)
    return [role.arn if role else f"arn:aws:iam::{account_id}:role/{name}"]


def _user(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    name = params.get("UserName")
    if not name:
        return []
    user = _iam_backend(account_id).users.get(name)
    return [user.arn if user else f"arn:aws:iam::{account_id}:user/{name}"]


def _instance_profile(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    name = params["InstanceProfileName"]
    profile = next((p for p in _iam_backend(account_id).instance_profiles.values() if p.name == name), None)
    return [profile.arn if profile else f"arn:aws:iam::{account_id}:instance-profile/{name}"]


def _organization_parent(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    from moto.organizations.models import organizations_backends

    organization = organizations_backends[account_id]["aws"].org
    parent = params["ParentId"]
    kind = "root" if parent.startswith("r-") else "ou"
    return [f"arn:aws:organizations::{organization.master_account_id}:{kind}/{organization.id}/{parent}"]


def _parameters_named(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    return [f"arn:aws:ssm:{region}:{account_id}:parameter/{name.lstrip('/')}" for name in _members(params, "Names")]


def _association(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    if params.get("AssociationId"):
        return [f"arn:aws:ssm:{region}:{account_id}:association/{params['AssociationId']}"]
    arns = []
    if params.get("Name"):
        name = params["Name"]
        owner = "" if name.startswith("AWS-") else account_id
        arns.append(name if name.startswith("arn:") else f"arn:aws:ssm:{region}:{owner}:document/{name}")
    if params.get("InstanceId"):
        arns.append(f"arn:aws:ec2:{region}:{account_id}:instance/{params['InstanceId']}")
    return arns


def _instance(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    return [f"arn:aws:ec2:{region}:{account_id}:instance/{params['InstanceId']}"]


def _service_setting(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    setting = str(params.get("SettingId", ""))
    if setting.startswith("arn:"):
        return [setting]
    return [f"arn:aws:ssm:{region}:{account_id}:servicesetting/{setting.lstrip('/')}"]


def _stack(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    from moto.cloudformation.models import cloudformation_backends

    name = params.get("StackName")
    if not name:
        return []
    if name.startswith("arn:"):
        return [name]
    stacks = cloudformation_backends[account_id][region].stacks.values()
    stack = next((s for s in stacks if s.name == name and not s.status.startswith("DELETE_COMPLETE")), None)
    return [stack.stack_id if stack else f"arn:aws:cloudformation:{region}:{account_id}:stack/{name}/*"]


def _stack_set(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    from moto.cloudformation.models import cloudformation_backends

    name = params["StackSetName"]
    if name.startswith("arn:"):
        return [name]
    stack_set = next((s for s in cloudformation_backends[account_id][region].stacksets.values() if s.name == name), None)
    return [stack_set.arn if stack_set else f"arn:aws:cloudformation:{region}:{account_id}:stackset/{name}:*"]


def _secret(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    from moto.secretsmanager.models import secretsmanager_backends

    identifier = params["SecretId"]
    if identifier.startswith("arn:"):
        return [identifier]
    secrets = secretsmanager_backends[account_id][region].secrets
    secret = secrets.get(identifier)
    return [secret.arn if secret else f"arn:aws:secretsmanager:{region}:{account_id}:secret:{identifier}-??????"]


def _key(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    """The KMS key `KeyId` names (key id, key ARN, alias name or alias ARN): an alias is authorized on its key."""
    from moto.kms.models import kms_backends

    identifier = params["KeyId"]
    if identifier.startswith("arn:") and ":key/" in identifier:
        return [identifier]
    if identifier.startswith("arn:") and ":alias/" in identifier:
        _, _, _, region, account_id, _ = identifier.split(":", 5)
    backend = kms_backends[account_id][region]
    key_id = backend.any_id_to_key_id(identifier)
    key = backend.keys.get(key_id)
    return [key.arn if key else f"arn:aws:kms:{region}:{account_id}:key/{key_id}"]


def _organization(account_id: str) -> Any:
    from policy_eval import organization_for

    found = organization_for(account_id)
    if found is None:
        raise LookupError(account_id)
    return found[0]


def _organization_policy(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    return [_organization(account_id).get_policy_by_id(params["PolicyId"]).arn]


def _organization_target(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    """The root, OU or account `TargetId` names, in its organization's ARN."""
    organization = _organization(account_id).org
    target = params["TargetId"]
    kind = "root" if target.startswith("r-") else "ou" if target.startswith("ou-") else "account"
    return [f"arn:aws:organizations::{organization.master_account_id}:{kind}/{organization.id}/{target}"]


def _s3_object(path: str) -> list[str]:
    """The object of a path-style request `/BUCKET/KEY` (the key as sent: `//` kept)."""
    bucket, _, key = path.lstrip("/").partition("/")
    return [f"arn:aws:s3:::{bucket}/{key}"] if bucket and key else ["*"]


def _s3_bucket(path: str) -> list[str]:
    bucket = path.lstrip("/").partition("/")[0]
    return [f"arn:aws:s3:::{bucket}"] if bucket else ["*"]


def _quota(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    return [f"arn:aws:servicequotas:{region}:{account_id}:{params['ServiceCode']}/{params['QuotaCode']}"]


def _account(params: dict[str, Any], account_id: str, region: str) -> list[str]:
    """The caller's own account, or the member account `AccountId` names (in its organization's ARN)."""
    from policy_eval import organization_for

    target = params.get("AccountId")
    if not target or target == account_id:
        return [f"arn:aws:account::{account_id}:account"]
    found = organization_for(account_id)
    if found is None:
        return [f"arn:aws:account::{account_id}:account"]
    organization = found[0].org
    return [f"arn:aws:account::{organization.master_account_id}:account/{organization.id}/{target}"]


# S3 (path-style requests, as with an endpoint override): the resources are in the path.
_S3_RESOURCES: dict[str, Callable[[str], list[str]]] = {
    "HeadObject": _s3_object,
    "GetObject": _s3_object,
    "GetBucketLocation": _s3_bucket,
}

_RESOLVERS: dict[tuple[str, str], Callable[[dict[str, Any], str, str], list[str]]] = {
    ("sts", "AssumeRole"): lambda params, account, region: [params["RoleArn"]],
    ("iam", "GetRole"): _role,
    ("iam", "GetUser"): _user,
    ("iam", "GetInstanceProfile"): _instance_profile,
    ("iam", "SimulatePrincipalPolicy"): lambda params, account, region: [params["PolicySourceArn"]],
    ("organizations", "ListOrganizationalUnitsForParent"): _organization_parent,
    ("organizations", "ListAccountsForParent"): _organization_parent,
    ("ssm", "GetParameters"): _parameters_named,
    ("ssm", "GetParameter"): lambda params, account, region: _parameters_named({"Names": [params["Name"]]}, account, region),
    ("ssm", "DescribeAssociation"): _association,
    ("ssm", "DescribeAssociationExecutions"): _association,
    ("ssm", "DescribeAssociationExecutionTargets"): _association,
    ("ssm", "DescribeInstanceAssociationsStatus"): _instance,
    ("ssm", "GetServiceSetting"): _service_setting,
    ("ssm", "UpdateServiceSetting"): _service_setting,
    ("ssm", "ResetServiceSetting"): _service_setting,
    ("cloudformation", "DescribeStacks"): _stack,
    ("cloudformation", "ListStackResources"): _stack,
    ("cloudformation", "DescribeStackResources"): _stack,
    ("cloudformation", "DescribeStackSet"): _stack_set,
    ("cloudformation", "ListStackInstances"): _stack_set,
    ("secretsmanager", "DescribeSecret"): _secret,
    ("secretsmanager", "GetResourcePolicy"): _secret,
    ("secretsmanager", "GetSecretValue"): _secret,
    ("kms", "DescribeKey"): _key,
    ("kms", "GetKeyPolicy"): _key,
    ("organizations", "DescribePolicy"): _organization_policy,
    ("organizations", "ListTargetsForPolicy"): _organization_policy,
    ("organizations", "ListPoliciesForTarget"): _organization_target,
    ("servicequotas", "GetServiceQuota"): _quota,
    ("account", "GetRegionOptStatus"): _account,
}
