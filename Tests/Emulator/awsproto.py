"""AWS wire-protocol helpers for the Preflight emulator.

Parses an incoming request into (service, region, access key, operation, protocol)
using the SigV4 credential scope and botocore's service models, and renders
responses and errors in the shape each protocol uses on the wire.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

import botocore.loaders

_CREDENTIAL_RE = re.compile(r"Credential=([^/,\s]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request")
_JSON_CONTENT_TYPES = ("application/x-amz-json-1.0", "application/x-amz-json-1.1")

# SigV4 signing names whose botocore model is stored under another name.
_SIGNING_NAME_TO_MODEL = {
    "monitoring": "cloudwatch",
    "email": "ses",
    "states": "stepfunctions",
    "tagging": "resourcegroupstaggingapi",
    "elasticloadbalancing": "elbv2",
    "es": "opensearch",
    "execute-api": "apigateway",
}


@dataclass
class Response:
    """A fully buffered HTTP response."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)

    def replace_header(self, name: str, value: str) -> None:
        lowered = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != lowered]
        self.headers.append((name, value))


@dataclass
class RestRoute:
    """How one REST operation is recognised: method, path pattern, required query keys and headers."""

    operation: str
    method: str
    pattern: re.Pattern[str]
    query_keys: list[str]
    headers: list[str]
    literal_length: int

    def matches(self, method: str, path: str, query_keys: set[str], headers: dict[str, str]) -> bool:
        return (
            self.method == method
            and self.pattern.match(path) is not None
            and all(key in query_keys for key in self.query_keys)
            and all(header in headers for header in self.headers)
        )

    @property
    def specificity(self) -> tuple[int, int]:
        return len(self.query_keys) + len(self.headers), self.literal_length


@dataclass
class ServiceModel:
    """The parts of a botocore service model the emulator needs."""

    name: str
    protocol: str
    xml_namespace: str | None
    target_prefix: str | None
    rest_routes: list[RestRoute] = field(default_factory=list)


class ModelRegistry:
    """Lazily loads botocore service models keyed by SigV4 signing name."""

    def __init__(self) -> None:
        self._loader = botocore.loaders.Loader()
        self._lock = threading.Lock()
        self._models: dict[str, ServiceModel | None] = {}
        self._signing_index: dict[str, str] | None = None

    def for_signing_name(self, signing_name: str) -> ServiceModel | None:
        with self._lock:
            if signing_name not in self._models:
                self._models[signing_name] = self._load(signing_name)
            return self._models[signing_name]

    def _load(self, signing_name: str) -> ServiceModel | None:
        candidates = [_SIGNING_NAME_TO_MODEL.get(signing_name, signing_name)]
        for name in candidates:
            raw = self._raw(name)
            if raw is not None:
                return self._build(name, raw)
        name = self._scan_signing_index().get(signing_name)
        if name is None:
            return None
        raw = self._raw(name)
        return self._build(name, raw) if raw is not None else None

    def _raw(self, name: str) -> dict[str, Any] | None:
        try:
            return self._loader.load_service_model(name, "service-2")
        except Exception:  # noqa: BLE001 - botocore raises several unrelated types
            return None

    def _scan_signing_index(self) -> dict[str, str]:
        if self._signing_index is None:
            index: dict[str, str] = {}
            for name in self._loader.list_available_services("service-2"):
                raw = self._raw(name)
                if raw is None:
                    continue
                meta = raw.get("metadata", {})
                for key in (meta.get("signingName"), meta.get("endpointPrefix")):
                    if key and key not in index:
                        index[key] = name
            self._signing_index = index
        return self._signing_index

    @staticmethod
    def _build(name: str, raw: dict[str, Any]) -> ServiceModel:
        meta = raw.get("metadata", {})
        protocols = meta.get("protocols") or [meta.get("protocol", "json")]
        protocol = meta.get("protocol") or protocols[0]
        model = ServiceModel(
            name=name,
            protocol=protocol,
            xml_namespace=meta.get("xmlNamespace"),
            target_prefix=meta.get("targetPrefix"),
        )
        if protocol in ("rest-json", "rest-xml"):
            shapes = raw.get("shapes", {})
            for op_name, op in raw.get("operations", {}).items():
                http = op.get("http", {})
                input_shape = shapes.get(op.get("input", {}).get("shape", ""), {})
                required = set(input_shape.get("required", []))
                members = input_shape.get("members", {})
                required_headers = [
                    member["locationName"].lower()
                    for name, member in members.items()
                    if name in required and member.get("location") == "header" and "locationName" in member
                ]
                required_query = [
                    member["locationName"]
                    for name, member in members.items()
                    if name in required and member.get("location") == "querystring" and "locationName" in member
                ]
                uri = http.get("requestUri", "/")
                path, _, query = uri.partition("?")
                pattern = "^"
                literal = 0
                for part in re.split(r"(\{[^}]+\})", path):
                    if part.startswith("{") and part.endswith("+}"):
                        pattern += ".+"
                    elif part.startswith("{"):
                        pattern += "[^/]+"
                    else:
                        pattern += re.escape(part)
                        literal += len(part)
                pattern += "/?$"
                query_keys = [q.split("=", 1)[0] for q in query.split("&") if q] + required_query
                model.rest_routes.append(
                    RestRoute(op_name, http.get("method", "POST"), re.compile(pattern), query_keys,
                              required_headers, literal)
                )
        return model


MODELS = ModelRegistry()


