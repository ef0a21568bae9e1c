#!/usr/bin/env python3
"""AWS emulator for Preflight's integration tests.

moto's server application (every service on one port, routed by the SigV4
credential scope) wrapped in a WSGI middleware that serialises requests to
moto, counts every operation, injects faults and latency on demand, and serves
the operations moto lacks (IAM policy simulation, SSM instance information and
State Manager associations, CloudFormation's StackSet quotas, Region opt-in
statuses) computed from moto's state.

    python3 emulator.py --port 0 --port-file /tmp/port [--latency-ms N]
        [--fault-rate F --fault-seed S --faults throttle,500,503,reset,truncate,slow,malformed
         --slow-ms N --fault-services ssm,iam --fault-operations Op1,Op2 --max-faults N]
        [--all-managed-policies] [--verbose]

Control endpoints (never faulted, never counted) are documented in README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import random
import re
import signal
import socket
import struct
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
os.environ.setdefault("MOTO_DISABLE_GLOBAL_CORS", "true")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cloudone_plugin  # noqa: E402 - imports moto lazily
import sso_plugin  # noqa: E402 - imports nothing from moto

FAULT_KINDS = ("throttle", "500", "503", "reset", "truncate", "slow", "malformed")

# AWS managed policies loaded into every account (loading all ~1500 costs ~150 ms per account and partition).
DEFAULT_MANAGED_POLICIES = (
    "AdministratorAccess",
    "PowerUserAccess",
    "ReadOnlyAccess",
    "ViewOnlyAccess",
    "SecurityAudit",
    "IAMFullAccess",
    "IAMReadOnlyAccess",
    "AmazonSSMManagedInstanceCore",
    "AmazonSSMManagedEC2InstanceDefaultPolicy",
    "AmazonEC2RoleforSSM",
    "AmazonSSMFullAccess",
    "AmazonSSMReadOnlyAccess",
    "CloudWatchAgentServerPolicy",
    "AWSCloudFormationFullAccess",
    "AWSCloudFormationReadOnlyAccess",
    "AWSOrganizationsFullAccess",
    "AWSOrganizationsReadOnlyAccess",
    "AWSLambdaBasicExecutionRole",
    "AWSLambda_FullAccess",
    "SecretsManagerReadWrite",
    "AmazonS3ReadOnlyAccess",
    "AmazonEC2ReadOnlyAccess",
)


def _limit_managed_policies(names: Iterable[str] | None) -> None:
    """Restrict the AWS managed policies moto creates per account to `names` (None: all)."""
    if names is None:
        return
    import moto.iam.models as iam_models
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    wanted = set(names)
    data = json.loads(aws_managed_policies_data)
    iam_models.aws_managed_policies_data = json.dumps({k: v for k, v in data.items() if k in wanted})


def _extend_moto() -> None:
    """Let moto register delegated administrators for CloudFormation StackSets and AWS Account Management (AWS
    supports them, moto 5.2.1 not); resource control policies and AWS managed KMS keys as AWS has them."""
    import kms_plugin
    import organizations_plugin
    from moto.organizations.models import FakeDelegatedAdministrator

    kms_plugin.extend_moto()
    organizations_plugin.extend_moto()

    for principal in ("member.org.stacksets.cloudformation.amazonaws.com", "account.amazonaws.com"):
        if principal not in FakeDelegatedAdministrator.SUPPORTED_SERVICES:
            FakeDelegatedAdministrator.SUPPORTED_SERVICES.append(principal)


# ---------------------------------------------------------------- settings


@dataclass
class FaultConfig:
    """What to inject and how often; replaceable at runtime via POST /_preflight/config."""

    rate: float = 0.0
    seed: int = 0
    kinds: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()
    max_faults: int | None = None
    latency_ms: int = 0
    slow_ms: int = 5000
    rules: tuple[dict[str, Any], ...] = ()

    def describe(self) -> dict[str, Any]:
        return {
            "faultRate": self.rate,
            "faultSeed": self.seed,
            "faults": list(self.kinds),
            "faultServices": list(self.services),
            "faultOperations": list(self.operations),
            "maxFaults": self.max_faults,
            "latencyMs": self.latency_ms,
            "slowMs": self.slow_ms,
            "rules": [dict(rule) for rule in self.rules],
        }

    def updated(self, changes: dict[str, Any]) -> FaultConfig:
        def names(value: Any) -> tuple[str, ...]:
            if isinstance(value, str):
                value = [part for part in value.split(",") if part]
            return tuple(str(part) for part in value)

        config = FaultConfig(**self.__dict__)
        mapping: dict[str, tuple[str, Callable[[Any], Any]]] = {
            "faultRate": ("rate", float),
            "faultSeed": ("seed", int),
            "faults": ("kinds", names),
            "faultServices": ("services", names),
            "faultOperations": ("operations", names),
            "maxFaults": ("max_faults", lambda v: None if v is None else int(v)),
            "latencyMs": ("latency_ms", int),
            "slowMs": ("slow_ms", int),
            "rules": ("rules", _answer_rules),
        }
        for key, value in changes.items():
            if key not in mapping:
                raise ValueError(f"unknown setting {key}")
            attribute, convert = mapping[key]
            setattr(config, attribute, convert(value))
        unknown = [kind for kind in config.kinds if kind not in FAULT_KINDS]
        if unknown:
            raise ValueError(f"unknown fault kinds {unknown}; known: {list(FAULT_KINDS)}")
        if not 0.0 <= config.rate <= 1.0:
            raise ValueError("faultRate must be between 0 and 1")
        return config


@dataclass
class CallLog:
    """Every AWS operation received, in order."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.entries.append(entry)

    def reset(self) -> None:
        with self.lock:
            self.entries.clear()

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            entries = list(self.entries)
        counts: dict[str, int] = {}
        for entry in entries:
            key = f"{entry['service']}:{entry['operation']}"
            counts[key] = counts.get(key, 0) + 1
        return {"total": len(entries), "counts": counts, "calls": entries}


