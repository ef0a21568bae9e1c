import SyntheticAWS

/// The command line of `BenchEndpoint`.
struct BenchOptions {
    var host = "127.0.0.1"
    var port = 0
    var portFile: String?
    var callsFile: String?
    var accounts = 100
    var regions = 16
    var instances = 20
    var accountsPerOU = 100
    var executions = 3
    var state = SyntheticOrganization.State.post
    var latencyMilliseconds = 40
    /// Requests per second per account, region and service; 0 disables throttling.
    var rateLimit = 0.0
    var burst = 0.0
    /// Requests per second of STS per account (AWS's default quota is 600).
    var stsRateLimit = 600.0
    var threads = 1
    /// The Cloud One region Workload Security is served for (under `/cloudone/<region>/`), nil: not served.
    var cloudOneRegion: String?

    static let usage = """
        usage: BenchEndpoint [--accounts N] [--regions R] [--instances K] [--accounts-per-ou N] [--executions E]
                             [--state pre|post] [--latency-ms MS] [--rate-limit RPS] [--burst N] [--sts-rate-limit RPS]
                             [--threads T] [--host H] [--port P] [--port-file F] [--calls-file F]
                             [--cloudone REGION]
        Serves a generated AWS Organization on one HTTP/1.1 endpoint (keep-alive). GET /_bench/calls returns the
        calls counted per operation; POST /_bench/calls/reset clears them; SIGTERM writes them to --calls-file.
        --cloudone serves Workload Security for that Cloud One region under /cloudone/REGION/ (key
        SyntheticCloudOne's), and the deployed parameters hold its tenant id and token as plain Strings.
        """

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag != "--help" else { throw UsageError(description: Self.usage) }
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value\n\(Self.usage)") }
            func number() throws -> Double {
                guard let parsed = Double(value), parsed >= 0 else { throw UsageError(description: "\(flag): '\(value)' is not a number") }
                return parsed
            }
            switch flag {
            case "--host": host = value
            case "--port": port = Int(try number())
            case "--port-file": portFile = value
            case "--calls-file": callsFile = value
            case "--accounts": accounts = Int(try number())
            case "--regions": regions = Int(try number())
            case "--instances": instances = Int(try number())
            case "--accounts-per-ou": accountsPerOU = Int(try number())
            case "--executions": executions = Int(try number())
            case "--latency-ms": latencyMilliseconds = Int(try number())
            case "--rate-limit": rateLimit = try number()
            case "--burst": burst = try number()
            case "--sts-rate-limit": stsRateLimit = try number()
            case "--threads": threads = max(1, Int(try number()))
            case "--cloudone": cloudOneRegion = value
            case "--state":
                guard let parsed = SyntheticOrganization.State(rawValue: value) else {
                    throw UsageError(description: "--state: expected pre or post")
                }
                state = parsed
            default: throw UsageError(description: "unknown option \(flag)\n\(Self.usage)")
            }
        }
        guard accounts >= 1, (1...28).contains(regions), accountsPerOU >= 1, executions >= 1 else {
            throw UsageError(description: "need --accounts >= 1, --regions 1...28, --accounts-per-ou >= 1, --executions >= 1")
        }
        if burst == 0 { burst = max(1, rateLimit) }
    }
}
