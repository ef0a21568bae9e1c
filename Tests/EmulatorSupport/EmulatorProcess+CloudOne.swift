import Foundation

extension EmulatorProcess {
    /// Changes the fake Cloud One's state (`POST /_preflight/cloudone/state`, a partial update with the scenario's
    /// `cloudone` keys: `token`, `agents`, …) and returns the state now in force.
    @discardableResult
    public func updateCloudOne(_ changes: [String: Any]) throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: changes)
        let data = try Self.output([
            "curl", "-sf", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
            String(decoding: body, as: UTF8.self), "\(endpoint)/_preflight/cloudone/state",
        ])
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// The base URL of the fake Cloud One's `region`, for `CLOUDONE_ENDPOINT_URL`.
    public func cloudOneEndpoint(region: String) -> String {
        "\(endpoint)/cloudone/\(region)"
    }
}
