extension SyntheticAWS {
    func ec2(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        switch request.operation {
        case "DescribeRegions":
            var content: WireBytes = "<regionInfo>"
            for region in organization.regions {
                content += """
                    <item><regionName>\(region)</regionName><regionEndpoint>ec2.\(region).amazonaws.com</regionEndpoint>\
                    <optInStatus>opt-in-not-required</optInStatus></item>
                    """
            }
            content += "</regionInfo>"
            return .ec2("DescribeRegions", content: content)
        case "DescribeInstances":
            let size = min(1000, Int(request.form["MaxResults"] ?? "") ?? 1000)
            let count = regionIndex(request.region).map { isEnabled(region: $0) ? organization.instanceCount(account: account) : 0 } ?? 0
            let page = Self.page(count: count, token: request.form["NextToken"], size: size)
            let region = regionIndex(request.region) ?? 0
            let body =
                sharesFirstPages && isEnabled(region: region) && page.range == firstInstancePages.range
                ? firstInstancePages.bodies[region]
                : Self.describeInstancesBody(organization: organization, account: account, region: region, range: page.range, next: page.next)
            return .ec2(body, account: account)
        default:
            return network(request, account: account)
        }
    }

    /// The body of a `DescribeInstances` page as text: instances `range` of `account` and `region`, five per reservation.
    public func describeInstancesContent(account: Int, region: Int, range: Range<Int>, next: String?) -> String {
        let content = Self.describeInstancesContent(organization: organization, account: account, region: region, range: range, next: next)
        return String(decoding: content.filled(account: account), as: UTF8.self)
    }

    /// The `DescribeInstances` response for instances `range` of `account` and `region` (a template, every account's
    /// when no variation changes instances).
    static func describeInstancesBody(
        organization: SyntheticOrganization, account: Int, region: Int, range: Range<Int>, next: String?
    ) -> WireBytes {
        SyntheticResponse.ec2Body(
            "DescribeInstances",
            content: describeInstancesContent(organization: organization, account: account, region: region, range: range, next: next))
    }

    /// The content of a `DescribeInstances` page (a template): instances `range` of `account` and `region`, five per
    /// reservation.
    private static func describeInstancesContent(
        organization: SyntheticOrganization, account: Int, region: Int, range: Range<Int>, next: String?
    ) -> WireBytes {
        let regionName = SyntheticOrganization.allRegions[region]
        var xml: WireBytes = "<reservationSet>"
        xml.reserveCapacity(range.count * 2600 + 200)
        var index = range.lowerBound
        while index < range.upperBound {
            let end = min(range.upperBound, index + 5)
            xml += """
                <item><reservationId>r-0\(.accountHex)\(hex: region, width: 2)\(hex: index, width: 8)</reservationId>\
                <ownerId>\(.accountId)</ownerId><groupSet/><instancesSet>
                """
            for number in index..<end {
                xml += instanceItem(organization.instance(account: account, region: region, index: number), regionName: regionName)
            }
            xml += "</instancesSet></item>"
            index = end
        }
        xml += "</reservationSet>"
        if let next { xml += "<nextToken>\(next)</nextToken>" }
        return xml
    }

    /// One instance of a `DescribeInstances` reservation.
    private static func instanceItem(_ instance: SyntheticOrganization.Instance, regionName: String) -> WireBytes {
        let suffix = instance.idSuffix
        let (a, b, c) = (instance.index / 65536 % 256, instance.index / 256 % 256, instance.index % 256)
        let platform: StaticString = instance.index % 5 == 4 ? "<platform>windows</platform>" : ""
        let profile: WireBytes = instance.hasInstanceProfile
            ? """
            <iamInstanceProfile><arn>arn:aws:iam::\(.accountId):instance-profile/SSMInstanceProfile</arn>\
            <id>AIPABENCH\(.accountId)</id></iamInstanceProfile>
            """
            : ""
        return """
            <item><instanceId>i-\(suffix)</instanceId><imageId>ami-0abcdef1234567890</imageId>\
            <instanceState><code>16</code><name>running</name></instanceState>\
            <privateDnsName>ip-10-\(a)-\(b)-\(c).\(regionName).compute.internal</privateDnsName><dnsName/><reason/><keyName>bench</keyName>\
            <amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>t3.micro</instanceType>\
            <launchTime>2025-06-01T08:00:00.000Z</launchTime><placement><availabilityZone>\(regionName)a</availabilityZone>\
            <groupName/><tenancy>default</tenancy></placement>\
            \(platform)\
            <monitoring><state>disabled</state></monitoring><subnetId>subnet-0123456789abcdef0</subnetId>\
            <vpcId>vpc-0123456789abcdef0</vpcId><privateIpAddress>10.\(a).\(b).\(c)</privateIpAddress><sourceDestCheck>true</sourceDestCheck>\
            <groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>default</groupName></item></groupSet>\
            <architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>\
            <blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-\(suffix)</volumeId>\
            <status>attached</status><attachTime>2025-06-01T08:00:01.000Z</attachTime><deleteOnTermination>true</deleteOnTermination>\
            </ebs></item></blockDeviceMapping><virtualizationType>hvm</virtualizationType><clientToken/>\
            <tagSet><item><key>Name</key><value>bench-\(instance.index)</value></item>\
            <item><key>Environment</key><value>production</value></item><item><key>Owner</key><value>platform-team</value></item></tagSet>\
            <hypervisor>xen</hypervisor>\
            \(profile)\
            <networkInterfaceSet><item><networkInterfaceId>eni-\(suffix)</networkInterfaceId>\
            <subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0123456789abcdef0</vpcId><description/>\
            <ownerId>\(.accountId)</ownerId><status>in-use</status><macAddress>0a:00:00:00:00:01</macAddress>\
            <privateIpAddress>10.\(a).\(b).\(c)</privateIpAddress><sourceDestCheck>true</sourceDestCheck>\
            <groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>default</groupName></item></groupSet>\
            <attachment><attachmentId>eni-attach-\(suffix)</attachmentId><deviceIndex>0</deviceIndex><status>attached</status>\
            <attachTime>2025-06-01T08:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></attachment>\
            <privateIpAddressesSet><item><privateIpAddress>10.\(a).\(b).\(c)</privateIpAddress><primary>true</primary></item>\
            </privateIpAddressesSet></item></networkInterfaceSet><ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>\
            <cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>\
            <metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit>\
            <httpEndpoint>enabled</httpEndpoint></metadataOptions></item>
            """
    }
}
