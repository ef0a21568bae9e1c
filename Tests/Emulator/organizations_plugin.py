"""Resource control policies as AWS Organizations manages them (patched into moto at start-up).

moto 5.2.1 attaches the AWS managed `RCPFullAWSAccess` to the root, every OU and every account as soon as they
exist, whether or not the root has the RESOURCE_CONTROL_POLICY type enabled, and attaches RCPs to any target
regardless of the type. AWS attaches no RCP until the type is enabled; enabling it attaches `RCPFullAWSAccess`
to the root, every OU and every account (and to those created later); attaching an RCP while the type is
disabled fails with `PolicyTypeNotEnabledException`; disabling the type detaches every RCP. The patches below
compute all of it from moto's state (the root's `PolicyTypes` and its nodes). AWS managed policies
(`FullAWSAccess`, `RCPFullAWSAccess`) also get AWS's ARN, `arn:aws:organizations::aws:policy/TYPE/ID`, where
moto gives them one in the organization.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

RCP = "RESOURCE_CONTROL_POLICY"
RCP_FULL_ACCESS = "p-RCPFullAWSAccess"


def rcp_enabled(backend: Any) -> bool:
    """Whether the organization's root has resource control policies enabled."""
    root = next((unit for unit in backend.ou if unit.type == "ROOT"), None)
    return root is not None and any(entry["Type"] == RCP for entry in root.policy_types)


def _nodes(backend: Any) -> list[Any]:
    """The root, every OU and every account of the organization."""
    return [*backend.ou, *backend.accounts]


def _detach(policy: Any, node: Any) -> None:
    if policy in node.attached_policies:
        node.attached_policies.remove(policy)
    if node in policy.attachments:
        policy.attachments.remove(node)


def _without_default_rcp(method: Callable[..., Any], created: Callable[[Any, Any], list[str]]) -> Callable[..., Any]:
    """`method` (which creates nodes), then `RCPFullAWSAccess` detached from them unless RCPs are enabled."""
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if not rcp_enabled(self):
            policy = next((p for p in self.policies if p.id == RCP_FULL_ACCESS), None)
            ids = set(created(self, result))
            for node in _nodes(self):
                if policy is not None and node.id in ids:
                    _detach(policy, node)
        return result

    return wrapper


def _enable_policy_type(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, **kwargs: Any) -> Any:
        result = method(self, **kwargs)
        if kwargs.get("PolicyType") == RCP:
            for node in _nodes(self):
                self.attach_policy(PolicyId=RCP_FULL_ACCESS, TargetId=node.id)
            result = {"Root": self._get_root_by_id(kwargs["RootId"]).describe()}
        return result

    return wrapper


def _disable_policy_type(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, **kwargs: Any) -> Any:
        result = method(self, **kwargs)
        if kwargs.get("PolicyType") == RCP:
            for policy in [p for p in self.policies if p.type == RCP]:
                for node in list(policy.attachments):
                    _detach(policy, node)
        return result

    return wrapper


def _attach_policy(method: Callable[..., Any]) -> Callable[..., Any]:
    """The AttachPolicy operation (not the backend's own attachments): an RCP needs the type enabled."""
    @functools.wraps(method)
    def wrapper(self: Any) -> Any:
        from moto.organizations.exceptions import PolicyTypeNotEnabledException

        backend = self.organizations_backend
        policy = backend.get_policy_by_id(self._get_param("PolicyId"))
        if policy.type == RCP and not rcp_enabled(backend):
            raise PolicyTypeNotEnabledException()
        return method(self)

    return wrapper


def _aws_managed_arn(arn: property) -> property:
    def wrapper(self: Any) -> str:
        if self.aws_managed:
            return f"arn:aws:organizations::aws:policy/{self.type.lower()}/{self.id}"
        return arn.fget(self)

    return property(wrapper)


def extend_moto() -> None:
    """Patch moto's Organizations (idempotent)."""
    from moto.organizations.models import FakePolicy, OrganizationsBackend
    from moto.organizations.responses import OrganizationsResponse

    if getattr(OrganizationsBackend, "_preflight_rcp", False):
        return
    OrganizationsBackend._preflight_rcp = True
    OrganizationsBackend.create_organization = _without_default_rcp(
        OrganizationsBackend.create_organization,
        lambda backend, result: [backend.org.master_account_id, backend.org.root_id])
    OrganizationsBackend.create_organizational_unit = _without_default_rcp(
        OrganizationsBackend.create_organizational_unit, lambda backend, result: [result["OrganizationalUnit"]["Id"]])
    OrganizationsBackend.create_account = _without_default_rcp(
        OrganizationsBackend.create_account, lambda backend, result: [result["CreateAccountStatus"]["AccountId"]])
    OrganizationsBackend.enable_policy_type = _enable_policy_type(OrganizationsBackend.enable_policy_type)
    OrganizationsBackend.disable_policy_type = _disable_policy_type(OrganizationsBackend.disable_policy_type)
    FakePolicy.arn = _aws_managed_arn(FakePolicy.arn)
    OrganizationsResponse.attach_policy = _attach_policy(OrganizationsResponse.attach_policy)
