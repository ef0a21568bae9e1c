import AWSXML
import Foundation
import Testing

@Suite struct StructureDecodingTests {
    let decoder = AWSXMLDecoder()

    @Test func optionalSemantics() throws {
        let xml = "<R><Empty/><Blank>  </Blank><Count/><Flag></Flag><When/><Nested/></R>"
        let result = try decoder.decode(Optionals.self, from: Array(xml.utf8))
        #expect(result.empty == "")
        #expect(result.blank == "  ")
        #expect(result.missing == nil)
        #expect(result.count == nil)
        #expect(result.flag == nil)
        #expect(result.when == nil)
        #expect(result.nested != nil)
        #expect(result.nested?.inner == nil)
        #expect(result.absentNested == nil)
    }

    @Test func absentListsAndMapsDecodeAsEmpty() throws {
        let result = try decoder.decode(Collections.self, from: Array("<R><Present><member>a</member></Present></R>".utf8))
        #expect(result.present == ["a"])
        #expect(result.absentList.isEmpty)
        #expect(result.absentMap.isEmpty)
        #expect(result.optionalList == nil)
    }

    @Test func listItemsAreEveryElementChildWhateverItsName() throws {
        let xml = "<R><Values><member>1</member><item>2</item><!-- note --><value>3</value></Values></R>"
        #expect(try decoder.decode([Int].self, from: Array(xml.utf8), resultPath: ["Values"]) == [1, 2, 3])
    }

    @Test func mapsOfStructuresAndErrorPaths() throws {
        let xml = """
            <R><Limits>
              <entry><key>cpu</key><value><Max>4</Max></value></entry>
              <entry><key>memory</key><value><Max>16</Max></value></entry>
              <entry><key>skipped</key></entry>
              <entry><key>cpu</key><value><Max>8</Max></value></entry>
            </Limits></R>
            """
        let limits = try decoder.decode([String: Limit].self, from: Array(xml.utf8), resultPath: ["Limits"])
        #expect(limits == ["cpu": Limit(max: 8), "memory": Limit(max: 16)])

        let bad = xml.replacingOccurrences(of: "<Max>16</Max>", with: "<Max>lots</Max>")
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode([String: Limit].self, from: Array(bad.utf8), resultPath: ["Limits"])
        }
        #expect(error.description == "memory.Max: expected integer, found \"lots\"")

        let keyless = "<R><Limits><entry><value>1</value></entry></Limits></R>"
        let keyError = try #require(throws: AWSXMLError.self) {
            try decoder.decode([String: Int].self, from: Array(keyless.utf8), resultPath: ["Limits"])
        }
        #expect(keyError.kind == .missingElement)
        #expect(keyError.path == "[0].key")
    }

    @Test func keysAreFoundInAnyOrder() throws {
        let xml = "<R><C>3</C><A>1</A><Other/><B>2</B></R>"
        let result = try decoder.decode(Reordered.self, from: Array(xml.utf8))
        #expect([result.a, result.b, result.c] as [Int] == [1, 2, 3])
    }

    @Test func namesMatchExactlyAndIgnoreNamespacePrefixes() throws {
        let xml = #"<aws:R xmlns:aws="urn:x"><aws:Arn>prefixed</aws:Arn><arn>lowercase</arn><ArnSuffix>s</ArnSuffix></aws:R>"#
        let result = try decoder.decode(Box.self, from: Array(xml.utf8))
        #expect(result.arn == "prefixed")
        let missing = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Box.self, from: Array("<R><ARN>x</ARN><Arnold>y</Arnold></R>".utf8))
        }
        #expect(missing.kind == .missingElement)
        #expect(missing.description == "Arn: required element is missing")
    }

    @Test func acceptedByteCollections() throws {
        let xml = "<R><Arn>x</Arn></R>"
        let bytes = Array(xml.utf8)
        #expect(try decoder.decode(Box.self, from: Data(xml.utf8)).arn == "x")
        #expect(try decoder.decode(Box.self, from: bytes).arn == "x")
        #expect(try decoder.decode(Box.self, from: (Array("junk".utf8) + bytes)[4...]).arn == "x")
        #expect(try decoder.decode(Box.self, from: xml.utf8).arn == "x")
        #expect(try decoder.decode(Box.self, from: bytes.lazy.map { $0 }).arn == "x")
    }

    @Test func customDecodingThroughNestedContainers() throws {
        let xml = """
            <item><placement><availabilityZone>eu-west-1a</availabilityZone></placement>
            <groupSet><item><groupId>sg-1</groupId></item><item><groupId>sg-2</groupId></item></groupSet>
            <super><note>base</note></super><extra><note>keyed</note></extra>
            <codes><item>1</item><item>2</item></codes></item>
            """
        let result = try decoder.decode(CustomDecoded.self, from: Array(xml.utf8))
        #expect(result.zone == "eu-west-1a")
        #expect(result.groupIds == ["sg-1", "sg-2"])
        #expect(result.groupCount == 2)
        #expect(result.elementNames == ["placement", "groupSet", "super", "extra", "codes"])
        #expect(result.superNote == "base")
        #expect(result.extraNote == "keyed")
        #expect(result.firstCode == 1)
        #expect(result.secondCode == "2")
    }

    @Test func errorsThrownByModelsCarryThePath() throws {
        let xml = "<R><Items><member><Port>70000</Port></member></Items></R>"
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Ports.self, from: Array(xml.utf8))
        }
        #expect(error.kind == .invalidValue)
        #expect(error.path == "Items[0].Port")
        #expect(error.message == "port out of range")
    }

    @Test func topLevelScalarsAndOptionalListItems() throws {
        #expect(try decoder.decode(Int.self, from: Array("<Count>7</Count>".utf8)) == 7)
        let xml = "<R><Names><member>a</member><member/></Names></R>"
        #expect(try decoder.decode([String?].self, from: Array(xml.utf8), resultPath: ["Names"]) == ["a", ""])
    }
}

