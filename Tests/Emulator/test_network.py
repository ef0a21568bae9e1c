"""What the diagnosis of unmanaged instances reads: route tables (with the main table's fallback), gateways,
security groups, network ACLs, interface endpoints, VPC DNS attributes, instances' metadata options and profiles,
Default Host Management Configuration and agent versions, served from moto's state and the SSM plugin for
`scenarios/sample-org-unmanaged-causes.yaml`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

import scenario
from harness import EmulatorProcess, built

NAME = "sample-org-unmanaged-causes.yaml"
REGION = "us-east-1"
DHMC = "/ssm/managed-instance/default-ec2-instance-management-role"
DHMC_ROLE = "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole"


@pytest.fixture(scope="module")
def causes(emulator: EmulatorProcess) -> dict[str, Any]:
    return built(emulator, NAME)


@pytest.fixture(scope="module")
def app(emulator: EmulatorProcess, causes: dict[str, Any]) -> dict[str, str]:
    return emulator.assume(causes["accounts"]["app"])


@pytest.fixture(scope="module")
def edge(emulator: EmulatorProcess, causes: dict[str, Any]) -> dict[str, str]:
    return emulator.assume(causes["accounts"]["edge"])


def _default_route(ec2: Any, vpc_id: str, subnet_id: str) -> tuple[str, dict[str, Any] | None]:
    """(route table id, its 0.0.0.0/0 route): the subnet's own association, else the VPC's main table."""
    own = ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])["RouteTables"]
    tables = own or ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                      {"Name": "association.main", "Values": ["true"]}])["RouteTables"]
    assert len(tables) == 1
    route = next((r for r in tables[0]["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"), None)
    return tables[0]["RouteTableId"], route


def _instance(ec2: Any, instance_id: str) -> dict[str, Any]:
    return ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]


def _managed(emulator: EmulatorProcess, credentials: dict[str, str], region: str = REGION) -> dict[str, dict[str, Any]]:
    ssm = emulator.client("ssm", region, credentials)
    items = [i for page in ssm.get_paginator("describe_instance_information").paginate()
             for i in page["InstanceInformationList"]]
    return {item["InstanceId"]: item for item in items}


def test_subnets_default_routes_fall_back_to_the_main_route_table(
        emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str]) -> None:
    ec2 = emulator.client("ec2", REGION, app)
    vpc = causes["vpcs"]["app/us-east-1/app"]
    subnets = {name.rsplit("/", 1)[1]: subnet for name, subnet in causes["subnets"].items()
               if name.startswith("app/us-east-1/app/")}
    routes = {name: _default_route(ec2, vpc, subnet) for name, subnet in subnets.items()}
    main = causes["routeTables"]["app/us-east-1/app/main"]
    assert routes["via-main"][0] == main
    assert {name for name, (table, _) in routes.items() if table == main} == {"via-main"}
    assert routes["private"][1] is None
    gateway = routes["public"][1]["GatewayId"]
    assert gateway.startswith("igw-") and routes["acl-blocked"][1]["GatewayId"] == gateway
    attached = ec2.describe_internet_gateways(InternetGatewayIds=[gateway])["InternetGateways"][0]["Attachments"]
    assert attached == [{"State": "available", "VpcId": vpc}]
    nat = ec2.describe_nat_gateways(NatGatewayIds=[routes["via-main"][1]["NatGatewayId"]])["NatGateways"][0]
    assert (nat["SubnetId"], nat["State"], nat["VpcId"]) == (subnets["public"], "available", vpc)
    assert nat["NatGatewayAddresses"][0]["PublicIp"]
    transit = routes["via-tgw"][1]["TransitGatewayId"]
    attachments = ec2.describe_transit_gateway_vpc_attachments(
        Filters=[{"Name": "transit-gateway-id", "Values": [transit]}])["TransitGatewayVpcAttachments"]
    assert [(a["VpcId"], a["SubnetIds"]) for a in attachments] == [(vpc, [subnets["via-tgw"]])]
    isolated = causes["subnets"]["app/us-east-1/isolated/endpoints-only"]
    assert _default_route(ec2, causes["vpcs"]["app/us-east-1/isolated"], isolated)[1] is None
    edge_ec2 = emulator.client("ec2", REGION, emulator.assume(causes["accounts"]["edge"]))
    edge_table, edge_route = _default_route(edge_ec2, causes["vpcs"]["edge/us-east-1/edge"],
                                            causes["subnets"]["edge/us-east-1/edge/via-main"])
    assert edge_table == causes["routeTables"]["edge/us-east-1/edge/main"] and edge_route["NatGatewayId"]


def test_network_acl_denies_egress_https_on_its_subnet_only(
        emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str]) -> None:
    ec2 = emulator.client("ec2", REGION, app)
    blocked = causes["subnets"]["app/us-east-1/app/acl-blocked"]
    acls = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [blocked]}])["NetworkAcls"]
    assert [a["NetworkAclId"] for a in acls] == [causes["networkAcls"]["app/us-east-1/app/deny-https"]]
    entries = sorted((e["Egress"], e["RuleNumber"], e["Protocol"], e["RuleAction"], e["CidrBlock"],
                      e.get("PortRange")) for e in acls[0]["Entries"])
    assert entries == [(False, 100, "-1", "allow", "0.0.0.0/0", None),
                       (True, 100, "6", "deny", "0.0.0.0/0", {"From": 443, "To": 443}),
                       (True, 200, "-1", "allow", "0.0.0.0/0", None)]
    public = causes["subnets"]["app/us-east-1/app/public"]
    default = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [public]}])["NetworkAcls"]
    assert [a["IsDefault"] for a in default] == [True]
    assert {(e["Egress"], e["RuleNumber"], e["RuleAction"]) for e in default[0]["Entries"]} >= {
        (True, 100, "allow"), (False, 100, "allow")}


def test_security_groups_egress_ingress_and_group_references(
        emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str]) -> None:
    ec2 = emulator.client("ec2", REGION, app)
    groups = {name: causes["securityGroups"][f"app/us-east-1/app/{name}"]
              for name in ("default", "instances", "no-egress", "endpoints")}
    described = {g["GroupId"]: g for g in ec2.describe_security_groups(GroupIds=list(groups.values()))["SecurityGroups"]}
    assert described[groups["no-egress"]]["IpPermissionsEgress"] == []
    everywhere = [{"IpProtocol": "-1", "UserIdGroupPairs": [], "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                   "Ipv6Ranges": [], "PrefixListIds": []}]
    assert described[groups["instances"]]["IpPermissionsEgress"] == everywhere
    ingress = described[groups["endpoints"]]["IpPermissions"]
    assert [(p["IpProtocol"], p["FromPort"], p["ToPort"], [g["GroupId"] for g in p["UserIdGroupPairs"]], p["IpRanges"])
            for p in ingress] == [("tcp", 443, 443, [groups["instances"]], [])]
    assert described[groups["default"]]["GroupName"] == "default"
    expected = {"sg-blocks-https": groups["no-egress"], "healthy": groups["instances"],
                "healthy-via-tgw": groups["default"]}
    for name, group in expected.items():
        instance = _instance(ec2, causes["instances"][f"app/us-east-1/{name}"])
        assert [g["GroupId"] for g in instance["SecurityGroups"]] == [group], name


def test_interface_endpoints_and_their_private_dns(
        emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str]) -> None:
    ec2 = emulator.client("ec2", REGION, app)
    for vpc, expected in {"isolated": {"ssm": True, "ssmmessages": True, "ec2messages": True},
                          "app": {"ssm": True, "ec2messages": False}}.items():
        vpc_id = causes["vpcs"][f"app/us-east-1/{vpc}"]
        subnet = causes["subnets"][f"app/us-east-1/{vpc}/{'endpoints-only' if vpc == 'isolated' else 'private'}"]
        group = causes["securityGroups"][f"app/us-east-1/{vpc}/endpoints"]
        endpoints = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["VpcEndpoints"]
        found = {e["ServiceName"].removeprefix(f"com.amazonaws.{REGION}."): e for e in endpoints}
        assert {service: e["PrivateDnsEnabled"] for service, e in found.items()} == expected
        for service, endpoint in found.items():
            assert endpoint["VpcEndpointId"] == causes["endpoints"][f"app/us-east-1/{vpc}/{service}"]
            assert (endpoint["VpcEndpointType"], endpoint["State"], endpoint["SubnetIds"]) == (
                "Interface", "available", [subnet])
            assert [g["GroupId"] for g in endpoint["Groups"]] == [group]


def test_vpc_dns_attributes(emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str]) -> None:
    ec2 = emulator.client("ec2", REGION, app)
    for vpc, expected in {"app": True, "isolated": True, "nodns": False}.items():
        vpc_id = causes["vpcs"][f"app/us-east-1/{vpc}"]
        support = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsSupport")["EnableDnsSupport"]
        hostnames = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsHostnames")["EnableDnsHostnames"]
        assert (support, hostnames) == ({"Value": expected}, {"Value": expected}), vpc


def test_instances_metadata_public_ips_and_profiles(
        emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str]) -> None:
    ec2 = emulator.client("ec2", REGION, app)
    instances = {name.rsplit("/", 1)[1]: instance_id for name, instance_id in causes["instances"].items()
                 if name.startswith("app/us-east-1/")}
    described = {name: _instance(ec2, instance_id) for name, instance_id in instances.items()}
    disabled = {name for name, i in described.items() if i["MetadataOptions"]["HttpEndpoint"] == "disabled"}
    assert disabled == {"imds-disabled", "imds-and-no-path"}
    public = {name for name, i in described.items() if i.get("PublicIpAddress")}
    assert public == {"no-profile", "role-without-ssm", "imds-disabled", "sg-blocks-https", "nacl-blocks-https",
                      "dns-disabled", "unknown", "healthy"}
    assert all(i["State"]["Name"] == "running" for i in described.values())
    assert (described["dns-disabled"]["VpcId"], described["dns-disabled"]["SubnetId"]) == (
        causes["vpcs"]["app/us-east-1/nodns"], causes["subnets"]["app/us-east-1/nodns/public"])
    associations = ec2.describe_iam_instance_profile_associations()["IamInstanceProfileAssociations"]
    profiles = {a["InstanceId"]: a["IamInstanceProfile"]["Arn"].rsplit("/", 1)[1] for a in associations
                if a["State"] == "associated"}
    names = {instance_id: name for name, instance_id in instances.items()}
    assert {names[i]: profile for i, profile in profiles.items()} == {
        name: "RoleWithoutSSM" if name == "role-without-ssm" else "SSMInstanceRole"
        for name in instances if name != "no-profile"}
    iam = emulator.client("iam", credentials=app)
    role = iam.get_instance_profile(InstanceProfileName="RoleWithoutSSM")["InstanceProfile"]["Roles"][0]
    decision = iam.simulate_principal_policy(PolicySourceArn=role["Arn"], ActionNames=["ssm:UpdateInstanceInformation"])
    assert decision["EvaluationResults"][0]["EvalDecision"] == "implicitDeny"


def test_managed_instances_and_agent_versions(
        emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str], edge: dict[str, str]) -> None:
    ids = causes["instances"]
    app_managed = _managed(emulator, app)
    assert set(app_managed) == {ids[f"app/us-east-1/{n}"] for n in
                                ("endpoints-only", "healthy", "healthy-via-main", "healthy-via-tgw")}
    assert {i["PingStatus"] for i in app_managed.values()} == {"Online"}
    assert app_managed[ids["app/us-east-1/healthy"]]["AgentVersion"] == "3.3.40.0"
    assert app_managed[ids["app/us-east-1/endpoints-only"]]["AgentVersion"] == "3.3.1142.0"
    edge_managed = _managed(emulator, edge)
    assert set(edge_managed) == {ids[f"edge/us-east-1/{n}"] for n in ("dhmc-managed", "profile-managed", "agent-outdated")}
    # Registered once, and unable to since: listed with its version, its connection lost.
    outdated = edge_managed[ids["edge/us-east-1/agent-outdated"]]
    assert (outdated["PingStatus"], outdated["AgentVersion"]) == ("ConnectionLost", "3.1.1446.0")
    assert edge_managed[ids["edge/us-east-1/dhmc-managed"]]["IamRole"] == DHMC_ROLE
    assert edge_managed[ids["edge/us-east-1/profile-managed"]]["IamRole"] == "SSMInstanceRole"
    assert _managed(emulator, edge, "eu-west-1") == {}
    tags = _instance(emulator.client("ec2", REGION, edge), ids["edge/us-east-1/agent-outdated"])["Tags"]
    assert {"Key": "emulator:ssm-agent-version", "Value": "3.1.1446.0"} in tags


def test_dhmc_needs_an_agent_of_3_2_582_or_later(
        emulator: EmulatorProcess, causes: dict[str, Any], edge: dict[str, str]) -> None:
    ec2 = emulator.client("ec2", REGION, edge)
    outdated = causes["instances"]["edge/us-east-1/agent-outdated"]
    try:
        for version, managed in (("3.2.581.9", False), ("3.2.582.0", True)):
            ec2.create_tags(Resources=[outdated], Tags=[{"Key": "emulator:ssm-agent-version", "Value": version}])
            information = _managed(emulator, edge)[outdated]
            assert (information["PingStatus"] == "Online") == managed, version
        assert (information["AgentVersion"], information["IamRole"]) == ("3.2.582.0", DHMC_ROLE)
    finally:
        ec2.create_tags(Resources=[outdated], Tags=[{"Key": "emulator:ssm-agent-version", "Value": "3.1.1446.0"}])


def test_get_service_setting_set_and_unset(
        emulator: EmulatorProcess, causes: dict[str, Any], app: dict[str, str], edge: dict[str, str]) -> None:
    edge_id = causes["accounts"]["edge"]
    arn = f"arn:aws:ssm:{REGION}:{edge_id}:servicesetting{DHMC}"
    ssm = emulator.client("ssm", REGION, edge)
    for setting_id in (DHMC, arn):
        setting = ssm.get_service_setting(SettingId=setting_id)["ServiceSetting"]
        assert (setting["SettingId"], setting["SettingValue"], setting["Status"], setting["ARN"]) == (
            DHMC, DHMC_ROLE, "Customized", arn)
        assert setting["LastModifiedUser"] and setting["LastModifiedDate"]
    for credentials, region, account in ((app, REGION, causes["accounts"]["app"]),
                                         (edge, "eu-west-1", edge_id)):
        setting = emulator.client("ssm", region, credentials).get_service_setting(SettingId=DHMC)["ServiceSetting"]
        assert setting == {"SettingId": DHMC, "SettingValue": "$None", "Status": "Default", "LastModifiedUser": "System",
                           "LastModifiedDate": setting["LastModifiedDate"],
                           "ARN": f"arn:aws:ssm:{region}:{account}:servicesetting{DHMC}"}
    for unknown in ("/ssm/managed-instance/no-such-setting", f"arn:aws:ssm:{REGION}:111111111111:servicesetting{DHMC}"):
        with pytest.raises(ClientError) as error:
            ssm.get_service_setting(SettingId=unknown)
        assert error.value.response["Error"]["Code"] == "ServiceSettingNotFound"
    emulator.control("/_preflight/calls/reset", method="POST")
    ssm.get_service_setting(SettingId=DHMC)
    calls = emulator.control("/_preflight/calls")["calls"]
    assert [(c["action"], c["resources"], c["accountId"]) for c in calls] == [
        ("ssm:GetServiceSetting", [arn], edge_id)]


@pytest.fixture()
def eu_dhmc(emulator: EmulatorProcess, edge: dict[str, str]) -> Iterator[Any]:
    ssm = emulator.client("ssm", "eu-west-1", edge)
    yield ssm
    ssm.reset_service_setting(SettingId=DHMC)


def test_update_and_reset_service_setting_decide_dhmc(
        emulator: EmulatorProcess, causes: dict[str, Any], edge: dict[str, str], eu_dhmc: Any) -> None:
    instance = causes["instances"]["edge/eu-west-1/no-profile-eu"]
    assert _managed(emulator, edge, "eu-west-1") == {}
    eu_dhmc.update_service_setting(SettingId=DHMC, SettingValue="NoSuchRole")
    assert _managed(emulator, edge, "eu-west-1") == {}
    eu_dhmc.update_service_setting(SettingId=DHMC, SettingValue=DHMC_ROLE)
    assert eu_dhmc.get_service_setting(SettingId=DHMC)["ServiceSetting"]["SettingValue"] == DHMC_ROLE
    assert _managed(emulator, edge, "eu-west-1")[instance]["IamRole"] == DHMC_ROLE
    assert _managed(emulator, edge)[causes["instances"]["edge/us-east-1/dhmc-managed"]]
    reset = eu_dhmc.reset_service_setting(SettingId=DHMC)["ServiceSetting"]
    assert (reset["SettingValue"], reset["Status"]) == ("$None", "Default")
    assert _managed(emulator, edge, "eu-west-1") == {}


def _network(vpc: dict[str, Any] | None = None, **region: Any) -> dict[str, Any]:
    base = {"name": "v", "cidr": "10.0.0.0/16", "subnets": [{"name": "s", "cidr": "10.0.0.0/24"}]}
    spec: dict[str, Any] = {"network": {"vpcs": [{**base, **(vpc or {})}]}}
    spec.update(region)
    return {"name": "a", "regions": {REGION: spec}}


@pytest.mark.parametrize(("account", "message"), [
    (_network({"cidr": "10.0.0/16"}), "network.vpcs[0].cidr: '10.0.0/16' is not an IPv4 CIDR block"),
    (_network({"subnets": [{"name": "s", "cidr": "10.0.0.0/24", "defaultRoute": "igw"}]}),
     "network.vpcs[0].subnets[0].defaultRoute: 'igw' is not one of"),
    (_network({"subnets": [{"name": "s", "cidr": "10.0.0.0/24", "defaultRoute": "nat-gateway"}]}),
     "subnets[0].defaultRoute: a NAT gateway needs a subnet with defaultRoute internet-gateway"),
    (_network({"subnets": [{"name": "s", "cidr": "10.0.0.0/24", "routeTable": "main", "defaultRoute": "none"},
                           {"name": "t", "cidr": "10.0.1.0/24", "routeTable": "main",
                            "defaultRoute": "transit-gateway"}]}),
     "subnets[1].defaultRoute: 'transit-gateway': the subnets on the main route table share"),
    (_network({"securityGroups": [{"name": "g", "ingress": [{"protocol": "tcp", "ports": "443-80"}]}]}),
     "securityGroups[0].ingress[0].ports: '443-80' is not a port or a range"),
    (_network({"securityGroups": [{"name": "g", "egress": [{"protocol": "udp", "ports": 53}]}]}),
     "securityGroups[0].egress[0].protocol: 'udp' is not tcp or -1"),
    (_network({"securityGroups": [{"name": "g", "ingress": [{"protocol": "tcp", "ports": 443, "group": "x"}]}]}),
     "securityGroups[0].ingress[0].group: unknown security group of the VPC 'x'"),
    (_network({"networkAcls": [{"name": "n", "subnets": ["t"]}]}),
     "networkAcls[0].subnets[0]: unknown subnet of the VPC 't'"),
    (_network({"networkAcls": [{"name": "n", "entries": [{"number": 100, "protocol": "-1", "action": "block"}]}]}),
     "networkAcls[0].entries[0].action: 'block' is not allow or deny"),
    (_network({"dnsHostnames": False, "endpoints": [{"service": "ssm", "subnets": ["s"]}]}),
     "endpoints[0].privateDns: private DNS needs the VPC's dnsSupport and dnsHostnames"),
    (_network(instances=[{"name": "i", "vpc": "v", "subnet": "x"}]),
     "instances[0].subnet: unknown subnet of the VPC 'x'"),
    (_network(instances=[{"name": "i", "publicIp": True}]), "instances[0].publicIp: needs a subnet"),
    (_network(instances=[{"name": "i", "metadata": "off"}]), "instances[0].metadata: 'off' is not enabled or disabled"),
    (_network(instances=[{"name": "i", "agentVersion": 3.2}]), "instances[0].agentVersion: 3.2 is not an agent version"),
    (_network(defaultHostManagement=True), "defaultHostManagement: True is not an IAM role name"),
])
def test_network_sections_are_validated(account: dict[str, Any], message: str) -> None:
    with pytest.raises(scenario.ScenarioError) as error:
        scenario.check_network([account])
    assert str(error.value).startswith("accounts.a.regions.us-east-1.")
    assert message in str(error.value)

