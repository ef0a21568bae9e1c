import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

/// `reports/report.schema.json` names exactly the fields the report's types encode: each object of the schema lists as
/// properties the members of the encoding of a report with every optional field set, no more, no fewer.
@Suite struct ReportSchemaFieldsTests {
    static func schema() throws -> [String: Any] {
        let url = Fixture.repositoryRoot.appendingPathComponent("reports/report.schema.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// `node` with a local `$ref` followed.
    static func resolved(_ node: [String: Any], in schema: [String: Any]) -> [String: Any] {
        guard let reference = node["$ref"] as? String, reference.hasPrefix("#/$defs/"),
            let definitions = schema["$defs"] as? [String: Any],
            let target = definitions[String(reference.dropFirst("#/$defs/".count))] as? [String: Any]
        else { return node }
        return target
    }

    /// The differences between the schema's properties and the members of `value`, at `path` and below.
    static func differences(_ node: [String: Any], _ value: Any, schema: [String: Any], path: String) -> [String] {
        let node = resolved(node, in: schema)
        if let properties = node["properties"] as? [String: Any], let object = value as? [String: Any] {
            var found: [String] = []
            let listed = Set(properties.keys), encoded = Set(object.keys)
            found += encoded.subtracting(listed).sorted().map { "\(path).\($0) is encoded but not in the schema" }
            found += listed.subtracting(encoded).sorted().map { "\(path).\($0) is in the schema but not encoded" }
            for key in listed.intersection(encoded).sorted() {
                if let child = properties[key] as? [String: Any] {
                    found += differences(child, object[key]!, schema: schema, path: "\(path).\(key)")
                }
            }
            return found
        }
        if let items = node["items"] as? [String: Any], let array = value as? [Any] {
            return array.enumerated().flatMap { differences(items, $1, schema: schema, path: "\(path)[\($0)]") }
        }
        return []
    }

    @Test func theSchemaListsExactlyTheEncodedFields() throws {
        let schema = try Self.schema()
        let encoded = try JSONSerialization.jsonObject(with: try FullReport.make().jsonData())
        #expect(Self.differences(schema, encoded, schema: schema, path: "report") == [])
    }

    @Test func aFieldMissingFromTheSchemaIsFound() throws {
        var schema = try Self.schema()
        var properties = try #require(schema["properties"] as? [String: Any])
        var tool = try #require(properties["tool"] as? [String: Any])
        var toolProperties = try #require(tool["properties"] as? [String: Any])
        toolProperties["rulesDirectory"] = nil
        tool["properties"] = toolProperties
        properties["tool"] = tool
        schema["properties"] = properties
        let encoded = try JSONSerialization.jsonObject(with: try FullReport.make().jsonData())
        #expect(Self.differences(schema, encoded, schema: schema, path: "report")
            == ["report.tool.rulesDirectory is encoded but not in the schema"])
    }
}
