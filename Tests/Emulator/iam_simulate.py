"""IAM SimulatePrincipalPolicy and SimulateCustomPolicy, computed from moto's IAM and Organizations state."""

from __future__ import annotations

import base64
import re
from xml.sax.saxutils import escape

from awsproto import AwsRequest, Response, error_response, xml_response
from policy_eval import (
    Evaluation,
    NoSuchPrincipal,
    ParsedPolicy,
    PolicyDocumentError,
    PolicySource,
    PrincipalPolicies,
    StatementMatch,
    most_restrictive,
    principal_sources,
    scp_levels,
)

IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/"
DEFAULT_MAX_ITEMS = 100
_MARKER_PREFIX = "preflight-simulate:"


class SimulationInputError(Exception):
    """A request parameter AWS would reject; carries the AWS error code."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code = code
        self.status = status


def simulate_principal_policy(request: AwsRequest, account_id: str) -> Response:
    try:
        params = request.params()
        source_arn = params.get("PolicySourceArn")
        if not source_arn:
            raise SimulationInputError(
                "ValidationError",
                "1 validation error detected: Value null at 'policySourceArn' failed to satisfy constraint: "
                "Member must not be null",
            )
        try:
            _, sources, boundary = principal_sources(account_id, source_arn)
        except NoSuchPrincipal as error:
            raise SimulationInputError("NoSuchEntity", str(error), 404) from error
        except ValueError as error:
            raise SimulationInputError("InvalidInput", str(error)) from error
        sources += _input_sources(params, "PolicyInputList")
        boundary_inputs = _input_sources(params, "PermissionsBoundaryPolicyInputList")
        if boundary_inputs:
            boundaries: list[PolicySource] | None = boundary_inputs
        else:
            boundaries = [boundary] if boundary else None
        policies = PrincipalPolicies(
            identity=_parse(sources),
            boundary=_parse(boundaries) if boundaries is not None else None,
            scp_levels=scp_levels(account_id),
        )
        return _simulate(request, params, policies)
    except SimulationInputError as error:
        return error_response(request, error.code, str(error), error.status)


def simulate_custom_policy(request: AwsRequest, account_id: str) -> Response:
    del account_id  # custom policies are evaluated on their own, without SCPs
    try:
        params = request.params()
        sources = _input_sources(params, "PolicyInputList")
        if not sources:
            raise SimulationInputError(
                "ValidationError",
                "1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: "
                "Member must not be null",
            )
        boundaries = _input_sources(params, "PermissionsBoundaryPolicyInputList")
        policies = PrincipalPolicies(
            identity=_parse(sources),
            boundary=_parse(boundaries) if boundaries else None,
            scp_levels=None,
        )
        return _simulate(request, params, policies)
    except SimulationInputError as error:
        return error_response(request, error.code, str(error), error.status)


# ------------------------------------------------------------------ helpers


def _members(params: dict[str, str], prefix: str) -> list[str]:
    pattern = re.compile(rf"^{re.escape(prefix)}\.member\.(\d+)$")
    found = sorted((int(m.group(1)), value) for key, value in params.items() if (m := pattern.match(key)))
    return [value for _, value in found]


def _input_sources(params: dict[str, str], prefix: str) -> list[PolicySource]:
    return [
        PolicySource(f"{prefix}.{index}", "none", document)
        for index, document in enumerate(_members(params, prefix), start=1)
    ]


def _parse(sources: list[PolicySource]) -> list[ParsedPolicy]:
    try:
        return [ParsedPolicy(source) for source in sources]
    except PolicyDocumentError as error:
        raise SimulationInputError("InvalidInput", str(error)) from error


def _context(params: dict[str, str]) -> dict[str, list[str]]:
    context: dict[str, list[str]] = {}
    index = 1
    while f"ContextEntries.member.{index}.ContextKeyName" in params:
        name = params[f"ContextEntries.member.{index}.ContextKeyName"]
        context[name.lower()] = _members(params, f"ContextEntries.member.{index}.ContextKeyValues")
        index += 1
    return context


def _page_bounds(params: dict[str, str], total: int) -> tuple[int, int]:
    raw_max = params.get("MaxItems")
    try:
        max_items = int(raw_max) if raw_max is not None else DEFAULT_MAX_ITEMS
    except ValueError as error:
        raise SimulationInputError("ValidationError", f"Invalid value for MaxItems: {raw_max}") from error
    if not 1 <= max_items <= 1000:
        relation = "greater than or equal to 1" if max_items < 1 else "less than or equal to 1000"
        raise SimulationInputError(
            "ValidationError",
            f"1 validation error detected: Value '{max_items}' at 'maxItems' failed to satisfy constraint: "
            f"Member must have value {relation}",
        )
    start = 0
    marker = params.get("Marker")
    if marker:
        try:
            decoded = base64.urlsafe_b64decode(marker.encode()).decode()
            if not decoded.startswith(_MARKER_PREFIX):
                raise ValueError(marker)
            start = int(decoded[len(_MARKER_PREFIX) :])
        except ValueError as error:
            raise SimulationInputError("InvalidInput", "Invalid Marker.") from error
        if not 0 <= start <= total:
            raise SimulationInputError("InvalidInput", "Invalid Marker.")
    return start, min(start + max_items, total)


def _simulate(request: AwsRequest, params: dict[str, str], policies: PrincipalPolicies) -> Response:
    actions = _members(params, "ActionNames")
    if not actions:
        raise SimulationInputError(
            "ValidationError",
            "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: "
            "Member must not be null",
        )
    for action in actions:
        if ":" not in action:
            raise SimulationInputError("InvalidInput", f"Invalid action name: {action}")
    resources = _members(params, "ResourceArns")
    context = _context(params)
    start, end = _page_bounds(params, len(actions))
    members = "".join(_result_xml(action, resources, policies, context) for action in actions[start:end])
    truncated = end < len(actions)
    result = f"<EvaluationResults>{members}</EvaluationResults><IsTruncated>{str(truncated).lower()}</IsTruncated>"
    if truncated:
        marker = base64.urlsafe_b64encode(f"{_MARKER_PREFIX}{end}".encode()).decode()
        result += f"<Marker>{marker}</Marker>"
    return xml_response(request.operation, IAM_NAMESPACE, result)


def _result_xml(action: str, resources: list[str], policies: PrincipalPolicies, context: dict[str, list[str]]) -> str:
    targets = resources or ["*"]
    evaluations = [(resource, policies.evaluate(action, resource, context)) for resource in targets]
    decision = most_restrictive([evaluation.decision for _, evaluation in evaluations])
    matched: list[StatementMatch] = []
    missing: list[str] = []
    for _, evaluation in evaluations:
        if evaluation.decision == decision:
            matched += [m for m in evaluation.matched if m not in matched]
        missing += [key for key in evaluation.missing_context if key not in missing]
    resource_name = targets[0] if len(targets) == 1 else "*"
    xml = (
        f"<member><EvalActionName>{escape(action)}</EvalActionName>"
        f"<EvalResourceName>{escape(resource_name)}</EvalResourceName>"
        f"<EvalDecision>{decision}</EvalDecision>"
        f"{_statements_xml(matched)}{_missing_xml(missing)}"
    )
    first = evaluations[0][1]
    organizations = [e.allowed_by_organizations for _, e in evaluations]
    if first.allowed_by_organizations is not None:
        xml += (
            "<OrganizationsDecisionDetail><AllowedByOrganizations>"
            f"{str(all(organizations)).lower()}</AllowedByOrganizations></OrganizationsDecisionDetail>"
        )
    if first.allowed_by_boundary is not None:
        allowed = all(e.allowed_by_boundary for _, e in evaluations)
        xml += _boundary_xml(allowed)
    if resources:
        xml += "<EvalDecisionDetails/><ResourceSpecificResults>"
        xml += "".join(_resource_xml(resource, evaluation) for resource, evaluation in evaluations)
        xml += "</ResourceSpecificResults>"
    return xml + "</member>"


def _resource_xml(resource: str, evaluation: Evaluation) -> str:
    xml = (
        f"<member><EvalResourceName>{escape(resource)}</EvalResourceName>"
        f"<EvalResourceDecision>{evaluation.decision}</EvalResourceDecision>"
        f"{_statements_xml(evaluation.matched)}{_missing_xml(evaluation.missing_context)}"
    )
    if evaluation.allowed_by_boundary is not None:
        xml += _boundary_xml(evaluation.allowed_by_boundary)
    return xml + "</member>"


def _boundary_xml(allowed: bool) -> str:
    return (
        "<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>"
        f"{str(allowed).lower()}</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>"
    )


def _missing_xml(keys: list[str]) -> str:
    return "<MissingContextValues>" + "".join(f"<member>{escape(k)}</member>" for k in keys) + "</MissingContextValues>"


def _statements_xml(matches: list[StatementMatch]) -> str:
    xml = "<MatchedStatements>"
    for match in matches:
        xml += (
            f"<member><SourcePolicyId>{escape(match.source.policy_id)}</SourcePolicyId>"
            f"<SourcePolicyType>{match.source.policy_type}</SourcePolicyType>"
        )
        if match.start and match.end:
            xml += (
                f"<StartPosition><Line>{match.start[0]}</Line><Column>{match.start[1]}</Column></StartPosition>"
                f"<EndPosition><Line>{match.end[0]}</Line><Column>{match.end[1]}</Column></EndPosition>"
            )
        xml += "</member>"
    return xml + "</MatchedStatements>"

