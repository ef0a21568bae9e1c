"""Test harness for the Preflight AWS emulator: emulator subprocesses, raw requests, scenario caching."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from typing import Any

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import scenario  # noqa: E402

BASE_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


class EmulatorProcess:
    """An emulator subprocess on a free loopback port."""

    def __init__(self, *arguments: str):
        self.directory = tempfile.TemporaryDirectory()
        port_file = os.path.join(self.directory.name, "port")
        self.log = open(os.path.join(self.directory.name, "emulator.log"), "w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "emulator.py"), "--port", "0", "--port-file", port_file, *arguments],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.time() > deadline:
                self.log.seek(0)
                raise RuntimeError(f"emulator did not start:\n{self.log.read()}")
            time.sleep(0.05)
        with open(port_file, encoding="utf-8") as handle:
            self.port = int(handle.read())
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        self.directory.cleanup()

    def client(self, service: str, region: str = "us-east-1", credentials: dict[str, str] | None = None,
               config: Config | None = None) -> Any:
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=region,
            config=config or NO_RETRIES,
            **(credentials or BASE_CREDENTIALS),
        )

    def control(self, path: str, payload: Any = None, method: str | None = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        if method == "POST" and data is None:
            data = b""
        request = urllib.request.Request(f"{self.endpoint}{path}", data=data, method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def assume(self, account_id: str) -> dict[str, str]:
        credentials = self.client("sts").assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole", RoleSessionName="tests"
        )["Credentials"]
        return {
            "aws_access_key_id": credentials["AccessKeyId"],
            "aws_secret_access_key": credentials["SecretAccessKey"],
            "aws_session_token": credentials["SessionToken"],
        }


def raw_call(endpoint: str, service: str, body: str, target: str | None = None,
             timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """A raw request signed with the base credentials (botocore's SigV4 signer), read without botocore's parsing."""
    headers = {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"} if target else {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    request = AWSRequest(method="POST", url=f"{endpoint}/", data=body.encode(), headers=headers)
    credentials = Credentials(BASE_CREDENTIALS["aws_access_key_id"], BASE_CREDENTIALS["aws_secret_access_key"])
    SigV4Auth(credentials, service, "us-east-1").add_auth(request)
    connection = http.client.HTTPConnection(endpoint.removeprefix("http://"), timeout=timeout)
    try:
        connection.request("POST", "/", body=body.encode(), headers=dict(request.headers.items()))
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def built(emulator: EmulatorProcess, name: str) -> dict[str, Any]:
    """The ids of scenarios/NAME, built in `emulator` (reset first) unless it is still the emulator's state."""
    cached = getattr(emulator, "scenario_ids", {}).get(name)
    if cached is not None:
        try:
            organization = emulator.client("organizations").describe_organization()["Organization"]
            if organization["Id"] == cached["organizationId"]:
                return cached
        except ClientError:
            pass
    emulator.control("/_preflight/reset", method="POST")
    ids = scenario.build(emulator.endpoint, scenario.load(os.path.join(HERE, "scenarios", name)))
    emulator.scenario_ids = {name: ids}
    return ids
