"""IAM policy evaluation over moto's state.

Statement matching (Action/NotAction, Resource, Effect) is moto's own
`moto.iam.access_control.IAMPolicyStatement`; this module adds what the
simulator needs around it: per-statement results with source positions,
NotResource, case-insensitive action names, Condition blocks evaluated against
simulation context entries, permissions boundaries and the organization's
service control policies (account, every OU on its path, and the root).
"""

from __future__ import annotations

import ipaddress
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from moto.iam.access_control import IAMPolicyStatement, PermissionResult
from moto.iam.models import IAMBackend, ManagedPolicy, iam_backends
from moto.organizations.models import FakeRoot, OrganizationsBackend, organizations_backends
from moto.utilities.utils import get_partition


def _glob(pattern: str, string: str) -> re.Match[str] | None:
    """IAM's wildcard match: `*` any run of characters, `?` any one, everything else literally.

    moto's own matcher turns the pattern into a regular expression as it is, so that `?` and `.` are regex
    syntax there; IAM's evaluation (and this emulator's simulator) take them as IAM does.
    """
    expression = "".join(".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern)
    return re.match(f"^{expression}$", string, re.DOTALL)


IAMPolicyStatement._match = staticmethod(_glob)  # type: ignore[method-assign]

ALLOWED = "allowed"
EXPLICIT_DENY = "explicitDeny"
IMPLICIT_DENY = "implicitDeny"
_RESTRICTIVENESS = {ALLOWED: 0, IMPLICIT_DENY: 1, EXPLICIT_DENY: 2}


class PolicyDocumentError(ValueError):
    """A policy document that is not valid JSON or has no statements."""


class NoSuchPrincipal(LookupError):
    """The principal named by an ARN does not exist in the account."""


@dataclass
class PolicySource:
    """One policy document and where it came from (SourcePolicyId / SourcePolicyType)."""

    policy_id: str
    policy_type: str
    document: str


@dataclass
class StatementMatch:
    """A statement that matched an action/resource pair."""

    source: PolicySource
    effect: str
    start: tuple[int, int] | None
    end: tuple[int, int] | None


@dataclass
class SetResult:
    """The combined result of a set of policies for one action and resource."""

    decision: str
    allows: list[StatementMatch] = field(default_factory=list)
    denies: list[StatementMatch] = field(default_factory=list)
    missing_context: set[str] = field(default_factory=set)


@dataclass
class Evaluation:
    """The final decision for one action and resource, as the simulator reports it."""

    decision: str
    matched: list[StatementMatch]
    missing_context: list[str]
    allowed_by_boundary: bool | None
    allowed_by_organizations: bool | None


# ------------------------------------------------------------------ parsing


class ParsedPolicy:
    """A policy document split into statements with their line/column spans."""

    def __init__(self, source: PolicySource):
        self.source = source
        try:
            document = json.loads(source.document)
        except (TypeError, ValueError) as error:
            raise PolicyDocumentError(f"policy {source.policy_id} is not valid JSON") from error
        if not isinstance(document, dict) or "Statement" not in document:
            raise PolicyDocumentError(f"policy {source.policy_id} has no Statement")
        statements = document["Statement"]
        self.statements: list[dict[str, Any]] = statements if isinstance(statements, list) else [statements]
        spans = _statement_spans(source.document)
        if len(spans) != len(self.statements):
            spans = [(None, None)] * len(self.statements)
        self.spans = spans

    def evaluate(self, action: str, resource: str, context: dict[str, list[str]]) -> SetResult:
        result = SetResult(IMPLICIT_DENY)
        for statement, (start, end) in zip(self.statements, self.spans):
            effect = _statement_effect(statement, action, resource)
            if effect is None:
                continue
            applies, missing = _conditions_apply(statement.get("Condition"), context)
            result.missing_context |= missing
            if not applies:
                continue
            match = StatementMatch(self.source, effect, start, end)
            (result.denies if effect == "Deny" else result.allows).append(match)
        result.decision = EXPLICIT_DENY if result.denies else ALLOWED if result.allows else IMPLICIT_DENY
        return result


def _statement_effect(statement: dict[str, Any], action: str, resource: str) -> str | None:
    """'Allow'/'Deny' when the statement covers action and resource, else None (moto decides)."""
    normalised = {
        key: value for key, value in statement.items() if key not in ("Condition", "NotResource", "Principal")
    }
    for key in ("Action", "NotAction"):
        if key in normalised:
            values = normalised[key] if isinstance(normalised[key], list) else [normalised[key]]
            normalised[key] = [str(value).lower() for value in values]
    if "NotResource" in statement or "Resource" not in normalised:
        normalised["Resource"] = "*"
    outcome = IAMPolicyStatement(normalised).is_action_permitted(action.lower(), resource)
    if outcome == PermissionResult.NEUTRAL:
        return None
    if "NotResource" in statement:
        excluded = statement["NotResource"] if isinstance(statement["NotResource"], list) else [statement["NotResource"]]
        if any(IAMPolicyStatement._match(str(pattern), resource) for pattern in excluded):
            return None
    return "Deny" if statement.get("Effect") == "Deny" else "Allow"


def _statement_spans(text: str) -> list[tuple[tuple[int, int] | None, tuple[int, int] | None]]:
    """Line/column (1-based) of each statement in the document text."""
    decoder = json.JSONDecoder()

    def skip(index: int) -> int:
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
        return index

    def position(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return line, column

    try:
        index = skip(0)
        if text[index] != "{":
            return []
        index += 1
        while True:
            index = skip(index)
            if text[index] == "}":
                return []
            key, index = decoder.raw_decode(text, index)
            index = skip(index)
            index = skip(index + 1)  # ':'
            if key != "Statement":
                _, index = decoder.raw_decode(text, index)
            elif text[index] == "{":
                _, end = decoder.raw_decode(text, index)
                return [(position(index), position(end))]
            else:
                spans = []
                index = skip(index + 1)
                while text[index] != "]":
                    _, end = decoder.raw_decode(text, index)
                    spans.append((position(index), position(end)))
                    index = skip(end)
                    if text[index] == ",":
                        index = skip(index + 1)
                return spans
            index = skip(index)
            if text[index] == ",":
                index += 1
    except (IndexError, ValueError):
        return []


# --------------------------------------------------------------- conditions


def _conditions_apply(block: Any, context: dict[str, list[str]]) -> tuple[bool, set[str]]:
    """Whether a Condition block holds for the context, and the keys it needed but lacked."""
    if not block:
        return True, set()
    missing: set[str] = set()
    holds = True
    for operator, clauses in block.items():
        if not isinstance(clauses, dict):
            continue
        for key, expected in clauses.items():
            values = context.get(key.lower())
            expected_list = [str(v) for v in (expected if isinstance(expected, list) else [expected])]
            if values is None and not operator.endswith("IfExists") and operator != "Null":
                missing.add(key)
            if not _operator_holds(operator, values, expected_list):
                holds = False
    return holds, missing


def _operator_holds(operator: str, values: list[str] | None, expected: list[str]) -> bool:
    qualifier = ""
    if ":" in operator:
        qualifier, operator = operator.split(":", 1)
    if_exists = operator.endswith("IfExists")
    base = operator[: -len("IfExists")] if if_exists else operator
    if base == "Null":
        wants_absent = expected[0].lower() == "true"
        return (values is None) == wants_absent
    negated = "Not" in base
    if values is None:
        return if_exists or negated or qualifier == "ForAllValues"
    positive = base.replace("Not", "", 1) if negated else base

    def one(value: str) -> bool:
        return any(_compare(positive, value, pattern) for pattern in expected)

    if qualifier == "ForAllValues":
        matched = all(one(value) for value in values)
    else:
        matched = any(one(value) for value in values)
    return not matched if negated else matched


def _compare(operator: str, value: str, pattern: str) -> bool:
    try:
        if operator in ("StringEquals", "ArnEquals", "BinaryEquals"):
            return value == pattern
        if operator == "StringEqualsIgnoreCase":
            return value.lower() == pattern.lower()
        if operator in ("StringLike", "ArnLike"):
            return IAMPolicyStatement._match(pattern, value) is not None
        if operator == "Bool":
            return value.lower() == pattern.lower()
        if operator.startswith("Numeric"):
            return _ordered(operator[len("Numeric") :], float(value), float(pattern))
        if operator.startswith("Date"):
            return _ordered(operator[len("Date") :], _date(value), _date(pattern))
        if operator == "IpAddress":
            return ipaddress.ip_address(value) in ipaddress.ip_network(pattern, strict=False)
    except ValueError:
        return False
    return False


def _ordered(relation: str, left: float, right: float) -> bool:
    return {
        "Equals": left == right,
        "LessThan": left < right,
        "LessThanEquals": left <= right,
        "GreaterThan": left > right,
        "GreaterThanEquals": left >= right,
    }.get(relation, False)


def _date(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


# -------------------------------------------------------------- policy sets


def evaluate_set(policies: list[ParsedPolicy], action: str, resource: str, context: dict[str, list[str]]) -> SetResult:
    combined = SetResult(IMPLICIT_DENY)
    for policy in policies:
        result = policy.evaluate(action, resource, context)
        combined.allows += result.allows
        combined.denies += result.denies
        combined.missing_context |= result.missing_context
    combined.decision = EXPLICIT_DENY if combined.denies else ALLOWED if combined.allows else IMPLICIT_DENY
    return combined


def most_restrictive(decisions: list[str]) -> str:
    return max(decisions, key=lambda decision: _RESTRICTIVENESS[decision]) if decisions else IMPLICIT_DENY


@dataclass
class PrincipalPolicies:
    """Everything that governs one principal: identity policies, boundary and SCP levels."""

    identity: list[ParsedPolicy]
    boundary: list[ParsedPolicy] | None
    scp_levels: list[list[ParsedPolicy]] | None

    def evaluate(self, action: str, resource: str, context: dict[str, list[str]]) -> Evaluation:
        identity = evaluate_set(self.identity, action, resource, context)
        missing = set(identity.missing_context)
        boundary = None
        if self.boundary is not None:
            boundary = evaluate_set(self.boundary, action, resource, context)
            missing |= boundary.missing_context
        scp_decision = None
        if self.scp_levels is not None:
            level_results = [evaluate_set(level, action, resource, context) for level in self.scp_levels]
            for level in level_results:
                missing |= level.missing_context
            if any(level.decision == EXPLICIT_DENY for level in level_results):
                scp_decision = EXPLICIT_DENY
            elif all(level.decision == ALLOWED for level in level_results):
                scp_decision = ALLOWED
            else:
                scp_decision = IMPLICIT_DENY

        denies = identity.denies + (boundary.denies if boundary else [])
        if denies or scp_decision == EXPLICIT_DENY:
            decision, matched = EXPLICIT_DENY, denies
        elif (
            identity.decision == ALLOWED
            and (boundary is None or boundary.decision == ALLOWED)
            and scp_decision in (None, ALLOWED)
        ):
            decision, matched = ALLOWED, identity.allows
        else:
            decision, matched = IMPLICIT_DENY, []
        return Evaluation(
            decision=decision,
            matched=matched,
            missing_context=sorted(missing),
            allowed_by_boundary=None if boundary is None else boundary.decision == ALLOWED,
            allowed_by_organizations=None if scp_decision is None else scp_decision == ALLOWED,
        )


# ------------------------------------------------------------ moto lookups


def iam_backend(account_id: str, region: str = "us-east-1") -> IAMBackend:
    return iam_backends[account_id][get_partition(region)]


def managed_policy_source(policy: ManagedPolicy) -> PolicySource:
    version = next(v for v in policy.versions if v.is_default)
    policy_type = "aws-managed" if ":iam::aws:policy/" in policy.arn else "user-managed"
    return PolicySource(policy.name, policy_type, version.document)


def _managed_by_arn(backend: IAMBackend, arn: str) -> ManagedPolicy | None:
    return backend.managed_policies.get(arn)


def principal_sources(account_id: str, principal_arn: str) -> tuple[str, list[PolicySource], PolicySource | None]:
    """The identity policies and permissions boundary of a user, role or group ARN."""
    parts = principal_arn.split(":", 5)
    if len(parts) != 6 or parts[2] != "iam" or "/" not in parts[5]:
        raise ValueError(f"Invalid ARN: {principal_arn}")
    if parts[4] != account_id:
        raise NoSuchPrincipal(f"The principal {principal_arn} cannot be found.")
    kind, _, rest = parts[5].partition("/")
    name = rest.rsplit("/", 1)[-1]
    backend = iam_backend(account_id)
    sources: list[PolicySource] = []
    boundary: PolicySource | None = None
    if kind == "user":
        user = backend.users.get(name)
        if user is None:
            raise NoSuchPrincipal(f"The user with name {name} cannot be found.")
        sources += [PolicySource(n, "user", d) for n, d in user.policies.items()]
        sources += [managed_policy_source(p) for p in user.managed_policies.values()]
        for group in backend.get_groups_for_user(name):
            sources += [PolicySource(n, "group", d) for n, d in group.policies.items()]
            sources += [managed_policy_source(p) for p in group.managed_policies.values()]
    elif kind == "role":
        role = next((r for r in backend.roles.values() if r.name == name), None)
        if role is None:
            raise NoSuchPrincipal(f"The role with name {name} cannot be found.")
        sources += [PolicySource(n, "role", d) for n, d in role.policies.items()]
        sources += [managed_policy_source(p) for p in role.managed_policies.values()]
        if role.permissions_boundary_arn:
            policy = _managed_by_arn(backend, role.permissions_boundary_arn)
            if policy is not None:
                boundary = managed_policy_source(policy)
            else:
                boundary = PolicySource(role.permissions_boundary_arn, "none", '{"Statement": []}')
    elif kind == "group":
        group = backend.groups.get(name)
        if group is None:
            raise NoSuchPrincipal(f"The group with name {name} cannot be found.")
        sources += [PolicySource(n, "group", d) for n, d in group.policies.items()]
        sources += [managed_policy_source(p) for p in group.managed_policies.values()]
    else:
        raise ValueError(f"Invalid principal type in ARN: {principal_arn}")
    return name, sources, boundary


def organization_for(account_id: str) -> tuple[OrganizationsBackend, bool] | None:
    """The backend holding the account's organization, and whether the account is its management account."""
    own = organizations_backends[account_id]["aws"]
    if own.org is not None:
        return own, True
    owner = organizations_backends.master_accounts.get(account_id)
    if owner is None:
        return None
    backend = organizations_backends[owner[0]][owner[1]]
    return (backend, False) if backend.org is not None else None


def scp_levels(account_id: str) -> list[list[ParsedPolicy]] | None:
    """SCPs per level (account, OUs up to the root); None when SCPs do not apply.

    SCPs apply to member accounts of an organization with all features enabled;
    they never restrict the management account (no levels: always allowed).
    """
    found = organization_for(account_id)
    if found is None:
        return None
    backend, is_management = found
    if backend.org is None or backend.org.feature_set != "ALL":
        return None
    if is_management:
        return []
    account = next((a for a in backend.accounts if a.id == account_id), None)
    if account is None:
        return None
    levels = []
    targets: list[Any] = [account]
    parent_id = account.parent_id
    while parent_id:
        node = next((ou for ou in backend.ou if ou.id == parent_id), None)
        if node is None:
            break
        targets.append(node)
        parent_id = None if isinstance(node, FakeRoot) else node.parent_id
    for target in targets:
        levels.append(
            [
                ParsedPolicy(PolicySource(p.name, "none", p.content))
                for p in target.attached_policies
                if p.type == "SERVICE_CONTROL_POLICY"
            ]
        )
    return levels


def role_policies(account_id: str, role_name: str) -> PrincipalPolicies | None:
    """The full policy picture of a role (used to decide whether an instance can reach SSM)."""
    try:
        _, sources, boundary = principal_sources(account_id, f"arn:aws:iam::{account_id}:role/{role_name}")
    except NoSuchPrincipal:
        return None
    return PrincipalPolicies(
        identity=[ParsedPolicy(s) for s in sources],
        boundary=[ParsedPolicy(boundary)] if boundary else None,
        scp_levels=scp_levels(account_id),
    )
