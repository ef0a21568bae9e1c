import Foundation

/// Writes an `AuditReport` byte for byte as `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` and ISO-8601 dates, but element by element into a small buffer handed to a sink
/// whenever it fills: no tree of the whole report is built, so memory does not grow with its size.
struct JSONReportWriter {
    /// Bytes buffered before they are handed to the sink.
    static let chunkSize = 1 << 16

    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var buffer: [UInt8] = []
    private var depth = 0
    /// Per open object or array: whether it has a member yet.
    private var hasMembers: [Bool] = []

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Writes `report` and hands the last bytes to the sink. When `results` is given, the value of the `results`
    /// member is not written: once the bytes before it are in the sink, `results` puts that value there itself.
    mutating func write(_ report: AuditReport, results: (() throws -> Void)?) throws {
        try object {
            $0.member("caller") { $0.write(report.caller) }
            try $0.member("coverage") { try $0.write(report.coverage) }
            $0.member("finishedAt") { $0.write(report.finishedAt) }
            $0.optional("homeRegion", report.homeRegion)
            $0.member("organization") { $0.write(report.organization) }
            $0.member("phase") { $0.string(report.phase.rawValue) }
            try $0.member("results") { writer in
                if let results {
                    try writer.flush()
                    try results()
                } else {
                    try writer.results(of: report)
                }
            }
            $0.member("schemaVersion") { $0.integer(report.schemaVersion) }
            $0.member("startedAt") { $0.write(report.startedAt) }
            $0.member("status") { $0.string(report.status.rawValue) }
            $0.member("summary") { $0.write(report.summary) }
            $0.member("tool") { writer in
                writer.object {
                    $0.member("name") { $0.string(report.tool.name) }
                    $0.optional("rulesDirectory", report.tool.rulesDirectory)
                    $0.member("version") { $0.string(report.tool.version) }
                }
            }
        }
        try flush()
    }

    /// Writes the value of `report`'s `results` member as `write(_:results:)` writes it inside the report (one level
    /// deep), and hands the last bytes to the sink.
    mutating func writeResults(of report: AuditReport) throws {
        depth = 1
        try results(of: report)
        try flush()
    }

    private mutating func results(of report: AuditReport) throws {
        try array(report.results) { try $0.write($1) }
    }

    // MARK: Report types, keys in sorted order, absent optionals left out

    private mutating func write(_ caller: AuditReport.Caller) {
        object {
            $0.optional("accountId", caller.accountId)
            $0.optional("arn", caller.arn)
            $0.optional("principalArn", caller.principalArn)
        }
    }

    private mutating func write(_ organization: AuditReport.Organization) {
        object {
            $0.optional("id", organization.id)
            $0.optional("managementAccountId", organization.managementAccountId)
        }
    }

    private mutating func write(_ summary: AuditReport.Summary) {
        object {
            $0.member("error") { $0.integer(summary.error) }
            $0.member("fail") { $0.integer(summary.fail) }
            $0.member("pass") { $0.integer(summary.pass) }
            $0.member("skip") { $0.integer(summary.skip) }
            $0.member("warn") { $0.integer(summary.warn) }
        }
    }

    private mutating func write(_ coverage: AuditReport.CoverageBlock) throws {
        try object {
            try $0.member("instances") { writer in
                try writer.array(coverage.instances) { writer, instance in
                    try writer.object {
                        $0.member("accountId") { $0.string(instance.accountId) }
                        $0.optional("accountName", instance.accountName)
                        try $0.member("causes") { writer in
                            try writer.array(instance.causes) { writer, cause in writer.string(cause.rawValue) }
                        }
                        $0.member("instanceId") { $0.string(instance.instanceId) }
                        $0.optional("ouPath", instance.ouPath)
                        $0.optional("reason", instance.reason?.rawValue)
                        $0.member("region") { $0.string(instance.region) }
                        $0.member("verdict") { $0.string(instance.verdict.rawValue) }
                        $0.member("workloadSecurity") { $0.write(instance.workloadSecurity) }
                    }
                }
            }
            $0.member("totals") { writer in
                writer.object {
                    $0.member("covered") { $0.integer(coverage.totals.covered) }
                    $0.member("excluded") { $0.integer(coverage.totals.excluded) }
                    $0.member("instances") { $0.integer(coverage.totals.instances) }
                    $0.member("protected") { $0.integer(coverage.totals.protected) }
                    $0.member("uncovered") { $0.integer(coverage.totals.uncovered) }
                }
            }
        }
    }

