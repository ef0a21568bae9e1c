/// Preflight's version: `--version`, the report's `tool.version` and the User-Agent of every request.
public enum ToolVersion {
    public static let current = "0.1.0"

    /// The User-Agent header's value.
    public static var userAgent: String { "preflight/\(current)" }
}
