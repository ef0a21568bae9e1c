import Foundation

/// Rewrites what legitimately differs between two runs of the same audit, and nothing else: timestamps and
/// durations become fixed placeholders; the ids the emulator draws at random (accounts, organization, OUs,
/// instances, stacks, associations, executions, access keys…), ports and scratch paths become numbered
/// placeholders, each distinct value keeping its number (in order of first appearance) across every text the
/// normalizer sees.
struct GoldenNormalizer {
    /// One kind of varying value: what matches `pattern` is replaced by `<name>` (fixed) or `<name-N>` (numbered).
    struct Varying: Sendable {
        var name: String
        var pattern: String
        var numbered: Bool

        init(_ name: String, _ pattern: String, numbered: Bool = true) {
            self.name = name
            self.pattern = pattern
            self.numbered = numbered
        }
    }

    /// The varying values, most specific first (a stack ARN's UUID is the stack's, not an association's).
    static let varying: [Varying] = [
        Varying("scratch", #"/[^\s"'<>]*/preflight-cli-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"#),
        Varying("endpoint", #"https?://127\.0\.0\.1:[0-9]+"#),
        Varying("rules-directory", #"(?<="rulesDirectory" : ")[^"]*"#, numbered: false),
        Varying("timestamp", #"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?"#, numbered: false),
        Varying("timestamp", #"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC"#, numbered: false),
        Varying("duration", #"(?<="(durationSeconds|durationMs|elapsedSeconds|elapsed|duration)": ?)[0-9.]+"#, numbered: false),
        Varying("duration", #"(?<= time=")[0-9]+\.[0-9]+(?=")"#, numbered: false),
        Varying("duration", #"(?<=\btook )([0-9]+ min )?[0-9]+ (ms|s)\b"#, numbered: false),
        Varying("uuid", #"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#),
        Varying("organization", #"\bo-[a-z0-9]{10,32}\b"#),
        Varying("root", #"\br-[a-z0-9]{4,32}\b"#),
        Varying("ou", #"\bou-[a-z0-9]{4,32}-[a-z0-9]{8,32}\b"#),
        Varying("policy", #"\bp-[a-z0-9]{8,128}\b"#),
        Varying("instance", #"\bi-[0-9a-f]{8,17}\b"#),
        Varying("access-key", #"\b(ASIA|AKIA)[A-Z0-9]{16}\b"#),
        Varying("lambda-role-suffix", #"(?<=-LambdaExecutionRole-)[A-Za-z0-9]{12}\b"#),
        Varying("account", #"(?<![0-9A-Za-z])[0-9]{12}(?![0-9A-Za-z])"#),
        Varying("ip", #"\b(10|172|192)\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\b"#),
    ]

    private let expressions: [(Varying, NSRegularExpression)]
    private var numbers: [String: [String: Int]] = [:]

    init() {
        // The patterns are literals of this file: a bad one is a programming error.
        expressions = Self.varying.map { ($0, try! NSRegularExpression(pattern: $0.pattern)) }
    }

    /// `text` with every varying value replaced.
    mutating func normalize(_ text: String) -> String {
        var text = text
        for (varying, expression) in expressions {
            let source = text as NSString
            var result = ""
            var last = 0
            for match in expression.matches(in: text, range: NSRange(location: 0, length: source.length)) {
                result += source.substring(with: NSRange(location: last, length: match.range.location - last))
                result += placeholder(varying, source.substring(with: match.range))
                last = match.range.location + match.range.length
            }
            result += source.substring(from: last)
            text = result
        }
        return text
    }

    private mutating func placeholder(_ varying: Varying, _ value: String) -> String {
        guard varying.numbered else { return "<\(varying.name)>" }
        var known = numbers[varying.name, default: [:]]
        let number = known[value] ?? known.count + 1
        known[value] = number
        numbers[varying.name] = known
        return "<\(varying.name)-\(number)>"
    }
}
