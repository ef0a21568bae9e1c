import AWSXML
import Foundation
import Testing

/// The fuzzer's kept corpus (Tests/Fuzz/Corpus/XMLDecoder), replayed on every test run without the sanitizers
/// through every decode the harness (Tests/Fuzz/Sources/FuzzXMLDecoder) makes: every input decodes or throws
/// `AWSXMLError`, as under libFuzzer.
@Suite struct FuzzCorpusTests {
    /// The harness's shapes: scalars of every kind, lists, maps, nesting and recursion.
    struct Shape: Decodable {
        struct Item: Decodable {
            var id: String
            var value: Int?
            var children: [Item]?
        }

        struct Nested: Decodable {
            var a: String?
            var b: [Int]?
            var c: [String: [Int]]?
        }

        var name: String?
        var count: Int?
        var big: Int64?
        var ratio: Double?
        var flag: Bool?
        var when: Date?
        var items: [Item]?
        var tags: [String: String]?
        var names: [String]?
        var nested: Nested?
    }

    /// The harness's shape with required keys, for the missing-key paths.
    struct Strict: Decodable {
        var id: String
        var count: Int
        var items: [String]
    }

    /// One decode of the harness: its call as written there, and the same call here.
    struct Decode: Sendable {
        var call: String
        var run: @Sendable (AWSXMLDecoder, Data) throws -> Void
    }

    static let decodes: [Decode] = [
        Decode(call: "decoder.decode(Shape.self, from: bytes)") { _ = try $0.decode(Shape.self, from: $1) },
        Decode(call: #"decoder.decode(Shape.self, from: bytes, resultPath: ["Result"])"#) {
            _ = try $0.decode(Shape.self, from: $1, resultPath: ["Result"])
        },
        Decode(call: #"decoder.decode(Strict.self, from: bytes, resultPath: ["Result"])"#) {
            _ = try $0.decode(Strict.self, from: $1, resultPath: ["Result"])
        },
        Decode(call: "decoder.decode([Shape.Item].self, from: bytes)") { _ = try $0.decode([Shape.Item].self, from: $1) },
    ]

    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")
    static let corpus = fuzz.appendingPathComponent("Corpus/XMLDecoder")
    static let harness = fuzz.appendingPathComponent("Sources/FuzzXMLDecoder/FuzzXMLDecoder.swift")

    @Test func everyKeptInputDecodesOrThrowsAnXMLError() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
        #expect(files.count >= 10)
        let decoder = AWSXMLDecoder()
        var decoded = Array(repeating: 0, count: Self.decodes.count)
        for file in files {
            let data = try Data(contentsOf: file)
            for (index, decode) in Self.decodes.enumerated() {
                do {
                    try decode.run(decoder, data)
                    decoded[index] += 1
                } catch {
                    #expect(error is AWSXMLError, "\(file.lastPathComponent), \(decode.call): \(type(of: error)) \(error)")
                }
            }
            _ = decoder.decodeErrorDocument(from: data)
        }
        // The corpus reaches the decoding itself, not only the parser's rejections.
        for (index, decode) in Self.decodes.enumerated() {
            #expect(decoded[index] > 0, "no kept input decodes with \(decode.call)")
        }
    }

    /// The replay makes the harness's decodes, no more and no fewer: a decode added there is replayed here too.
    @Test func theReplayMakesEveryDecodeOfTheHarness() throws {
        let source = try String(contentsOf: Self.harness, encoding: .utf8)
        let calls = source.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "decoder.decode(") else { return nil }
            let call = line[start.lowerBound...].trimmingCharacters(in: .whitespaces)
            return call.hasPrefix("decoder.decodeErrorDocument") ? nil : call
        }
        #expect(calls == Self.decodes.map(\.call))
        #expect(source.contains("decoder.decodeErrorDocument(from: bytes)"))
        // And with the same shapes: the stored properties of Shape, Item, Nested and Strict, in order.
        let replay = try String(contentsOfFile: #filePath, encoding: .utf8)
        let shapes = try #require(replay.components(separatedBy: "/// One decode of the harness").first)
        #expect(Self.properties(shapes) == Self.properties(source))
        #expect(Self.properties(source).count == 19)
    }

    /// The `var name: Type` declarations of `source`, trimmed.
    static func properties(_ source: String) -> [String] {
        source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("var ") && $0.contains(":") && !$0.contains("=") }
    }
}
