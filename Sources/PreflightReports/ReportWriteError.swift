/// A report could not be written to `path`.
public struct ReportWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    public var description: String { "\(path): cannot write the report" }
}