@dataclass
class AwsRequest:
    """An incoming AWS API request, parsed enough to route, count and fault it."""

    method: str
    path: str
    query_string: str
    headers: dict[str, str]
    body: bytes
    service: str
    region: str
    access_key: str | None
    operation: str
    protocol: str
    model: ServiceModel | None
    _params: dict[str, str] | None = None
    _json: Any = None

    @classmethod
    def from_environ(cls, environ: dict[str, Any], body: bytes) -> AwsRequest:
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        query_string = environ.get("QUERY_STRING", "")
        service, region, access_key = "unknown", "us-east-1", None
        match = _CREDENTIAL_RE.search(headers.get("authorization", ""))
        if match:
            access_key, _, region, service = match.group(1), match.group(2), match.group(3), match.group(4)
        else:
            query = parse_qs(query_string)
            credential = query.get("X-Amz-Credential", [""])[0].split("/")
            if len(credential) == 5:
                access_key, _, region, service, _ = credential
        model = MODELS.for_signing_name(service) if service != "unknown" else None
        protocol = model.protocol if model else _guess_protocol(headers)
        request = cls(
            method=method,
            path=path,
            query_string=query_string,
            headers=headers,
            body=body,
            service=service,
            region=region,
            access_key=access_key,
            operation="Unknown",
            protocol=protocol,
            model=model,
        )
        request.operation = request._resolve_operation()
        return request

    @property
    def is_xml(self) -> bool:
        return self.protocol in ("query", "ec2", "rest-xml")

    def params(self) -> dict[str, str]:
        """Query-protocol parameters (query string merged with a form body)."""
        if self._params is None:
            merged: dict[str, str] = {}
            for source in (self.query_string, self._form_body()):
                for key, values in parse_qs(source, keep_blank_values=True).items():
                    merged[key] = values[-1]
            self._params = merged
        return self._params

    def json_body(self) -> Any:
        """The request body decoded as JSON (an empty body is an empty object)."""
        if self._json is None:
            text = self.body.decode("utf-8") if self.body else ""
            self._json = json.loads(text) if text.strip() else {}
        return self._json

    def _form_body(self) -> str:
        content_type = self.headers.get("content-type", "")
        if content_type.startswith("application/x-www-form-urlencoded") and self.body:
            return self.body.decode("utf-8", errors="replace")
        return ""

    def _resolve_operation(self) -> str:
        target = self.headers.get("x-amz-target")
        if target:
            return target.rsplit(".", 1)[-1]
        rpc = re.match(r"^/service/[^/]+/operation/([^/]+)$", self.path)
        if rpc:
            return rpc.group(1)
        action = self.params().get("Action")
        if action:
            return action
        if self.model and self.model.rest_routes:
            return self._match_rest_route(self.model)
        return "Unknown"

    def _match_rest_route(self, model: ServiceModel) -> str:
        query_keys = set(parse_qs(self.query_string, keep_blank_values=True))
        candidates = [
            route for route in model.rest_routes if route.matches(self.method, self.path, query_keys, self.headers)
        ]
        if not candidates:
            return "Unknown"
        return max(candidates, key=lambda route: route.specificity).operation


def _guess_protocol(headers: dict[str, str]) -> str:
    if headers.get("content-type", "").startswith(_JSON_CONTENT_TYPES) or "x-amz-target" in headers:
        return "json"
    return "query"


def request_id() -> str:
    return str(uuid.uuid4())


# ---------------------------------------------------------------- rendering


def xml_response(operation: str, namespace: str, result_xml: str) -> Response:
    """A query-protocol success response `<OpResponse><OpResult>…`."""
    rid = request_id()
    body = (
        f'<{operation}Response xmlns="{namespace}">'
        f"<{operation}Result>{result_xml}</{operation}Result>"
        f"<ResponseMetadata><RequestId>{rid}</RequestId></ResponseMetadata>"
        f"</{operation}Response>"
    )
    return Response(200, [("Content-Type", "text/xml"), ("x-amzn-RequestId", rid)], body.encode())


def json_response(payload: Any, status: int = 200, content_type: str = "application/x-amz-json-1.1") -> Response:
    rid = request_id()
    return Response(
        status,
        [("Content-Type", content_type), ("x-amzn-RequestId", rid)],
        json.dumps(payload).encode(),
    )


def error_response(request: AwsRequest, code: str, message: str, status: int, sender: bool = True) -> Response:
    """An error in the shape the request's protocol uses on the wire."""
    rid = request_id()
    if request.protocol == "query":
        namespace = request.model.xml_namespace if request.model and request.model.xml_namespace else None
        xmlns = f' xmlns="{namespace}"' if namespace else ""
        body = (
            f"<ErrorResponse{xmlns}><Error><Type>{'Sender' if sender else 'Receiver'}</Type>"
            f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
            f"<RequestId>{rid}</RequestId></ErrorResponse>"
        )
        return Response(status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", rid)], body.encode())
    if request.protocol == "ec2":
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{escape(code)}</Code>'
            f"<Message>{escape(message)}</Message></Error></Errors><RequestID>{rid}</RequestID></Response>"
        )
        return Response(status, [("Content-Type", "text/xml;charset=UTF-8"), ("x-amzn-RequestId", rid)], body.encode())
    if request.protocol == "rest-xml":
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{escape(code)}</Code>'
            f"<Message>{escape(message)}</Message><RequestId>{rid}</RequestId></Error>"
        )
        return Response(status, [("Content-Type", "application/xml"), ("x-amz-request-id", rid)], body.encode())
    content_type = "application/json" if request.protocol == "rest-json" else "application/x-amz-json-1.1"
    response = json_response({"__type": code, "message": message}, status, content_type)
    response.headers.append(("x-amzn-ErrorType", code))
    return response
