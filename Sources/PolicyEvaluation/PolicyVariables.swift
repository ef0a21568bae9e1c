/// Substitution of `${…}` policy variables (policy version 2012-10-17) from the request context.
enum PolicyVariables {
    enum Expansion: Equatable {
        case pattern(Wildcard)
        /// A variable whose key the request does not carry (and that has no default): the element does not match.
        case unresolved(key: String)
        case unknown(String)
    }

    /// Expands the variables of `text`; its own `*` and `?` are wildcards when `wildcards` is set, while the
    /// characters a variable stands for (`${*}` included) are always literal.
    static func expand(_ text: String, in request: RequestContext, wildcards: Bool, substituting: Bool) -> Expansion {
        var tokens: [Wildcard.Token] = []
        var rest = Substring(text)
        while let first = rest.first {
            if substituting, rest.hasPrefix("${"), let close = rest.firstIndex(of: "}") {
                let body = rest[rest.index(rest.startIndex, offsetBy: 2)..<close]
                switch value(of: body, in: request) {
                case .success(let value): tokens += value.map { .literal($0) }
                case .failure(let failure): return failure.expansion
                }
                rest = rest[rest.index(after: close)...]
                continue
            }
            tokens.append(wildcards ? Wildcard.token(first) : .literal(first))
            rest = rest.dropFirst()
        }
        return .pattern(Wildcard(tokens: tokens))
    }

    private struct Failure: Error {
        var expansion: Expansion
    }

    /// The text a variable body (`aws:username`, `*`, `aws:username, 'none'`) stands for.
    private static func value(of body: Substring, in request: RequestContext) -> Result<String, Failure> {
        let trimmed = body.trimmingWhitespace()
        switch trimmed {
        case "*", "?", "$":
            return .success(String(trimmed))
        default:
            break
        }
        var key = trimmed
        var fallback: String?
        if let comma = trimmed.firstIndex(of: ",") {
            key = trimmed[..<comma].trimmingWhitespace()
            let quoted = trimmed[trimmed.index(after: comma)...].trimmingWhitespace()
            guard quoted.count >= 2, quoted.first == "'", quoted.last == "'" else {
                return .failure(
                    Failure(expansion: .unknown("policy variable ${\(body)} has a malformed default value")))
            }
            fallback = String(quoted.dropFirst().dropLast())
        }
        let name = String(key)
        if request.isUnknown(name) {
            return .failure(Failure(expansion: .unknown("the value of \(name) (policy variable) is not known")))
        }
        switch request.values(of: name) {
        case let values? where values.count == 1:
            return .success(values[0])
        case let values? where values.count > 1:
            return .failure(Failure(expansion: .unknown("policy variable ${\(name)} has several values")))
        default:
            if let fallback {
                return .success(fallback)
            }
            return .failure(Failure(expansion: .unresolved(key: name)))
        }
    }
}
