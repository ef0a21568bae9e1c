import Foundation

/// The outcome of one run, in the shape of the JSON report (schemaVersion 1).
public struct AuditReport: Sendable, Equatable, Codable {
    public struct Tool: Sendable, Equatable, Codable {
        public var name: String
        public var version: String
        /// The rules directory the run loaded.
        public var rulesDirectory: String?

        public init(name: String, version: String, rulesDirectory: String? = nil) {
            self.name = name
            self.version = version
            self.rulesDirectory = rulesDirectory
        }
    }

    public struct Caller: Sendable, Equatable, Codable {
        public var accountId: String?
        public var arn: String?
        public var principalArn: String?

        public init(accountId: String? = nil, arn: String? = nil, principalArn: String? = nil) {
            self.accountId = accountId
            self.arn = arn
            self.principalArn = principalArn
        }
    }

    public struct Organization: Sendable, Equatable, Codable {
        public var id: String?
        public var managementAccountId: String?

        public init(id: String? = nil, managementAccountId: String? = nil) {
            self.id = id
            self.managementAccountId = managementAccountId
        }
    }

    public struct Summary: Sendable, Equatable, Codable {
        public var pass = 0, fail = 0, warn = 0, error = 0, skip = 0

        public init(_ results: [CheckResult]) {
            for index in results.indices {
                switch results[index].status {
                case .pass: pass += 1
                case .fail: fail += 1
                case .warn: warn += 1
                case .error: error += 1
                case .skip: skip += 1
                }
            }
        }
    }

    /// `pass`, `fail`, or `incomplete` when nothing failed but something could not be checked.
    public enum Status: String, Sendable, Codable {
        case pass, fail, incomplete
    }

    public struct CoverageBlock: Sendable, Equatable, Codable {
        public var totals: CoverageTotals
        public var instances: [InstanceCoverage]

        public init(totals: CoverageTotals, instances: [InstanceCoverage]) {
            self.totals = totals
            self.instances = instances
        }
    }

    public var schemaVersion = 1
    public var tool: Tool
    public var phase: Phase
    public var status: Status
    public var startedAt: Date
    public var finishedAt: Date
    public var caller: Caller
    /// The run's home region (`--region`): where the organization-wide calls went, and Security Hub's region.
    public var homeRegion: String?
    public var organization: Organization
    public var summary: Summary
    public var results: [CheckResult]
    public var coverage: CoverageBlock

    public init(
        tool: Tool, phase: Phase, startedAt: Date, finishedAt: Date, caller: Caller, organization: Organization,
        results: [CheckResult], coverage: CoverageBlock, homeRegion: String? = nil
    ) {
        self.tool = tool
        self.phase = phase
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.caller = caller
        self.homeRegion = homeRegion
        self.organization = organization
        self.results = results
        self.coverage = coverage
        self.summary = Summary(results)
        self.status = summary.fail > 0 ? .fail : summary.error > 0 ? .incomplete : .pass
    }
}

extension AuditReport {
    /// The JSON encoding of the report: pretty-printed, sorted keys, ISO-8601 dates (as `JSONEncoder` writes it).
    public func jsonData() throws -> Data {
        var data = Data()
        try writeJSON { data.append(contentsOf: $0) }
        return data
    }

    /// Writes `jsonData()`'s bytes to `sink` in chunks of about 64 KiB, without holding the whole encoding.
    public func writeJSON(to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var writer = JSONReportWriter(sink: sink)
            try writer.write(self, results: nil)
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
                var writer = JSONReportWriter(sink: sink)
                try writer.write(self, results: results)
            }
        }
    }

    /// Writes the value of the report's `results` member exactly as `writeJSON(to:)` writes it inside the report.
    public func writeJSONResults(to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var writer = JSONReportWriter(sink: sink)
            try writer.writeResults(of: self)
        }
    }

    /// Decodes a saved JSON report.
    public static func decode(from data: Data) throws -> AuditReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(AuditReport.self, from: data)
    }
}

extension AuditReport {
    /// The run's only result when no AWS identity worked (`AuditRunner.identityRuleId`), else `nil`.
    public var identityFailure: CheckResult? {
        guard results.count == 1, results[0].ruleId == AuditRunner.identityRuleId else { return nil }
        return results[0]
    }
}
