import Foundation

/// Reads the JSON of a policy document into a `PolicyDocument`, element by element, as the IAM grammar allows.
enum PolicyParser {
    static let versions: Set<String> = [PolicyDocument.currentVersion, "2008-10-17"]
    static let documentElements: Set<String> = ["Version", "Id", "Statement"]
    static let statementElements: Set<String> = [
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
    ]

    static func document(from json: String) throws(PolicyParseError) -> PolicyDocument {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        } catch {
            throw PolicyParseError(message: "policy document is not valid JSON")
        }
        guard case .object(let members) = root else {
            throw PolicyParseError(message: "policy document must be a JSON object, got \(root.kindName)")
        }
        if let unknown = members.keys.sorted().first(where: { !documentElements.contains($0) }) {
            throw PolicyParseError(message: "policy document has an unknown element \"\(unknown)\"")
        }
        let version = try optionalString(members["Version"], element: "Version", at: "policy document")
        if let version, !versions.contains(version) {
            throw PolicyParseError(
                message: "policy document Version must be \"2012-10-17\" or \"2008-10-17\", got \"\(version)\"")
        }
        let id = try optionalString(members["Id"], element: "Id", at: "policy document")
        let entries: [JSONValue]
        switch members["Statement"] {
        case nil:
            throw PolicyParseError(message: "policy document has no Statement")
        case let single? where single.isObject:
            entries = [single]
        case .array(let array)?:
            entries = array
        case let other?:
            throw PolicyParseError(
                message: "policy document Statement must be an object or an array of objects, got \(other.kindName)")
        }
        if entries.isEmpty {
            throw PolicyParseError(message: "policy document Statement is empty")
        }
        var statements: [PolicyStatement] = []
        for (index, entry) in entries.enumerated() {
            statements.append(try statement(entry, index: index))
        }
        return PolicyDocument(version: version, id: id, statements: statements)
    }

    static func statement(_ value: JSONValue, index: Int) throws(PolicyParseError) -> PolicyStatement {
        guard case .object(let members) = value else {
            throw PolicyParseError(message: "Statement[\(index)] must be an object, got \(value.kindName)")
        }
        var place = "Statement[\(index)]"
        let sid = try optionalString(members["Sid"], element: "Sid", at: place)
        if let sid {
            place += " (Sid \"\(sid)\")"
        }
        if let unknown = members.keys.sorted().first(where: { !statementElements.contains($0) }) {
            throw PolicyParseError(message: "\(place) has an unknown element \"\(unknown)\"")
        }
        let effect: PolicyStatement.Effect
        switch members["Effect"] {
        case nil:
            throw PolicyParseError(message: "\(place) has no Effect")
        case .string(let text)?:
            guard let parsed = PolicyStatement.Effect(rawValue: text) else {
                throw PolicyParseError(message: "\(place) Effect must be \"Allow\" or \"Deny\", got \"\(text)\"")
            }
            effect = parsed
        case let other?:
            throw PolicyParseError(message: "\(place) Effect must be \"Allow\" or \"Deny\", got \(other.kindName)")
        }
        guard let actions = try patternList(members, "Action", "NotAction", at: place) else {
            throw PolicyParseError(message: "\(place) has neither Action nor NotAction")
        }
        return PolicyStatement(
            sid: sid, effect: effect, actions: actions,
            resources: try patternList(members, "Resource", "NotResource", at: place),
            principals: try principalList(members, at: place),
            conditions: try conditions(members["Condition"], at: place))
    }

    static func optionalString(_ value: JSONValue?, element: String, at place: String) throws(PolicyParseError)
        -> String?
    {
        switch value {
        case nil: return nil
        case .string(let text)?: return text
        case let other?: throw PolicyParseError(message: "\(place) \(element) must be a string, got \(other.kindName)")
        }
    }

    /// A string or a non-empty array of strings.
    static func strings(_ value: JSONValue, element: String, at place: String) throws(PolicyParseError) -> [String] {
        switch value {
        case .string(let text):
            return [text]
        case .array(let elements) where !elements.isEmpty:
            var texts: [String] = []
            for (index, item) in elements.enumerated() {
                guard case .string(let text) = item else {
                    throw PolicyParseError(
                        message: "\(place) \(element)[\(index)] must be a string, got \(item.kindName)")
                }
                texts.append(text)
            }
            return texts
        case .array:
            throw PolicyParseError(message: "\(place) \(element) is empty")
        default:
            throw PolicyParseError(
                message: "\(place) \(element) must be a string or an array of strings, got \(value.kindName)")
        }
    }

    static func patternList(_ members: [String: JSONValue], _ positive: String, _ negative: String, at place: String)
        throws(PolicyParseError) -> PatternList?
    {
        switch (members[positive], members[negative]) {
        case (nil, nil):
            return nil
        case (let value?, nil):
            return PatternList(patterns: try strings(value, element: positive, at: place))
        case (nil, let value?):
            return PatternList(patterns: try strings(value, element: negative, at: place), negated: true)
        case (_?, _?):
            throw PolicyParseError(message: "\(place) has both \(positive) and \(negative)")
        }
    }

    static func principalList(_ members: [String: JSONValue], at place: String) throws(PolicyParseError)
        -> PrincipalList?
    {
        let element: String
        let value: JSONValue
        switch (members["Principal"], members["NotPrincipal"]) {
        case (nil, nil):
            return nil
        case (let found?, nil):
            (element, value) = ("Principal", found)
        case (nil, let found?):
            (element, value) = ("NotPrincipal", found)
        case (_?, _?):
            throw PolicyParseError(message: "\(place) has both Principal and NotPrincipal")
        }
        let negated = element == "NotPrincipal"
        switch value {
        case .string("*"):
            return PrincipalList(everyone: true, negated: negated)
        case .object(let kinds) where !kinds.isEmpty:
            var identifiers: [PrincipalList.Kind: [String]] = [:]
            for (name, value) in kinds.sorted(by: { $0.key < $1.key }) {
                guard let kind = PrincipalList.Kind(rawValue: name) else {
                    throw PolicyParseError(
                        message: "\(place) \(element) has an unknown principal type \"\(name)\" "
                            + "(expected AWS, Service, Federated or CanonicalUser)")
                }
                identifiers[kind] = try strings(value, element: "\(element).\(name)", at: place)
            }
            let everyone = identifiers[.aws]?.contains("*") ?? false
            return PrincipalList(everyone: everyone, identifiers: identifiers, negated: negated)
        default:
            throw PolicyParseError(
                message: "\(place) \(element) must be \"*\" or an object of principal types, got \(describe(value))")
        }
    }

    static func conditions(_ value: JSONValue?, at place: String) throws(PolicyParseError) -> [ConditionClause] {
        guard let value else { return [] }
        guard case .object(let operators) = value else {
            throw PolicyParseError(message: "\(place) Condition must be an object, got \(value.kindName)")
        }
        var clauses: [ConditionClause] = []
        for (name, block) in operators.sorted(by: { $0.key < $1.key }) {
            guard case .object(let keys) = block, !keys.isEmpty else {
                throw PolicyParseError(
                    message: "\(place) Condition \"\(name)\" must be a non-empty object of condition keys, got "
                        + block.kindName)
            }
            for (key, value) in keys.sorted(by: { $0.key < $1.key }) {
                let values = try conditionValues(value, at: "\(place) Condition \"\(name)\" key \"\(key)\"")
                clauses.append(ConditionClause(operatorName: name, key: key, values: values))
            }
        }
        return clauses
    }

    /// A string, number or boolean, or a non-empty array of them, as text.
    static func conditionValues(_ value: JSONValue, at place: String) throws(PolicyParseError) -> [String] {
        let elements: [JSONValue]
        if case .array(let array) = value {
            guard !array.isEmpty else { throw PolicyParseError(message: "\(place) has no value") }
            elements = array
        } else {
            elements = [value]
        }
        var texts: [String] = []
        for element in elements {
            switch element {
            case .string(let text), .number(let text): texts.append(text)
            case .bool(let flag): texts.append(flag ? "true" : "false")
            default:
                throw PolicyParseError(
                    message: "\(place) must be a string, number or boolean or an array of them, got \(element.kindName)"
                )
            }
        }
        return texts
    }

    private static func describe(_ value: JSONValue) -> String {
        if case .string(let text) = value {
            return "\"\(text)\""
        }
        return value.kindName
    }
}
