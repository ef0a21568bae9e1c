import Foundation
import PreflightEngine

/// The JSON report: the `Codable` encoding of `AuditReport` as `JSONEncoder` writes it with `[.prettyPrinted,
/// .sortedKeys, .withoutEscapingSlashes]` and ISO-8601 dates, streamed by `JSONStreamEncoder` so that the encoding of
/// a large report is never held whole.
extension AuditReport {
    /// The JSON encoding of the report.
    public func jsonData() throws -> Data {
        var data = Data()
        try writeJSON { data.append(contentsOf: $0) }
        return data
    }

    /// Writes `jsonData()`'s bytes to `sink` in chunks of about 64 KiB, without holding the whole encoding.
    public func writeJSON(to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            try JSONStreamEncoder.encode(self, to: sink)
        }
    }

    /// Writes `jsonData()`'s bytes to `sink` as `writeJSON(to:)` does, except the value of `results`: once everything
    /// before it is in `sink`, `results` is called to put there the bytes `writeJSONResults(to:)` writes (which may
    /// have been written elsewhere meanwhile, on another thread).
    public func writeJSON(
        to sink: (UnsafeRawBufferPointer) throws -> Void, splicingResults results: () throws -> Void
    ) throws {
        try withoutActuallyEscaping(sink) { sink in
            try withoutActuallyEscaping(results) { results in
                try JSONStreamEncoder.encode(self, splice: .init(key: Self.resultsKey, write: results), to: sink)
            }
        }
    }

    /// Writes the value of the report's `results` member exactly as `writeJSON(to:)` writes it inside the report.
    public func writeJSONResults(to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            try JSONStreamEncoder.encode(results, depth: 1, to: sink)
        }
    }

    /// Decodes a saved JSON report.
    public static func decode(from data: Data) throws -> AuditReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(AuditReport.self, from: data)
    }
}
