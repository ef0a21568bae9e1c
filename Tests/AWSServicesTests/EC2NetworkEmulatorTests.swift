import AWSCore
import EmulatorSupport
import Foundation
import Logging
import Testing

@testable import AWSServices

/// The network reads against the emulator: a VPC built with boto3 (its own route table to an internet gateway, the
/// main table, a group pair, a custom network ACL, an interface endpoint with private DNS, an instance without
/// instance metadata and with an instance profile), read back field by field.
@Suite(.serialized) struct EC2NetworkEmulatorTests {
    struct Ids: Decodable {
        var vpc: String
        var subnet: String
        var endpointSubnet: String
        var routeTable: String
        var internetGateway: String
        var appGroup: String
        var endpointGroup: String
        var networkAcl: String
        var endpoint: String
        var instance: String
    }

    static let script = """
        import boto3, json, sys
        session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="eu-west-1")
        ec2 = session.client("ec2", endpoint_url=sys.argv[1])
        iam = session.client("iam", endpoint_url=sys.argv[1])
        vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.1.0.0/24")["Subnet"]["SubnetId"]
        endpoint_subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.1.2.0/24")["Subnet"]["SubnetId"]
        igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
        app = ec2.create_security_group(VpcId=vpc, GroupName="app", Description="app")["GroupId"]
        ec2.revoke_security_group_egress(GroupId=app, IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        ec2.authorize_security_group_egress(GroupId=app, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        endpoints = ec2.create_security_group(VpcId=vpc, GroupName="endpoints", Description="endpoints")["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=endpoints, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": app}]}])
        acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=True,
                                     CidrBlock="0.0.0.0/0", PortRange={"From": 443, "To": 443})
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=90, Protocol="-1", RuleAction="deny", Egress=False,
                                     CidrBlock="192.0.2.0/24")
        acls = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet]}])["NetworkAcls"]
        current = [a for a in acls[0]["Associations"] if a["SubnetId"] == subnet][0]["NetworkAclAssociationId"]
        ec2.replace_network_acl_association(AssociationId=current, NetworkAclId=acl)
        endpoint = ec2.create_vpc_endpoint(VpcId=vpc, VpcEndpointType="Interface", ServiceName="com.amazonaws.eu-west-1.ssm",
                                           SubnetIds=[endpoint_subnet], SecurityGroupIds=[endpoints],
                                           PrivateDnsEnabled=True)["VpcEndpoint"]["VpcEndpointId"]
        iam.create_role(RoleName="NetworkTestRole", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
        iam.create_instance_profile(InstanceProfileName="NetworkTestProfile")
        iam.add_role_to_instance_profile(InstanceProfileName="NetworkTestProfile", RoleName="NetworkTestRole")
        instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, SubnetId=subnet, SecurityGroupIds=[app],
                                     MetadataOptions={"HttpEndpoint": "disabled"})["Instances"][0]["InstanceId"]
        ec2.associate_iam_instance_profile(InstanceId=instance, IamInstanceProfile={"Name": "NetworkTestProfile"})
        print(json.dumps({"vpc": vpc, "subnet": subnet, "endpointSubnet": endpoint_subnet, "routeTable": table,
                          "internetGateway": igw, "appGroup": app, "endpointGroup": endpoints, "networkAcl": acl,
                          "endpoint": endpoint, "instance": instance}))
        """

    static let setup: Result<(EmulatorProcess, Ids), any Error> = Result {
        let emulator = try EmulatorProcess()
        let output = try EmulatorProcess.output(["python3", "-c", script, emulator.endpoint])
        return (emulator, try JSONDecoder().decode(Ids.self, from: output))
    }

    let emulator: EmulatorProcess
    let ids: Ids
    let ec2: EC2
    let iam: IAM

