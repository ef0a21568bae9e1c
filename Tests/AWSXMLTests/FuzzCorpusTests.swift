import AWSXML
import Foundation
import Testing

/// The fuzzer's kept corpus (Tests/Fuzz/Corpus/XMLDecoder), replayed on every test run without the sanitizers:
/// every input decodes or throws `AWSXMLError`, as under libFuzzer.
@Suite struct FuzzCorpusTests {
    struct Shape: Decodable {
        struct Item: Decodable {
            var id: String
            var value: Int?
            var children: [Item]?
        }

        var name: String?
        var count: Int?
        var ratio: Double?
        var flag: Bool?
        var when: Date?
        var items: [Item]?
        var tags: [String: String]?
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus/XMLDecoder")

    @Test func everyKeptInputDecodesOrThrowsAnXMLError() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
        #expect(files.count >= 10)
        let decoder = AWSXMLDecoder()
        for file in files {
            let data = try Data(contentsOf: file)
            for resultPath in [[], ["Result"]] {
                do {
                    _ = try decoder.decode(Shape.self, from: data, resultPath: resultPath)
                } catch {
                    #expect(error is AWSXMLError, "\(file.lastPathComponent): \(type(of: error)) \(error)")
                }
            }
            _ = decoder.decodeErrorDocument(from: data)
        }
    }
}
