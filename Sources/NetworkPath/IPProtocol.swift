/// The protocol of a security-group rule or a network-ACL entry, as EC2 names it (`-1`, `tcp` or `6`, …).
public enum IPProtocol: Sendable, Hashable {
    /// `-1`: every protocol, every port.
    case all
    case tcp
    /// Any other protocol (`udp`, `icmp`, a number): never carries HTTPS.
    case other(String)

    public init(_ text: String) {
        switch text.lowercased() {
        case "-1", "all": self = .all
        case "tcp", "6": self = .tcp
        default: self = .other(text)
        }
    }

    /// Whether traffic of TCP to a port in `ports` is of this protocol, and so matched by a port range of `range`
    /// (every port when this protocol is `.all` or `range` is nil).
    func carriesTCP(_ ports: ClosedRange<Int>, within range: ClosedRange<Int>?) -> Bool {
        switch self {
        case .all: true
        case .tcp: range.map { $0.contains(ports.lowerBound) && $0.contains(ports.upperBound) } ?? true
        case .other: false
        }
    }
}
