"""Tests of the deployed-state emulation: the real templates deployed by scenarios, StackSets, CallAs.

Run from the repository root:  python3 -m pytest Tests/Emulator -q
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import yaml
from botocore.config import Config
from botocore.exceptions import ClientError

import scenario
from harness import HERE, EmulatorProcess, built

DEPLOYMENT_REGIONS = (
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-3", "ap-northeast-2",
    "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-north-1", "sa-east-1",
)
TARGETED = ("web-prod", "app-prod", "dev")
PARAMETERS = ["dsActivationUrl", "dsManagerUrl", "dsTenantId", "dsToken"]
ASSOCIATION = "TrendCloudOneWorkloadSecurityAssociation"
ROOT = "management/us-east-1/ABI-TM-SSM"
PARSE = f"{ROOT}/GetWorkloadSecurityAgentDeploymentParameters"
ORGS = f"{ROOT}/SSMAssociationforWorkloadAgent"
NO_VALIDATION = Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False)


@pytest.fixture()
def deployed(emulator: EmulatorProcess) -> dict[str, Any]:
    return built(emulator, "sample-org-deployed.yaml")


def resources(cloudformation: Any, stack: str) -> dict[str, dict[str, Any]]:
    listed = cloudformation.list_stack_resources(StackName=stack)["StackResourceSummaries"]
    return {r["LogicalResourceId"]: r for r in listed}


def decisions(response: dict[str, Any]) -> dict[str, str]:
    return {result["EvalActionName"]: result["EvalDecision"] for result in response["EvaluationResults"]}


# ------------------------------------------------------------------ stacks


def test_deployed_root_and_nested_stacks(emulator: EmulatorProcess, deployed: dict[str, Any]) -> None:
    cloudformation = emulator.client("cloudformation")
    root = cloudformation.describe_stacks(StackName="ABI-TM-SSM")["Stacks"][0]
    assert root["StackStatus"] == "CREATE_COMPLETE"
    assert "StackStatusReason" not in root and "ParentId" not in root
    assert root["StackId"] == deployed["stacks"][ROOT]
    assert root["Capabilities"] == ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]
    assert {p["ParameterKey"]: p["ParameterValue"] for p in root["Parameters"]}["CloudOneApiKeySecret"] == "****"

    top = resources(cloudformation, "ABI-TM-SSM")
    assert {k: (v["ResourceType"], v["ResourceStatus"], v["PhysicalResourceId"]) for k, v in top.items()} == {
        "GetWorkloadSecurityAgentDeploymentParameters": ("AWS::CloudFormation::Stack", "CREATE_COMPLETE", deployed["stacks"][PARSE]),
        "SSMAssociationforWorkloadAgent": ("AWS::CloudFormation::Stack", "CREATE_COMPLETE", deployed["stacks"][ORGS]),
    }
    assert all("ResourceStatusReason" not in r and r["LastUpdatedTimestamp"] for r in top.values())

    parse = cloudformation.describe_stacks(StackName=deployed["stacks"][PARSE])["Stacks"][0]
    assert parse["StackName"].startswith("ABI-TM-SSM-GetWorkloadSecurityAgentDeploymentParameters-")
    assert parse["StackStatus"] == "CREATE_COMPLETE"
    assert parse["ParentId"] == parse["RootId"] == root["StackId"]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in parse["Outputs"]}
    units = deployed["organizationalUnits"]
    assert outputs["OrgOUs"] == ",".join([units["Production"], units["Production/Web"], units["Dev"]])
    # Extracted from the fake Cloud One's deployment script for the stack's CloudOneRegionEndpoint (us-1).
    assert outputs["ActivationURL"] == "dsm://agents.workload.trendmicro.com:443/"

    nested = resources(cloudformation, deployed["stacks"][PARSE])
    assert {k: (v["ResourceType"], v["ResourceStatus"]) for k, v in nested.items()} == {
        "LambdaExecutionRole": ("AWS::IAM::Role", "CREATE_COMPLETE"),
        "AgentDeploymentScriptFunction": ("AWS::Lambda::Function", "CREATE_COMPLETE"),
        "CustomInvokeAgentScriptParser": ("Custom::CustomInvokeAgentScriptParser", "CREATE_COMPLETE"),
    }
    orgs = resources(cloudformation, deployed["stacks"][ORGS])
    assert orgs["SSMStackSet"]["ResourceType"] == "AWS::CloudFormation::StackSet"
    assert orgs["SSMStackSet"]["PhysicalResourceId"].startswith("C1WS-SSM-StackSet:")

    detail = cloudformation.describe_stack_resource(
        StackName=deployed["stacks"][PARSE], LogicalResourceId="LambdaExecutionRole")["StackResourceDetail"]
    assert detail["PhysicalResourceId"] == nested["LambdaExecutionRole"]["PhysicalResourceId"]


def test_lambda_role_exists_with_the_templates_policies(emulator: EmulatorProcess, deployed: dict[str, Any]) -> None:
    cloudformation = emulator.client("cloudformation")
    role_name = resources(cloudformation, deployed["stacks"][PARSE])["LambdaExecutionRole"]["PhysicalResourceId"]
    assert len(role_name) <= 64 and "LambdaExecutionRole" in role_name
    iam = emulator.client("iam")
    role = iam.get_role(RoleName=role_name)["Role"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": ["lambda.amazonaws.com"]}
    attached = iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
    assert sorted(iam.list_role_policies(RoleName=role_name)["PolicyNames"]) == [
        "OrganizationsListOUsAccess", "SecretsManagerReadAccess"]
    document = iam.get_role_policy(RoleName=role_name, PolicyName="SecretsManagerReadAccess")["PolicyDocument"]
    secret = deployed["secrets"]["management/us-east-1/c1ws/api-key"]
    assert document["Statement"][0]["Resource"] == [f"{secret}*"]

    key = deployed["keys"]["management/us-east-1/trend"]
    simulated = iam.simulate_principal_policy(PolicySourceArn=role["Arn"], ActionNames=["secretsmanager:GetSecretValue"],
                                              ResourceArns=[secret])
    assert decisions(simulated) == {"secretsmanager:GetSecretValue": "allowed"}
    simulated = iam.simulate_principal_policy(PolicySourceArn=role["Arn"], ActionNames=["kms:Decrypt"], ResourceArns=[key])
    assert decisions(simulated) == {"kms:Decrypt": "allowed"}
    simulated = iam.simulate_principal_policy(
        PolicySourceArn=role["Arn"],
        ActionNames=["organizations:ListRoots", "organizations:ListOrganizationalUnitsForParent", "logs:PutLogEvents",
                     "iam:CreateRole"])
    assert decisions(simulated) == {"organizations:ListRoots": "allowed",
                                    "organizations:ListOrganizationalUnitsForParent": "allowed",
                                    "logs:PutLogEvents": "allowed", "iam:CreateRole": "implicitDeny"}


# ------------------------------------------------------------- stack set


def test_stack_instances_statuses(emulator: EmulatorProcess, deployed: dict[str, Any]) -> None:
    cloudformation = emulator.client("cloudformation")
    summaries = cloudformation.list_stack_instances(StackSetName="C1WS-SSM-StackSet", CallAs="SELF",
                                                    MaxResults=100)["Summaries"]
    accounts = deployed["accounts"]
    names = {v: k for k, v in accounts.items()}
    assert sorted((names[s["Account"]], s["Region"]) for s in summaries) == sorted(
        (a, r) for a in TARGETED for r in DEPLOYMENT_REGIONS)
    units = deployed["organizationalUnits"]
    parents = {"web-prod": units["Production/Web"], "app-prod": units["Production"], "dev": units["Dev"]}
    stack_set = cloudformation.describe_stack_set(StackSetName="C1WS-SSM-StackSet", CallAs="SELF")["StackSet"]
    for summary in summaries:
        assert summary["StackSetId"] == stack_set["StackSetId"]
        assert summary["OrganizationalUnitId"] == parents[names[summary["Account"]]]
        assert summary["StackId"].startswith(f"arn:aws:cloudformation:{summary['Region']}:{summary['Account']}:stack/")
        if (names[summary["Account"]], summary["Region"]) == ("dev", "sa-east-1"):
            assert summary["Status"] == "OUTDATED"
            assert summary["StackInstanceStatus"] == {"DetailedStatus": "FAILED"}
            assert summary["StatusReason"].startswith("ResourceLogicalId:C1WSDistributorPackage, ")
        else:
            assert summary["Status"] == "CURRENT", summary
            assert summary["StackInstanceStatus"] == {"DetailedStatus": "SUCCEEDED"}
            assert "StatusReason" not in summary
    assert stack_set["PermissionModel"] == "SERVICE_MANAGED"
    assert stack_set["AutoDeployment"] == {"Enabled": True, "RetainStacksOnAccountRemoval": False}
    assert sorted(stack_set["OrganizationalUnitIds"]) == sorted(parents.values())

    failed = cloudformation.list_stack_instances(
        StackSetName="C1WS-SSM-StackSet", Filters=[{"Name": "DETAILED_STATUS", "Values": "FAILED"}])["Summaries"]
    assert [(s["Account"], s["Region"]) for s in failed] == [(accounts["dev"], "sa-east-1")]
    one = cloudformation.list_stack_instances(StackSetName="C1WS-SSM-StackSet", StackInstanceAccount=accounts["web-prod"],
                                              StackInstanceRegion="eu-west-1")["Summaries"]
    assert len(one) == 1 and one[0]["Status"] == "CURRENT"

    override = {"accountId": accounts["management"], "region": "us-east-1", "stackSetName": "C1WS-SSM-StackSet",
                "instances": [{"account": accounts["web-prod"], "region": "eu-west-1", "status": "INOPERABLE",
                               "statusReason": "DeleteStackInstances failed"}]}
    emulator.control("/_preflight/cloudformation/stack-instance-status", override, "POST")
    one = cloudformation.list_stack_instances(StackSetName="C1WS-SSM-StackSet", StackInstanceAccount=accounts["web-prod"],
                                              StackInstanceRegion="eu-west-1")["Summaries"][0]
    assert (one["Status"], one["StackInstanceStatus"]["DetailedStatus"], one["StatusReason"]) == (
        "INOPERABLE", "FAILED", "DeleteStackInstances failed")
    override["instances"][0]["status"] = None
    emulator.control("/_preflight/cloudformation/stack-instance-status", override, "POST")
    one = cloudformation.describe_stack_instance(StackSetName="C1WS-SSM-StackSet", StackInstanceAccount=accounts["web-prod"],
                                                 StackInstanceRegion="eu-west-1")["StackInstance"]
    assert one["Status"] == "CURRENT"


def test_stack_instances_pagination(emulator: EmulatorProcess, deployed: dict[str, Any]) -> None:
    cloudformation = emulator.client("cloudformation")
    everything = cloudformation.list_stack_instances(StackSetName="C1WS-SSM-StackSet")["Summaries"]
    pages, token = [], None
    while True:
        arguments: dict[str, Any] = {"StackSetName": "C1WS-SSM-StackSet", "CallAs": "SELF", "MaxResults": 2}
        if token:
            arguments["NextToken"] = token
        page = cloudformation.list_stack_instances(**arguments)
        pages.append(page["Summaries"])
        token = page.get("NextToken")
        if not token:
            break
    assert len(pages) == 24 and all(len(p) == 2 for p in pages)
    assert [s for p in pages for s in p] == everything
    for arguments, message in (
        ({"MaxResults": 101}, "Member must have value less than or equal to 100"),
        ({"NextToken": "bm90LWEtdG9rZW4="}, "Invalid NextToken"),
        ({"CallAs": "DELEGATED_ADMIN"}, "Account used is not a delegated administrator"),
    ):
        with pytest.raises(ClientError) as raised:
            emulator.client("cloudformation", config=NO_VALIDATION).list_stack_instances(
                StackSetName="C1WS-SSM-StackSet", **arguments)
        assert raised.value.response["Error"]["Code"] == "ValidationError"
        assert message in raised.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as raised:
        cloudformation.list_stack_instances(StackSetName="NoSuchStackSet")
    assert raised.value.response["Error"]["Code"] == "StackSetNotFoundException"


# ------------------------------------------------------------------ SSM


def test_deployed_parameters_and_associations(emulator: EmulatorProcess, deployed: dict[str, Any]) -> None:
    accounts = deployed["accounts"]
    seen: dict[tuple[str, str], tuple[list[str], str | None, str | None]] = {}
    for name in TARGETED:
        credentials = emulator.assume(accounts[name])
        for region in DEPLOYMENT_REGIONS:
            ssm = emulator.client("ssm", region, credentials)
            found = ssm.get_parameters(Names=PARAMETERS, WithDecryption=False)
            listed = ssm.list_associations(
                AssociationFilterList=[{"key": "AssociationName", "value": ASSOCIATION}])["Associations"]
            schedule = listed[0].get("ScheduleExpression") if listed else None
            version = listed[0]["AssociationVersion"] if listed else None
            seen[(name, region)] = (found["InvalidParameters"], schedule, version)
    gaps = {key: value for key, value in seen.items() if value != ([], "cron(15 10 * * ? *)", "1")}
    assert gaps == {
        ("app-prod", "us-east-1"): (["dsToken"], "cron(15 10 * * ? *)", "1"),
        ("dev", "eu-west-1"): ([], None, None),
        ("web-prod", "eu-west-1"): ([], "rate(1 day)", "2"),
    }

    ssm = emulator.client("ssm", "eu-central-1", emulator.assume(accounts["app-prod"]))
    parameter = ssm.get_parameters(Names=["dsToken"])["Parameters"][0]
    assert parameter["Value"] == "9F8E7D6C-5B4A-3F2E-1D0C-9B8A7F6E5D4C" and parameter["Type"] == "String"
    tags = ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="dsToken")["TagList"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("Key", "CloudOne"), ("Value", "WS-SSM")]
    association = ssm.list_associations()["Associations"][0]
    described = ssm.describe_association(AssociationId=association["AssociationId"])["AssociationDescription"]
    assert described["Name"] == "AWS-ConfigureAWSPackage"
    assert described["Targets"] == [{"Key": "InstanceIds", "Values": ["*"]}]
    assert described["Parameters"] == {"action": ["Install"], "installationType": ["In-place update"],
                                       "name": ["TrendMicro-CloudOne-WorkloadSecurity"]}

    for name, region in (("management", "us-east-1"), ("app-prod", "af-south-1"), ("sandbox", "us-east-1")):
        credentials = None if name == "management" else emulator.assume(accounts[name])
        ssm = emulator.client("ssm", region, credentials)
        assert ssm.get_parameters(Names=PARAMETERS)["InvalidParameters"] == PARAMETERS
        assert ssm.list_associations()["Associations"] == []


def test_deployed_association_outcomes(emulator: EmulatorProcess, deployed: dict[str, Any]) -> None:
    accounts, instances = deployed["accounts"], deployed["instances"]
    expected = {
        ("web-prod", "us-east-1"): ("Success", {"web-online": "Success"}),
        ("web-prod", "eu-west-1"): ("Failed", {"web-eu-failed": "Failed", "web-eu-windows": "Success"}),
        ("web-prod", "us-west-2"): ("Success", {"web-oregon": "Success"}),
        ("app-prod", "us-east-1"): ("Failed", {"app-online": "Failed"}),
        ("app-prod", "eu-central-1"): ("Pending", {"app-frankfurt": "Pending"}),
        ("dev", "us-west-2"): ("Success", {"dev-oregon": "Success"}),
    }
    names = {v: k.rsplit("/", 1)[1] for k, v in instances.items()}
    for (account, region), (status, targets) in expected.items():
        ssm = emulator.client("ssm", region, emulator.assume(accounts[account]))
        association = ssm.list_associations(
            AssociationFilterList=[{"key": "AssociationName", "value": ASSOCIATION}])["Associations"][0]
        executions = ssm.describe_association_executions(AssociationId=association["AssociationId"])
        execution = executions["AssociationExecutions"][0]
        assert execution["Status"] == status, (account, region)
        outcome = ssm.describe_association_execution_targets(
            AssociationId=association["AssociationId"], ExecutionId=execution["ExecutionId"])
        assert {names[t["ResourceId"]]: t["Status"] for t in outcome["AssociationExecutionTargets"]} == targets

    ssm = emulator.client("ssm", "us-east-1", emulator.assume(accounts["web-prod"]))
    information = {names[i["InstanceId"]]: (i["PingStatus"], i.get("AssociationStatus"))
                   for i in ssm.describe_instance_information()["InstanceInformationList"]}
    assert information == {"web-online": ("Online", "Success"), "web-lost": ("ConnectionLost", "Pending"),
                           "web-stopped": ("ConnectionLost", "Pending")}
    ec2 = emulator.client("ec2", "us-east-1", emulator.assume(accounts["web-prod"]))
    running = ec2.describe_instances(Filters=[{"Name": "instance-state-name", "Values": ["running"]}])
    assert sorted(names[i["InstanceId"]] for r in running["Reservations"] for i in r["Instances"]) == [
        "web-lost", "web-no-profile", "web-online"]
    ssm = emulator.client("ssm", "eu-west-1", emulator.assume(accounts["dev"]))
    information = {names[i["InstanceId"]]: (i["PingStatus"], i.get("AssociationStatus"))
                   for i in ssm.describe_instance_information()["InstanceInformationList"]}
    assert information == {"dev-online": ("Online", None), "dev-inactive": ("Inactive", None)}


# ------------------------------------------------------------ failures


def test_failed_stack_rolls_back(emulator: EmulatorProcess) -> None:
    ids = built(emulator, "sample-org-failed-stack.yaml")
    cloudformation = emulator.client("cloudformation")
    root = cloudformation.describe_stacks(StackName="ABI-TM-SSM")["Stacks"][0]
    assert root["StackStatus"] == "ROLLBACK_COMPLETE"
    assert root["StackStatusReason"] == (
        "The following resource(s) failed to create: [SSMAssociationforWorkloadAgent]. Rollback requested by user.")
    assert "Outputs" not in root
    top = resources(cloudformation, "ABI-TM-SSM")
    assert {k: v["ResourceStatus"] for k, v in top.items()} == {
        "GetWorkloadSecurityAgentDeploymentParameters": "DELETE_COMPLETE", "SSMAssociationforWorkloadAgent": "DELETE_COMPLETE"}
    for label in (PARSE, ORGS):
        nested = cloudformation.describe_stacks(StackName=ids["stacks"][label])["Stacks"][0]
        assert nested["StackStatus"] == "DELETE_COMPLETE"
        assert all(r["ResourceStatus"] == "DELETE_COMPLETE"
                   for r in resources(cloudformation, ids["stacks"][label]).values())
    role_name = resources(cloudformation, ids["stacks"][PARSE])["LambdaExecutionRole"]["PhysicalResourceId"]
    with pytest.raises(ClientError) as raised:
        emulator.client("iam").get_role(RoleName=role_name)
    assert raised.value.response["Error"]["Code"] == "NoSuchEntity"
    with pytest.raises(ClientError) as raised:
        cloudformation.list_stack_instances(StackSetName="C1WS-SSM-StackSet", CallAs="SELF")
    assert raised.value.response["Error"]["Code"] == "StackSetNotFoundException"
    ssm = emulator.client("ssm", "eu-west-1", emulator.assume(ids["accounts"]["dev"]))
    assert ssm.get_parameters(Names=PARAMETERS)["InvalidParameters"] == PARAMETERS

    # The same failure without rollback keeps the failed resources and their reasons.
    with open(os.path.join(HERE, "templates", "main.template.yaml"), encoding="utf-8") as handle:
        template = handle.read()
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in root["Parameters"]}
    parameters["CloudOneApiKeySecret"] = ids["secrets"]["management/us-east-1/c1ws/api-key"]
    stack_id = cloudformation.create_stack(
        StackName="ABI-TM-SSM-kept", TemplateBody=template, OnFailure="DO_NOTHING",
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()])["StackId"]
    kept = cloudformation.describe_stacks(StackName=stack_id)["Stacks"][0]
    assert (kept["StackStatus"], kept["DisableRollback"]) == ("CREATE_FAILED", True)
    assert kept["StackStatusReason"] == "The following resource(s) failed to create: [SSMAssociationforWorkloadAgent]. "
    top = resources(cloudformation, stack_id)
    failed = top["SSMAssociationforWorkloadAgent"]
    assert failed["ResourceStatus"] == "CREATE_FAILED"
    assert failed["ResourceStatusReason"] == (
        f"Embedded stack {failed['PhysicalResourceId']} was not successfully created: "
        "The following resource(s) failed to create: [SSMStackSet]. ")
    assert top["GetWorkloadSecurityAgentDeploymentParameters"]["ResourceStatus"] == "CREATE_COMPLETE"
    stack_set = resources(cloudformation, failed["PhysicalResourceId"])["SSMStackSet"]
    assert stack_set["ResourceStatus"] == "CREATE_FAILED"
    assert stack_set["ResourceStatusReason"].startswith(
        'Resource handler returned message: "Account used is not a delegated administrator (Service: CloudFormation, '
        "Status Code: 400, Request ID: ")
    assert stack_set["ResourceStatusReason"].endswith("HandlerErrorCode: InvalidRequest)")
    role_name = resources(cloudformation, top["GetWorkloadSecurityAgentDeploymentParameters"]["PhysicalResourceId"])[
        "LambdaExecutionRole"]["PhysicalResourceId"]
    assert emulator.client("iam").get_role(RoleName=role_name)["Role"]["RoleName"] == role_name

    # Statuses moto cannot reach are set through the control endpoint.
    emulator.control("/_preflight/cloudformation/stack-status", {
        "stackName": "ABI-TM-SSM-kept", "status": "DELETE_FAILED", "statusReason": "The following resource(s) failed "
        "to delete: [GetWorkloadSecurityAgentDeploymentParameters]. ",
        "resources": {"GetWorkloadSecurityAgentDeploymentParameters": {"status": "DELETE_FAILED",
                                                                       "statusReason": "Role is in use"}}}, "POST")
    kept = cloudformation.describe_stacks(StackName=stack_id)["Stacks"][0]
    assert (kept["StackStatus"], kept["StackStatusReason"]) == (
        "DELETE_FAILED", "The following resource(s) failed to delete: [GetWorkloadSecurityAgentDeploymentParameters]. ")
    changed = resources(cloudformation, stack_id)["GetWorkloadSecurityAgentDeploymentParameters"]
    assert (changed["ResourceStatus"], changed["ResourceStatusReason"]) == ("DELETE_FAILED", "Role is in use")


DELEGATED_ADMIN_SCENARIO = """
extends: {base}
cloudone:
  apiKey: tmc-delegated-key   # the security account's secret: its Lambda presents it to Cloud One
