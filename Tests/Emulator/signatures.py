"""SigV4 signature verification for the Preflight emulator.

Every AWS request's signature is recomputed with botocore's signer from the
secret the emulator knows for its access key: static test keys (the
emulator's environment), the access keys moto's IAM created, and the
credentials moto's STS issued (whose session token must be sent and signed as
`X-Amz-Security-Token`). A request whose signature, key or token does not check
out is refused and recorded. IAM Identity Center's portal and OIDC routes are unsigned
(`sso_plugin.route`) and never refused.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

_AUTHORIZATION_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request,"
    r"\s*SignedHeaders=(?P<headers>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]+)\s*$"
)
# Payload hashes a signer may use instead of the body's SHA-256.
_LITERAL_PAYLOADS = ("UNSIGNED-PAYLOAD", "STREAMING-")

# Static credentials every emulator accepts (the Python tests' and the scenario builder's default).
DEFAULT_KEYS = {"testing": "testing"}
# Environment variable with more static credentials: `AKID=SECRET` pairs separated by commas.
KEYS_VARIABLE = "PREFLIGHT_EMULATOR_CREDENTIALS"


@dataclass
class Secret:
    """What the emulator knows of an access key: its secret and, for STS credentials, its session token."""

    secret: str
    session_token: str | None = None


@dataclass
class Failure:
    """Why a request was refused: `code` (the AWS error code) and the message answered."""

    code: str
    message: str
    status: int = 403


def static_keys(environment: dict[str, str] | None = None) -> dict[str, str]:
    """The static credentials: the defaults, the pairs of `PREFLIGHT_EMULATOR_CREDENTIALS` and the
    environment's `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`."""
    environment = os.environ if environment is None else environment
    keys = dict(DEFAULT_KEYS)
    for pair in environment.get(KEYS_VARIABLE, "").split(","):
        key, separator, secret = pair.strip().partition("=")
        if key and separator:
            keys[key] = secret
    if environment.get("AWS_ACCESS_KEY_ID") and environment.get("AWS_SECRET_ACCESS_KEY"):
        keys[environment["AWS_ACCESS_KEY_ID"]] = environment["AWS_SECRET_ACCESS_KEY"]
    return keys


def moto_secret(access_key: str) -> Secret | None:
    """The secret of a key moto's STS issued or moto's IAM created (call under the moto lock)."""
    from moto.iam.models import iam_backends
    from moto.sts.models import sts_backends

    for partitions in list(sts_backends.values()):
        for backend in list(partitions.values()):
            for role in backend.assumed_roles:
                if role.access_key_id == access_key:
                    return Secret(role.secret_access_key, role.session_token)
    for partitions in list(iam_backends.values()):
        for backend in list(partitions.values()):
            for user in list(backend.users.values()):
                for key in user.access_keys:
                    if key.access_key_id == access_key:
                        return Secret(key.secret_access_key)
    return None


class _Recomputation(SigV4Auth):
    """botocore's signer over exactly the headers the client signed, with the body's real hash."""

    def __init__(self, credentials: Credentials, service: str, region: str, signed: list[str], body: bytes):
        super().__init__(credentials, service, region)
        self._signed = signed
        self._body = body

    def headers_to_sign(self, request: AWSRequest) -> HTTPHeaders:
        headers = HTTPHeaders()
        for name in self._signed:
            for value in request.headers.get_all(name) or []:
                headers[name] = value
        return headers

    def payload(self, request: AWSRequest) -> str:
        claimed = request.headers.get("x-amz-content-sha256", "")
        if claimed.startswith(_LITERAL_PAYLOADS):
            return claimed
        return sha256(self._body).hexdigest()


class _S3Recomputation(_Recomputation, S3SigV4Auth):
    """The same for S3, whose canonical path is not normalised."""


