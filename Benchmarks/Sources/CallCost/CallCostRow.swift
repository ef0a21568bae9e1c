import Foundation

/// The figures of one operation.
struct CallCostRow {
    var operation: CallCostOperation
    var responseBytes: Int
    /// CPU microseconds per call with the answer replayed from memory: sign + encode + decode.
    var inMemory: Double
    /// CPU microseconds per call through the HTTP client and the loopback network.
    var transported: Double

    /// The table of `rows`, then their averages weighted by the calls of a 1,000-account `pre` run.
    static func table(_ rows: [CallCostRow], calls: Int, concurrency: Int) -> String {
        func cell(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func micros(_ value: Double) -> String { String(format: "%.0f", value) }
        var lines = [
            "CPU per call, \(calls) calls per operation, \(concurrency) at once (microseconds of user + system CPU)",
            "operation                          response  sign+encode+decode  transport  total",
        ]
        for row in rows {
            lines.append(row.operation.name.padding(toLength: 32, withPad: " ", startingAt: 0)
                + cell("\(row.responseBytes) B", 11) + cell(micros(row.inMemory), 20)
                + cell(micros(row.transported - row.inMemory), 11) + cell(micros(row.transported), 7))
        }
        let weights = rows.map { Double($0.operation.preCalls) }
        let total = weights.reduce(0, +)
        func weighted(_ value: (CallCostRow) -> Double) -> Double {
            zip(rows, weights).reduce(0) { $0 + value($1.0) * $1.1 } / total
        }
        lines.append("weighted by a 1,000-account pre run".padding(toLength: 43, withPad: " ", startingAt: 0)
            + cell(micros(weighted(\.inMemory)), 20) + cell(micros(weighted { $0.transported - $0.inMemory }), 11)
            + cell(micros(weighted(\.transported)), 7))
        return lines.joined(separator: "\n")
    }
}
