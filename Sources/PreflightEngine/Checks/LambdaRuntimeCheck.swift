import AWSCore

/// `lambda-runtime`: the custom-resource Lambda's runtime against AWS's runtime deprecation table (rule data):
/// `warn` once deprecated, `fail` from the day Lambda blocks creating functions with it, since the stack creates one.
struct LambdaRuntimeCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// One runtime of AWS's table; the dates it has not announced are absent.
        struct Runtime: Decodable, Sendable {
            var name: String
            var deprecated: CalendarDay?
            var blockCreate: CalendarDay?
            var blockUpdate: CalendarDay?
        }

        /// Where the table comes from, and the day it was read there.
        var source: String
        var readOn: CalendarDay
        var runtimes: [Runtime]
    }

    static let name = "lambda-runtime"
    static let summary =
        "The custom-resource Lambda's runtime in the template against AWS's runtime deprecation table: warn once "
        + "deprecated, fail from the day Lambda blocks creating functions with it."
    static let auditorPermissions: [AuditorPermission] = []

    let configuration: Configuration

    init(configuration: Configuration) { self.configuration = configuration }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let function = context.options.deployment.lambdaFunction
        let table = "AWS's table (\(configuration.source), read on \(configuration.readOn))"
        guard let runtime = configuration.runtimes.first(where: { $0.name == function.runtime }) else {
            throw AuditError(
                message: "the Lambda function \(function.logicalId) uses \(function.runtime), which is not in "
                    + "\(table): add it to the lambda-runtime rule's data")
        }
        let today = CalendarDay(context.options.now)
        var evidence: [String: JSONValue] = [
            "function": .string(function.logicalId), "runtime": .string(runtime.name),
            "tableSource": .string(configuration.source), "tableReadOn": .string(configuration.readOn.description),
        ]
        for (key, day) in [("deprecated", runtime.deprecated), ("blockCreate", runtime.blockCreate), ("blockUpdate", runtime.blockUpdate)] {
            if let day { evidence[key] = .string(day.description) }
        }
        let subject = "the Lambda function \(function.logicalId) uses \(runtime.name)"
        let advice = replacement(for: runtime.name, on: today).map {
            "Deploy with a template whose \(function.logicalId) uses \($0) (test the function's code on it first)."
        }
        if let blockCreate = runtime.blockCreate, today >= blockCreate {
            return [rule.result(
                .fail, "\(subject): Lambda blocks creating functions with it since \(blockCreate), so the stack cannot be created",
                resource: function.logicalId, evidence: evidence, remediation: advice)]
        }
        if let deprecated = runtime.deprecated, today >= deprecated {
            let until = runtime.blockCreate.map { "; from \($0) no function can be created with it and the stack will fail" } ?? ""
            return [rule.result(
                .warn, "\(subject), deprecated since \(deprecated) (no more security patches)\(until)",
                resource: function.logicalId, evidence: evidence, remediation: advice)]
        }
        let planned = runtime.deprecated.map { ", deprecated from \($0)" } ?? ""
        return [rule.result(.pass, "\(subject), supported by Lambda\(planned)", resource: function.logicalId, evidence: evidence)]
    }

    /// The last runtime of the table in the same language (`python` for `python3.9`) that is not deprecated on `day`.
    func replacement(for name: String, on day: CalendarDay) -> String? {
        let language = name.prefix(while: \.isLetter)
        return configuration.runtimes.last {
            $0.name.prefix(while: \.isLetter) == language && !($0.deprecated.map { day >= $0 } ?? false)
        }?.name
    }
}
