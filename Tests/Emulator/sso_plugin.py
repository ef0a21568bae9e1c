"""IAM Identity Center (SSO) for the Preflight emulator: the portal's GetRoleCredentials and SSO OIDC's
CreateToken (refresh grant), unsigned as the real services answer them, computed from the emulator's state.

State (reset by /_preflight/reset): users and their assignments (account x permission set), access tokens,
refresh tokens and registered clients. Role credentials are the ones moto's STS issues when the role IAM
Identity Center provisions for the permission set in the account
(`/aws-reserved/sso.amazonaws.com/AWSReservedSSO_<PermissionSet>_<16 hex>`, which must exist in moto's IAM) is
assumed with the token's user name as session name: the rest of a run is signed with them, verified and
authorized as that role. Control endpoints and wire shapes are documented in README.md.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

# Where IAM Identity Center provisions permission sets' roles, and their names.
ROLE_PATH = "/aws-reserved/sso.amazonaws.com/"
ROLE_PREFIX = "AWSReservedSSO_"
# Permission set names (CreatePermissionSet: 1-32 of [\w+=,.@-]) and user names (STS session names).
PERMISSION_SET_NAME = re.compile(r"^[\w+=,.@-]{1,32}$")
USER_NAME = re.compile(r"^[\w+=,.@-]{2,64}$")
ACCOUNT_ID = re.compile(r"^\d{12}$")

DEFAULT_TOKEN_LIFETIME = 3600  # seconds, access tokens (the real service: 1 hour)
DEFAULT_REGISTRATION_LIFETIME = 90 * 24 * 3600  # seconds, client registrations (the real service: 90 days)

# (method, path) of the routes served here, with the call log's service and operation.
ROUTES = {
    ("GET", "/federation/credentials"): ("sso", "GetRoleCredentials"),
    ("POST", "/token"): ("sso-oidc", "CreateToken"),
}


def role_suffix(account_id: str, permission_set: str) -> str:
    """The deterministic 16 lowercase hex digits of a provisioned role: SHA-256 of `ACCOUNT/PERMISSIONSET`."""
    return hashlib.sha256(f"{account_id}/{permission_set}".encode()).hexdigest()[:16]


def role_name(account_id: str, permission_set: str) -> str:
    """`AWSReservedSSO_<PermissionSet>_<suffix>`, the name of the role provisioned for a permission set."""
    return f"{ROLE_PREFIX}{permission_set}_{role_suffix(account_id, permission_set)}"


def role_arn(account_id: str, permission_set: str) -> str:
    return f"arn:aws:iam::{account_id}:role{ROLE_PATH}{role_name(account_id, permission_set)}"


def route(environ: dict[str, Any]) -> tuple[str, str] | None:
    """(service, operation) when the request is one of the unsigned SSO routes, else None."""
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "")
    if path.endswith("/") and len(path) > 1:
        path = path[:-1]
    found = ROUTES.get((method, path))
    if found is None:
        return None
    if found[1] == "CreateToken" and "aws_iam" in parse_qs(environ.get("QUERY_STRING", "")):
        return None  # CreateTokenWithIAM is SigV4-signed: not ours
    return found


def account_of(request: Any) -> str | None:
    """The account a GetRoleCredentials request asks for (the call log's `accountId`); None for CreateToken."""
    if request.operation != "GetRoleCredentials":
        return None
    return (parse_qs(request.query_string).get("account_id") or [None])[-1]


def bearer_token(environ: dict[str, Any]) -> str | None:
    """The `x-amz-sso_bearer_token` header. WSGI servers drop header names with underscores (werkzeug too): the
    emulator's request handler keeps the raw headers in `preflight.headers`."""
    for name, value in environ.get("preflight.headers") or []:
        if name.lower() == "x-amz-sso_bearer_token":
            return value
    return None


def _iso(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _epoch_ms(moment: datetime.datetime) -> int:
    if moment.tzinfo is None:  # moto's datetimes are naive UTC
        return calendar.timegm(moment.utctimetuple()) * 1000
    return int(moment.timestamp() * 1000)


@dataclass
class Grant:
    """What a token stands for: the user and their assignments [(account, permission set)]."""

    user: str
    assignments: list[tuple[str, str]]


@dataclass
class AccessToken:
    value: str
    grant: Grant
    expires_at: float


@dataclass
class RefreshToken:
    value: str
    client_id: str
    grant: Grant
    expires_at: float | None  # None: never
    refreshed_lifetime: int  # lifetime of the access tokens CreateToken issues from it
    used: bool = False


@dataclass
class Client:
    client_id: str
    secret: str
    registration_expires_at: float


@dataclass
class SsoState:
    """The Identity Center state of the emulator; every method is called under the state's lock."""

    users: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    access_tokens: dict[str, AccessToken] = field(default_factory=dict)
    refresh_tokens: dict[str, RefreshToken] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.users.clear()
            self.access_tokens.clear()
            self.refresh_tokens.clear()
            self.clients.clear()

    # ------------------------------------------------------------ control

    def set_users(self, spec: dict[str, Any]) -> dict[str, Any]:
        """POST /_preflight/sso/users: `{"users": [{"name", "assignments": [{"account", "permissionSet"}]}]}`
        registers (or replaces) users and their assignments."""
        users = spec.get("users")
        if not isinstance(users, list):
            raise ValueError('expected {"users": [{"name": USER, "assignments": [{"account": ID, "permissionSet": NAME}]}]}')
        parsed = []
        for index, user in enumerate(users):
            if not isinstance(user, dict):
                raise ValueError(f"users[{index}] must be an object")
            name = _user_name(user.get("name"), f"users[{index}].name")
            parsed.append((name, _assignments(user.get("assignments", []), f"users[{index}].assignments")))
        with self.lock:
            for name, assignments in parsed:
                self.users[name] = assignments
            return {"users": self._users_json()}

    def create_tokens(self, spec: dict[str, Any]) -> dict[str, Any]:
        """POST /_preflight/sso/tokens: an access token for a user, a refresh token and the client it belongs to
        (README.md lists the keys)."""
        known = {"user", "assignments", "accessToken", "expiresIn", "refreshToken", "refreshTokenExpiresIn",
                 "refreshedExpiresIn", "clientId", "clientSecret", "registrationExpiresIn", "startUrl", "region",
                 "sessionName"}
        unknown = sorted(set(spec) - known)
        if unknown:
            raise ValueError(f"unknown keys {unknown}; known: {sorted(known)}")
        user = _user_name(spec.get("user"), "user")
        expires_in = _seconds(spec.get("expiresIn", DEFAULT_TOKEN_LIFETIME), "expiresIn")
        refreshed = _seconds(spec.get("refreshedExpiresIn", DEFAULT_TOKEN_LIFETIME), "refreshedExpiresIn")
        if refreshed <= 0:
            raise ValueError("refreshedExpiresIn must be positive")
        registration = _seconds(spec.get("registrationExpiresIn", DEFAULT_REGISTRATION_LIFETIME),
                                "registrationExpiresIn")
        refresh_lifetime = spec.get("refreshTokenExpiresIn")
        if refresh_lifetime is not None:
            refresh_lifetime = _seconds(refresh_lifetime, "refreshTokenExpiresIn")
        for key in ("accessToken", "clientId", "clientSecret", "startUrl", "region", "sessionName"):
            if key in spec and spec[key] is not None and (not isinstance(spec[key], str) or not spec[key]):
                raise ValueError(f"{key} must be a non-empty string")
        refresh_value = spec.get("refreshToken", True)
        if not isinstance(refresh_value, (str, bool)) or refresh_value == "":
            raise ValueError("refreshToken must be a non-empty string, true (generated) or false (none)")
        now = time.time()
        with self.lock:
            if "assignments" in spec:
                assignments = _assignments(spec["assignments"], "assignments")
            elif user in self.users:
                assignments = list(self.users[user])
            else:
                raise ValueError(f"unknown user {user!r}: register it (POST /_preflight/sso/users, scenario "
                                 "sso.users) or give its assignments")
            grant = Grant(user, assignments)
            value = spec.get("accessToken") or _generate("aoa")
            if value in self.access_tokens:
                raise ValueError("accessToken is already issued")
            token = AccessToken(value, grant, now + expires_in)
            result: dict[str, Any] = {"user": user, "assignments": _assignments_json(assignments),
                                      "accessToken": value, "expiresIn": expires_in, "expiresAt": _iso(token.expires_at)}
            refresh: RefreshToken | None = None
            client: Client | None = None
            if refresh_value is not False:
                client_id = spec.get("clientId") or _generate("", 22)
                client = self.clients.get(client_id)
                if client is None:
                    client = Client(client_id, spec.get("clientSecret") or _generate("", 64), now + registration)
                elif spec.get("clientSecret") and spec["clientSecret"] != client.secret:
                    raise ValueError(f"client {client_id} is registered with another secret")
                elif "registrationExpiresIn" in spec:
                    client.registration_expires_at = now + registration
                refresh_token = _generate("aor") if refresh_value is True else refresh_value
                if refresh_token in self.refresh_tokens:
                    raise ValueError("refreshToken is already issued")
                refresh = RefreshToken(refresh_token, client.client_id, grant,
                                       None if refresh_lifetime is None else now + refresh_lifetime, refreshed)
                self.clients[client.client_id] = client
                self.refresh_tokens[refresh_token] = refresh
                result.update({"refreshToken": refresh_token, "clientId": client.client_id,
                               "clientSecret": client.secret,
                               "registrationExpiresAt": _iso(client.registration_expires_at)})
            self.access_tokens[value] = token
        result["cache"] = _cache(spec, token, refresh, client)
        return result

    def snapshot(self) -> dict[str, Any]:
        """GET /_preflight/sso/state."""
        now = time.time()
        with self.lock:
            return {
                "users": self._users_json(),
                "accessTokens": [
                    {"accessToken": t.value, "user": t.grant.user, "assignments": _assignments_json(t.grant.assignments),
                     "expiresAt": _iso(t.expires_at), "expired": t.expires_at <= now}
                    for t in self.access_tokens.values()
                ],
                "refreshTokens": [
                    {"refreshToken": r.value, "clientId": r.client_id, "user": r.grant.user,
                     "assignments": _assignments_json(r.grant.assignments),
                     "expiresAt": None if r.expires_at is None else _iso(r.expires_at),
                     "expired": r.expires_at is not None and r.expires_at <= now, "used": r.used}
                    for r in self.refresh_tokens.values()
                ],
                "clients": [
                    {"clientId": c.client_id, "clientSecret": c.secret,
                     "registrationExpiresAt": _iso(c.registration_expires_at),
                     "expired": c.registration_expires_at <= now}
                    for c in self.clients.values()
                ],
            }

    def _users_json(self) -> list[dict[str, Any]]:
        return [{"name": name, "assignments": _assignments_json(a)} for name, a in self.users.items()]

    # ------------------------------------------------------------ the services

    def get_role_credentials(self, request: Any, environ: dict[str, Any]) -> Any:
        """GET /federation/credentials?account_id=&role_name= with `x-amz-sso_bearer_token` (call under the
        moto lock: it reads moto's IAM and issues through moto's STS)."""
        from moto.iam.models import iam_backends
        from moto.sts.models import sts_backends

        query = parse_qs(request.query_string, keep_blank_values=True)
        account = (query.get("account_id") or [""])[-1]
        permission_set = (query.get("role_name") or [""])[-1]
        bearer = bearer_token(environ)
        missing = [name for name, value in (("account_id", account), ("role_name", permission_set),
                                             ("x-amz-sso_bearer_token", bearer)) if not value]
        if missing:
            return _portal_error("InvalidRequestException", f"Missing required parameter(s): {', '.join(missing)}", 400)
        with self.lock:
            token = self.access_tokens.get(bearer)
            if token is None or token.expires_at <= time.time():
                return _portal_error("UnauthorizedException", "Session token not found or invalid", 401)
            grant = token.grant
        if (account, permission_set) not in grant.assignments:
            return _portal_error("ForbiddenException", "No access", 403)
        wanted = re.compile(rf"^{re.escape(ROLE_PREFIX + permission_set)}_[0-9a-f]{{16}}$")
        role = next(
            (r for r in list(iam_backends[account]["aws"].roles.values())
             if r.path.startswith(ROLE_PATH) and wanted.match(r.name)),
            None,
        )
        if role is None:
            return _portal_error("ForbiddenException", "No access", 403)
        assumed = sts_backends[account]["aws"].assume_role(
            region_name="us-east-1", role_session_name=grant.user, role_arn=role.arn, policy=None,
            duration=int(role.max_session_duration or 3600), external_id=None,
        )
        return _json(200, {"roleCredentials": {
            "accessKeyId": assumed.access_key_id,
            "secretAccessKey": assumed.secret_access_key,
            "sessionToken": assumed.session_token,
            "expiration": _epoch_ms(assumed.expiration),
        }})

    def create_token(self, request: Any, environ: dict[str, Any]) -> Any:
        """POST /token with a refresh_token grant: rotates the refresh token, issues a new access token."""
        try:
            body = json.loads(request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            body = None
        if not isinstance(body, dict):
            return _oidc_error("InvalidRequestException", "invalid_request", "The request body must be a JSON object", 400)
        missing = [k for k in ("clientId", "clientSecret", "grantType") if not isinstance(body.get(k), str) or not body[k]]
        if missing:
            return _oidc_error("InvalidRequestException", "invalid_request",
                               f"Missing required parameter(s): {', '.join(missing)}", 400)
        now = time.time()
        with self.lock:
            client = self.clients.get(body["clientId"])
            if client is None or not secrets.compare_digest(client.secret, body["clientSecret"]):
                return _oidc_error("InvalidClientException", "invalid_client", "Invalid client", 401)
            if client.registration_expires_at <= now:
                return _oidc_error("InvalidClientException", "invalid_client", "Client registration has expired", 401)
            if body["grantType"] != "refresh_token":
                return _oidc_error("UnsupportedGrantTypeException", "unsupported_grant_type",
                                   f"Unsupported grant type: {body['grantType']}", 400)
            value = body.get("refreshToken")
            if not isinstance(value, str) or not value:
                return _oidc_error("InvalidRequestException", "invalid_request",
                                   "Missing required parameter(s): refreshToken", 400)
            refresh = self.refresh_tokens.get(value)
            if refresh is None or refresh.client_id != client.client_id:
                return _oidc_error("InvalidGrantException", "invalid_grant", "Invalid refresh token provided", 400)
            if refresh.used:
                return _oidc_error("InvalidGrantException", "invalid_grant", "Refresh token has already been used", 400)
            if refresh.expires_at is not None and refresh.expires_at <= now:
                return _oidc_error("InvalidGrantException", "invalid_grant", "Refresh token has expired", 400)
            refresh.used = True
            access = AccessToken(_generate("aoa"), refresh.grant, now + refresh.refreshed_lifetime)
            rotated = RefreshToken(_generate("aor"), client.client_id, refresh.grant, refresh.expires_at,
                                   refresh.refreshed_lifetime)
            self.access_tokens[access.value] = access
            self.refresh_tokens[rotated.value] = rotated
        return _json(200, {"accessToken": access.value, "tokenType": "Bearer",
                           "expiresIn": refresh.refreshed_lifetime, "refreshToken": rotated.value})


# ----------------------------------------------------------------- helpers


def _generate(prefix: str, length: int = 0) -> str:
    if length:
        return secrets.token_urlsafe(length)[:length]
    return prefix + "A" * 5 + secrets.token_urlsafe(96)


def _user_name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not USER_NAME.match(value):
        raise ValueError(f"{where} must be a user name of 2-64 characters of letters, digits and +=,.@_-")
    return value


def _seconds(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where} must be an integer number of seconds")
    return value


def _assignments(value: Any, where: str) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list of {{account, permissionSet}} objects")
    parsed = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"account", "permissionSet"}:
            raise ValueError(f"{where}[{index}] must be an object with exactly account and permissionSet")
        account, permission_set = item["account"], item["permissionSet"]
        if not isinstance(account, str) or not ACCOUNT_ID.match(account):
            raise ValueError(f"{where}[{index}].account must be a 12-digit account id")
        if not isinstance(permission_set, str) or not PERMISSION_SET_NAME.match(permission_set):
            raise ValueError(f"{where}[{index}].permissionSet must be 1-32 characters of letters, digits and +=,.@_-")
        parsed.append((account, permission_set))
    return parsed


def _assignments_json(assignments: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"account": account, "permissionSet": name} for account, name in assignments]


def _cache(spec: dict[str, Any], token: AccessToken, refresh: RefreshToken | None, client: Client | None) -> dict[str, Any]:
    """The AWS CLI v2 cache entry (`~/.aws/sso/cache/<sha1>.json`) for the token, and its file name when
    `sessionName` (sso-session profiles) or `startUrl` (legacy profiles) says which."""
    entry: dict[str, Any] = {"startUrl": spec.get("startUrl") or "https://emulator.awsapps.com/start",
                             "region": spec.get("region") or "us-east-1",
                             "accessToken": token.value, "expiresAt": _iso(token.expires_at)}
    if refresh is not None and client is not None:
        entry.update({"clientId": client.client_id, "clientSecret": client.secret,
                      "registrationExpiresAt": _iso(client.registration_expires_at), "refreshToken": refresh.value})
    key = spec.get("sessionName") or spec.get("startUrl")
    return {"fileName": f"{hashlib.sha1(key.encode()).hexdigest()}.json" if key else None, "entry": entry}


def _json(status: int, payload: Any, headers: list[tuple[str, str]] | None = None) -> Any:
    from awsproto import Response, request_id

    return Response(status, [("Content-Type", "application/json"), ("x-amzn-RequestId", request_id()),
                             *(headers or [])], json.dumps(payload).encode())


def _portal_error(code: str, message: str, status: int) -> Any:
    """The portal's REST-JSON error: `x-amzn-ErrorType` and `{"message": …}`."""
    return _json(status, {"message": message}, [("x-amzn-ErrorType", code)])


def _oidc_error(code: str, error: str, description: str, status: int) -> Any:
    """SSO OIDC's error: `x-amzn-ErrorType` and the OAuth `{"error", "error_description"}` body."""
    return _json(status, {"error": error, "error_description": description}, [("x-amzn-ErrorType", code)])