organization:
  delegatedAdministrators:
    - {{account: security, servicePrincipal: member.org.stacksets.cloudformation.amazonaws.com}}
  organizationalUnits:
    - name: Security
accounts:
  - name: security
    parent: Security
    regions:
      us-east-1:
        keys:
          - {{name: trend, alias: alias/trend-c1ws}}
        secrets:
          - {{name: c1ws/api-key, value: tmc-delegated-key, kmsKey: trend}}
        buckets:
          - name: aws-abi-security
            objects:
              - key: cfn-abi-trend-cloudone/templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml
                file: {templates}/AgentDeploymentScriptParse.template.yaml
              - key: cfn-abi-trend-cloudone/templates/trend-cloudone-ws-ssm-association/c1ws-ssm-orgs.template.yaml
                file: {templates}/c1ws-ssm-orgs.template.yaml
          - name: c1ws-staging-security
            objects:
              - {{key: cfn-abi-trend-cloudone/lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip, body: x}}
        stacks:
          - name: ABI-TM-SSM
            templateFile: {templates}/main.template.yaml
            parameters:
              CloudOneRegionEndpoint: us-1
              AccountAdminStatus: DELEGATED_ADMIN
              TrendKeyArn: "{{{{key:security/us-east-1/trend}}}}"
              CloudOneApiKeySecret: "{{{{secret:security/us-east-1/c1ws/api-key}}}}"
              TrendStagingS3Bucket: c1ws-staging-security
              QSS3BucketName: aws-abi-security
              QSS3KeyPrefix: cfn-abi-trend-cloudone
  - name: management
    regions:
      eu-west-1:
        stackSets:
          - name: Baseline
            templateBody:
              Resources:
                Marker: {{Type: AWS::SSM::Parameter, Properties: {{Name: /baseline/marker, Type: String, Value: "on"}}}}
            instances:
              - {{regions: [eu-west-1], accounts: [dev]}}
