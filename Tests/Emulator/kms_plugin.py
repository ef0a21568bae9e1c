"""AWS KMS as Secrets Manager's callers see it (patched into moto at start-up).

moto 5.2.1 creates the key behind a reserved alias (`alias/aws/secretsmanager`, …) on first use as a customer
managed key with moto's default policy. AWS's are AWS managed keys (`KeyManager: AWS`); Secrets Manager's has
the policy AWS gives it: use through Secrets Manager by every principal of the account, key metadata to the
account. moto also requires `PolicyName` in `GetKeyPolicy`, which AWS defaults to `default`.
"""

from __future__ import annotations

import functools
import json
from typing import Any, Callable

SECRETS_MANAGER_ALIAS = "alias/aws/secretsmanager"
_VIA_SECRETS_MANAGER = ("Allow access through AWS Secrets Manager for all principals in the account that are "
                        "authorized to use AWS Secrets Manager")


def secrets_manager_key_policy(account_id: str, region: str) -> dict[str, Any]:
    """The key policy of the AWS managed key `aws/secretsmanager` of `account_id` in `region`."""
    via = f"secretsmanager.{region}.amazonaws.com"
    return {
        "Version": "2012-10-17",
        "Id": "auto-secretsmanager-2",
        "Statement": [
            {
                "Sid": _VIA_SECRETS_MANAGER,
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:CreateGrant", "kms:DescribeKey"],
                "Resource": "*",
                "Condition": {"StringEquals": {"kms:CallerAccount": account_id, "kms:ViaService": via}},
            },
            {
                "Sid": _VIA_SECRETS_MANAGER,
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": "kms:GenerateDataKey*",
                "Resource": "*",
                "Condition": {"StringEquals": {"kms:CallerAccount": account_id}, "StringLike": {"kms:ViaService": via}},
            },
            {
                "Sid": "Allow direct access to key metadata to the account",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
                "Action": ["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"],
                "Resource": "*",
            },
        ],
    }


def _aws_managed_keys(method: Callable[..., Any]) -> Callable[..., Any]:
    """moto's creation of a reserved alias's key, made an AWS managed key."""
    @functools.wraps(method)
    def wrapper(self: Any, alias_name: str) -> Any:
        key_id = method(self, alias_name)
        if key_id is not None:
            key = self.keys[key_id]
            key.key_manager = "AWS"
            if alias_name == SECRETS_MANAGER_ALIAS:
                key.description = "Default key that protects my Secrets Manager data when no other key is defined"
                key.policy = json.dumps(secrets_manager_key_policy(self.account_id, self.region_name))
        return key_id

    return wrapper


def _default_policy_name(check: Callable[[str], None]) -> Callable[[Any], None]:
    @functools.wraps(check)
    def wrapper(policy_name: Any) -> None:
        check("default" if policy_name is None else policy_name)

    return wrapper


def extend_moto() -> None:
    """Patch moto's KMS (idempotent)."""
    import moto.kms.responses as responses
    from moto.kms.models import KmsBackend

    if getattr(KmsBackend, "_preflight_aws_managed", False):
        return
    KmsBackend._preflight_aws_managed = True
    KmsBackend._generate_default_keys = _aws_managed_keys(KmsBackend._generate_default_keys)
    responses._assert_default_policy = _default_policy_name(responses._assert_default_policy)
