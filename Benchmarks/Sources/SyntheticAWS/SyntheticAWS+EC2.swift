extension SyntheticAWS {
    func ec2(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        switch request.operation {
        case "DescribeRegions":
            var content = "<regionInfo>"
            for region in organization.regions {
                content += "<item><regionName>\(region)</regionName><regionEndpoint>ec2.\(region).amazonaws.com</regionEndpoint>"
                    + "<optInStatus>opt-in-not-required</optInStatus></item>"
            }
            return .ec2("DescribeRegions", content: content + "</regionInfo>")
        case "DescribeInstances":
            let size = min(1000, Int(request.form["MaxResults"] ?? "") ?? 1000)
            let count = regionIndex(request.region).map { isEnabled(region: $0) ? organization.instancesPerRegion : 0 } ?? 0
            let page = Self.page(count: count, token: request.form["NextToken"], size: size)
            let region = regionIndex(request.region) ?? 0
            return .ec2("DescribeInstances", content: describeInstancesContent(account: account, region: region, range: page.range, next: page.next))
        default:
            return nil
        }
    }

    /// The body of a `DescribeInstances` page: instances `range` of `account` and `region`, five per reservation.
    public func describeInstancesContent(account: Int, region: Int, range: Range<Int>, next: String?) -> String {
        let accountId = organization.accountId(account)
        let regionName = (SyntheticOrganization.deploymentRegions + SyntheticOrganization.otherRegions)[region]
        var xml = "<reservationSet>"
        xml.reserveCapacity(range.count * 2600 + 200)
        var index = range.lowerBound
        while index < range.upperBound {
            let end = min(range.upperBound, index + 5)
            xml += "<item><reservationId>r-0\(SyntheticOrganization.hex(account, width: 6))\(SyntheticOrganization.hex(region, width: 2))\(SyntheticOrganization.hex(index, width: 8))</reservationId>"
            xml += "<ownerId>\(accountId)</ownerId><groupSet/><instancesSet>"
            for number in index..<end {
                appendInstance(&xml, organization.instance(account: account, region: region, index: number), accountId: accountId, region: regionName)
            }
            xml += "</instancesSet></item>"
            index = end
        }
        xml += "</reservationSet>"
        if let next { xml += "<nextToken>\(next)</nextToken>" }
        return xml
    }

    private func appendInstance(_ xml: inout String, _ instance: SyntheticOrganization.Instance, accountId: String, region: String) {
        let id = instance.id
        let suffix = id.dropFirst(2)
        let ip = "10.\(instance.index / 65536 % 256).\(instance.index / 256 % 256).\(instance.index % 256)"
        let ipName = "ip-10-\(instance.index / 65536 % 256)-\(instance.index / 256 % 256)-\(instance.index % 256)"
        xml += "<item><instanceId>\(id)</instanceId><imageId>ami-0abcdef1234567890</imageId>"
        xml += "<instanceState><code>16</code><name>running</name></instanceState>"
        xml += "<privateDnsName>\(ipName).\(region).compute.internal</privateDnsName><dnsName/><reason/><keyName>bench</keyName>"
        xml += "<amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>t3.micro</instanceType>"
        xml += "<launchTime>2025-06-01T08:00:00.000Z</launchTime><placement><availabilityZone>\(region)a</availabilityZone>"
        xml += "<groupName/><tenancy>default</tenancy></placement>"
        if instance.index % 5 == 4 { xml += "<platform>windows</platform>" }
        xml += "<monitoring><state>disabled</state></monitoring><subnetId>subnet-0123456789abcdef0</subnetId>"
        xml += "<vpcId>vpc-0123456789abcdef0</vpcId><privateIpAddress>\(ip)</privateIpAddress><sourceDestCheck>true</sourceDestCheck>"
        xml += "<groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>default</groupName></item></groupSet>"
        xml += "<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>"
        xml += "<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-\(suffix)</volumeId>"
        xml += "<status>attached</status><attachTime>2025-06-01T08:00:01.000Z</attachTime><deleteOnTermination>true</deleteOnTermination>"
        xml += "</ebs></item></blockDeviceMapping><virtualizationType>hvm</virtualizationType><clientToken/>"
        xml += "<tagSet><item><key>Name</key><value>bench-\(instance.index)</value></item>"
        xml += "<item><key>Environment</key><value>production</value></item><item><key>Owner</key><value>platform-team</value></item></tagSet>"
        xml += "<hypervisor>xen</hypervisor>"
        if instance.isManaged {
            xml += "<iamInstanceProfile><arn>arn:aws:iam::\(accountId):instance-profile/SSMInstanceProfile</arn>"
            xml += "<id>AIPABENCH\(accountId)</id></iamInstanceProfile>"
        }
        xml += "<networkInterfaceSet><item><networkInterfaceId>eni-\(suffix)</networkInterfaceId>"
        xml += "<subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0123456789abcdef0</vpcId><description/>"
        xml += "<ownerId>\(accountId)</ownerId><status>in-use</status><macAddress>0a:00:00:00:00:01</macAddress>"
        xml += "<privateIpAddress>\(ip)</privateIpAddress><sourceDestCheck>true</sourceDestCheck>"
        xml += "<groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>default</groupName></item></groupSet>"
        xml += "<attachment><attachmentId>eni-attach-\(suffix)</attachmentId><deviceIndex>0</deviceIndex><status>attached</status>"
        xml += "<attachTime>2025-06-01T08:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></attachment>"
        xml += "<privateIpAddressesSet><item><privateIpAddress>\(ip)</privateIpAddress><primary>true</primary></item>"
        xml += "</privateIpAddressesSet></item></networkInterfaceSet><ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>"
        xml += "<cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>"
        xml += "<metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit>"
        xml += "<httpEndpoint>enabled</httpEndpoint></metadataOptions></item>"
    }
}
