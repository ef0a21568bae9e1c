/// Reports that cannot be merged.
public struct ReportMergeError: Error, CustomStringConvertible {
    public var description: String
}
