import Foundation

extension EmulatorProcess {
    /// Changes the fake Cloud One's state (`POST /_preflight/cloudone/state`, a partial update with the scenario's
    /// `cloudone` keys: `token`, `agents`, …) and returns the state now in force.
    @discardableResult
    public func updateCloudOne(_ changes: [String: Any]) throws -> [String: Any] {
        try postJSON("/_preflight/cloudone/state", changes)
    }

    /// The base URL of the fake Cloud One's `region`, for `CLOUDONE_ENDPOINT_URL`.
    public func cloudOneEndpoint(region: String) -> String {
        "\(endpoint)/cloudone/\(region)"
    }
}
