/// A pattern where `*` matches any run of characters (including `:` and `/`) and `?` exactly one.
struct Wildcard: Equatable {
    enum Token: Equatable {
        case literal(Character)
        case anyRun
        case anyOne
    }

    var tokens: [Token]

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Reads `*` and `?` in `pattern` as wildcards, every other character literally.
    init(_ pattern: String) {
        tokens = pattern.map(Wildcard.token)
    }

    static func token(_ character: Character) -> Token {
        switch character {
        case "*": .anyRun
        case "?": .anyOne
        default: .literal(character)
        }
    }

    /// The pattern's text when it has no wildcard, i.e. what an exact comparison compares.
    var literalText: String {
        String(
            tokens.map { token in
                switch token {
                case .literal(let character): character
                case .anyRun: "*"
                case .anyOne: "?"
                }
            })
    }

    func matches(_ value: String, ignoringCase: Bool = false) -> Bool {
        let characters = Array(value)
        var token = 0
        var position = 0
        var star: (token: Int, position: Int)?
        while position < characters.count {
            if token < tokens.count, tokens[token] == .anyRun {
                star = (token, position)
                token += 1
            } else if token < tokens.count, accepts(tokens[token], characters[position], ignoringCase) {
                token += 1
                position += 1
            } else if let last = star {
                star = (last.token, last.position + 1)
                token = last.token + 1
                position = last.position + 1
            } else {
                return false
            }
        }
        while token < tokens.count, tokens[token] == .anyRun {
            token += 1
        }
        return token == tokens.count
    }

    private func accepts(_ token: Token, _ character: Character, _ ignoringCase: Bool) -> Bool {
        switch token {
        case .anyRun, .anyOne:
            true
        case .literal(let literal):
            ignoringCase ? literal.lowercased() == character.lowercased() : literal == character
        }
    }
}
