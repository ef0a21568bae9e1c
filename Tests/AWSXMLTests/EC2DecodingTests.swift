import AWSXML
import Foundation
import Testing

@Suite struct EC2DecodingTests {
    let decoder = AWSXMLDecoder()

    @Test func describeInstances() throws {
        let result = try decoder.decode(
            DescribeInstancesResult.self, from: try Fixture.bytes("ec2-describe-instances"), resultPath: []
        )
        #expect(result.nextToken == "eyJ2IjoiMiIsImMiOiJkZXNjcmliZS1pbnN0YW5jZXMifQ==")
        #expect(result.reservations.map(\.reservationId) == ["r-1234567890abcdef0", "r-0fedcba9876543210"])
        #expect(result.reservations.map { $0.instances.count } == [2, 1])

        let windows = result.reservations[0].instances[0]
        #expect(windows.instanceId == "i-1234567890abcdef0")
        #expect(windows.state == InstanceState(code: 16, name: .running))
        #expect(windows.iamInstanceProfile == IamInstanceProfile(
            arn: "arn:aws:iam::123456789012:instance-profile/AmazonSSMRoleForInstancesQuickSetup",
            id: "AIPAJ7U5XWZC3EXAMPLE"
        ))
        #expect(windows.tags == [Tag(key: "Name", value: "Server_1"), Tag(key: "Environment", value: "production")])
        #expect(windows.launchTime == utc(2018, 5, 8, 16, 46, 19))
        #expect(windows.placement.availabilityZone == "eu-west-1c")
        #expect(windows.platform == "windows")
        #expect(windows.publicDnsName == "ec2-54-194-252-215.eu-west-1.compute.amazonaws.com")
        #expect(windows.metadataOptions?.httpTokens == "required")

        let stopped = result.reservations[0].instances[1]
        #expect(stopped.state == InstanceState(code: 80, name: .stopped))
        #expect(stopped.iamInstanceProfile == nil)
        #expect(stopped.tags.isEmpty)
        #expect(stopped.platform == nil)
        #expect(stopped.publicDnsName == "")
        #expect(stopped.launchTime == utc(2024, 1, 2, 3, 4, 5))

        let pending = result.reservations[1].instances[0]
        #expect(pending.state.name == .pending)
        #expect(pending.placement.availabilityZone == "eu-west-1b")
        #expect(pending.iamInstanceProfile?.id == "AIPAWORKERSEXAMPLE01")
        #expect(pending.tags == [Tag(key: "aws:autoscaling:groupName", value: "workers")])
        let expected = utc(2024, 6, 30, 23, 59, 59).addingTimeInterval(0.999)
        #expect(abs(pending.launchTime.timeIntervalSince(expected)) < 0.000_001)
    }

    @Test func describeRegions() throws {
        let result = try decoder.decode(
            DescribeRegionsResult.self, from: try Fixture.bytes("ec2-describe-regions"), resultPath: []
        )
        #expect(result.regions.map(\.regionName) == ["us-east-1", "eu-west-1", "af-south-1", "ap-east-1"])
        #expect(result.regions.map(\.optInStatus) == [
            "opt-in-not-required", "opt-in-not-required", "not-opted-in", "opted-in",
        ])
        #expect(result.regions.first?.endpoint == "ec2.us-east-1.amazonaws.com")
    }

    @Test func badDateNamesTheCodingPath() throws {
        let xml = try String(decoding: Fixture.bytes("ec2-describe-instances"), as: UTF8.self)
            .replacingOccurrences(of: "2024-06-30T23:59:59.999Z", with: "x")
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(DescribeInstancesResult.self, from: Array(xml.utf8), resultPath: [])
        }
        #expect(error.kind == .typeMismatch)
        #expect(error.description == "reservationSet[1].instancesSet[0].launchTime: expected ISO-8601 date, found \"x\"")
    }

    @Test func lettersWhereAnIntegerIsExpectedNameTheCodingPath() throws {
        let xml = try String(decoding: Fixture.bytes("ec2-describe-instances"), as: UTF8.self)
            .replacingOccurrences(of: "<code>80</code>", with: "<code>eighty</code>")
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(DescribeInstancesResult.self, from: Array(xml.utf8), resultPath: [])
        }
        #expect(error.kind == .typeMismatch)
        #expect(error.path == "reservationSet[0].instancesSet[1].instanceState.code")
        #expect(error.message == "expected integer, found \"eighty\"")
    }

    @Test func unknownEnumValueNamesTheCodingPath() throws {
        let xml = try String(decoding: Fixture.bytes("ec2-describe-instances"), as: UTF8.self)
            .replacingOccurrences(of: "<name>pending</name>", with: "<name>levitating</name>")
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(DescribeInstancesResult.self, from: Array(xml.utf8), resultPath: [])
        }
        #expect(error.kind == .invalidValue)
        #expect(error.path == "reservationSet[1].instancesSet[0].instanceState.name")
    }

    @Test func missingRequiredElementNamesTheCodingPath() throws {
        let xml = try String(decoding: Fixture.bytes("ec2-describe-instances"), as: UTF8.self)
            .replacingOccurrences(of: "<instanceId>i-0598c7d356eba48d7</instanceId>", with: "")
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(DescribeInstancesResult.self, from: Array(xml.utf8), resultPath: [])
        }
        #expect(error.kind == .missingElement)
        #expect(error.path == "reservationSet[0].instancesSet[1].instanceId")
    }

    @Test func thousandInstanceResponse() throws {
        let xml = GeneratedDescribeInstances.xml(reservations: 250, instancesPerReservation: 4)
        let result = try decoder.decode(DescribeInstancesResult.self, from: Array(xml.utf8), resultPath: [])
        let instances = result.reservations.flatMap(\.instances)
        #expect(result.reservations.count == 250)
        #expect(instances.count == 1000)
        #expect(result.nextToken == "page-2")
        for (index, instance) in instances.enumerated() {
            #expect(instance == GeneratedDescribeInstances.expectedInstance(index))
        }
    }
}

