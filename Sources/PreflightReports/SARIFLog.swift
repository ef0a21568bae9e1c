import PreflightEngine

/// The subset of the SARIF 2.1.0 object model that the SARIF report uses.
struct SARIFLog: Encodable {
    var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    struct Run: Encodable {
        var tool: Tool
        var automationDetails: AutomationDetails
        var invocations: [Invocation]
        var results: [Result]
        var properties: RunProperties
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message?
        var help: Message?
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct AutomationDetails: Encodable {
        var id: String
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var startTimeUtc: String
        var endTimeUtc: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var kind: String
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: ResultProperties
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct LogicalLocation: Encodable {
        var name: String
        var fullyQualifiedName: String
        var kind: String
    }

    struct ResultProperties: Encodable {
        var status: CheckStatus
        var severity: Severity
        var accountId: String?
        var accountName: String?
        var ouPath: String?
        var region: String?
        var resource: String?
        var remediation: String?
        var evidence: [String: JSONValue]?
    }

    struct RunProperties: Encodable {
        var phase: Phase
        var status: AuditReport.Status
        var summary: AuditReport.Summary
        var coverage: CoverageTotals
    }
}