"""


def test_delegated_admin_deploys_the_stack_set(emulator: EmulatorProcess, tmp_path: Any) -> None:
    path = tmp_path / "delegated.yaml"
    path.write_text(DELEGATED_ADMIN_SCENARIO.format(base=os.path.join(HERE, "scenarios", "sample-org.yaml"),
                                                    templates=os.path.join(HERE, "templates")))
    emulator.control("/_preflight/reset", method="POST")
    ids = scenario.build(emulator.endpoint, scenario.load(str(path)))
    accounts = ids["accounts"]
    security = emulator.assume(accounts["security"])
    admin = emulator.client("cloudformation", credentials=security)
    assert admin.describe_stacks(StackName="ABI-TM-SSM")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"

    delegated = admin.list_stack_instances(StackSetName="C1WS-SSM-StackSet", CallAs="DELEGATED_ADMIN")["Summaries"]
    own = emulator.client("cloudformation").list_stack_instances(StackSetName="C1WS-SSM-StackSet")["Summaries"]
    assert delegated == own and len(own) == 4 * len(DEPLOYMENT_REGIONS)
    assert accounts["security"] in {s["Account"] for s in own}
    # The sample organization's hand-made ds* parameters make those stack instances fail.
    failed = sorted((s["Account"], s["Region"]) for s in own if s["Status"] != "CURRENT")
    assert failed == sorted([(accounts["web-prod"], "us-east-1"), (accounts["web-prod"], "eu-west-1"),
                             (accounts["app-prod"], "us-east-1"), (accounts["dev"], "eu-west-1")])
    web = next(s for s in own if (s["Account"], s["Region"]) == (accounts["web-prod"], "us-east-1"))
    assert (web["Status"], web["StackInstanceStatus"]["DetailedStatus"], web["StatusReason"]) == (
        "OUTDATED", "FAILED", "ResourceLogicalId:DSActivationUrlParam, ResourceType:AWS::SSM::Parameter, "
        "ResourceStatusReason:Resource of type 'AWS::SSM::Parameter' with identifier 'dsActivationUrl' already exists.")
    assert admin.describe_stack_set(StackSetName="C1WS-SSM-StackSet", CallAs="DELEGATED_ADMIN")["StackSet"][
        "PermissionModel"] == "SERVICE_MANAGED"
    with pytest.raises(ClientError) as raised:
        admin.list_stack_instances(StackSetName="C1WS-SSM-StackSet", CallAs="SELF")
    assert raised.value.response["Error"]["Code"] == "StackSetNotFoundException"
    with pytest.raises(ClientError) as raised:
        admin.create_stack_set(StackSetName="Other", TemplateBody="{}", PermissionModel="SERVICE_MANAGED")
    assert raised.value.response["Error"]["Message"] == (
        "You must be the management account or delegated admin account of an organization before operating a "
        "SERVICE_MANAGED stack set")
    member = emulator.client("cloudformation", credentials=emulator.assume(accounts["dev"]))
    with pytest.raises(ClientError) as raised:
        member.list_stack_instances(StackSetName="C1WS-SSM-StackSet", CallAs="DELEGATED_ADMIN")
    assert raised.value.response["Error"]["Message"] == "Account used is not a delegated administrator"

    management = emulator.client("cloudformation", "eu-west-1")
    baseline = management.list_stack_instances(StackSetName="Baseline")["Summaries"]
    assert [(s["Account"], s["Region"], s["Status"]) for s in baseline] == [(accounts["dev"], "eu-west-1", "CURRENT")]
    ssm = emulator.client("ssm", "eu-west-1", emulator.assume(accounts["dev"]))
    assert ssm.get_parameter(Name="/baseline/marker")["Parameter"]["Value"] == "on"

    # Deleting the root stack deletes the nested stacks, the StackSet and what its instances created.
    ssm = emulator.client("ssm", "ap-south-1", emulator.assume(accounts["dev"]))
    assert len(ssm.list_associations()["Associations"]) == 1 and ssm.get_parameters(Names=PARAMETERS)["Parameters"]
    admin.delete_stack(StackName="ABI-TM-SSM")
    with pytest.raises(ClientError) as raised:
        admin.describe_stack_set(StackSetName="C1WS-SSM-StackSet", CallAs="DELEGATED_ADMIN")
    assert raised.value.response["Error"]["Code"] == "StackSetNotFoundException"
    assert ssm.get_parameters(Names=PARAMETERS)["InvalidParameters"] == PARAMETERS
    assert ssm.list_associations()["Associations"] == []


# ------------------------------------------------------------- scenario files


def test_scenario_extends_merges_by_name(tmp_path: Any) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(yaml.safe_dump({
        "organization": {"featureSet": "ALL", "serviceAccess": ["a", "b"]},
        "accounts": [
            {"name": "one", "regions": {"us-east-1": {"instances": [{"name": "i1", "ssmPing": "Inactive"},
                                                                  {"name": "i2"}],
                                                    "parameters": [{"name": "p", "value": "v"}],
                                                    "buckets": [{"name": "b", "objects": [{"key": "k", "file": "t.yaml"}]}]}}},
            {"name": "two"},
        ],
    }))
    child_dir = tmp_path / "child"
    child_dir.mkdir()
    child = child_dir / "child.yaml"
    child.write_text(json.dumps({
        "extends": "../base.yaml",
        "organization": {"serviceAccess": ["c"]},
        "accounts": [
            {"name": "one", "regions": {"us-east-1": {"instances": [{"name": "i1", "ssmPing": None, "state": "stopped"},
                                                                  {"name": "i3"}],
                                                    "parameters": None},
                                        "eu-west-1": {"stacks": [{"name": "s", "templateFile": "s.yaml"}]}}},
            {"name": "three"},
        ],
    }))
    merged = scenario.load(str(child))
    assert merged["organization"] == {"featureSet": "ALL", "serviceAccess": ["c"]}
    assert [a["name"] for a in merged["accounts"]] == ["one", "two", "three"]
    regions = merged["accounts"][0]["regions"]
    assert regions["us-east-1"]["instances"] == [{"name": "i1", "state": "stopped"}, {"name": "i2"}, {"name": "i3"}]
    assert "parameters" not in regions["us-east-1"]
    assert regions["us-east-1"]["buckets"][0]["objects"][0]["file"] == str(tmp_path / "t.yaml")
    assert regions["eu-west-1"]["stacks"][0]["templateFile"] == str(child_dir / "s.yaml")