# -------------------------------------------------------------- middleware


class Emulator:
    """The WSGI application: control endpoints, counting, faults, plugins, then moto."""

    def __init__(self, config: FaultConfig):
        from moto.server import DomainDispatcherApplication, create_backend_app

        from cfn_plugin import CloudFormationPlugin, extend_moto
        from iam_simulate import simulate_custom_policy, simulate_principal_policy
        from signatures import SignatureVerifier
        from sso_plugin import SsoState
        from ssm_plugin import SsmPlugin
        from staging_plugin import StagingPlugin

        self.moto = DomainDispatcherApplication(create_backend_app)
        self.moto_lock = threading.Lock()
        self.ssm = SsmPlugin()
        self.cfn = CloudFormationPlugin()
        self.staging = StagingPlugin()
        self.sso = SsoState()
        self.cloudone = cloudone_plugin.CloudOneState(self.ssm)
        extend_moto(self.ssm, self.cloudone, self.staging.applied)
        self.plugins: dict[tuple[str, str], Callable[..., Any]] = {
            ("iam", "SimulatePrincipalPolicy"): simulate_principal_policy,
            ("iam", "SimulateCustomPolicy"): simulate_custom_policy,
        }
        for operation, handler in self.ssm.handlers.items():
            self.plugins[("ssm", operation)] = handler
        self.cfn_controls: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "/_preflight/cloudformation/stack-status": self.cfn.set_stack_status,
            "/_preflight/cloudformation/stack-instance-status": self.cfn.set_stack_instance_status,
            "/_preflight/cloudformation/stack-set": self.cfn.set_stack_set,
            "/_preflight/cloudformation/detect-stack-set-drift": self.cfn.detect_stack_set_drift,
        }
        self.sso_controls: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "/_preflight/sso/users": self.sso.set_users,
            "/_preflight/sso/tokens": self.sso.create_tokens,
        }
        self.initial_config = config
        self.config = config
        self.config_lock = threading.Lock()
        self.random = random.Random(config.seed)
        self.faults_injected = 0
        self.calls = CallLog()
        self.signatures = SignatureVerifier()

    # ------------------------------------------------------------- WSGI

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_preflight/"):
            return self._control(environ, start_response)
        if path.startswith("/moto-api"):
            with self.moto_lock:
                return [self._call_moto(environ, start_response)]
        return self._aws(environ, start_response)

    def _aws(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        from authorization import action_for, resources_for
        from awsproto import AwsRequest

        body = _read_body(environ)
        if body is None:
            # The client went away before its body arrived (its attempt timed out or was cancelled): nothing was
            # asked, so nothing is verified, served or recorded.
            _reset_connection(environ)
            raise ConnectionAbortedError("the client closed the connection before sending its body")
        request = AwsRequest.from_environ(environ, body)
        sso = sso_plugin.route(environ)
        cloudone = cloudone_plugin.route(request.path, request.method)
        if sso is not None:
            # IAM Identity Center's portal and OIDC answer unsigned requests (the bearer token or the client secret
            # is the credential): routed by method and path, never SigV4-verified.
            request = dataclasses.replace(request, service=sso[0], operation=sso[1], protocol="rest-json", model=None)
            account_id, refused, resources = sso_plugin.account_of(request), None, ["*"]
        elif cloudone is not None:
            # Trend Cloud One's API: authenticated by its API key, never SigV4-signed.
            request = dataclasses.replace(request, service="cloudone", operation=cloudone[1] or "Unknown",
                                          region=cloudone[0], protocol="rest-json", model=None)
            account_id, refused, resources = None, None, ["*"]
        else:
            with self.moto_lock:
                account_id = _account_for(request)
                refused = self.signatures.verify(environ, body)
                resources = resources_for(request, account_id)
        if refused is not None:
            return self._refuse(request, account_id, refused, start_response)
        with self.config_lock:
            rule = _matching_rule(self.config.rules, request, account_id)
        if rule is None:
            config, fault = self._draw_fault(request)
        else:
            config, fault = self.config, None
            if rule["action"] == "tokenLoop":
                request = _without_page_token(environ, request)
        if config.latency_ms:
            time.sleep(config.latency_ms / 1000)
        entry: dict[str, Any] = {
            "service": request.service,
            "operation": request.operation,
            "region": request.region,
            "accountId": account_id,
            "action": action_for(request),
            "resources": resources,
            "status": None,
            "fault": fault,
            "rule": rule["action"] if rule else None,
        }
        with self.moto_lock:
            if rule is not None and rule["action"] in ("accessDenied", "respond"):
                response = _rule_answer(request, rule)
            elif fault in ("throttle", "500", "503", "reset"):
                response = None if fault == "reset" else _fault_error(request, fault)
            elif sso is not None:
                response = self._serve_sso(request, environ)
            elif cloudone is not None:
                response = self._serve_cloudone(request)
            else:
                if request.service == "ec2" and request.operation in ("StopInstances", "TerminateInstances"):
                    self.cloudone.observe()  # the manager keeps the computers of instances that go away
                response = (self.cfn.route(request, account_id, environ) or self.staging.route(request, account_id)
                            or self._serve(request, account_id, environ))
        if rule is not None and rule["action"] == "tokenLoop" and response is not None and response.status == 200:
            response = _with_page_token(request, response)
        if rule is not None and rule["action"] == "pad" and response is not None and response.status == 200:
            filler = rule.get("text", "\n").encode()
            count = rule.get("bytes", 0)
            response.body += filler * -(-count // len(filler))
        entry["status"] = response.status if response else None
        self.calls.add(entry)

        if response is None:
            _reset_connection(environ)
            raise ConnectionResetError("emulator fault: connection reset")
        if fault == "slow":
            time.sleep(config.slow_ms / 1000)
        elif fault == "malformed":
            response = _malformed(request)
        response.headers = [(k, v) for k, v in response.headers if k.lower() != "transfer-encoding"]
        if request.method != "HEAD" or response.header("Content-Length") is None:
            response.replace_header("Content-Length", str(len(response.body)))
        if fault == "truncate":
            response.replace_header("Content-Length", str(len(response.body) + 64))
        start_response(_status_line(response.status), response.headers)
        return [response.body]

    def _refuse(self, request: Any, account_id: str, refused: Any, start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Answers a request whose signature does not check out with the protocol's error, and records it."""
        from awsproto import error_response

        response = error_response(request, refused.code, refused.message, refused.status)
        if request.method == "HEAD":
            response.body = b""
        entry = {"service": request.service, "operation": request.operation, "region": request.region,
                 "accountId": account_id, "accessKeyId": request.access_key, "error": refused.code,
                 "message": refused.message}
        self.signatures.record(entry)
        self.calls.add({**{k: entry[k] for k in ("service", "operation", "region", "accountId")},
                        "status": response.status, "fault": None, "rule": None, "signature": refused.code})
        response.replace_header("Content-Length", str(len(response.body)))
        start_response(_status_line(response.status), response.headers)
        return [response.body]

    def _serve(self, request: Any, account_id: str, environ: dict[str, Any]) -> Any:
        """The answer of a plugin or, for operations no plugin serves, of moto (called under the moto lock)."""
        from awsproto import Response, error_response

        plugin = self.plugins.get((request.service, request.operation))
        if plugin is not None:
            try:
                return plugin(request, account_id)
            except Exception as error:  # noqa: BLE001 - surface as an AWS InternalFailure
                return error_response(request, "InternalFailure", f"emulator error: {error}", 500, False)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            captured["status"], captured["headers"] = status, headers

        try:
            payload = self._call_moto(environ, capture)
            return Response(int(captured["status"].split()[0]), list(captured["headers"]), payload)
        except NotImplementedError as error:
            return _unsupported(request, str(error))
        except Exception as error:  # noqa: BLE001 - moto bug: surface as an AWS InternalFailure
            print(f"emulator: moto failed on {request.service}:{request.operation}: {error!r}",
                  file=sys.stderr, flush=True)
            return error_response(request, "InternalFailure", f"moto error: {error}", 500, False)

    def _serve_sso(self, request: Any, environ: dict[str, Any]) -> Any:
        """The answer of IAM Identity Center's GetRoleCredentials or CreateToken (called under the moto lock)."""
        from awsproto import error_response

        handler = self.sso.get_role_credentials if request.operation == "GetRoleCredentials" else self.sso.create_token
        try:
            return handler(request, environ)
        except Exception as error:  # noqa: BLE001 - surface as an AWS InternalFailure
            print(f"emulator: {request.service}:{request.operation} failed: {error!r}", file=sys.stderr, flush=True)
            return error_response(request, "InternalFailure", f"emulator error: {error}", 500, False)

    def _serve_cloudone(self, request: Any) -> Any:
        """The answer of a Cloud One API request (called under the moto lock)."""
        from awsproto import Response

        try:
            answer = self.cloudone.serve(request.method, request.path, request.query_string, request.headers,
                                         request.body)
        except Exception as error:  # noqa: BLE001 - an emulator bug: a 500 that names no request value
            print(f"emulator: cloudone:{request.operation} failed: {type(error).__name__}", file=sys.stderr, flush=True)
            body = json.dumps({"message": f"emulator error ({type(error).__name__})"}).encode()
            return Response(500, [("Content-Type", "application/json")], body)
        return Response(answer.status, [("Content-Type", "application/json")], answer.body())

    def _call_moto(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> bytes:
        result = self.moto(environ, start_response)
        try:
            return b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()

    def _draw_fault(self, request: Any) -> tuple[FaultConfig, str | None]:
        with self.config_lock:
            config = self.config
            if not config.kinds or config.rate <= 0:
                return config, None
            if config.services and request.service not in config.services:
                return config, None
            if config.operations and request.operation not in config.operations:
                return config, None
            if config.max_faults is not None and self.faults_injected >= config.max_faults:
                return config, None
            if self.random.random() >= config.rate:
                return config, None
            self.faults_injected += 1
            return config, self.random.choice(config.kinds)

    # ------------------------------------------------------------ control

    def _control(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        body = _read_body(environ) or b""
        try:
            if path == "/_preflight/health" and method == "GET":
                return _json(start_response, 200, {"status": "ok"})
            if path == "/_preflight/calls" and method == "GET":
                return _json(start_response, 200, self.calls.snapshot())
            if path == "/_preflight/calls/reset" and method == "POST":
                self.calls.reset()
                return _json(start_response, 200, {"reset": True})
            if path == "/_preflight/calls/authorize" and method == "POST":
                from authorization import authorize

                spec = json.loads(body or b"{}")
                if not isinstance(spec, dict) or "default" not in spec:
                    raise ValueError("expected {\"policies\": {accountId: document}, \"default\": document}")
                calls = self.calls.snapshot()["calls"]
                denied = authorize(calls, spec.get("policies") or {}, spec["default"])
                return _json(start_response, 200, {"evaluated": len(calls), "denied": denied})
            if path == "/_preflight/signature-failures" and method == "GET":
                return _json(start_response, 200, {"failures": self.signatures.snapshot()})
            if path == "/_preflight/signature-failures/reset" and method == "POST":
                self.signatures.reset()
                return _json(start_response, 200, {"reset": True})
            if path == "/_preflight/reset" and method == "POST":
                self.reset()
                return _json(start_response, 200, {"reset": True})
            if path in self.cfn_controls and method == "POST":
                spec = json.loads(body or b"{}")
                if not isinstance(spec, dict):
                    raise ValueError("expected a JSON object")
                with self.moto_lock:
                    return _json(start_response, 200, self.cfn_controls[path](spec))
            if path == "/_preflight/sts/credentials" and method == "GET":
                with self.moto_lock:
                    return _json(start_response, 200, {"credentials": _issued_credentials()})
            if path in self.sso_controls and method == "POST":
                spec = json.loads(body or b"{}")
                if not isinstance(spec, dict):
                    raise ValueError("expected a JSON object")
                return _json(start_response, 200, self.sso_controls[path](spec))
            if path == "/_preflight/sso/state" and method == "GET":
                return _json(start_response, 200, self.sso.snapshot())
            if path == "/_preflight/cloudone/state" and method == "GET":
                with self.moto_lock:
                    return _json(start_response, 200, self.cloudone.snapshot())
            if path == "/_preflight/cloudone/state" and method == "POST":
                changes = json.loads(body or b"{}")
                with self.moto_lock:
                    return _json(start_response, 200, self.cloudone.update(changes))
            if path == "/_preflight/account-settings" and method == "GET":
                return _json(start_response, 200, self.staging.snapshot())
            if path == "/_preflight/account-settings" and method == "POST":
                return _json(start_response, 200, self.staging.update(json.loads(body or b"{}")))
            if path == "/_preflight/config" and method == "GET":
                return _json(start_response, 200, self._config_state())
            if path == "/_preflight/config" and method == "POST":
                changes = json.loads(body or b"{}")
                if not isinstance(changes, dict):
                    raise ValueError("expected a JSON object")
                enforce = changes.pop("enforceIAM", None)
                if enforce is not None and not isinstance(enforce, bool):
                    raise ValueError("enforceIAM must be true or false")
                with self.config_lock:
                    self.config = self.config.updated(changes)
                    if "faultSeed" in changes or "faults" in changes or "faultRate" in changes:
                        self.random = random.Random(self.config.seed)
                        self.faults_injected = 0
                if enforce is not None:
                    with self.moto_lock:
                        _enforce_iam(enforce)
                return _json(start_response, 200, self._config_state())
        except ValueError as error:
            return _json(start_response, 400, {"error": str(error)})
        return _json(start_response, 404, {"error": f"no control endpoint {method} {path}"})

    def _config_state(self) -> dict[str, Any]:
        from moto import settings

        with self.config_lock:
            state = self.config.describe()
            state["faultsInjected"] = self.faults_injected
        state["enforceIAM"] = settings.INITIAL_NO_AUTH_ACTION_COUNT != float("inf")
        return state

    def reset(self) -> None:
        """Reset moto's backends, the plugins' state, the call log and the fault settings."""
        from moto.moto_api._internal.models import moto_api_backend

        with self.moto_lock:
            moto_api_backend.reset()
            self.ssm.reset()
            self.sso.reset()
            self.cloudone.reset()
            self.staging.reset()
        self.calls.reset()
        with self.config_lock:
            self.config = self.initial_config
            self.random = random.Random(self.config.seed)
            self.faults_injected = 0


# ----------------------------------------------------------------- helpers


def _read_body(environ: dict[str, Any]) -> bytes | None:
    """The request's body, or None when the connection closed before `Content-Length` bytes arrived."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = environ.get("CONTENT_LENGTH")
    if length:
        try:
            body = stream.read(int(length))
        except OSError:
            return None
        if len(body) < int(length):
            return None
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("wsgi.input_terminated", None)
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    return body


def _account_for(request: Any) -> str:
    """The account moto serves the request from (same precedence as moto's BaseResponse)."""
    from moto.iam.models import get_account_id_from

    if "MOTO_ACCOUNT_ID" in os.environ:
        return os.environ["MOTO_ACCOUNT_ID"]
    if "x-moto-account-id" in request.headers:
        return request.headers["x-moto-account-id"]
    return get_account_id_from(request.access_key or "AKIAEXAMPLE")


def _enforce_iam(enforced: bool) -> None:
    """Make moto authorize every request against the caller's IAM identity policies from now on, or stop it."""
    from moto import settings
    from moto.core.authorization import ActionAuthenticatorMixin

    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0 if enforced else float("inf")
    ActionAuthenticatorMixin.request_count = 0


def _issued_credentials() -> list[dict[str, str]]:
    """Every credential moto's STS has issued (AssumeRole and friends), in every account and partition."""
    from moto.sts.models import sts_backends

    issued = []
    for account_id, partitions in sts_backends.items():
        for backend in partitions.values():
            for role in backend.assumed_roles:
                issued.append({"accountId": account_id, "roleArn": role.role_arn, "accessKeyId": role.access_key_id,
                               "secretAccessKey": role.secret_access_key, "sessionToken": role.session_token})
    return issued


def _fault_error(request: Any, fault: str) -> Any:
    from awsproto import Response, error_response

    if request.service == "cloudone":
        status, message = {"throttle": (429, "Too Many Requests"), "500": (500, "Internal Server Error")}.get(
            fault, (503, "Service Unavailable"))
        return Response(status, [("Content-Type", "application/json")], json.dumps({"message": message}).encode())
    if request.protocol == "ec2":
        code, status = {"throttle": ("RequestLimitExceeded", 503), "500": ("InternalError", 500)}.get(
            fault, ("Unavailable", 503)
        )
        message = "Request limit exceeded." if fault == "throttle" else "An internal error has occurred"
        return error_response(request, code, message, status)
    if request.protocol == "rest-xml":
        code, status, message = {
            "throttle": ("SlowDown", 503, "Please reduce your request rate."),
            "500": ("InternalError", 500, "We encountered an internal error. Please try again."),
        }.get(fault, ("ServiceUnavailable", 503, "Service is unable to handle request."))
        return error_response(request, code, message, status)
    if request.is_xml:
        code, status, message = {
            "throttle": ("Throttling", 400, "Rate exceeded"),
            "500": ("InternalFailure", 500, "The request processing has failed because of an unknown error."),
        }.get(fault, ("ServiceUnavailable", 503, "Service is unavailable."))
        return error_response(request, code, message, status, sender=fault == "throttle")
    code, status, message = {
        "throttle": ("ThrottlingException", 400, "Rate exceeded"),
        "500": ("InternalFailure", 500, "The request processing has failed because of an unknown error."),
    }.get(fault, ("ServiceUnavailableException", 503, "Service is unavailable."))
    return error_response(request, code, message, status)


def _unsupported(request: Any, detail: str) -> Any:
    """moto does not implement the operation: a non-retryable 'unknown operation' error."""
    from awsproto import error_response

    message = f"The emulator (moto) does not implement {request.service}:{request.operation} ({detail})"
    if request.protocol in ("query", "ec2"):
        return error_response(request, "InvalidAction", message, 400)
    return error_response(request, "UnknownOperationException", message, 400)


def _malformed(request: Any) -> Any:
    from awsproto import Response, request_id

    rid = request_id()
    if request.is_xml:
        body = f'<?xml version="1.0" encoding="UTF-8"?>\n<{request.operation}Response><{request.operation}Result><Item>'
        body += "\x01garbage & <unclosed"
        return Response(200, [("Content-Type", "text/xml"), ("x-amzn-RequestId", rid)], body.encode())
    content_type = "application/json" if request.protocol == "rest-json" else "application/x-amz-json-1.1"
    return Response(200, [("Content-Type", content_type), ("x-amzn-RequestId", rid)], b'{"garbage": [1, 2, ')


def _reset_connection(environ: dict[str, Any]) -> None:
    """Close the connection without an answer (FIN now, RST when the server closes the socket)."""
    connection = environ.get("werkzeug.socket")
    if connection is not None:
        try:
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _status_line(status: int) -> str:
    from http import HTTPStatus

    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def _json(start_response: Callable[..., Any], status: int, payload: Any) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(
        _status_line(status), [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]


# ------------------------------------------------------------ answer rules

RULE_ACTIONS = ("accessDenied", "tokenLoop", "respond", "pad")
LOOP_TOKEN = "preflight-emulator-token-loop"


def _answer_rules(value: Any) -> tuple[dict[str, Any], ...]:
    """Validates the `rules` setting: scripted answers for the requests they match (see README.md)."""
    if not isinstance(value, list):
        raise ValueError("rules must be a list of objects")
    rules: list[dict[str, Any]] = []
    for index, rule in enumerate(value):
        if not isinstance(rule, dict):
            raise ValueError(f"rules[{index}] must be an object")
        if rule.get("action") not in RULE_ACTIONS:
            raise ValueError(f"rules[{index}].action must be one of {list(RULE_ACTIONS)}")
        known = {"action", "service", "operation", "region", "accountId", "params", "message", "status", "body",
                 "contentType", "bytes", "text"}
        unknown = sorted(set(rule) - known)
        if unknown:
            raise ValueError(f"rules[{index}] has unknown keys {unknown}")
        for key in ("service", "operation", "region", "accountId", "message", "contentType"):
            if key in rule and not isinstance(rule[key], str):
                raise ValueError(f"rules[{index}].{key} must be a string")
        parts = rule.get("body", "")
        for part in parts if isinstance(parts, list) else [parts]:
            repeated = isinstance(part, dict) and isinstance(part.get("text"), str) and isinstance(part.get("count"), int)
            if not isinstance(part, str) and not repeated:
                raise ValueError(f"rules[{index}].body must be a string or a list of strings and {{text, count}} objects")
        params = rule.get("params", {})
        if not isinstance(params, dict) or not all(isinstance(v, str) for v in params.values()):
            raise ValueError(f"rules[{index}].params must map names to strings")
        if not isinstance(rule.get("status", 200), int):
            raise ValueError(f"rules[{index}].status must be an integer")
        if not isinstance(rule.get("bytes", 0), int) or rule.get("bytes", 0) < 0:
            raise ValueError(f"rules[{index}].bytes must be a non-negative integer")
        if not isinstance(rule.get("text", "\n"), str) or not rule.get("text", "\n"):
            raise ValueError(f"rules[{index}].text must be a non-empty string")
        rules.append(dict(rule))
    return tuple(rules)


def _matching_rule(rules: Iterable[dict[str, Any]], request: Any, account_id: str) -> dict[str, Any] | None:
    """The first rule whose service, operation, region, account and parameters all match `request`."""
    for rule in rules:
        if rule.get("service", request.service) != request.service:
            continue
        if rule.get("operation", request.operation) != request.operation:
            continue
        if rule.get("region", request.region) != request.region:
            continue
        if rule.get("accountId", account_id) != account_id:
            continue
        if rule.get("params") and not _params_match(request, rule["params"]):
            continue
        return rule
    return None


def _params_match(request: Any, wanted: dict[str, str]) -> bool:
    if request.is_xml:
        actual: dict[str, Any] = request.params()
    else:
        try:
            body = request.json_body()
        except ValueError:
            return False
        actual = body if isinstance(body, dict) else {}
    return all(str(actual.get(name)) == value for name, value in wanted.items())


def _rule_answer(request: Any, rule: dict[str, Any]) -> Any:
    """The scripted answer of an `accessDenied` or `respond` rule."""
    from awsproto import Response, error_response, request_id

    if rule["action"] == "respond":
        rid = request_id()
        default_type = "text/xml" if request.is_xml else "application/x-amz-json-1.1"
        headers = [("Content-Type", rule.get("contentType", default_type)), ("x-amzn-RequestId", rid)]
        parts = rule.get("body", "")
        body = "".join(
            part if isinstance(part, str) else part["text"] * part["count"]
            for part in (parts if isinstance(parts, list) else [parts])
        )
        return Response(rule.get("status", 200), headers, body.encode())
    action = f"{request.service}:{request.operation}"
    if request.service == "cloudone":
        message = rule.get("message") or "The API key's role does not have permission for this request"
        return Response(403, [("Content-Type", "application/json")], json.dumps({"message": message}).encode())
    message = rule.get("message") or (
        f"User: arn:aws:iam::{_account_for(request)}:user/emulator is not authorized to perform: {action}"
    )
    if request.protocol == "ec2":
        return error_response(request, "UnauthorizedOperation", message, 403)
    if request.protocol == "query":
        return error_response(request, "AccessDenied", message, 403)
    return error_response(request, "AccessDeniedException", message, 400)


def _without_page_token(environ: dict[str, Any], request: Any) -> Any:
    """`request` without its page token (`NextToken`, `Marker`), so every request is answered as the first page."""
    from urllib.parse import parse_qsl, urlencode

    from awsproto import AwsRequest

    if request.is_xml:
        pairs = parse_qsl(request.body.decode("utf-8", errors="replace"), keep_blank_values=True)
        body = urlencode([(k, v) for k, v in pairs if k not in ("NextToken", "Marker")]).encode()
    else:
        payload = request.json_body()
        if isinstance(payload, dict):
            payload = {k: v for k, v in payload.items() if k != "NextToken"}
        body = json.dumps(payload).encode()
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return AwsRequest.from_environ(environ, body)


def _with_page_token(request: Any, response: Any) -> Any:
    """`response` with the same page token every time: a paginator that trusts it never ends."""
    from awsproto import Response

    text = response.body.decode("utf-8", errors="replace")
    if not request.is_xml:
        payload = json.loads(text or "{}")
        if isinstance(payload, dict):
            payload["NextToken"] = LOOP_TOKEN
            text = json.dumps(payload)
    elif "<IsTruncated>" in text:
        text = re.sub(r"<Marker>[^<]*</Marker>", "", text)
        text = text.replace("<IsTruncated>false</IsTruncated>", "<IsTruncated>true</IsTruncated>", 1)
        text = text.replace("<IsTruncated>true</IsTruncated>", f"<IsTruncated>true</IsTruncated><Marker>{LOOP_TOKEN}</Marker>", 1)
    elif request.protocol == "ec2":
        text = re.sub(r"<nextToken>[^<]*</nextToken>", "", text)
        closing = f"</{request.operation}Response>"
        text = text.replace(closing, f"<nextToken>{LOOP_TOKEN}</nextToken>{closing}", 1)
    else:
        text = re.sub(r"<NextToken>[^<]*</NextToken>", "", text)
        closing = f"</{request.operation}Result>"
        text = text.replace(closing, f"<NextToken>{LOOP_TOKEN}</NextToken>{closing}", 1)
    return Response(response.status, list(response.headers), text.encode())


# ---------------------------------------------------------------------- CLI


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free port")
    parser.add_argument("--port-file", help="write the bound port here once listening")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay every AWS request (outside the moto lock)")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="probability of a fault per AWS request")
    parser.add_argument("--fault-seed", type=int, default=0, help="seed of the fault generator")
    parser.add_argument("--faults", default="", help=f"comma-separated fault kinds: {','.join(FAULT_KINDS)}")
    parser.add_argument("--slow-ms", type=int, default=5000, help="how long a 'slow' fault delays the answer")
    parser.add_argument("--fault-services", default="", help="only fault these signing names (comma-separated)")
    parser.add_argument("--fault-operations", default="", help="only fault these operations (comma-separated)")
    parser.add_argument("--max-faults", type=int, help="stop injecting after this many faults")
    parser.add_argument(
        "--all-managed-policies", action="store_true", help="load every AWS managed policy (slow) instead of a subset"
    )
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        config = FaultConfig().updated(
            {
                "faultRate": args.fault_rate,
                "faultSeed": args.fault_seed,
                "faults": args.faults,
                "faultServices": args.fault_services,
                "faultOperations": args.fault_operations,
                "maxFaults": args.max_faults,
                "latencyMs": args.latency_ms,
                "slowMs": args.slow_ms,
            }
        )
    except ValueError as error:
        raise SystemExit(f"emulator: {error}") from error
    _limit_managed_policies(None if args.all_managed_policies else DEFAULT_MANAGED_POLICIES)
    _extend_moto()

    from werkzeug.serving import WSGIRequestHandler, make_server

    class Handler(WSGIRequestHandler):
        def make_environ(self) -> dict[str, Any]:
            # werkzeug drops header names with underscores; the SSO portal's `x-amz-sso_bearer_token` has them.
            environ = super().make_environ()
            environ["preflight.headers"] = list(self.headers.items())
            return environ

        def log_request(self, code: Any = "-", size: Any = "-") -> None:
            if args.verbose:
                super().log_request(code, size)

    app = Emulator(config)
    server = make_server(args.host, args.port, app, threaded=True, request_handler=Handler)
    server.daemon_threads = True
    port = server.server_port
    if args.port_file:
        temporary = f"{args.port_file}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(str(port))
        os.replace(temporary, args.port_file)
    print(f"emulator listening on http://{args.host}:{port}", file=sys.stderr, flush=True)

    def stop(signum: int, frame: Any) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    def stop_when_orphaned(parent: int) -> None:
        # A test process that exits without stopping its emulator (a process-wide shared one) leaves it to init.
        while os.getppid() == parent:
            time.sleep(1)
        stop(signal.SIGTERM, None)

    # A process started from a Swift worker thread inherits its blocked signals: unblock the ones that stop us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Thread(target=stop_when_orphaned, args=(os.getppid(),), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
