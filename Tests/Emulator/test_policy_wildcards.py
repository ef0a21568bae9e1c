"""The simulator's wildcards are IAM's: `*` any run, `?` one character, every other character literal."""

from __future__ import annotations

import json

from policy_eval import ParsedPolicy, PolicySource, evaluate_set


def _decision(action: str, resource: str, statement: dict[str, object]) -> str:
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    return evaluate_set([ParsedPolicy(PolicySource("p", "IAM Policy", document))], action, resource, {}).decision


def test_question_mark_is_one_character_and_dots_are_literal() -> None:
    allow = {"Effect": "Allow", "Action": "ssm:?etParameters", "Resource": "arn:aws:s3:::bucket.a/*"}
    assert _decision("ssm:GetParameters", "arn:aws:s3:::bucket.a/k", allow) == "allowed"
    assert _decision("ssm:GetParameters", "arn:aws:s3:::bucketxa/k", allow) == "implicitDeny"
    assert _decision("ssm:etParameters", "arn:aws:s3:::bucket.a/k", allow) == "implicitDeny"
    assert _decision("ssmGetParameters", "arn:aws:s3:::bucket.a/k", allow) == "implicitDeny"