private struct Optionals: Decodable {
    struct Nested: Decodable {
        let inner: String?

        enum CodingKeys: String, CodingKey {
            case inner = "Inner"
        }
    }

    let empty: String?
    let blank: String?
    let missing: String?
    let count: Int?
    let flag: Bool?
    let when: Date?
    let nested: Nested?
    let absentNested: Nested?

    enum CodingKeys: String, CodingKey {
        case empty = "Empty"
        case blank = "Blank"
        case missing = "Missing"
        case count = "Count"
        case flag = "Flag"
        case when = "When"
        case nested = "Nested"
        case absentNested = "AbsentNested"
    }
}

private struct Collections: Decodable {
    let present: [String]
    let absentList: [String]
    let absentMap: [String: String]
    let optionalList: [String]?

    enum CodingKeys: String, CodingKey {
        case present = "Present"
        case absentList = "AbsentList"
        case absentMap = "AbsentMap"
        case optionalList = "OptionalList"
    }
}

private struct Limit: Decodable, Equatable {
    let max: Int

    enum CodingKeys: String, CodingKey {
        case max = "Max"
    }
}

private struct Reordered: Decodable {
    let a: Int
    let b: Int
    let c: Int

    enum CodingKeys: String, CodingKey {
        case a = "A"
        case b = "B"
        case c = "C"
    }
}

private struct Box: Decodable {
    let arn: String

    enum CodingKeys: String, CodingKey {
        case arn = "Arn"
    }
}

private struct CustomDecoded: Decodable {
    let zone: String
    let groupIds: [String]
    let groupCount: Int?
    let elementNames: [String]
    let superNote: String
    let extraNote: String
    let firstCode: Int
    let secondCode: String

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) {
            stringValue = name
        }

        init?(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }

    init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: AnyKey.self)
        elementNames = root.allKeys.map(\.stringValue)
        zone = try root.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("placement"))
            .decode(String.self, forKey: AnyKey("availabilityZone"))

        var groups = try root.nestedUnkeyedContainer(forKey: AnyKey("groupSet"))
        groupCount = groups.count
        var ids: [String] = []
        while !groups.isAtEnd {
            ids.append(try groups.nestedContainer(keyedBy: AnyKey.self).decode(String.self, forKey: AnyKey("groupId")))
        }
        groupIds = ids

        superNote = try root.superDecoder().container(keyedBy: AnyKey.self).decode(String.self, forKey: AnyKey("note"))
        extraNote = try root.superDecoder(forKey: AnyKey("extra")).container(keyedBy: AnyKey.self)
            .decode(String.self, forKey: AnyKey("note"))

        var codes = try root.nestedUnkeyedContainer(forKey: AnyKey("codes"))
        firstCode = try codes.decodeIntegerItem()
        secondCode = try codes.superDecoder().singleValueContainer().decode(String.self)
        #expect(codes.isAtEnd)
        #expect(throws: AWSXMLError.self) { try codes.decode(Int.self) }
    }
}

private extension UnkeyedDecodingContainer {
    /// Reads an integer item, exercising `decodeNil` first as `decodeIfPresent` does.
    mutating func decodeIntegerItem() throws -> Int {
        try decodeIfPresent(Int.self) ?? 0
    }
}

private struct Ports: Decodable {
    struct Item: Decodable {
        let port: Int

        enum CodingKeys: String, CodingKey {
            case port = "Port"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            port = try container.decode(Int.self, forKey: .port)
            guard (0...65_535).contains(port) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .port, in: container, debugDescription: "port out of range"
                )
            }
        }
    }

    let items: [Item]

    enum CodingKeys: String, CodingKey {
        case items = "Items"
    }
}
