/// Whether the deployment covers an instance.
public enum CoverageVerdict: String, Sendable, Codable {
    case covered, uncovered, excluded
}
