/// An `Allow` statement of an IAM policy, as a remediation prints it: paste it into the principal's policy.
public struct PolicyStatement: Sendable, Equatable {
    public var actions: [String]
    public var resource: String

    public init(actions: [String], resource: String = "*") {
        self.actions = actions
        self.resource = resource
    }

    /// The statement granting one permission.
    public init(_ permission: Permission) {
        self.init(actions: [permission.action], resource: permission.resource)
    }

    /// One statement per resource, in order of first appearance, each with its actions in the order given.
    public static func grouping(_ permissions: [Permission]) -> [PolicyStatement] {
        var statements: [PolicyStatement] = []
        for permission in permissions {
            if let index = statements.firstIndex(where: { $0.resource == permission.resource }) {
                if !statements[index].actions.contains(permission.action) {
                    statements[index].actions.append(permission.action)
                }
            } else {
                statements.append(PolicyStatement(permission))
            }
        }
        return statements
    }

    /// The statement as one line of JSON: `{"Effect": "Allow", "Action": …, "Resource": …}`.
    public var json: String {
        "{\"Effect\": \"Allow\", \"Action\": \(actionJSON(itemIndent: nil)), \"Resource\": \(Self.quoted(resource))}"
    }

    /// A policy document holding `statements`, pretty-printed as the IAM console shows it.
    public static func document(_ statements: [PolicyStatement]) -> String {
        let body = statements.map { statement in
            "    {\n      \"Effect\": \"Allow\",\n      \"Action\": \(statement.actionJSON(itemIndent: "      ")),\n"
                + "      \"Resource\": \(quoted(statement.resource))\n    }"
        }
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + body.joined(separator: ",\n") + "\n  ]\n}"
    }

    /// `Action`'s value: one action as a string, several as a list, on one line or one item per line below
    /// `itemIndent`.
    func actionJSON(itemIndent: String?) -> String {
        guard actions.count > 1 else { return Self.quoted(actions[0]) }
        guard let itemIndent else { return "[" + actions.map(Self.quoted).joined(separator: ", ") + "]" }
        return "[\n" + actions.map { itemIndent + "  " + Self.quoted($0) }.joined(separator: ",\n") + "\n" + itemIndent + "]"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
