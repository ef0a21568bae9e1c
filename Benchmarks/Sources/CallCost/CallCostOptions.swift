/// The command line of `CallCost`.
struct CallCostOptions {
    var endpoint = ""
    var calls = 20_000
    var concurrency = 64
    /// The operations to measure (`service:Operation`); all when empty.
    var operations: Set<String> = []

    static let usage = """
        usage: CallCost --endpoint URL [--calls N] [--concurrency C] [--operations ec2:DescribeInstances,...]
        Measures the CPU per call of each operation Preflight makes, against a BenchEndpoint started with
        --latency-ms 0 (scripts/bench-calls does both).
        """

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag != "--help" else { throw CallCostError(Self.usage) }
            guard let value = rest.popFirst() else { throw CallCostError("\(flag) needs a value\n\(Self.usage)") }
            switch flag {
            case "--endpoint": endpoint = value
            case "--operations": operations.formUnion(value.split(separator: ",").map(String.init))
            case "--calls", "--concurrency":
                guard let number = Int(value), number > 0 else { throw CallCostError("\(flag): '\(value)' is not a positive number") }
                if flag == "--calls" { calls = number } else { concurrency = number }
            default: throw CallCostError("unknown option \(flag)\n\(Self.usage)")
            }
        }
        guard !endpoint.isEmpty else { throw CallCostError("--endpoint is required\n\(Self.usage)") }
        let known = CallCostOperation.all.map(\.name)
        let unknown = operations.subtracting(known)
        guard unknown.isEmpty else {
            throw CallCostError("--operations: unknown \(unknown.sorted().joined(separator: ", ")); known: "
                + known.joined(separator: ", "))
        }
    }
}
