/// `AWS_CA_BUNDLE` names a file that holds no usable certificate.
public struct CABundleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "AWS_CA_BUNDLE \(path): \(reason)" }
}
