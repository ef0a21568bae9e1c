import Foundation

/// A parameters file that cannot be used, with the place of the mistake.
public struct ParametersFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

extension DeploymentParameters {
    static let knownKeys: Set<String> = [
        "AccountAdminStatus", "CronJob", "CloudOneRegionEndpoint", "CloudOneApiKeySecret", "CloudOneAPIKey", "TrendKeyArn",
        "TrendStagingS3Bucket", "QSS3BucketName", "QSS3KeyPrefix", "QSS3BucketRegion",
    ]

    /// Parses the CloudFormation parameters JSON that `aws cloudformation create-stack --parameters file://F` takes:
    /// `[{"ParameterKey": "...", "ParameterValue": "..."}, ...]`. Errors never quote a value.
    public static func parse(_ data: Data, file: String) throws -> DeploymentParameters {
        let text = String(decoding: data, as: UTF8.self)
        if let line = trailingCommaLine(in: text) {
            throw ParametersFileError(file: file, line: line, message: "not valid JSON: a trailing comma before a closing bracket")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ParametersFileError(file: file, line: errorLine(error, text: text), message: "not valid JSON")
        }
        guard let items = json as? [Any] else {
            throw ParametersFileError(file: file, line: 1, message: "expected a JSON array of {\"ParameterKey\", \"ParameterValue\"} objects")
        }
        let starts = elementLines(in: text)
        let keyLines = lines(of: "\"ParameterKey\"", in: text)
        var values: [String: (value: String, line: Int)] = [:]
        for (index, item) in items.enumerated() {
            let line = itemLine(index, starts: starts, keyLines: keyLines)
            guard let object = item as? [String: Any] else {
                throw ParametersFileError(file: file, line: line, message: "item \(index + 1) is not an object")
            }
            guard let key = object["ParameterKey"] as? String, !key.isEmpty else {
                throw ParametersFileError(file: file, line: line, message: "item \(index + 1): ParameterKey is missing or not a string")
            }
            guard knownKeys.contains(key) else {
                throw ParametersFileError(
                    file: file, line: line,
                    message: "ParameterKey '\(key)' is not a parameter of the deployment (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            if object["UsePreviousValue"] as? Bool == true { continue }
            guard let value = object["ParameterValue"] as? String else {
                throw ParametersFileError(file: file, line: line, message: "\(key): ParameterValue is missing or not a string")
            }
            guard values[key] == nil else {
                throw ParametersFileError(file: file, line: line, message: "\(key) is given twice")
            }
            values[key] = (value, line)
        }
        return DeploymentParameters(values: values, file: file)
    }

    /// The line of item `index`: its `"ParameterKey"` when it has one, else where the item starts.
    static func itemLine(_ index: Int, starts: [Int], keyLines: [Int]) -> Int {
        guard index < starts.count else { return 1 }
        let next = index + 1 < starts.count ? starts[index + 1] : Int.max
        return keyLines.first { $0 >= starts[index] && $0 < next } ?? starts[index]
    }

    static func lines(of needle: String, in text: String) -> [Int] {
        var result: [Int] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let range = rest.range(of: needle) {
                result.append(number + 1)
                rest = rest[range.upperBound...]
            }
        }
        return result
    }

    /// The line on which each element of the top-level JSON array starts (the text is valid JSON).
    static func elementLines(in text: String) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var expectingElement = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            let isSpace = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(byte)
            if depth == 1, expectingElement, !isSpace, byte != UInt8(ascii: "]") {
                lines.append(line)
                expectingElement = false
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expectingElement = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","): if depth == 1 { expectingElement = true }
            default: break
            }
        }
        return lines
    }

    static func errorLine(_ error: any Error, text: String) -> Int {
        let info = (error as NSError).userInfo
        var index = info["NSJSONSerializationErrorIndex"] as? Int
        if index == nil, let debug = info[NSDebugDescriptionErrorKey] as? String,
            let range = debug.range(of: #"character [0-9]+"#, options: .regularExpression)
        {
            index = Int(debug[range].dropFirst("character ".count))
        }
        let lines = text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - (text.hasSuffix("\n") ? 1 : 0)
        guard let index else {
            let debug = (info[NSDebugDescriptionErrorKey] as? String ?? "").lowercased()
            return debug.contains("end of") || debug.contains("unexpected end") ? max(1, lines) : 1
        }
        return min(max(1, lines), text.utf8.prefix(index).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
    }

    /// The line of a `,` followed only by whitespace and a closing `]` or `}` outside strings (strict JSON has none;
    /// Foundation accepts them).
    static func trailingCommaLine(in text: String) -> Int? {
        var line = 1, inString = false, escaped = false
        var pendingComma: Int?
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                if byte == UInt8(ascii: "\n") { line += 1 }
                continue
            }
            switch byte {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            case UInt8(ascii: ","): pendingComma = line
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if pendingComma != nil { return line }
            case UInt8(ascii: "\""):
                inString = true
                pendingComma = nil
            default: pendingComma = nil
            }
        }
        return nil
    }
}
