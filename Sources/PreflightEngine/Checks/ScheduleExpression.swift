/// Validates State Manager schedule expressions: `cron(...)` with six fields, or `rate(N unit)`.
enum ScheduleExpression {
    /// What is wrong with `expression`, or `nil` when it is valid.
    static func problem(in expression: String) -> String? {
        let text = expression.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("rate("), text.hasSuffix(")") {
            return rateProblem(String(text.dropFirst(5).dropLast()))
        }
        if text.hasPrefix("cron("), text.hasSuffix(")") {
            return cronProblem(String(text.dropFirst(5).dropLast()))
        }
        if text.hasPrefix("at("), text.hasSuffix(")") {
            return nil
        }
        return "expected cron(...), rate(...) or at(...)"
    }

    static func rateProblem(_ body: String) -> String? {
        let parts = body.split(separator: " ")
        guard parts.count == 2, let value = Int(parts[0]), value > 0 else {
            return "rate needs a positive number and a unit"
        }
        let unit = String(parts[1])
        let minutes: Int
        switch unit {
        case "minute", "minutes": minutes = value
        case "hour", "hours": minutes = value * 60
        case "day", "days": minutes = value * 1440
        default: return "unknown rate unit '\(unit)'"
        }
        if (value == 1) == unit.hasSuffix("s") {
            return value == 1 ? "use a singular unit for 1" : "use a plural unit for \(value)"
        }
        return minutes < 30 ? "associations run at most every 30 minutes" : nil
    }

    static func cronProblem(_ body: String) -> String? {
        let fields = body.split(separator: " ").map(String.init)
        guard fields.count == 6 else { return "cron needs 6 fields (minutes hours day-of-month month day-of-week year), found \(fields.count)" }
        let ranges: [(String, ClosedRange<Int>)] = [
            ("minutes", 0...59), ("hours", 0...23), ("day-of-month", 1...31), ("month", 1...12), ("day-of-week", 1...7),
            ("year", 1970...2199),
        ]
        for (field, (name, range)) in zip(fields, ranges) {
            if let problem = fieldProblem(field, name: name, range: range) { return problem }
        }
        let dayOfMonth = fields[2], dayOfWeek = fields[4]
        if (dayOfMonth == "?") == (dayOfWeek == "?") {
            return "exactly one of day-of-month and day-of-week must be '?'"
        }
        return nil
    }

    static let names: [String: Int] = [
        "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11,
        "DEC": 12, "SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7,
    ]

    static func fieldProblem(_ field: String, name: String, range: ClosedRange<Int>) -> String? {
        if field == "*" || (field == "?" && (name == "day-of-month" || name == "day-of-week")) { return nil }
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            var item = Substring(part)
            if let slash = item.firstIndex(of: "/") {
                guard Int(item[item.index(after: slash)...]).map({ $0 > 0 }) == true else {
                    return "\(name): bad increment in '\(field)'"
                }
                item = item[..<slash]
                if item == "*" { continue }
            }
            if name == "day-of-month", item == "L" || item == "W" || item.hasSuffix("W") { continue }
            if name == "day-of-week", item.hasSuffix("L") || item.contains("#") { continue }
            for bound in item.split(separator: "-", omittingEmptySubsequences: false) {
                guard let value = Int(bound) ?? names[bound.uppercased()], range.contains(value) else {
                    return "\(name): '\(field)' is outside \(range.lowerBound)-\(range.upperBound)"
                }
            }
        }
        return nil
    }
}
