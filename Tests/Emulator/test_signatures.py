"""The emulator verifies every request's SigV4 signature and records the requests it refuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from harness import EmulatorProcess


@pytest.fixture()
def verifying(emulator: EmulatorProcess) -> Iterator[EmulatorProcess]:
    """The session emulator; the failures a test provokes on purpose are cleared after it."""
    yield emulator
    emulator.control("/_preflight/signature-failures/reset", method="POST")


def _tamper(client: Any, operation: str, change: Any) -> None:
    """Changes every `operation` request of `client` after it was signed."""

    def before_send(request: Any, **_: Any) -> None:
        change(request)
        if request.body is not None:
            request.headers["Content-Length"] = str(len(request.body))

    client.meta.events.register(f"before-send.*.{operation}", before_send)


def _padded(request: Any) -> None:
    body = request.body or b""
    request.body = body + (" " if isinstance(body, str) else b" ")


def _failures(emulator: EmulatorProcess) -> list[dict[str, Any]]:
    return emulator.control("/_preflight/signature-failures")["failures"]


@pytest.mark.parametrize(
    ("service", "call", "operation"),
    [
        ("sts", lambda c: c.get_caller_identity(), "GetCallerIdentity"),
        ("iam", lambda c: c.list_roles(), "ListRoles"),
        ("cloudformation", lambda c: c.describe_stacks(), "DescribeStacks"),
        ("ec2", lambda c: c.describe_regions(), "DescribeRegions"),
        ("ssm", lambda c: c.describe_parameters(), "DescribeParameters"),
        ("organizations", lambda c: c.list_roots(), "ListRoots"),
        ("secretsmanager", lambda c: c.list_secrets(), "ListSecrets"),
    ],
)
def test_signed_request_passes_and_tampered_one_is_refused(
    verifying: EmulatorProcess, sample: dict[str, Any], service: str, call: Any, operation: str
) -> None:
    call(verifying.client(service))
    assert _failures(verifying) == []

    tampered = verifying.client(service)
    _tamper(tampered, operation, _padded)
    with pytest.raises(ClientError) as refused:
        call(tampered)
    assert refused.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    failures = _failures(verifying)
    assert [(f["service"], f["operation"], f["error"]) for f in failures] == [(service, operation, "SignatureDoesNotMatch")]
    assert failures[0]["accessKeyId"] == "testing"


def test_wrong_secret_and_unknown_key_are_refused(verifying: EmulatorProcess) -> None:
    with pytest.raises(ClientError) as wrong:
        verifying.client("sts", credentials={"aws_access_key_id": "testing", "aws_secret_access_key": "nope"}
                         ).get_caller_identity()
    assert wrong.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    with pytest.raises(ClientError) as unknown:
        verifying.client("ssm", credentials={"aws_access_key_id": "AKIDUNKNOWN", "aws_secret_access_key": "x"}
                         ).describe_parameters()
    assert unknown.value.response["Error"]["Code"] == "InvalidClientTokenId"
    assert [f["error"] for f in _failures(verifying)] == ["SignatureDoesNotMatch", "InvalidClientTokenId"]


def test_assumed_role_credentials_need_their_secret_and_session_token(
    verifying: EmulatorProcess, sample: dict[str, Any]
) -> None:
    member = verifying.assume(sample["accounts"]["dev"])
    assert verifying.client("sts", credentials=member).get_caller_identity()["Account"] == sample["accounts"]["dev"]
    verifying.client("ssm", "eu-west-1", credentials=member).describe_instance_information()
    assert _failures(verifying) == []

    with pytest.raises(ClientError) as wrong_secret:
        verifying.client("sts", credentials={**member, "aws_secret_access_key": "x" * 40}).get_caller_identity()
    assert wrong_secret.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    without_token = {k: v for k, v in member.items() if k != "aws_session_token"}
    with pytest.raises(ClientError) as no_token:
        verifying.client("ec2", credentials=without_token).describe_instances()
    assert no_token.value.response["Error"]["Code"] == "InvalidClientTokenId"
    with pytest.raises(ClientError) as other_token:
        verifying.client("ssm", credentials={**member, "aws_session_token": "forged"}).describe_parameters()
    assert other_token.value.response["Error"]["Code"] == "InvalidClientTokenId"
    assert len(_failures(verifying)) == 3


def _an_hour_later(request: Any) -> None:
    """The same signature under another X-Amz-Date of the same day."""
    stamp = request.headers["X-Amz-Date"]
    stamp = stamp.decode() if isinstance(stamp, bytes) else stamp
    hour = (int(stamp[9:11]) + 1) % 24
    request.headers["X-Amz-Date"] = f"{stamp[:9]}{hour:02d}{stamp[11:]}"


def test_iam_access_keys_are_known_by_their_secret(verifying: EmulatorProcess) -> None:
    iam = verifying.client("iam")
    iam.create_user(UserName="signer")
    key = iam.create_access_key(UserName="signer")["AccessKey"]
    credentials = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    assert verifying.client("sts", credentials=credentials).get_caller_identity()["Arn"].endswith(":user/signer")
    tampered = verifying.client("sts", credentials=credentials)
    _tamper(tampered, "GetCallerIdentity", _an_hour_later)
    with pytest.raises(ClientError) as refused:
        tampered.get_caller_identity()
    assert refused.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    iam.delete_access_key(UserName="signer", AccessKeyId=key["AccessKeyId"])
    iam.delete_user(UserName="signer")


def test_a_request_abandoned_before_its_body_is_not_refused(verifying: EmulatorProcess) -> None:
    """A client whose attempt timed out between the head and the body asked nothing: no signature is judged."""
    import socket
    from urllib.parse import urlparse

    address = urlparse(verifying.endpoint)
    with socket.create_connection((address.hostname, address.port)) as connection:
        connection.sendall(
            b"POST / HTTP/1.1\r\nHost: ssm.us-east-1.amazonaws.com\r\nContent-Length: 64\r\n"
            b"X-Amz-Target: AmazonSSM.DescribeInstanceInformation\r\nX-Amz-Date: 20261202T000000Z\r\n"
            b"Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261202/us-east-1/ssm/aws4_request, "
            b"SignedHeaders=host;x-amz-date;x-amz-target, Signature=00\r\n\r\n{\"Filters\"")
        connection.shutdown(socket.SHUT_WR)
        assert connection.recv(4096) == b""
    assert _failures(verifying) == []
    ssm = verifying.client("ssm")
    _tamper(ssm, "DescribeInstanceInformation", _padded)
    with pytest.raises(ClientError):
        ssm.describe_instance_information()
    assert len(_failures(verifying)) == 1
