import Foundation

/// The figures of one operation.
struct CallCostRow {
    var operation: CallCostOperation
    var responseBytes: Int
    /// CPU microseconds per call with the answer replayed from memory: sign + encode + decode.
    var inMemory: ProcessCPU
    /// CPU microseconds per call through the HTTP client and the loopback network.
    var transported: ProcessCPU

    /// The transport's share: what the network costs more than the answer replayed from memory.
    var transport: ProcessCPU {
        ProcessCPU(user: transported.user - inMemory.user, system: transported.system - inMemory.system)
    }

    /// The table of `rows`, then their averages weighted by the calls of a 1,000-account `pre` run.
    static func table(_ rows: [CallCostRow], calls: Int, concurrency: Int) -> String {
        func cell(_ value: Double, _ width: Int) -> String {
            let text = String(format: "%.0f", value)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func line(_ name: String, _ bytes: String, _ values: [Double]) -> String {
            name.padding(toLength: 43 - bytes.count, withPad: " ", startingAt: 0) + bytes
                + zip(values, [20, 11, 12, 7]).map { cell($0, $1) }.joined()
        }
        var lines = [
            "CPU per call, \(calls) calls per operation, \(concurrency) at once (microseconds of user + system CPU)",
            "operation                          response  sign+encode+decode  transport  (in kernel)  total",
        ]
        for row in rows {
            lines.append(line(
                row.operation.name, "\(row.responseBytes) B",
                [row.inMemory.total, row.transport.total, row.transport.system, row.transported.total]))
        }
        let weights = rows.map { Double($0.operation.preCalls) }
        let total = weights.reduce(0, +)
        func weighted(_ value: (CallCostRow) -> Double) -> Double {
            zip(rows, weights).reduce(0) { $0 + value($1.0) * $1.1 } / total
        }
        lines.append(line(
            "weighted by a 1,000-account pre run", "",
            [weighted(\.inMemory.total), weighted(\.transport.total), weighted(\.transport.system),
             weighted(\.transported.total)]))
        return lines.joined(separator: "\n")
    }
}