/// Builds a realistic DescribeInstances page and the instances a correct decode must yield.
private enum GeneratedDescribeInstances {
    static let states: [(code: Int, name: StateName)] = [(16, .running), (80, .stopped), (0, .pending), (64, .stopping)]

    static func xml(reservations: Int, instancesPerReservation: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
            <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
            <reservationSet>
            """
        for reservation in 0..<reservations {
            xml += """
                <item><reservationId>r-\(hex(reservation))</reservationId><ownerId>123456789012</ownerId>\
                <groupSet/><instancesSet>
                """
            for slot in 0..<instancesPerReservation {
                xml += instanceXML(reservation * instancesPerReservation + slot)
            }
            xml += "</instancesSet></item>\n"
        }
        xml += "</reservationSet><nextToken>page-2</nextToken></DescribeInstancesResponse>\n"
        return xml
    }

    static func expectedInstance(_ index: Int) -> Instance {
        let state = states[index % states.count]
        return Instance(
            instanceId: "i-\(hex(index))",
            state: InstanceState(code: state.code, name: state.name),
            instanceType: "m5.large",
            launchTime: Date(timeIntervalSince1970: 1_704_164_645 + Double(index * 60)),
            placement: Placement(availabilityZone: "us-east-1\(["a", "b", "c"][index % 3])"),
            iamInstanceProfile: index % 5 == 0 ? nil : IamInstanceProfile(
                arn: "arn:aws:iam::123456789012:instance-profile/Profile\(index % 7)", id: "AIPA\(hex(index))"
            ),
            tags: index % 2 == 0 ? [] : [Tag(key: "Name", value: "worker-\(index)"), Tag(key: "Team", value: "core")],
            platform: index % 3 == 0 ? "windows" : nil,
            publicDnsName: "",
            metadataOptions: MetadataOptions(httpTokens: "required")
        )
    }

    private static func instanceXML(_ index: Int) -> String {
        let instance = expectedInstance(index)
        let profile = instance.iamInstanceProfile.map {
            "<iamInstanceProfile><arn>\($0.arn)</arn><id>\($0.id)</id></iamInstanceProfile>"
        } ?? ""
        let tags = instance.tags.isEmpty ? "<tagSet/>" : "<tagSet>"
            + instance.tags.map { "<item><key>\($0.key)</key><value>\($0.value)</value></item>" }.joined()
            + "</tagSet>"
        let platform = instance.platform.map { "<platform>\($0)</platform>" } ?? ""
        let formatter = ISO8601DateFormatter()
        if index % 2 == 0 {
            formatter.formatOptions.insert(.withFractionalSeconds)
        }
        let launchTime = formatter.string(from: instance.launchTime)
        return """
            <item><instanceId>\(instance.instanceId)</instanceId><imageId>ami-0abcdef1234567890</imageId>\
            <instanceState><code>\(instance.state.code)</code><name>\(instance.state.name.rawValue)</name></instanceState>\
            <privateDnsName>ip-10-0-\(index / 256)-\(index % 256).ec2.internal</privateDnsName><dnsName/><reason/>\
            <keyName>ops</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/>\
            <instanceType>\(instance.instanceType)</instanceType><launchTime>\(launchTime)</launchTime>\
            <placement><availabilityZone>\(instance.placement.availabilityZone)</availabilityZone><groupName/>\
            <tenancy>default</tenancy></placement>\(platform)<monitoring><state>disabled</state></monitoring>\
            <subnetId>subnet-0a1b2c3d</subnetId><vpcId>vpc-11112222</vpcId>\
            <privateIpAddress>10.0.\(index / 256).\(index % 256)</privateIpAddress><sourceDestCheck>true</sourceDestCheck>\
            <groupSet><item><groupId>sg-e4076980</groupId><groupName>default</groupName></item></groupSet>\
            <architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>\
            <blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-\(hex(index))</volumeId>\
            <status>attached</status><attachTime>2024-01-02T03:04:06.000Z</attachTime>\
            <deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>\
            <virtualizationType>hvm</virtualizationType><clientToken/>\(tags)<hypervisor>nitro</hypervisor>\
            <networkInterfaceSet><item><networkInterfaceId>eni-\(hex(index))</networkInterfaceId>\
            <subnetId>subnet-0a1b2c3d</subnetId><vpcId>vpc-11112222</vpcId><description/><ownerId>123456789012</ownerId>\
            <status>in-use</status><macAddress>02:dd:2c:5e:01:69</macAddress>\
            <privateIpAddress>10.0.\(index / 256).\(index % 256)</privateIpAddress><sourceDestCheck>true</sourceDestCheck>\
            <groupSet><item><groupId>sg-e4076980</groupId><groupName>default</groupName></item></groupSet>\
            <attachment><attachmentId>eni-attach-\(hex(index))</attachmentId><deviceIndex>0</deviceIndex>\
            <status>attached</status><attachTime>2024-01-02T03:04:05.000Z</attachTime>\
            <deleteOnTermination>true</deleteOnTermination></attachment></item></networkInterfaceSet>\
            \(profile)<ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>\
            <cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>\
            <metadataOptions><state>applied</state><httpTokens>required</httpTokens>\
            <httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint></metadataOptions>\
            </item>

            """
    }

    private static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 17 - digits.count)) + digits
    }
}

private struct DescribeInstancesResult: Decodable {
    let reservations: [Reservation]
    let nextToken: String?

    enum CodingKeys: String, CodingKey {
        case reservations = "reservationSet"
        case nextToken
    }
}

private struct Reservation: Decodable {
    let reservationId: String
    let ownerId: String
    let instances: [Instance]

    enum CodingKeys: String, CodingKey {
        case reservationId
        case ownerId
        case instances = "instancesSet"
    }
}

private enum StateName: String, Decodable {
    case pending
    case running
    case shuttingDown = "shutting-down"
    case terminated
    case stopping
    case stopped
}

private struct InstanceState: Decodable, Equatable {
    let code: Int
    let name: StateName
}

private struct Placement: Decodable, Equatable {
    let availabilityZone: String
}

private struct IamInstanceProfile: Decodable, Equatable {
    let arn: String
    let id: String
}

private struct MetadataOptions: Decodable, Equatable {
    let httpTokens: String?
}

private struct Tag: Decodable, Equatable {
    let key: String
    let value: String
}

private struct Instance: Decodable, Equatable {
    let instanceId: String
    let state: InstanceState
    let instanceType: String
    let launchTime: Date
    let placement: Placement
    let iamInstanceProfile: IamInstanceProfile?
    let tags: [Tag]
    let platform: String?
    let publicDnsName: String?
    let metadataOptions: MetadataOptions?

    enum CodingKeys: String, CodingKey {
        case instanceId
        case state = "instanceState"
        case instanceType
        case launchTime
        case placement
        case iamInstanceProfile
        case tags = "tagSet"
        case platform
        case publicDnsName = "dnsName"
        case metadataOptions
    }
}

private struct DescribeRegionsResult: Decodable {
    struct Region: Decodable {
        let regionName: String
        let optInStatus: String?
        let endpoint: String?

        enum CodingKeys: String, CodingKey {
            case regionName
            case optInStatus
            case endpoint = "regionEndpoint"
        }
    }

    let regions: [Region]

    enum CodingKeys: String, CodingKey {
        case regions = "regionInfo"
    }
}
