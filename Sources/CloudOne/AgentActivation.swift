import Foundation

/// What an agent activates with, read from a deployment script with the deployment's Lambda's own patterns:
/// `ACTIVATIONURL='…'`, `MANAGERURL='…'`, `tenantID:<UUID>`, `token:<word>`. The tenant id and token are secrets:
/// they are compared, never shown.
public struct AgentActivation: Sendable, Equatable, CustomStringConvertible {
    public var activationURL: String
    public var managerURL: String
    public var tenantID: String
    public var token: String

    public init(activationURL: String, managerURL: String, tenantID: String, token: String) {
        self.activationURL = activationURL
        self.managerURL = managerURL
        self.tenantID = tenantID
        self.token = token
    }

    /// The four values of `script`, or the names of those it lacks.
    public static func parse(_ script: String) -> Result<AgentActivation, MissingValues> {
        let values = patterns.map { name, pattern in (name, firstGroup(pattern, in: script)) }
        let missing = values.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else { return .failure(MissingValues(names: missing)) }
        let found = values.map { $0.1! }
        return .success(AgentActivation(activationURL: found[0], managerURL: found[1], tenantID: found[2], token: found[3]))
    }

    /// The values a deployment script lacks, by the names the SSM parameters give them.
    public struct MissingValues: Error, Sendable, Equatable {
        public var names: [String]
    }

    public var description: String {
        "AgentActivation(activationURL: \(activationURL), managerURL: \(managerURL), tenantID: [redacted], token: [redacted])"
    }

    private static let patterns: [(String, NSRegularExpression)] = [
        ("ACTIVATIONURL", regex(#"ACTIVATIONURL='(.+?)'"#)),
        ("MANAGERURL", regex(#"MANAGERURL='(.+?)'"#)),
        ("tenantID", regex(#"tenantID:(\w{8}-\w{4}-\w{4}-\w{4}-\w{12})"#)),
        ("token", regex(#"token:([\w-]+)"#)),
    ]

    private static func firstGroup(_ pattern: NSRegularExpression, in text: String) -> String? {
        guard let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file, so a failure is a programming error caught by the tests.
        try! NSRegularExpression(pattern: pattern)
    }
}
