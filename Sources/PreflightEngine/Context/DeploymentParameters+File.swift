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
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ParametersFileError(file: file, line: errorLine(error, text: text), message: "not valid JSON")
        }
        guard let items = json as? [Any] else {
            throw ParametersFileError(file: file, line: 1, message: "expected a JSON array of {\"ParameterKey\", \"ParameterValue\"} objects")
        }
        let keyLines = lines(of: "\"ParameterKey\"", in: text)
        var values: [String: (value: String, line: Int)] = [:]
        for (index, item) in items.enumerated() {
            let line = index < keyLines.count ? keyLines[index] : 1
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

    static func errorLine(_ error: any Error, text: String) -> Int {
        let info = (error as NSError).userInfo
        var index = info["NSJSONSerializationErrorIndex"] as? Int
        if index == nil, let debug = info[NSDebugDescriptionErrorKey] as? String,
            let range = debug.range(of: #"character [0-9]+"#, options: .regularExpression)
        {
            index = Int(debug[range].dropFirst("character ".count))
        }
        guard let index else { return 1 }
        return text.utf8.prefix(index).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
