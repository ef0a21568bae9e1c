import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

/// `JSONStreamEncoder` writes any `Encodable` byte for byte as `JSONEncoder` does with the report's options, and
/// hands a top-level array to its sink as it goes.
@Suite struct JSONStreamEncoderTests {
    static func encoderData(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    static func streamData(_ value: some Encodable) throws -> Data {
        var data = Data()
        try JSONStreamEncoder.encode(value) { data.append(contentsOf: $0) }
        return data
    }

    @Test func aReportWithEveryOptionalFieldMatchesJSONEncoderInMemoryAndInAFile() throws {
        for report in [FullReport.make(), FullReport.make(results: JSONReportFile.spillThreshold + 3)] {
            let expected = try Self.encoderData(report)
            #expect(try report.jsonData() == expected)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-full-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("report.json").path
            try JSONReportFile.write(report, to: path)
            #expect(FileManager.default.contents(atPath: path) == expected + Data("\n".utf8))
        }
    }

    @Test func theToolsRulesDirectoryIsEncodedOnlyWhenSet() throws {
        var report = FullReport.make()
        #expect(String(decoding: try report.jsonData(), as: UTF8.self).contains(#""rulesDirectory" : "/etc/preflight/rules""#))
        report.tool.rulesDirectory = nil
        #expect(!String(decoding: try report.jsonData(), as: UTF8.self).contains("rulesDirectory"))
        #expect(try AuditReport.decode(from: try FullReport.make().jsonData()) == FullReport.make())
    }

    /// Members added in any order, with custom coding: nested containers used out of order, super encoders, a key set
    /// twice, every scalar type, dates, URLs, data, empty and nested collections.
    struct Custom: Encodable {
        enum Key: String, CodingKey { case zeta, alpha, nested, list, again, empty, Mid }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("last", forKey: .zeta)
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: .nested)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try container.encode(1, forKey: .alpha)
            try nested.encode(Date(timeIntervalSince1970: 86_400.5), forKey: .zeta)
            try nested.encodeNil(forKey: .alpha)
            try list.encode(Int8(-8))
            var inner = list.nestedContainer(keyedBy: Key.self)
            try list.encode(UInt64.max)
            try inner.encode(URL(string: "https://example.com/a/b?c=d")!, forKey: .Mid)
            try inner.encode(Data([0, 1, 2, 250]), forKey: .alpha)
            try list.encode([[Float(0.5)], [], [Float(3)]])
            try container.encode(2, forKey: .alpha)
            try container.encode([String: [Int]](), forKey: .empty)
            try container.encode(["b": true, "B": false, "a b": true, "é": true, "e": true], forKey: .again)
            try Base().encode(to: container.superEncoder())
            try container.encode(Int16.min, forKey: .Mid)
        }
    }

    struct Base: Encodable {
        var name = "base"
        var values: [Double] = [1, 0.1, -2.5e-8, 1e300]
    }

    @Test func anyEncodableMatchesJSONEncoder() throws {
        let values: [any Encodable] = [
            Custom(), [Custom(), Custom()], Base(), [Base](), [String: Base](), ["k": [Base()]], [[[Int]]]([[[]], [[1]]]),
            Date(timeIntervalSince1970: 0), "top \"level\"", 42, [JSONValue.null, .bool(true), .object([:])],
        ]
        for value in values {
            #expect(try Self.streamData(value) == (try Self.encoderData(value)), "\(type(of: value))")
        }
    }

    @Test func infinitiesAreRefusedWithTheirPath() {
        #expect(throws: EncodingError.self) { try Self.streamData(["a": [1, Double.infinity]]) }
        #expect(throws: EncodingError.self) { try Self.streamData(Base(values: [.nan])) }
    }

    /// A top-level array goes to the sink in chunks as its elements are encoded, never the whole encoding at once.
    @Test func aLargeArrayIsHandedToTheSinkInChunks() throws {
        let report = FullReport.make(results: 5_000)
        var chunks: [Int] = []
        try report.writeJSON { chunks.append($0.count) }
        #expect(chunks.count > 10)
        #expect(chunks.max()! < JSONStream.chunkSize + 4096)
        #expect(chunks.reduce(0, +) == (try Self.encoderData(report)).count)
    }
}