def expected_signature(
    environ: dict[str, Any], body: bytes, secret: str, access_key: str, region: str, service: str, signed: list[str],
    timestamp: str,
) -> str:
    """The signature of the request in `environ` (its raw path and query, the `signed` headers) with `secret`."""
    raw_uri = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/")
    host = environ.get("HTTP_HOST", "localhost")
    request = AWSRequest(method=environ.get("REQUEST_METHOD", "GET"), url=f"http://{host}{raw_uri}", data=body)
    request.headers = HTTPHeaders()
    for name in signed:
        value = _header(environ, name)
        if value is not None:
            request.headers[name] = value
    request.context["timestamp"] = timestamp
    signer_type = _S3Recomputation if service == "s3" else _Recomputation
    signer = signer_type(Credentials(access_key, secret), service, region, signed, body)
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request)


def _header(environ: dict[str, Any], name: str) -> str | None:
    if name == "content-type":
        return environ.get("CONTENT_TYPE")
    if name == "content-length":
        return environ.get("CONTENT_LENGTH")
    return environ.get("HTTP_" + name.upper().replace("-", "_"))


def _s3_payload_failure(environ: dict[str, Any], body: bytes, signed: list[str]) -> Failure | None:
    """S3's refusals of a SigV4 request's `x-amz-content-sha256`: required, signed, and the body's hash unless
    a literal (`UNSIGNED-PAYLOAD`, `STREAMING-…`)."""
    claimed = _header(environ, "x-amz-content-sha256")
    if claimed is None:
        return Failure("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400)
    if "x-amz-content-sha256" not in signed:
        return Failure("AccessDenied", "There were headers present in the request which were not signed")
    if claimed.startswith(_LITERAL_PAYLOADS):
        return None
    if not re.fullmatch(r"[0-9a-f]{64}", claimed):
        return Failure("InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                                          "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.", 400)
    if claimed != sha256(body).hexdigest():
        return Failure("XAmzContentSHA256Mismatch",
                       "The provided 'x-amz-content-sha256' header does not match what was computed.", 400)
    return None


def _is_web_identity_call(body: bytes) -> bool:
    """Whether a query-protocol body is STS's AssumeRoleWithWebIdentity, the one call Preflight sends unsigned."""
    from urllib.parse import parse_qs
    return parse_qs(body.decode("utf-8", "replace")).get("Action") == ["AssumeRoleWithWebIdentity"]


@dataclass
class SignatureVerifier:
    """Verifies requests and keeps every refused one."""

    keys: dict[str, str] = field(default_factory=static_keys)
    failures: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def verify(self, environ: dict[str, Any], body: bytes) -> Failure | None:
        """None when the request is correctly signed with a known key (call under the moto lock)."""
        from sso_plugin import route

        if route(environ) is not None:
            # IAM Identity Center's portal (GetRoleCredentials) and OIDC (CreateToken) are unsigned: the bearer
            # token or the client secret is the credential (the emulator routes them before verification).
            return None
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        if not authorization and _is_web_identity_call(body):
            # STS answers AssumeRoleWithWebIdentity unsigned: the web identity token is the credential.
            return None
        match = _AUTHORIZATION_RE.match(authorization.strip())
        if match is None:
            return Failure("MissingAuthenticationToken", "Request is missing a valid SigV4 Authorization header.")
        signed = match["headers"].split(";")
        timestamp = _header(environ, "x-amz-date") or ""
        if "host" not in signed or "x-amz-date" not in signed or not timestamp.startswith(match["date"]):
            return Failure("SignatureDoesNotMatch", "The request must sign host and X-Amz-Date, dated as its scope.")
        if match["service"] == "s3":
            refused = _s3_payload_failure(environ, body, signed)
            if refused is not None:
                return refused
        key = match["key"]
        known = Secret(self.keys[key]) if key in self.keys else moto_secret(key)
        if known is None:
            return Failure("InvalidClientTokenId", "The security token included in the request is invalid.")
        token = _header(environ, "x-amz-security-token")
        if known.session_token is not None and token != known.session_token:
            return Failure("InvalidClientTokenId", "The security token included in the request is invalid.")
        expected = expected_signature(
            environ, body, known.secret, key, match["region"], match["service"], signed, timestamp)
        if expected != match["signature"]:
            return Failure(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. "
                "Check your AWS Secret Access Key and signing method.")
        return None

    def record(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.failures.append(entry)

    def snapshot(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.failures)

    def reset(self) -> None:
        with self.lock:
            self.failures.clear()