    init() throws {
        (emulator, ids) = try Self.setup.get()
        let client = AWSClient(
            transport: AsyncHTTPClientTransport(client: .shared),
            endpoints: try EndpointResolver(environment: ["AWS_ENDPOINT_URL": emulator.endpoint]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: Logger(label: "test"))
        let context = AWSCallContext(
            region: "eu-west-1",
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")))
        ec2 = EC2(client: client, context: context)
        iam = IAM(client: client, context: context)
    }

    @Test func routeTablesCarryAssociationsAndTargets() async throws {
        let tables = try await ec2.describeRouteTables(vpcIds: [ids.vpc])
        #expect(tables.count == 2)
        let main = try #require(tables.first { $0.associationSet?.contains { $0.main == true } == true })
        #expect(main.routeSet?.map(\.destinationCidrBlock) == ["10.1.0.0/16"])
        #expect(main.routeSet?.first?.gatewayId == "local")
        let own = try #require(tables.first { $0.routeTableId == ids.routeTable })
        #expect(own.associationSet?.compactMap(\.subnetId) == [ids.subnet])
        let viaGateway = try #require(own.routeSet?.first { $0.destinationCidrBlock == "0.0.0.0/0" })
        #expect(viaGateway.gatewayId == ids.internetGateway)
        #expect(viaGateway.state == "active")
        #expect(try await ec2.describeRouteTables(vpcIds: ["vpc-00000000000000000"]).isEmpty)
    }

    @Test func subnetsAndDNSAttributes() async throws {
        let subnets = try await ec2.describeSubnets(vpcIds: [ids.vpc])
        #expect(Set(subnets.map(\.subnetId)) == [ids.subnet, ids.endpointSubnet])
        #expect(subnets.first { $0.subnetId == ids.subnet }?.cidrBlock == "10.1.0.0/24")
        #expect(try await ec2.describeDNSAttributes(vpcId: ids.vpc) == EC2.DNSAttributes(dnsSupport: true, dnsHostnames: true))
        #expect(try await ec2.describeDNSAttributes(vpcId: ids.vpc, hostnames: false) == EC2.DNSAttributes(dnsSupport: true, dnsHostnames: nil))
    }

    @Test func securityGroupsCarryTheirRulesPeers() async throws {
        let groups = try await ec2.describeSecurityGroups(vpcIds: [ids.vpc])
        let app = try #require(groups.first { $0.groupId == ids.appGroup })
        #expect(app.ipPermissionsEgress?.count == 1)
        let egress = try #require(app.ipPermissionsEgress?.first)
        #expect(egress.ipProtocol == "tcp")
        #expect(egress.fromPort == 443 && egress.toPort == 443)
        #expect(egress.ipRanges?.compactMap(\.cidrIp) == ["0.0.0.0/0"])
        let endpoints = try #require(groups.first { $0.groupId == ids.endpointGroup })
        #expect(endpoints.ipPermissions?.first?.groups?.compactMap(\.groupId) == [ids.appGroup])
        #expect(groups.contains { $0.vpcId == ids.vpc && $0.groupId != ids.appGroup && $0.groupId != ids.endpointGroup },
                "the VPC's default group")
    }

    @Test func networkACLsCarryEntriesAndAssociations() async throws {
        let acls = try await ec2.describeNetworkAcls(vpcIds: [ids.vpc])
        let custom = try #require(acls.first { $0.networkAclId == ids.networkAcl })
        #expect(custom.default == false)
        #expect(custom.associationSet?.compactMap(\.subnetId) == [ids.subnet])
        let outbound = try #require(custom.entrySet?.first { $0.ruleNumber == 100 && $0.egress })
        #expect(outbound.protocol == "6" && outbound.ruleAction == "allow" && outbound.cidrBlock == "0.0.0.0/0")
        #expect(outbound.portRange == EC2.NetworkAcl.PortRange(from: 443, to: 443))
        let deny = try #require(custom.entrySet?.first { $0.ruleNumber == 90 })
        #expect(!deny.egress && deny.protocol == "-1" && deny.ruleAction == "deny" && deny.cidrBlock == "192.0.2.0/24")
        let fallback = try #require(acls.first { $0.default == true })
        #expect(fallback.associationSet?.compactMap(\.subnetId) == [ids.endpointSubnet])
    }

    @Test func interfaceEndpointsCarryDNSSubnetsAndGroups() async throws {
        let endpoints = try await ec2.describeVpcEndpoints(vpcIds: [ids.vpc])
        #expect(endpoints.count == 1)
        let ssm = try #require(endpoints.first)
        #expect(ssm.vpcEndpointId == ids.endpoint)
        #expect(ssm.vpcEndpointType == "Interface")
        #expect(ssm.serviceName == "com.amazonaws.eu-west-1.ssm")
        #expect(ssm.privateDnsEnabled == true)
        #expect(ssm.subnetIdSet == [ids.endpointSubnet])
        #expect(ssm.groupSet?.map(\.groupId) == [ids.endpointGroup])
    }

    @Test func instancesCarryTheirNetworkAndMetadataSettings() async throws {
        let instance = try #require(try await ec2.existingInstances(ids: [ids.instance]).first)
        #expect(instance.subnetId == ids.subnet)
        #expect(instance.vpcId == ids.vpc)
        #expect(instance.groupSet?.map(\.groupId) == [ids.appGroup])
        #expect(instance.metadataOptions?.httpEndpoint == "disabled")
        #expect(instance.privateIpAddress?.hasPrefix("10.1.0.") == true)
        #expect(instance.imageId == "ami-12c6146b")
        let associations = try await ec2.describeInstanceProfileAssociations(instanceIds: [ids.instance])
        #expect(associations.map(\.instanceId) == [ids.instance])
        #expect(associations.first?.state == "associated")
        let profileArn = try #require(associations.first?.iamInstanceProfile?.arn)
        #expect(profileArn.hasSuffix(":instance-profile/NetworkTestProfile"))
        let profile = try await iam.getInstanceProfile(name: "NetworkTestProfile")
        #expect(profile.arn == profileArn)
        #expect(profile.roles.map(\.roleName) == ["NetworkTestRole"])
    }
}