    private mutating func write(_ protection: WorkloadSecurityCoverage) {
        object {
            $0.member("agentStatus") { $0.nullable(protection.computer?.agentStatus) { $0.string($1) } }
            $0.member("computerId") { $0.nullable(protection.computer?.id) { $0.integer($1) } }
            $0.member("lastCommunication") { $0.nullable(protection.computer?.lastCommunication) { $0.write($1) } }
            $0.member("reason") { $0.nullable(protection.reason?.rawValue) { $0.string($1) } }
            $0.member("status") { $0.string(protection.status.rawValue) }
        }
    }

    private mutating func write(_ result: CheckResult) throws {
        try object {
            $0.optional("accountId", result.accountId)
            $0.optional("accountName", result.accountName)
            try $0.member("evidence") { try $0.write(result.evidence) }
            $0.member("message") { $0.string(result.message) }
            $0.optional("ouPath", result.ouPath)
            $0.optional("region", result.region)
            $0.optional("remediation", result.remediation)
            $0.optional("resource", result.resource)
            $0.member("ruleId") { $0.string(result.ruleId) }
            $0.member("severity") { $0.string(result.severity.rawValue) }
            $0.member("status") { $0.string(result.status.rawValue) }
            $0.member("title") { $0.string(result.title) }
        }
    }

    private mutating func write(_ object: [String: JSONValue]) throws {
        let keys = object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        try self.object {
            for key in keys {
                try $0.member(key) { try $0.write(object[key]!) }
            }
        }
    }

    private mutating func write(_ value: JSONValue) throws {
        switch value {
        case .string(let text): string(text)
        case .number(let number): try self.number(number)
        case .bool(let flag): append(flag ? "true" : "false")
        case .array(let items): try array(items) { try $0.write($1) }
        case .object(let members): try write(members)
        case .null: append("null")
        }
    }

    private mutating func write(_ date: Date) {
        string(date.formatted(.iso8601))
    }

    // MARK: Structure

    private mutating func object(_ members: (inout Self) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), members)
    }

    private mutating func array<Element>(_ elements: [Element], _ write: (inout Self, Element) throws -> Void) throws {
        try container(open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { writer in
            for element in elements {
                writer.startMember()
                try write(&writer, element)
                if writer.buffer.count >= Self.chunkSize { try writer.flush() }
            }
        }
    }

    /// `{` or `[`, the members each on its own line one level deeper, then the closing bracket on a line of its
    /// own; an empty container still spans the blank line `JSONEncoder` leaves in it.
    private mutating func container(open: UInt8, close: UInt8, _ members: (inout Self) throws -> Void) rethrows {
        buffer.append(open)
        buffer.append(UInt8(ascii: "\n"))
        depth += 1
        hasMembers.append(false)
        try members(&self)
        hasMembers.removeLast()
        depth -= 1
        buffer.append(UInt8(ascii: "\n"))
        indent()
        buffer.append(close)
    }

    /// Separates a member from the one before and indents it.
    private mutating func startMember() {
        if hasMembers[hasMembers.count - 1] {
            buffer.append(UInt8(ascii: ","))
            buffer.append(UInt8(ascii: "\n"))
        }
        hasMembers[hasMembers.count - 1] = true
        indent()
    }

    private mutating func member(_ key: String, _ value: (inout Self) throws -> Void) rethrows {
        startMember()
        string(key)
        append(" : ")
        try value(&self)
    }

    private mutating func optional(_ key: String, _ value: String?) {
        guard let value else { return }
        member(key) { $0.string(value) }
    }

    /// `value` written by `write`, or `null`.
    private mutating func nullable<Value>(_ value: Value?, _ write: (inout Self, Value) -> Void) {
        guard let value else { return append("null") }
        write(&self, value)
    }

    private mutating func indent() {
        for _ in 0..<depth {
            buffer.append(UInt8(ascii: " "))
            buffer.append(UInt8(ascii: " "))
        }
    }

    // MARK: Scalars

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    private mutating func integer(_ value: Int) {
        buffer.append(contentsOf: String(value).utf8)
    }

    /// Swift's shortest round-trip form without a trailing `.0`, as `JSONEncoder` writes a `Double`.
    private mutating func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        let text = value.description
        buffer.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else (`/` and non-ASCII
    /// included) as is.
    private mutating func string(_ text: String) {
        buffer.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                escape(byte)
                start = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends the escape sequence of `byte`, a quote, a backslash or a control character.
    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            append("\\u00")
            buffer.append(Self.hexDigits[Int(byte >> 4)])
            buffer.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
