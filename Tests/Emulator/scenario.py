#!/usr/bin/env python3
"""Build an AWS Organization in a running emulator from a scenario file.

    python3 scenario.py --endpoint http://127.0.0.1:PORT --file scenarios/sample-org.yaml --output ids.json

The scenario format is documented in README.md. The builder talks to the
emulator with boto3 only: the management account (the account of the given
credentials, moto's 123456789012 by default) creates the organization, OUs,
accounts, SCPs and RCPs; every other account is set up through
sts:AssumeRole into its OrganizationAccountAccessRole. A scenario may extend
another (`extends:`), and may deploy CloudFormation stacks and StackSets. The
output maps scenario names to generated ids (accounts, OUs, SCPs, RCPs, roles,
instances, associations, KMS keys, secrets, stacks, StackSets). Unless --keep-calls is
given, the emulator's call log is reset at the end so that tests count only the
calls made by the code under test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import boto3
import yaml
from botocore.config import Config

import cloudone_plugin
import sso_plugin
import staging_plugin

DEFAULT_IMAGE_ID = "ami-0123456789abcdef0"
ACCESS_ROLE = "OrganizationAccountAccessRole"
_FILE_KEYS = ("file", "templateFile")
_MAX_EXTENDS = 10
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
# The template of the StackSets `extraStackSets` creates (never deployed: they have no stack instances).
EXTRA_STACK_SET_TEMPLATE = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}
_PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z]+)(?::([^}]*?))?\s*\}\}")


class ScenarioError(Exception):
    """The scenario file is inconsistent (unknown reference, bad value)."""


@dataclass
class Built:
    """Ids generated while building, keyed by scenario names."""

    management_account_id: str = ""
    organization_id: str = ""
    root_id: str = ""
    accounts: dict[str, str] = field(default_factory=dict)
    organizational_units: dict[str, str] = field(default_factory=dict)
    service_control_policies: dict[str, str] = field(default_factory=dict)
    resource_control_policies: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    policies: dict[str, str] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)
    vpcs: dict[str, str] = field(default_factory=dict)
    subnets: dict[str, str] = field(default_factory=dict)
    route_tables: dict[str, str] = field(default_factory=dict)
    security_groups: dict[str, str] = field(default_factory=dict)
    network_acls: dict[str, str] = field(default_factory=dict)
    endpoints: dict[str, str] = field(default_factory=dict)
    associations: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)
    stacks: dict[str, str] = field(default_factory=dict)
    stack_sets: dict[str, str] = field(default_factory=dict)
    sso_roles: dict[str, str] = field(default_factory=dict)
    sso_tokens: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "managementAccountId": self.management_account_id,
            "organizationId": self.organization_id,
            "rootId": self.root_id,
            "accounts": self.accounts,
            "organizationalUnits": self.organizational_units,
            "serviceControlPolicies": self.service_control_policies,
            "resourceControlPolicies": self.resource_control_policies,
            "policies": self.policies,
            "roles": self.roles,
            "users": self.users,
            "instances": self.instances,
            "vpcs": self.vpcs,
            "subnets": self.subnets,
            "routeTables": self.route_tables,
            "securityGroups": self.security_groups,
            "networkAcls": self.network_acls,
            "endpoints": self.endpoints,
            "associations": self.associations,
            "keys": self.keys,
            "secrets": self.secrets,
            "stacks": self.stacks,
            "stackSets": self.stack_sets,
            "sso": {"roles": self.sso_roles, "tokens": self.sso_tokens},
        }


class ScenarioBuilder:
    """Applies a parsed scenario to the emulator at `endpoint`."""

    def __init__(self, endpoint: str, access_key: str = "testing", secret_key: str = "testing"):
        self.endpoint = endpoint.rstrip("/")
        self.base_credentials = {"aws_access_key_id": access_key, "aws_secret_access_key": secret_key}
        self.built = Built()
        self._sessions: dict[str, dict[str, str]] = {}
        self._aws_policy_arns: dict[str, str] | None = None
        self._config = Config(retries={"max_attempts": 1}, parameter_validation=True)

    # ------------------------------------------------------------ clients

    def client(self, service: str, account: str = "management", region: str = "us-east-1") -> Any:
        credentials = self._credentials(account)
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=region, config=self._config, **credentials
        )

    def _credentials(self, account: str) -> dict[str, str]:
        if account == "management":
            return self.base_credentials
        if account not in self._sessions:
            account_id = self.built.accounts.get(account)
            if account_id is None and re.fullmatch(r"\d{12}", account):
                account_id = account  # an account outside the organization, by id
            if account_id is None:
                raise ScenarioError(f"unknown account {account!r}")
            if account_id == self.built.management_account_id:
                return self.base_credentials
            sts = boto3.client(
                "sts", endpoint_url=self.endpoint, region_name="us-east-1", config=self._config, **self.base_credentials
            )
            assumed = sts.assume_role(
                RoleArn=f"arn:aws:iam::{account_id}:role/{ACCESS_ROLE}", RoleSessionName="preflight-scenario"
            )["Credentials"]
            self._sessions[account] = {
                "aws_access_key_id": assumed["AccessKeyId"],
                "aws_secret_access_key": assumed["SecretAccessKey"],
                "aws_session_token": assumed["SessionToken"],
            }
        return self._sessions[account]

    # -------------------------------------------------------------- build

    def build(self, scenario: dict[str, Any]) -> Built:
        accounts = scenario.get("accounts") or []
        names = [a.get("name") for a in accounts]
        if len(names) != len(set(names)) or any(not n for n in names):
            raise ScenarioError("every account needs a unique name")
        check_sso(scenario.get("sso"), {"management", *names})
        check_cloudone(scenario.get("cloudone"), {"management", *names})
        check_staging(scenario, {"management", *names})
        check_network(accounts)
        identity = self.client("sts").get_caller_identity()
        self.built.management_account_id = identity["Account"]
        self.built.accounts["management"] = identity["Account"]
        for account in accounts:
            if account.get("management") and account["name"] != "management":
                self.built.accounts[account["name"]] = identity["Account"]
                self._sessions[account["name"]] = self.base_credentials

        organization = scenario.get("organization")
        if organization is not None:
            self._organization(organization, accounts)
        for account in accounts:
            self._iam(account["name"], account.get("iam") or {})
        if scenario.get("sso"):
            self._sso(scenario["sso"])
        for account in accounts:
            for region, resources in (account.get("regions") or {}).items():
                self._regional(account["name"], region, resources or {})
        self._staging(scenario.get("staging") or [])
        for account in accounts:
            for region, resources in (account.get("regions") or {}).items():
                self._associations(account["name"], region, (resources or {}).get("associations") or [])
        if scenario.get("cloudone") is not None:
            self._cloudone(scenario["cloudone"])
        self._account_settings(scenario.get("serviceQuotas"), scenario.get("regionOptIn"))
        self._stack_sets("management", "us-east-1", _extra_stack_sets(scenario.get("extraStackSets")))
        for account in accounts:
            for region, resources in (account.get("regions") or {}).items():
                self._stack_sets(account["name"], region, (resources or {}).get("stackSets") or [])
                self._stacks(account["name"], region, (resources or {}).get("stacks") or [])
        self._stack_instance_status(scenario.get("stackInstanceStatus") or [])
        for account in accounts:
            for region, resources in (account.get("regions") or {}).items():
                self._calls(account["name"], region, (resources or {}).get("calls") or [])
        for call in scenario.get("calls") or []:
            self._calls(call.get("account", "management"), call.get("region", "us-east-1"), [call])
        self._stack_set_settings(scenario.get("stackSetSettings") or [])
        self._stack_set_drift_detections(scenario.get("stackSetDriftDetections") or [])
        return self.built

    def _organization(self, spec: dict[str, Any], accounts: list[dict[str, Any]]) -> None:
        org = self.client("organizations")
        created = org.create_organization(FeatureSet=spec.get("featureSet", "ALL"))["Organization"]
        self.built.organization_id = created["Id"]
        self.built.root_id = org.list_roots()["Roots"][0]["Id"]
        self._units(org, spec.get("organizationalUnits") or [], self.built.root_id, "")

        for account in accounts:
            if account.get("management") or account["name"] == "management":
                continue
            status = org.create_account(
                AccountName=account["name"], Email=account.get("email", f"{account['name']}@example.com")
            )["CreateAccountStatus"]
            account_id = status["AccountId"]
            self.built.accounts[account["name"]] = account_id
            parent = account.get("parent", "root")
            if parent not in (None, "", "root"):
                target = self.built.organizational_units.get(parent)
                if target is None:
                    raise ScenarioError(f"account {account['name']}: unknown parent OU {parent!r}")
                org.move_account(AccountId=account_id, SourceParentId=self.built.root_id, DestinationParentId=target)

        for principal in spec.get("serviceAccess") or []:
            org.enable_aws_service_access(ServicePrincipal=principal)
        for delegation in spec.get("delegatedAdministrators") or []:
            org.register_delegated_administrator(
                AccountId=self._account_id(delegation["account"]), ServicePrincipal=delegation["servicePrincipal"]
            )

        self._organization_policies(org, spec, "serviceControlPolicies", "SERVICE_CONTROL_POLICY",
                                    self.built.service_control_policies)
        self._organization_policies(org, spec, "resourceControlPolicies", "RESOURCE_CONTROL_POLICY",
                                    self.built.resource_control_policies)

    def _organization_policies(self, org: Any, spec: dict[str, Any], section: str, policy_type: str,
                               ids: dict[str, str]) -> None:
        """The SCPs or RCPs of `section`, their type enabled on the root when there are any, attached to their
        targets; their ids recorded in `ids` by name."""
        policies = spec.get(section) or []
        if not isinstance(policies, list):
            raise ScenarioError(f"organization.{section}: must be a list of policies")
        if policies and spec.get("featureSet", "ALL") == "ALL":
            root = org.list_roots()["Roots"][0]
            if not any(t["Type"] == policy_type for t in root.get("PolicyTypes", [])):
                org.enable_policy_type(RootId=self.built.root_id, PolicyType=policy_type)
        for index, policy in enumerate(policies):
            if not isinstance(policy, dict) or not policy.get("name") or "document" not in policy:
                raise ScenarioError(f"organization.{section}[{index}]: needs a name and a document")
            created_policy = org.create_policy(
                Name=policy["name"],
                Description=policy.get("description", policy["name"]),
                Type=policy_type,
                Content=_document(self.substitute(policy["document"])),
            )["Policy"]["PolicySummary"]
            ids[policy["name"]] = created_policy["Id"]
            for target in policy.get("targets") or []:
                org.attach_policy(PolicyId=created_policy["Id"], TargetId=self._target_id(target))

    def _units(self, org: Any, units: list[dict[str, Any]], parent_id: str, prefix: str) -> None:
        for unit in units:
            path = f"{prefix}{unit['name']}"
            created = org.create_organizational_unit(ParentId=parent_id, Name=unit["name"])["OrganizationalUnit"]
            self.built.organizational_units[path] = created["Id"]
            self._units(org, unit.get("organizationalUnits") or [], created["Id"], f"{path}/")

    def _iam(self, account: str, spec: dict[str, Any]) -> None:
        if not spec:
            return
        iam = self.client("iam", account)
        local: dict[str, str] = {}
        for policy in spec.get("policies") or []:
            arn = iam.create_policy(
                PolicyName=policy["name"],
                Path=policy.get("path", "/"),
                PolicyDocument=_document(self.substitute(policy["document"])),
                Description=policy.get("description", ""),
            )["Policy"]["Arn"]
            local[policy["name"]] = arn
            self.built.policies[f"{account}/{policy['name']}"] = arn
        for group in spec.get("groups") or []:
            iam.create_group(GroupName=group["name"], Path=group.get("path", "/"))
            for name, document in (group.get("inlinePolicies") or {}).items():
                iam.put_group_policy(
                    GroupName=group["name"], PolicyName=name, PolicyDocument=_document(self.substitute(document))
                )
            for reference in group.get("managedPolicies") or []:
                iam.attach_group_policy(GroupName=group["name"], PolicyArn=self._policy_arn(iam, reference, local))
        for user in spec.get("users") or []:
            arn = iam.create_user(UserName=user["name"], Path=user.get("path", "/"))["User"]["Arn"]
            self.built.users[f"{account}/{user['name']}"] = arn
            for group_name in user.get("groups") or []:
                iam.add_user_to_group(GroupName=group_name, UserName=user["name"])
            for name, document in (user.get("inlinePolicies") or {}).items():
                iam.put_user_policy(
                    UserName=user["name"], PolicyName=name, PolicyDocument=_document(self.substitute(document))
                )
            for reference in user.get("managedPolicies") or []:
                iam.attach_user_policy(UserName=user["name"], PolicyArn=self._policy_arn(iam, reference, local))
        account_id = self._account_id(account)
        for role in spec.get("roles") or []:
            trust = role.get("trust") or {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{self.built.management_account_id}:root"},
                        "Action": "sts:AssumeRole",
                    },
                    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"}, "Action": "sts:AssumeRole"},
                ],
            }
            arguments: dict[str, Any] = {
                "RoleName": role["name"],
                "Path": role.get("path", "/"),
                "AssumeRolePolicyDocument": _document(self.substitute(trust)),
            }
            if role.get("permissionsBoundary"):
                arguments["PermissionsBoundary"] = self._policy_arn(iam, role["permissionsBoundary"], local)
            arn = iam.create_role(**arguments)["Role"]["Arn"]
            self.built.roles[f"{account}/{role['name']}"] = arn
            for name, document in (role.get("inlinePolicies") or {}).items():
                iam.put_role_policy(
                    RoleName=role["name"], PolicyName=name, PolicyDocument=_document(self.substitute(document))
                )
            for reference in role.get("managedPolicies") or []:
                iam.attach_role_policy(RoleName=role["name"], PolicyArn=self._policy_arn(iam, reference, local))
            profile = role.get("instanceProfile")
            if profile:
                profile_name = role["name"] if profile is True else str(profile)
                iam.create_instance_profile(InstanceProfileName=profile_name)
                iam.add_role_to_instance_profile(InstanceProfileName=profile_name, RoleName=role["name"])

    def _sso(self, spec: dict[str, Any]) -> None:
        """The roles IAM Identity Center provisions for each permission set in its accounts, then the users and
        their assignments, then the tokens (control endpoints /_preflight/sso/users and /_preflight/sso/tokens)."""
        provisioned: set[tuple[str, str]] = set()
        for permission_set in spec.get("permissionSets") or []:
            name = permission_set["name"]
            for account in permission_set["accounts"]:
                account_id = self._account_id(account)
                iam = self.client("iam", account)
                role = sso_plugin.role_name(account_id, name)
                trust = {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": {"Federated": f"arn:aws:iam::{account_id}:saml-provider/"
                                                   f"AWSSSO_{sso_plugin.role_suffix(account_id, 'saml')}_DO_NOT_DELETE"},
                        "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                        "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}},
                    }],
                }
                arn = iam.create_role(
                    RoleName=role, Path=sso_plugin.ROLE_PATH, AssumeRolePolicyDocument=json.dumps(trust),
                    MaxSessionDuration=int(permission_set.get("sessionDuration", 3600)),
                    Description="Used by AWS SSO to manage access",
                )["Role"]["Arn"]
                for reference in permission_set.get("policies") or []:
                    iam.attach_role_policy(RoleName=role, PolicyArn=self._policy_arn(iam, self.substitute(reference), {}))
                if permission_set.get("inlinePolicy"):
                    iam.put_role_policy(RoleName=role, PolicyName="AwsSSOInlinePolicy",
                                        PolicyDocument=_document(self.substitute(permission_set["inlinePolicy"])))
                self.built.sso_roles[f"{account}/{name}"] = arn
                provisioned.add((account_id, name))
        users = []
        for user in spec.get("users") or []:
            assignments = []
            for assignment in user.get("assignments") or []:
                account_id = self._account_id(assignment["account"])
                if (account_id, assignment["permissionSet"]) not in provisioned:
                    raise ScenarioError(f"sso user {user['name']}: permission set {assignment['permissionSet']!r} is "
                                        f"not provisioned to account {assignment['account']!r} (add it to its accounts)")
                assignments.append({"account": account_id, "permissionSet": assignment["permissionSet"]})
            users.append({"name": user["name"], "assignments": assignments})
        if users:
            self._control("/_preflight/sso/users", {"users": users})
        for token in spec.get("tokens") or []:
            self.built.sso_tokens.append(self._control("/_preflight/sso/tokens", dict(token)))

    def _cloudone(self, spec: dict[str, Any]) -> None:
        """The fake Cloud One's tenant (POST /_preflight/cloudone/state), with instance references and account
        names resolved to ids; before the stacks, whose Lambda asks it for the deployment script."""
        state = {key: value for key, value in spec.items() if key not in ("agents", "staleComputers")}
        if "agents" in spec:
            state["agents"] = {}
            for reference, agent in (spec["agents"] or {}).items():
                instance_id = reference if cloudone_plugin.INSTANCE_ID.match(reference) else self.built.instances.get(reference)
                if instance_id is None:
                    raise ScenarioError(f"cloudone.agents.{reference}: unknown instance (ACCOUNT/REGION/NAME of the "
                                        "scenario's instances, or an instance id)")
                state["agents"][instance_id] = agent
        if "staleComputers" in spec:
            state["staleComputers"] = [{**item, "accountId": self._account_id(item["accountId"])}
                                       for item in spec["staleComputers"] or []]
        self._control("/_preflight/cloudone/state", state)

    def _staging(self, buckets: list[dict[str, Any]]) -> None:
        """The deployment's staging buckets (`staging`): each created by its account in its region, with objects
        whose keys are kept exactly as written (`//` included)."""
        for bucket in buckets:
            account, region = str(bucket.get("account", "management")), bucket["region"]
            s3 = self.client("s3", account, region)
            arguments: dict[str, Any] = {"Bucket": bucket["bucket"]}
            if region != "us-east-1":
                arguments["CreateBucketConfiguration"] = {"LocationConstraint": region}
            s3.create_bucket(**arguments)
            for item in bucket.get("objects") or []:
                if isinstance(item, str):
                    s3.put_object(Bucket=bucket["bucket"], Key=item, Body=_staging_body(item))
                else:
                    s3.put_object(Bucket=bucket["bucket"], Key=item["key"], Body=self._content(item, "file", "body"))

    def _account_settings(self, quotas: dict[str, Any] | None, opt_in: dict[str, Any] | None) -> None:
        """Applied Service Quotas and Region opt-in statuses (POST /_preflight/account-settings), accounts by id."""
        if not quotas and not opt_in:
            return
        self._control("/_preflight/account-settings", {
            "serviceQuotas": {self._account_id(str(k)): v for k, v in (quotas or {}).items()},
            "regionOptIn": {self._account_id(str(k)): v for k, v in (opt_in or {}).items()},
        })

    def _regional(self, account: str, region: str, spec: dict[str, Any]) -> None:
        for vpc in (spec.get("network") or {}).get("vpcs") or []:
            self._vpc(account, region, vpc)
        if spec.get("defaultHostManagement"):
            from ssm_plugin import DHMC_SETTING_ID

            self.client("ssm", account, region).update_service_setting(
                SettingId=DHMC_SETTING_ID, SettingValue=str(spec["defaultHostManagement"]))
        if spec.get("instances"):
            ec2 = self.client("ec2", account, region)
            if any(not instance.get("subnet") for instance in spec["instances"]):
                _route_default_vpc_to_the_internet(ec2)
            for instance in spec["instances"]:
                count = int(instance.get("count", 1))
                for index in range(1, count + 1):
                    name = instance["name"] if count == 1 else f"{instance['name']}-{index}"
                    self._instance(ec2, account, region, name, instance)
        if spec.get("parameters"):
            ssm = self.client("ssm", account, region)
            for parameter in spec["parameters"]:
                arguments = {
                    "Name": parameter["name"],
                    "Value": str(self.substitute(parameter["value"])),
                    "Type": parameter.get("type", "String"),
                }
                if parameter.get("description"):
                    arguments["Description"] = parameter["description"]
                if parameter.get("tags"):
                    arguments["Tags"] = _tags(parameter["tags"])
                ssm.put_parameter(**arguments)
        if spec.get("keys"):
            self._keys(account, region, spec["keys"])
        if spec.get("secrets"):
            secrets = self.client("secretsmanager", account, region)
            for secret in spec["secrets"]:
                arguments = {"Name": secret["name"], "SecretString": str(self.substitute(secret["value"]))}
                if secret.get("description"):
                    arguments["Description"] = secret["description"]
                if secret.get("tags"):
                    arguments["Tags"] = _tags(secret["tags"])
                if secret.get("kmsKey"):
                    arguments["KmsKeyId"] = self._kms_key(account, region, secret["name"], secret["kmsKey"])
                arn = secrets.create_secret(**arguments)["ARN"]
                self.built.secrets[f"{account}/{region}/{secret['name']}"] = arn
                if secret.get("resourcePolicy") is not None:
                    secrets.put_resource_policy(
                        SecretId=arn, ResourcePolicy=_document(self.substitute(secret["resourcePolicy"])))
        if spec.get("buckets"):
            s3 = self.client("s3", account, region)
            for bucket in spec["buckets"]:
                arguments = {"Bucket": bucket["name"]}
                if region != "us-east-1":
                    arguments["CreateBucketConfiguration"] = {"LocationConstraint": region}
                s3.create_bucket(**arguments)
                for item in bucket.get("objects") or []:
                    s3.put_object(Bucket=bucket["name"], Key=item["key"], Body=self._content(item, "file", "body"))

    def _vpc(self, account: str, region: str, spec: dict[str, Any]) -> None:
        """A VPC of `network.vpcs` (validated by check_network): subnets and their default routes, security
        groups, network ACLs, interface endpoints, then the DNS attributes."""
        ec2 = self.client("ec2", account, region)
        where = f"{account}/{region}/{spec['name']}"
        vpc_id = ec2.create_vpc(CidrBlock=spec["cidr"], TagSpecifications=[_name_tag("vpc", spec["name"])])
        vpc_id = vpc_id["Vpc"]["VpcId"]
        self.built.vpcs[where] = vpc_id
        for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
            ec2.modify_vpc_attribute(VpcId=vpc_id, **{attribute: {"Value": True}})
        self._subnets(ec2, where, vpc_id, spec.get("subnets") or [])
        self._security_groups(ec2, where, vpc_id, spec.get("securityGroups") or [])
        for acl in spec.get("networkAcls") or []:
            self._network_acl(ec2, where, vpc_id, acl)
        for endpoint in spec.get("endpoints") or []:
            self.built.endpoints[f"{where}/{endpoint['service']}"] = ec2.create_vpc_endpoint(
                VpcId=vpc_id, VpcEndpointType="Interface", ServiceName=f"com.amazonaws.{region}.{endpoint['service']}",
                SubnetIds=[self.built.subnets[f"{where}/{name}"] for name in endpoint["subnets"]],
                SecurityGroupIds=[self.built.security_groups[f"{where}/{name}"]
                                  for name in endpoint.get("securityGroups") or ["default"]],
                PrivateDnsEnabled=endpoint.get("privateDns", True),
            )["VpcEndpoint"]["VpcEndpointId"]
        for key, attribute in (("dnsSupport", "EnableDnsSupport"), ("dnsHostnames", "EnableDnsHostnames")):
            if spec.get(key, True) is False:
                ec2.modify_vpc_attribute(VpcId=vpc_id, **{attribute: {"Value": False}})

    def _subnets(self, ec2: Any, where: str, vpc_id: str, subnets: list[dict[str, Any]]) -> None:
        """The subnets, each with its own route table (or the main one) and its default route."""
        main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                  {"Name": "association.main", "Values": ["true"]}])["RouteTables"]
        self.built.route_tables[f"{where}/main"] = main[0]["RouteTableId"]
        for subnet in subnets:
            self.built.subnets[f"{where}/{subnet['name']}"] = ec2.create_subnet(
                VpcId=vpc_id, CidrBlock=subnet["cidr"], TagSpecifications=[_name_tag("subnet", subnet["name"])]
            )["Subnet"]["SubnetId"]
        targets = self._route_targets(ec2, where, vpc_id, subnets)
        main_routed = False
        for subnet in subnets:
            own = subnet.get("routeTable", "own") == "own"
            if own:
                table = ec2.create_route_table(VpcId=vpc_id, TagSpecifications=[
                    _name_tag("route-table", subnet["name"])])["RouteTable"]["RouteTableId"]
                ec2.associate_route_table(RouteTableId=table, SubnetId=self.built.subnets[f"{where}/{subnet['name']}"])
                self.built.route_tables[f"{where}/{subnet['name']}"] = table
            else:
                table = self.built.route_tables[f"{where}/main"]
            route = subnet.get("defaultRoute", "none")
            if route != "none" and (own or not main_routed):
                ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", **targets[route])
                main_routed = main_routed or not own

    def _route_targets(self, ec2: Any, where: str, vpc_id: str,
                       subnets: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
        """The gateways the subnets' default routes need: an internet gateway (attached), a NAT gateway in the
        first internet-routed subnet (with an Elastic IP), a transit gateway attached to the routed subnets."""
        def routed(route: str) -> list[str]:
            return [self.built.subnets[f"{where}/{s['name']}"] for s in subnets if s.get("defaultRoute") == route]

        targets: dict[str, dict[str, str]] = {}
        if routed("internet-gateway") or routed("nat-gateway"):
            gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc_id)
            targets["internet-gateway"] = {"GatewayId": gateway}
        if routed("nat-gateway"):
            allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
            nat = ec2.create_nat_gateway(SubnetId=routed("internet-gateway")[0], AllocationId=allocation)
            targets["nat-gateway"] = {"NatGatewayId": nat["NatGateway"]["NatGatewayId"]}
        if routed("transit-gateway"):
            gateway = ec2.create_transit_gateway(Description=where)["TransitGateway"]["TransitGatewayId"]
            ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=gateway, VpcId=vpc_id, SubnetIds=routed("transit-gateway"))
            targets["transit-gateway"] = {"TransitGatewayId": gateway}
        return targets

    def _security_groups(self, ec2: Any, where: str, vpc_id: str, groups: list[dict[str, Any]]) -> None:
        """The VPC's default group (recorded as `default`), then the groups, then their rules (which may refer to
        any group of the VPC); a group with `egress` loses EC2's default egress rule."""
        default = ec2.describe_security_groups(Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
        self.built.security_groups[f"{where}/default"] = default[0]["GroupId"]
        for group in groups:
            self.built.security_groups[f"{where}/{group['name']}"] = ec2.create_security_group(
                GroupName=group["name"], Description=group.get("description", group["name"]), VpcId=vpc_id
            )["GroupId"]
        for group in groups:
            group_id = self.built.security_groups[f"{where}/{group['name']}"]
            if "egress" in group:
                ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=[
                    {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
                if group["egress"]:
                    ec2.authorize_security_group_egress(GroupId=group_id, IpPermissions=[
                        self._permission(where, rule) for rule in group["egress"]])
            if group.get("ingress"):
                ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
                    self._permission(where, rule) for rule in group["ingress"]])

    def _network_acl(self, ec2: Any, where: str, vpc_id: str, acl: dict[str, Any]) -> None:
        """A network ACL, its entries, and its subnets (taken from the ACL they were associated with)."""
        acl_id = ec2.create_network_acl(VpcId=vpc_id, TagSpecifications=[_name_tag("network-acl", acl["name"])])
        acl_id = acl_id["NetworkAcl"]["NetworkAclId"]
        self.built.network_acls[f"{where}/{acl['name']}"] = acl_id
        for entry in acl.get("entries") or []:
            arguments: dict[str, Any] = {
                "NetworkAclId": acl_id, "RuleNumber": entry["number"], "Egress": entry.get("egress", False),
                "Protocol": _PROTOCOL_NUMBERS[entry["protocol"]], "RuleAction": entry["action"],
                "CidrBlock": entry.get("cidr", "0.0.0.0/0"),
            }
            if entry["protocol"] != "-1":
                low, high = _port_range(entry["ports"])
                arguments["PortRange"] = {"From": low, "To": high}
            ec2.create_network_acl_entry(**arguments)
        for name in acl.get("subnets") or []:
            subnet_id = self.built.subnets[f"{where}/{name}"]
            current = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])
            association = next(a for n in current["NetworkAcls"] for a in n["Associations"]
                               if a["SubnetId"] == subnet_id)
            ec2.replace_network_acl_association(
                AssociationId=association["NetworkAclAssociationId"], NetworkAclId=acl_id)

    def _permission(self, where: str, rule: dict[str, Any]) -> dict[str, Any]:
        """A security group rule as IpPermissions: `cidr` (default 0.0.0.0/0) or `group` (of the same VPC)."""
        permission: dict[str, Any] = {"IpProtocol": rule["protocol"]}
        if rule["protocol"] != "-1":
            permission["FromPort"], permission["ToPort"] = _port_range(rule["ports"])
        if rule.get("group"):
            permission["UserIdGroupPairs"] = [{"GroupId": self.built.security_groups[f"{where}/{rule['group']}"]}]
        else:
            permission["IpRanges"] = [{"CidrIp": rule.get("cidr", "0.0.0.0/0")}]
        return permission

    def _keys(self, account: str, region: str, specs: Any) -> None:
        """KMS keys (`keys`): each with its optional alias, policy (default: AWS's default key policy, which
        delegates to the account's IAM) and description; their ARNs recorded as ACCOUNT/REGION/NAME."""
        where = f"accounts.{account}.regions.{region}.keys"
        if not isinstance(specs, list):
            raise ScenarioError(f"{where}: must be a list of keys")
        kms = self.client("kms", account, region)
        for index, spec in enumerate(specs):
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"]:
                raise ScenarioError(f"{where}[{index}]: needs a name")
            unknown = sorted(set(spec) - _KEY_KEYS)
            if unknown:
                raise ScenarioError(f"{where}[{index}]: unknown keys {unknown} (allowed: {sorted(_KEY_KEYS)})")
            label = f"{account}/{region}/{spec['name']}"
            if label in self.built.keys:
                raise ScenarioError(f"{where}[{index}].name: duplicate key {spec['name']!r}")
            alias = spec.get("alias")
            if alias is not None and (not isinstance(alias, str) or not re.fullmatch(r"alias/[a-zA-Z0-9/_-]+", alias)
                                      or alias.startswith("alias/aws/")):
                raise ScenarioError(f"{where}[{index}].alias: {alias!r} is not a customer alias name (alias/NAME)")
            arguments: dict[str, Any] = {"Description": str(spec.get("description", spec["name"]))}
            if spec.get("policy") is not None:
                arguments["Policy"] = _document(self.substitute(spec["policy"]))
            metadata = kms.create_key(**arguments)["KeyMetadata"]
            if alias:
                kms.create_alias(AliasName=alias, TargetKeyId=metadata["KeyId"])
            self.built.keys[label] = metadata["Arn"]

    def _kms_key(self, account: str, region: str, secret: str, reference: Any) -> str:
        """A secret's `kmsKey`: a key of the same account and region by name, or a key ARN, id or alias as is."""
        if not isinstance(reference, str):
            raise ScenarioError(f"secret {secret}: kmsKey must be a key name, key ARN or alias")
        named = self.built.keys.get(f"{account}/{region}/{reference}")
        if named:
            return named
        if reference.startswith(("arn:aws:kms:", "alias/", "{{")) or re.fullmatch(r"[0-9a-f-]{36}", reference):
            return str(self.substitute(reference))
        known = sorted(k.rsplit("/", 1)[-1] for k in self.built.keys if k.startswith(f"{account}/{region}/"))
        raise ScenarioError(f"secret {secret}: unknown kmsKey {reference!r} (keys of {account}/{region}: {known}; "
                            "or a key ARN or alias/NAME)")

    def _instance(self, ec2: Any, account: str, region: str, name: str, spec: dict[str, Any]) -> None:
        tags = {"Name": name, **{str(k): str(v) for k, v in (spec.get("tags") or {}).items()}}
        for key, tag in (
            ("ssmPing", "emulator:ssm-ping"),
            ("ssmAgent", "emulator:ssm-agent"),
            ("associationStatus", "emulator:association-status"),
            ("associationDetailedStatus", "emulator:association-detailed-status"),
            ("platform", "emulator:platform-type"),
            ("agentVersion", "emulator:ssm-agent-version"),
        ):
            if spec.get(key) is not None:
                tags[tag] = str(spec[key])
        if spec.get("managed") is False:
            tags["emulator:ssm-managed"] = "false"
        if spec.get("registeredBefore") is True:
            tags["emulator:ssm-registered-before"] = "true"
        arguments: dict[str, Any] = {
            "ImageId": spec.get("imageId", DEFAULT_IMAGE_ID),
            "InstanceType": spec.get("instanceType", "t3.micro"),
            "MinCount": 1,
            "MaxCount": 1,
            "TagSpecifications": [{"ResourceType": "instance", "Tags": _tags(tags)}],
        }
        if spec.get("instanceProfile"):
            arguments["IamInstanceProfile"] = {"Name": spec["instanceProfile"]}
        if spec.get("metadata"):
            arguments["MetadataOptions"] = {"HttpEndpoint": spec["metadata"]}
        if spec.get("subnet"):
            where = f"{account}/{region}/{spec['vpc']}"
            arguments["SubnetId"] = self.built.subnets[f"{where}/{spec['subnet']}"]
            groups = spec.get("securityGroups") or ["default"]
            arguments["SecurityGroupIds"] = [self.built.security_groups[f"{where}/{group}"] for group in groups]
        else:
            # AWS puts an instance launched without groups in its VPC's default group; moto leaves it in none.
            arguments["SecurityGroupIds"] = [_default_vpc_group(ec2)]
        instance_id = ec2.run_instances(**arguments)["Instances"][0]["InstanceId"]
        if spec.get("publicIp"):
            allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
            ec2.associate_address(AllocationId=allocation, InstanceId=instance_id)
        state = spec.get("state", "running")
        if state == "stopped":
            ec2.stop_instances(InstanceIds=[instance_id])
        elif state == "terminated":
            ec2.terminate_instances(InstanceIds=[instance_id])
        elif state != "running":
            raise ScenarioError(f"instance {name}: unknown state {state!r}")
        self.built.instances[f"{account}/{region}/{name}"] = instance_id

    def _associations(self, account: str, region: str, associations: list[dict[str, Any]]) -> None:
        if not associations:
            return
        ssm = self.client("ssm", account, region)
        for association in associations:
            arguments: dict[str, Any] = {"Name": association["name"]}
            optional = {
                "AssociationName": "associationName",
                "Parameters": "parameters",
                "Targets": "targets",
                "InstanceId": "instanceId",
                "ScheduleExpression": "scheduleExpression",
                "DocumentVersion": "documentVersion",
                "MaxErrors": "maxErrors",
                "MaxConcurrency": "maxConcurrency",
                "ComplianceSeverity": "complianceSeverity",
            }
            for argument, key in optional.items():
                if association.get(key) is not None:
                    arguments[argument] = self.substitute(association[key])
            if "Parameters" in arguments:
                arguments["Parameters"] = {
                    k: [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in arguments["Parameters"].items()
                }
            created = ssm.create_association(**arguments)["AssociationDescription"]
            label = association.get("associationName") or association["name"]
            self.built.associations[f"{account}/{region}/{label}"] = created["AssociationId"]

    def _stack_sets(self, account: str, region: str, specs: list[dict[str, Any]]) -> None:
        if not specs:
            return
        cloudformation = self.client("cloudformation", account, region)
        for spec in specs:
            call_as = spec.get("callAs", "SELF")
            arguments: dict[str, Any] = {
                "StackSetName": spec["name"],
                "PermissionModel": spec.get("permissionModel", "SELF_MANAGED"),
                "CallAs": call_as,
                "TemplateBody": self._template(spec),
                "Parameters": _parameters(self.substitute(spec.get("parameters") or {})),
                "Capabilities": spec.get("capabilities") or [],
            }
            if spec.get("description"):
                arguments["Description"] = spec["description"]
            if spec.get("autoDeployment"):
                arguments["AutoDeployment"] = spec["autoDeployment"]
            stack_set_id = cloudformation.create_stack_set(**arguments)["StackSetId"]
            self.built.stack_sets[f"{account}/{region}/{spec['name']}"] = stack_set_id
            for group in spec.get("instances") or []:
                targets: dict[str, Any] = {}
                if group.get("organizationalUnits"):
                    targets["OrganizationalUnitIds"] = [self._unit_id(path) for path in group["organizationalUnits"]]
                accounts = [self._account_id(name) for name in group.get("accounts") or []]
                if accounts and targets:
                    targets["Accounts"] = accounts
                    targets["AccountFilterType"] = group.get("accountFilterType", "INTERSECTION")
                instance_arguments: dict[str, Any] = {
                    "StackSetName": spec["name"],
                    "Regions": group["regions"],
                    "CallAs": call_as,
                    "ParameterOverrides": _parameters(self.substitute(group.get("parameterOverrides") or {})),
                }
                if targets:
                    instance_arguments["DeploymentTargets"] = targets
                else:
                    instance_arguments["Accounts"] = accounts
                cloudformation.create_stack_instances(**instance_arguments)

    def _stacks(self, account: str, region: str, specs: list[dict[str, Any]]) -> None:
        if not specs:
            return
        cloudformation = self.client("cloudformation", account, region)
        for spec in specs:
            arguments: dict[str, Any] = {
                "StackName": spec["name"],
                "Parameters": _parameters(self.substitute(spec.get("parameters") or {})),
                "Capabilities": spec.get("capabilities") or [],
            }
            if spec.get("templateURL"):
                arguments["TemplateURL"] = self.substitute(spec["templateURL"])
            else:
                arguments["TemplateBody"] = self._template(spec)
            if spec.get("onFailure"):
                arguments["OnFailure"] = spec["onFailure"]
            if spec.get("tags"):
                arguments["Tags"] = _tags(spec["tags"])
            stack_id = cloudformation.create_stack(**arguments)["StackId"]
            label = f"{account}/{region}/{spec['name']}"
            self.built.stacks[label] = stack_id
            pending = [(label, stack_id)]
            while pending:
                parent_label, parent_id = pending.pop(0)
                resources = cloudformation.list_stack_resources(StackName=parent_id)["StackResourceSummaries"]
                for resource in resources:
                    if resource["ResourceType"] == "AWS::CloudFormation::Stack" and resource.get("PhysicalResourceId"):
                        child = (f"{parent_label}/{resource['LogicalResourceId']}", resource["PhysicalResourceId"])
                        self.built.stacks[child[0]] = child[1]
                        pending.append(child)
            override = spec.get("statusOverride")
            if override:
                self._control(
                    "/_preflight/cloudformation/stack-status",
                    {
                        "accountId": self._account_id(account),
                        "region": region,
                        "stackName": stack_id,
                        **{k: v for k, v in override.items() if k in ("status", "statusReason", "resources")},
                    },
                )

    def _stack_set_settings(self, entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            self._control(
                "/_preflight/cloudformation/stack-set",
                {
                    "accountId": self._account_id(entry.get("owner", "management")),
                    "region": entry.get("ownerRegion", "us-east-1"),
                    "stackSetName": entry["stackSet"],
                    **{k: v for k, v in entry.items() if k == "autoDeployment"},
                },
            )

    def _stack_set_drift_detections(self, entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            self._control(
                "/_preflight/cloudformation/detect-stack-set-drift",
                {
                    "accountId": self._account_id(entry.get("owner", "management")),
                    "region": entry.get("ownerRegion", "us-east-1"),
                    "stackSetName": entry["stackSet"],
                },
            )

    def _stack_instance_status(self, entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            regions = entry.get("regions") or [entry["region"]]
            self._control(
                "/_preflight/cloudformation/stack-instance-status",
                {
                    "accountId": self._account_id(entry.get("owner", "management")),
                    "region": entry.get("ownerRegion", "us-east-1"),
                    "stackSetName": entry["stackSet"],
                    "instances": [
                        {
                            "account": self._account_id(entry["account"]),
                            "region": region,
                            "status": entry.get("status"),
                            "statusReason": self.substitute(entry.get("statusReason")),
                            "detailedStatus": entry.get("detailedStatus"),
                            "accountGate": entry.get("accountGate"),
                        }
                        for region in regions
                    ],
                },
            )

    def _control(self, path: str, payload: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self.endpoint}{path}", data=json.dumps(payload).encode(), method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise ScenarioError(f"{path}: {error.read().decode(errors='replace')}") from error

    def _template(self, spec: dict[str, Any]) -> str:
        body = self._content(spec, "templateFile", "templateBody")
        return body.decode() if isinstance(body, bytes) else body

    @staticmethod
    def _content(spec: dict[str, Any], file_key: str, body_key: str) -> Any:
        if spec.get(file_key):
            with open(spec[file_key], "rb") as handle:
                return handle.read()
        if body_key not in spec:
            raise ScenarioError(f"{spec.get('name') or spec.get('key')}: needs {file_key} or {body_key}")
        body = spec[body_key]
        return body if isinstance(body, str) else json.dumps(body, indent=2)

    def _unit_id(self, path: str) -> str:
        if path == "root":
            return self.built.root_id
        unit = self.built.organizational_units.get(path)
        if unit is None:
            raise ScenarioError(f"unknown OU {path!r}")
        return unit

    def _calls(self, account: str, region: str, calls: list[dict[str, Any]]) -> None:
        for call in calls:
            client = self.client(call["service"], account, region)
            params = self.substitute(call.get("params") or {})
            result = getattr(client, call["operation"])(**params)
            if call["operation"] == "create_organizational_unit":
                unit = result["OrganizationalUnit"]
                parent = next((p for p, i in self.built.organizational_units.items() if i == params["ParentId"]), None)
                self.built.organizational_units[f"{parent}/{unit['Name']}" if parent else unit["Name"]] = unit["Id"]

    # --------------------------------------------------------- references

    def substitute(self, value: Any) -> Any:
        """Replace {{account:NAME}}, {{ou:PATH}}, {{root}}, {{organization}}, {{instance:ACCOUNT/REGION/NAME}},
        {{key:ACCOUNT/REGION/NAME}}, …"""
        if isinstance(value, dict):
            return {k: self.substitute(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.substitute(v) for v in value]
        if not isinstance(value, str):
            return value

        def replace(match: re.Match[str]) -> str:
            kind, argument = match.group(1), (match.group(2) or "").strip()
            table = {
                "account": self.built.accounts,
                "ou": self.built.organizational_units,
                "instance": self.built.instances,
                "policy": self.built.policies,
                "role": self.built.roles,
                "secret": self.built.secrets,
                "key": self.built.keys,
                "stack": self.built.stacks,
                "stackSet": self.built.stack_sets,
                "association": self.built.associations,
                "ssoRole": self.built.sso_roles,
            }
            if kind == "root":
                return self.built.root_id
            if kind == "organization":
                return self.built.organization_id
            if kind in table and argument in table[kind]:
                return table[kind][argument]
            if kind == "association" and argument.count("/") >= 2:
                found = self._association_by_name(*argument.split("/", 2))
                if found:
                    return found
            raise ScenarioError(f"unresolved reference {match.group(0)}")

        return _PLACEHOLDER.sub(replace, value)

    def _association_by_name(self, account: str, region: str, name: str) -> str | None:
        """An association created outside the scenario's `associations` (e.g. by a stack), by AssociationName."""
        listed = self.client("ssm", account, region).list_associations(
            AssociationFilterList=[{"key": "AssociationName", "value": name}]
        )["Associations"]
        return listed[0]["AssociationId"] if listed else None

    def _account_id(self, name: str) -> str:
        if re.fullmatch(r"\d{12}", name):
            return name
        account_id = self.built.accounts.get(name)
        if account_id is None:
            raise ScenarioError(f"unknown account {name!r}")
        return account_id

    def _target_id(self, target: str) -> str:
        if target == "root":
            return self.built.root_id
        kind, _, name = target.partition(":")
        if kind == "ou" and name in self.built.organizational_units:
            return self.built.organizational_units[name]
        if kind == "account":
            return self._account_id(name)
        raise ScenarioError(f"unknown policy target {target!r} (use root, ou:PATH or account:NAME)")

    def _policy_arn(self, iam: Any, reference: str, local: dict[str, str]) -> str:
        if reference.startswith("arn:"):
            return reference
        if reference in local:
            return local[reference]
        if self._aws_policy_arns is None:
            arns: dict[str, str] = {}
            for page in iam.get_paginator("list_policies").paginate(Scope="AWS"):
                for policy in page["Policies"]:
                    arns[policy["PolicyName"]] = policy["Arn"]
            self._aws_policy_arns = arns
        if reference in self._aws_policy_arns:
            return self._aws_policy_arns[reference]
        raise ScenarioError(f"unknown managed policy {reference!r}")


# ------------------------------------------------------------------ helpers


_KEY_KEYS = {"name", "alias", "policy", "description"}
_SSO_KEYS = {"permissionSets", "users", "tokens"}
_SSO_PERMISSION_SET_KEYS = {"name", "accounts", "policies", "inlinePolicy", "sessionDuration"}
_SSO_TOKEN_KEYS = {"user", "accessToken", "expiresIn", "refreshToken", "refreshTokenExpiresIn", "refreshedExpiresIn",
                   "clientId", "clientSecret", "registrationExpiresIn", "startUrl", "region", "sessionName"}


def check_sso(spec: Any, accounts: set[str]) -> None:
    """Validates a scenario's `sso` section (README.md) before anything is built; `accounts` are the scenario's
    account names (12-digit ids are accepted too)."""
    if spec is None:
        return

    def fail(where: str, problem: str) -> None:
        raise ScenarioError(f"sso{where}: {problem}")

    def keys(where: str, value: Any, allowed: set[str], required: set[str]) -> None:
        if not isinstance(value, dict):
            fail(where, "must be a mapping")
        unknown = sorted(set(value) - allowed)
        if unknown:
            fail(where, f"unknown keys {unknown} (allowed: {sorted(allowed)})")
        missing = sorted(required - set(value))
        if missing:
            fail(where, f"missing {', '.join(missing)}")

    def account(where: str, value: Any) -> None:
        if not isinstance(value, str) or (value not in accounts and not re.fullmatch(r"\d{12}", value)):
            fail(where, f"unknown account {value!r} (a scenario account name or a 12-digit id; quote ids in YAML)")

    def listed(where: str, value: Any) -> list[Any]:
        if not isinstance(value, list):
            fail(where, "must be a list")
        return value

    keys("", spec, _SSO_KEYS, set())
    permission_sets: set[str] = set()
    for index, item in enumerate(listed(".permissionSets", spec.get("permissionSets") or [])):
        where = f".permissionSets[{index}]"
        keys(where, item, _SSO_PERMISSION_SET_KEYS, {"name", "accounts"})
        name = item["name"]
        if not isinstance(name, str) or not sso_plugin.PERMISSION_SET_NAME.match(name):
            fail(f"{where}.name", f"{name!r} is not a permission set name (1-32 letters, digits and +=,.@_-)")
        if name in permission_sets:
            fail(f"{where}.name", f"duplicate permission set {name!r}")
        permission_sets.add(name)
        if not listed(f"{where}.accounts", item["accounts"]):
            fail(f"{where}.accounts", "must name at least one account")
        for position, value in enumerate(item["accounts"]):
            account(f"{where}.accounts[{position}]", value)
        for position, value in enumerate(listed(f"{where}.policies", item.get("policies") or [])):
            if not isinstance(value, str) or not value:
                fail(f"{where}.policies[{position}]", "must be an AWS managed policy name or a policy ARN")
        if "inlinePolicy" in item and not isinstance(item["inlinePolicy"], (dict, str)):
            fail(f"{where}.inlinePolicy", "must be a policy document (mapping or JSON string)")
        duration = item.get("sessionDuration", 3600)
        if isinstance(duration, bool) or not isinstance(duration, int) or not 900 <= duration <= 43200:
            fail(f"{where}.sessionDuration", "must be a number of seconds between 900 and 43200")
    users: set[str] = set()
    for index, item in enumerate(listed(".users", spec.get("users") or [])):
        where = f".users[{index}]"
        keys(where, item, {"name", "assignments"}, {"name"})
        name = item["name"]
        if not isinstance(name, str) or not sso_plugin.USER_NAME.match(name):
            fail(f"{where}.name", f"{name!r} is not a user name (2-64 letters, digits and +=,.@_-: it is the "
                                  "role session name)")
        if name in users:
            fail(f"{where}.name", f"duplicate user {name!r}")
        users.add(name)
        for position, assignment in enumerate(listed(f"{where}.assignments", item.get("assignments") or [])):
            at = f"{where}.assignments[{position}]"
            keys(at, assignment, {"account", "permissionSet"}, {"account", "permissionSet"})
            account(f"{at}.account", assignment["account"])
            if assignment["permissionSet"] not in permission_sets:
                fail(f"{at}.permissionSet", f"unknown permission set {assignment['permissionSet']!r} "
                                            f"(known: {sorted(permission_sets)})")
    for index, item in enumerate(listed(".tokens", spec.get("tokens") or [])):
        where = f".tokens[{index}]"
        keys(where, item, _SSO_TOKEN_KEYS, {"user"})
        if item["user"] not in users:
            fail(f"{where}.user", f"unknown user {item['user']!r} (known: {sorted(users)})")


def check_cloudone(spec: Any, accounts: set[str]) -> None:
    """Validates a scenario's `cloudone` section (README.md) before anything is built: the fake's own validation,
    with `agents` keyed by `ACCOUNT/REGION/NAME` (or an instance id) and stale computers' accounts by name or id."""
    if spec is None:
        return
    if not isinstance(spec, dict):
        raise ScenarioError("cloudone: must be a mapping")
    agents = spec.get("agents") or {}
    if not isinstance(agents, dict):
        raise ScenarioError("cloudone.agents: must map instances (ACCOUNT/REGION/NAME) to agent states")
    for reference, state in agents.items():
        parts = str(reference).split("/")
        if not cloudone_plugin.INSTANCE_ID.match(str(reference)) and (len(parts) != 3 or parts[0] not in accounts):
            raise ScenarioError(f"cloudone.agents.{reference}: not an instance reference ACCOUNT/REGION/NAME with "
                                "a scenario account")
        if state not in cloudone_plugin.AGENT_STATES:
            raise ScenarioError(f"cloudone.agents.{reference}: {state!r} is not one of "
                                f"{list(cloudone_plugin.AGENT_STATES)}")
    stale = spec.get("staleComputers") or []
    resolved = []
    for index, item in enumerate(stale if isinstance(stale, list) else []):
        if isinstance(item, dict) and isinstance(item.get("accountId"), str) and item["accountId"] in accounts:
            item = {**item, "accountId": "000000000000"}
        elif isinstance(item, dict) and not re.fullmatch(r"\d{12}", str(item.get("accountId", ""))):
            raise ScenarioError(f"cloudone.staleComputers[{index}].accountId: unknown account "
                                f"{item.get('accountId')!r} (a scenario account name or a quoted 12-digit id)")
        resolved.append(item)
    try:
        cloudone_plugin.validate({**{k: v for k, v in spec.items() if k != "agents"},
                                  **({"staleComputers": resolved} if isinstance(stale, list) else {})})
    except cloudone_plugin.CloudOneConfigError as error:
        where = "cloudone" if error.where == "cloudone" else f"cloudone.{error.where}"
        raise ScenarioError(f"{where}: {error.problem}") from error


_STAGING_KEYS = {"bucket", "region", "account", "objects"}


def check_staging(scenario: dict[str, Any], accounts: set[str]) -> None:
    """Validates the `staging`, `serviceQuotas`, `regionOptIn` and `extraStackSets` sections (README.md) before
    anything is built; `accounts` are the scenario's account names (12-digit ids are accepted too)."""
    def fail(where: str, problem: str) -> None:
        raise ScenarioError(f"{where}: {problem}")

    def account(where: str, value: Any) -> None:
        if not isinstance(value, str) or (value not in accounts and not re.fullmatch(r"\d{12}", value)):
            fail(where, f"unknown account {value!r} (a scenario account name or a 12-digit id; quote ids in YAML)")

    regions = staging_plugin.known_regions()
    staging = scenario.get("staging") or []
    if not isinstance(staging, list):
        fail("staging", "must be a list of buckets")
    seen: set[str] = set()
    for index, bucket in enumerate(staging):
        where = f"staging[{index}]"
        if not isinstance(bucket, dict):
            fail(where, "must be a mapping")
        unknown = sorted(set(bucket) - _STAGING_KEYS)
        if unknown:
            fail(where, f"unknown keys {unknown} (allowed: {sorted(_STAGING_KEYS)})")
        name = bucket.get("bucket")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", name):
            fail(f"{where}.bucket", f"{name!r} is not a bucket name")
        if name in seen:
            fail(f"{where}.bucket", f"duplicate bucket {name!r}")
        seen.add(name)
        if bucket.get("region") not in regions:
            fail(f"{where}.region", f"{bucket.get('region')!r} is not a region")
        account(f"{where}.account", bucket.get("account", "management"))
        objects = bucket.get("objects") or []
        if not isinstance(objects, list):
            fail(f"{where}.objects", "must be a list of keys")
        for position, item in enumerate(objects):
            key = item.get("key") if isinstance(item, dict) else item
            if not isinstance(key, str) or not key:
                fail(f"{where}.objects[{position}]", "must be a key or a mapping {key, file|body}")
    settings = staging_plugin.StagingPlugin(regions=regions)
    checks = {"serviceQuotas": settings.quota_value, "regionOptIn": settings.opt_status}
    for section, check in checks.items():
        values = scenario.get(section)
        if values is None:
            continue
        if not isinstance(values, dict):
            fail(section, "must map accounts (names or quoted ids) to mappings")
        for name, entries in values.items():
            account(f"{section}.{name}", str(name))
            if not isinstance(entries, dict):
                fail(f"{section}.{name}", "must be a mapping")
            try:
                for key, value in entries.items():
                    check(f"{section}.{name}.{key}", key, value)
            except staging_plugin.SettingsError as error:
                raise ScenarioError(str(error)) from error
    _extra_stack_sets(scenario.get("extraStackSets"))


_VPC_KEYS = {"name", "cidr", "dnsSupport", "dnsHostnames", "subnets", "securityGroups", "networkAcls", "endpoints"}
_SUBNET_KEYS = {"name", "cidr", "defaultRoute", "routeTable"}
_DEFAULT_ROUTES = ("internet-gateway", "nat-gateway", "transit-gateway", "none")
_GROUP_KEYS = {"name", "description", "ingress", "egress"}
_RULE_KEYS = {"protocol", "ports", "cidr", "group"}
_ACL_KEYS = {"name", "subnets", "entries"}
_ENTRY_KEYS = {"number", "egress", "protocol", "ports", "cidr", "action"}
_ENDPOINT_KEYS = {"service", "subnets", "securityGroups", "privateDns"}
_INSTANCE_NETWORK_KEYS = ("vpc", "subnet", "securityGroups", "publicIp")
# Protocols of rules and entries: the scenario's names → EC2's protocol numbers.
_PROTOCOL_NUMBERS = {"tcp": "6", "-1": "-1"}
_CIDR = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2})$")
_ENDPOINT_SERVICE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*$")


def _port_range(value: Any) -> tuple[int, int]:
    """`ports`: N or "A-B" (0-65535, A <= B)."""
    text = str(value)
    match = re.fullmatch(r"(\d{1,5})(?:-(\d{1,5}))?", text) if not isinstance(value, bool) else None
    if match is None:
        raise ValueError(f"{value!r} is not a port or a range A-B")
    low, high = int(match.group(1)), int(match.group(2) or match.group(1))
    if high > 65535 or low > high:
        raise ValueError(f"{value!r} is not a port or a range A-B within 0-65535")
    return low, high


def _agent_version(value: Any) -> bool:
    from ssm_plugin import AGENT_VERSION

    return isinstance(value, str) and AGENT_VERSION.match(value) is not None


def check_network(accounts: list[dict[str, Any]]) -> None:
    """Validates every account × region's `network`, `defaultHostManagement` and the instances' network fields
    (README.md) before anything is built."""
    for account in accounts:
        for region, resources in (account.get("regions") or {}).items():
            _check_region_network(f"accounts.{account['name']}.regions.{region}", resources or {})


def _check_region_network(where: str, spec: dict[str, Any]) -> None:
    def fail(at: str, problem: str) -> None:
        raise ScenarioError(f"{at}: {problem}")

    def mapping(at: str, value: Any, allowed: set[str], required: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            fail(at, "must be a mapping")
        unknown = sorted(set(value) - allowed)
        if unknown:
            fail(at, f"unknown keys {unknown} (allowed: {sorted(allowed)})")
        missing = sorted(required - set(value))
        if missing:
            fail(at, f"missing {missing}")
        return value

    def listed(at: str, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            fail(at, "must be a list")
        return value

    def name(at: str, value: Any, seen: set[str]) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", value):
            fail(at, f"{value!r} is not a name (letters, digits, . _ -)")
        if value in seen:
            fail(at, f"duplicate name {value!r}")
        seen.add(value)
        return value

    def cidr(at: str, value: Any) -> None:
        match = _CIDR.match(value) if isinstance(value, str) else None
        if match is None or any(int(part) > 255 for part in match.groups()[:4]) or int(match.group(5)) > 32:
            fail(at, f"{value!r} is not an IPv4 CIDR block (A.B.C.D/N)")

    def boolean(at: str, value: Any) -> None:
        if not isinstance(value, bool):
            fail(at, f"{value!r} must be true or false")

    def known(at: str, value: Any, names: set[str], kind: str) -> None:
        if value not in names:
            fail(at, f"unknown {kind} {value!r} (known: {sorted(names)})")

    def ports(at: str, rule: dict[str, Any]) -> None:
        if rule.get("protocol") not in _PROTOCOL_NUMBERS:
            fail(f"{at}.protocol", f"{rule.get('protocol')!r} is not tcp or -1")
        if rule["protocol"] == "-1":
            if "ports" in rule:
                fail(f"{at}.ports", "protocol -1 covers every port: no ports")
            return
        if "ports" not in rule:
            fail(f"{at}.ports", "a tcp rule needs ports (N or \"A-B\")")
        try:
            _port_range(rule["ports"])
        except ValueError as error:
            fail(f"{at}.ports", str(error))

    network = mapping(f"{where}.network", spec.get("network") or {}, {"vpcs"}, set())
    vpcs: dict[str, dict[str, set[str]]] = {}
    for index, vpc in enumerate(listed(f"{where}.network.vpcs", network.get("vpcs"))):
        at = f"{where}.network.vpcs[{index}]"
        mapping(at, vpc, _VPC_KEYS, {"name", "cidr"})
        vpc_name = name(f"{at}.name", vpc["name"], set(vpcs))
        cidr(f"{at}.cidr", vpc["cidr"])
        for key in ("dnsSupport", "dnsHostnames"):
            if key in vpc:
                boolean(f"{at}.{key}", vpc[key])
        subnets: set[str] = set()
        main_route: str | None = None
        has_internet = False
        needs_internet = None
        for position, subnet in enumerate(listed(f"{at}.subnets", vpc.get("subnets"))):
            here = f"{at}.subnets[{position}]"
            mapping(here, subnet, _SUBNET_KEYS, {"name", "cidr"})
            name(f"{here}.name", subnet["name"], subnets)
            cidr(f"{here}.cidr", subnet["cidr"])
            route = subnet.get("defaultRoute", "none")
            if route not in _DEFAULT_ROUTES:
                fail(f"{here}.defaultRoute", f"{route!r} is not one of {list(_DEFAULT_ROUTES)}")
            has_internet = has_internet or route == "internet-gateway"
            if route == "nat-gateway" and needs_internet is None:
                needs_internet = f"{here}.defaultRoute"
            table = subnet.get("routeTable", "own")
            if table not in ("own", "main"):
                fail(f"{here}.routeTable", f"{table!r} is not own or main")
            if table == "main":
                if main_route is not None and main_route != route:
                    fail(f"{here}.defaultRoute", f"{route!r}: the subnets on the main route table share its default "
                                                 f"route ({main_route!r})")
                main_route = route
        if needs_internet and not has_internet:
            fail(needs_internet, "a NAT gateway needs a subnet with defaultRoute internet-gateway in the same VPC")
        groups: set[str] = {"default"}
        for position, group in enumerate(listed(f"{at}.securityGroups", vpc.get("securityGroups"))):
            here = f"{at}.securityGroups[{position}]"
            mapping(here, group, _GROUP_KEYS, {"name"})
            if group["name"] == "default":
                fail(f"{here}.name", "'default' is the VPC's default security group (created by EC2)")
            name(f"{here}.name", group["name"], groups)
        for position, group in enumerate(listed(f"{at}.securityGroups", vpc.get("securityGroups"))):
            for direction in ("ingress", "egress"):
                rules_at = f"{at}.securityGroups[{position}].{direction}"
                for number, rule in enumerate(listed(rules_at, group.get(direction))):
                    here = f"{rules_at}[{number}]"
                    mapping(here, rule, _RULE_KEYS, {"protocol"})
                    ports(here, rule)
                    if "cidr" in rule and "group" in rule:
                        fail(here, "a rule has a cidr or a group, not both")
                    if "cidr" in rule:
                        cidr(f"{here}.cidr", rule["cidr"])
                    if "group" in rule:
                        known(f"{here}.group", rule["group"], groups, "security group of the VPC")
        acls: set[str] = set()
        for position, acl in enumerate(listed(f"{at}.networkAcls", vpc.get("networkAcls"))):
            here = f"{at}.networkAcls[{position}]"
            mapping(here, acl, _ACL_KEYS, {"name"})
            name(f"{here}.name", acl["name"], acls)
            for number, subnet in enumerate(listed(f"{here}.subnets", acl.get("subnets"))):
                known(f"{here}.subnets[{number}]", subnet, subnets, "subnet of the VPC")
            rules: set[tuple[int, bool]] = set()
            for number, entry in enumerate(listed(f"{here}.entries", acl.get("entries"))):
                entry_at = f"{here}.entries[{number}]"
                mapping(entry_at, entry, _ENTRY_KEYS, {"number", "protocol", "action"})
                rule_number = entry["number"]
                if isinstance(rule_number, bool) or not isinstance(rule_number, int) or not 1 <= rule_number <= 32766:
                    fail(f"{entry_at}.number", f"{rule_number!r} is not a rule number (1-32766)")
                egress = entry.get("egress", False)
                boolean(f"{entry_at}.egress", egress)
                if (rule_number, egress) in rules:
                    fail(f"{entry_at}.number", f"duplicate {'egress' if egress else 'ingress'} rule {rule_number}")
                rules.add((rule_number, egress))
                ports(entry_at, entry)
                if entry["action"] not in ("allow", "deny"):
                    fail(f"{entry_at}.action", f"{entry['action']!r} is not allow or deny")
                if "cidr" in entry:
                    cidr(f"{entry_at}.cidr", entry["cidr"])
        services: set[str] = set()
        for position, endpoint in enumerate(listed(f"{at}.endpoints", vpc.get("endpoints"))):
            here = f"{at}.endpoints[{position}]"
            mapping(here, endpoint, _ENDPOINT_KEYS, {"service", "subnets"})
            service = endpoint["service"]
            if not isinstance(service, str) or not _ENDPOINT_SERVICE.match(service):
                fail(f"{here}.service", f"{service!r} is not a service name (ssm, ssmmessages, ec2messages, …)")
            if service in services:
                fail(f"{here}.service", f"duplicate endpoint for {service!r}")
            services.add(service)
            if not listed(f"{here}.subnets", endpoint["subnets"]):
                fail(f"{here}.subnets", "an interface endpoint needs at least one subnet")
            for number, subnet in enumerate(endpoint["subnets"]):
                known(f"{here}.subnets[{number}]", subnet, subnets, "subnet of the VPC")
            for number, group in enumerate(listed(f"{here}.securityGroups", endpoint.get("securityGroups"))):
                known(f"{here}.securityGroups[{number}]", group, groups, "security group of the VPC")
            private_dns = endpoint.get("privateDns", True)
            boolean(f"{here}.privateDns", private_dns)
            if private_dns and (vpc.get("dnsSupport", True) is False or vpc.get("dnsHostnames", True) is False):
                fail(f"{here}.privateDns", "private DNS needs the VPC's dnsSupport and dnsHostnames (as EC2 requires)")
        vpcs[vpc_name] = {"subnets": subnets, "groups": groups}
    dhmc = spec.get("defaultHostManagement")
    if dhmc is not None and (not isinstance(dhmc, str) or not re.fullmatch(r"[\w+=,.@/-]{1,512}", dhmc)):
        fail(f"{where}.defaultHostManagement", f"{dhmc!r} is not an IAM role name (optionally with its path)")
    for index, instance in enumerate(listed(f"{where}.instances", spec.get("instances"))):
        at = f"{where}.instances[{index}]"
        if not isinstance(instance, dict):
            fail(at, "must be a mapping")
        if "subnet" in instance:
            known(f"{at}.vpc", instance.get("vpc"), set(vpcs), "VPC of the region's network")
            known(f"{at}.subnet", instance["subnet"], vpcs[instance["vpc"]]["subnets"], "subnet of the VPC")
            groups_of_vpc = vpcs[instance["vpc"]]["groups"]
            for number, group in enumerate(listed(f"{at}.securityGroups", instance.get("securityGroups"))):
                known(f"{at}.securityGroups[{number}]", group, groups_of_vpc, "security group of the VPC")
        else:
            given = [key for key in _INSTANCE_NETWORK_KEYS if key in instance]
            if given:
                fail(f"{at}.{given[0]}", "needs a subnet (without one the instance is in moto's default VPC)")
        for key in ("publicIp", "managed", "registeredBefore"):
            if key in instance:
                boolean(f"{at}.{key}", instance[key])
        if "metadata" in instance and instance["metadata"] not in ("enabled", "disabled"):
            fail(f"{at}.metadata",
                 f"{instance['metadata']!r} is not enabled or disabled (MetadataOptions.HttpEndpoint)")
        version = instance.get("agentVersion")
        if version is not None and not _agent_version(version):
            fail(f"{at}.agentVersion", f"{version!r} is not an agent version (N.N.N.N; quote it in YAML)")


def _default_vpc_group(ec2: Any) -> str:
    """The id of the default VPC's `default` security group."""
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    return ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                 {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]["GroupId"]


def _route_default_vpc_to_the_internet(ec2: Any) -> None:
    """Gives moto's default VPC what AWS's has: an internet gateway and the main route table's 0.0.0.0/0 to it."""
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    if not vpcs:
        return
    vpc = vpcs[0]["VpcId"]
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                {"Name": "association.main", "Values": ["true"]}])["RouteTables"]
    if not tables or any(route.get("DestinationCidrBlock") == "0.0.0.0/0" for route in tables[0]["Routes"]):
        return
    gateways = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])["InternetGateways"]
    if gateways:
        gateway = gateways[0]["InternetGatewayId"]
    else:
        gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    ec2.create_route(RouteTableId=tables[0]["RouteTableId"], DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)


def _extra_stack_sets(value: Any) -> list[dict[str, Any]]:
    """`extraStackSets`: N (names Extra-1 … Extra-N) or a list of names: SELF_MANAGED StackSets without instances."""
    if value is None:
        return []
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        names = [f"Extra-{index}" for index in range(1, value + 1)]
    elif isinstance(value, list) and all(isinstance(name, str) and name for name in value):
        names = list(value)
    else:
        raise ScenarioError("extraStackSets: must be a number of StackSets or a list of names")
    return [{"name": name, "templateBody": EXTRA_STACK_SET_TEMPLATE} for name in names]


def _staging_body(key: str) -> bytes:
    """A staging object's body: the template of the same file name, a small zip archive, or a line of text."""
    path = os.path.join(TEMPLATES, os.path.basename(key))
    if os.path.isfile(path):
        with open(path, "rb") as handle:
            return handle.read()
    if key.endswith(".zip"):
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(zipfile.ZipInfo("index.py", (2026, 1, 1, 0, 0, 0)), "def handler(event, context):\n    return {}\n")
        return buffer.getvalue()
    return f"staging object {key}\n".encode()


def _document(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, indent=2)


def _tags(tags: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": str(k), "Value": str(v)} for k, v in tags.items()]


def _name_tag(resource_type: str, name: str) -> dict[str, Any]:
    """A TagSpecification naming a new EC2 resource."""
    return {"ResourceType": resource_type, "Tags": _tags({"Name": name})}


def _parameters(values: dict[str, Any]) -> list[dict[str, str]]:
    return [{"ParameterKey": str(k), "ParameterValue": str(v)} for k, v in values.items()]


def load(path: str, _depth: int = 0) -> dict[str, Any]:
    """Read a scenario; `extends: OTHER` merges this file over OTHER (paths relative to the file)."""
    if _depth > _MAX_EXTENDS:
        raise ScenarioError(f"{path}: more than {_MAX_EXTENDS} levels of extends")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    data = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: expected a mapping at the top level")
    directory = os.path.dirname(os.path.abspath(path))
    _resolve_files(data, directory)
    parent = data.pop("extends", None)
    if parent:
        data = merge(load(os.path.join(directory, str(parent)), _depth + 1), data)
    return data


def merge(base: Any, override: Any) -> Any:
    """`override` over `base`: mappings merge key by key (a null value removes the key), non-empty lists of
    mappings that all have a `name` merge item by item on it (new names are appended), anything else replaces."""
    if isinstance(base, dict) and isinstance(override, dict):
        result = dict(base)
        for key, value in override.items():
            if value is None:
                result.pop(key, None)
            else:
                result[key] = merge(result[key], value) if key in result else value
        return result
    if _named(base) and _named(override):
        result = list(base)
        index = {item["name"]: position for position, item in enumerate(result)}
        for item in override:
            if item["name"] in index:
                result[index[item["name"]]] = merge(result[index[item["name"]]], item)
            else:
                index[item["name"]] = len(result)
                result.append(item)
        return result
    return override


def _named(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "name" in i for i in value)


def _resolve_files(value: Any, directory: str) -> None:
    """Make `file`/`templateFile` paths absolute (they are relative to the file that names them)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _FILE_KEYS and isinstance(item, str):
                value[key] = os.path.normpath(os.path.join(directory, item))
            else:
                _resolve_files(item, directory)
    elif isinstance(value, list):
        for item in value:
            _resolve_files(item, directory)


def build(endpoint: str, scenario: dict[str, Any], reset_calls: bool = True) -> dict[str, Any]:
    """Build `scenario` in the emulator at `endpoint` and return the generated ids."""
    result = ScenarioBuilder(endpoint).build(scenario).as_json()
    if reset_calls:
        request = urllib.request.Request(f"{endpoint.rstrip('/')}/_preflight/calls/reset", data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=10):
            pass
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", required=True, help="emulator URL, e.g. http://127.0.0.1:PORT")
    parser.add_argument("--file", required=True, help="scenario file (.yaml/.yml or .json)")
    parser.add_argument("--output", help="write the generated ids here (default: stdout)")
    parser.add_argument("--reset", action="store_true", help="POST /_preflight/reset before building")
    parser.add_argument("--keep-calls", action="store_true", help="do not reset the call log after building")
    args = parser.parse_args(argv)
    if args.reset:
        request = urllib.request.Request(f"{args.endpoint.rstrip('/')}/_preflight/reset", data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=30):
            pass
    try:
        result = build(args.endpoint, load(args.file), reset_calls=not args.keep_calls)
    except ScenarioError as error:
        raise SystemExit(f"scenario: {error}") from error
    text = json.dumps(result, indent=2, sort_keys=True)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    sys.exit(main())
