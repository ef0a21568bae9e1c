/// Every account × region's network, as its instances see it: one VPC (`vpc-0123456789abcdef0`, 10.0.0.0/8) whose
/// main route table sends 0.0.0.0/0 to a NAT gateway, one subnet, the default security group (egress to anywhere),
/// the default network ACL (allow all), no endpoints, DNS on; Default Host Management Configuration not set up.
extension SyntheticAWS {
    static let vpcId = "vpc-0123456789abcdef0"
    static let subnetId = "subnet-0123456789abcdef0"
    static let groupId = "sg-0123456789abcdef0"

    func network(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        switch request.operation {
        case "DescribeRouteTables":
            return .ec2("DescribeRouteTables", content: """
                <routeTableSet><item><routeTableId>rtb-0123456789abcdef0</routeTableId><vpcId>\(Self.vpcId)</vpcId>\
                <ownerId>\(organization.accountId(account))</ownerId><routeSet>\
                <item><destinationCidrBlock>10.0.0.0/8</destinationCidrBlock><gatewayId>local</gatewayId>\
                <state>active</state><origin>CreateRouteTable</origin></item>\
                <item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><natGatewayId>nat-0123456789abcdef0</natGatewayId>\
                <state>active</state><origin>CreateRoute</origin></item></routeSet>\
                <associationSet><item><routeTableAssociationId>rtbassoc-0123456789abcdef0</routeTableAssociationId>\
                <routeTableId>rtb-0123456789abcdef0</routeTableId><main>true</main>\
                <associationState><state>associated</state></associationState></item></associationSet>\
                <propagatingVgwSet/><tagSet/></item></routeTableSet>
                """)
        case "DescribeSubnets":
            return .ec2("DescribeSubnets", content: """
                <subnetSet><item><subnetId>\(Self.subnetId)</subnetId><state>available</state><vpcId>\(Self.vpcId)</vpcId>\
                <cidrBlock>10.0.0.0/8</cidrBlock><availableIpAddressCount>16000000</availableIpAddressCount>\
                <availabilityZone>\(request.region)a</availabilityZone><defaultForAz>false</defaultForAz>\
                <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></item></subnetSet>
                """)
        case "DescribeSecurityGroups":
            return .ec2("DescribeSecurityGroups", content: """
                <securityGroupInfo><item><ownerId>\(organization.accountId(account))</ownerId><groupId>\(Self.groupId)</groupId>\
                <groupName>default</groupName><groupDescription>default VPC security group</groupDescription>\
                <vpcId>\(Self.vpcId)</vpcId><ipPermissions><item><ipProtocol>-1</ipProtocol>\
                <groups><item><userId>\(organization.accountId(account))</userId><groupId>\(Self.groupId)</groupId></item></groups>\
                <ipRanges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>\
                <groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><prefixListIds/></item>\
                </ipPermissionsEgress></item></securityGroupInfo>
                """)
        case "DescribeNetworkAcls":
            var entries: WireBytes = ""
            for (number, action) in [(100, "allow"), (32767, "deny")] {
                for egress in [true, false] {
                    entries += """
                        <item><ruleNumber>\(number)</ruleNumber><protocol>-1</protocol><ruleAction>\(action)</ruleAction>\
                        <egress>\(egress ? "true" : "false")</egress><cidrBlock>0.0.0.0/0</cidrBlock></item>
                        """
                }
            }
            return .ec2("DescribeNetworkAcls", content: """
                <networkAclSet><item><networkAclId>acl-0123456789abcdef0</networkAclId><vpcId>\(Self.vpcId)</vpcId>\
                <default>true</default><entrySet>\(entries)</entrySet><associationSet><item>\
                <networkAclAssociationId>aclassoc-0123456789abcdef0</networkAclAssociationId>\
                <networkAclId>acl-0123456789abcdef0</networkAclId><subnetId>\(Self.subnetId)</subnetId></item>\
                </associationSet></item></networkAclSet>
                """)
        case "DescribeVpcEndpoints":
            return .ec2("DescribeVpcEndpoints", content: "<vpcEndpointSet/>")
        case "DescribeVpcAttribute":
            let attribute = request.form["Attribute"] ?? "enableDnsSupport"
            return .ec2("DescribeVpcAttribute", content: """
                <vpcId>\(Self.vpcId)</vpcId><\(attribute)><value>true</value></\(attribute)>
                """)
        case "DescribeIamInstanceProfileAssociations":
            guard let region = regionIndex(request.region) else { return nil }
            var items: WireBytes = "<iamInstanceProfileAssociationSet>"
            for (key, value) in request.form.sorted(by: { $0.key < $1.key }) where key.hasPrefix("Filter.1.Value.") {
                guard let index = Int(value.suffix(8), radix: 16), index < organization.instanceCount(account: account)
                else { continue }
                let instance = organization.instance(account: account, region: region, index: index)
                guard instance.hasInstanceProfile, instance.id == value else { continue }
                items += """
                    <item><associationId>iip-assoc-\(value.dropFirst(2))</associationId><instanceId>\(value)</instanceId>\
                    <iamInstanceProfile><arn>arn:aws:iam::\(organization.accountId(account)):instance-profile/SSMInstanceProfile</arn>\
                    <id>AIPABENCH\(organization.accountId(account))</id></iamInstanceProfile><state>associated</state></item>
                    """
            }
            items += "</iamInstanceProfileAssociationSet>"
            return .ec2("DescribeIamInstanceProfileAssociations", content: items)
        default:
            return nil
        }
    }
}
