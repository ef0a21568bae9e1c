/// Why `CallCost` cannot run.
struct CallCostError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
