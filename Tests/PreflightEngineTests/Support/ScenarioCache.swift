/// Builds each scenario once per test process and shares it between the tests that only read it.
actor ScenarioCache {
    static let shared = ScenarioCache()

    private var organizations: [String: Task<ScenarioOrganization, any Error>] = [:]

    func organization(_ scenario: String) async throws -> ScenarioOrganization {
        if let task = organizations[scenario] { return try await task.value }
        let task = Task { try ScenarioOrganization(scenario: scenario) }
        organizations[scenario] = task
        return try await task.value
    }
}
