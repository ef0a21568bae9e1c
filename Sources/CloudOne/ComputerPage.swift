/// The answer of `POST /api/computers/search`.
public struct ComputerPage: Decodable, Sendable {
    public var computers: [CloudOneComputer]
}
