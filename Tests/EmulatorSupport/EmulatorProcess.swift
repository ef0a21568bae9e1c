import Foundation
import Testing

/// The AWS emulator (moto in server mode plus Preflight's plugin) running on a free loopback port for one test
/// suite; stopped when released.
public final class EmulatorProcess: Sendable {
    /// Why the emulator could not be started.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The emulator's base URL, e.g. `http://127.0.0.1:49152`.
    public let endpoint: String
    private let process: Process
    private let directory: URL

    /// The static credentials the tests sign with, by access key id: the emulator verifies every request's
    /// signature against these and the credentials it issued itself.
    public static let testCredentials = [
        "testing": "testing",
        "AKIAPREFLIGHTCLITEST": "preflight-cli-test-secret",
        "AKIAPREFLIGHTTESTS01": "preflight-tests-secret",
        "AKIDMANAGEMENT": "not-a-secret",
        "AKIAPREFLIGHTREADME1": "readme-secret",
    ]

    /// The repository's root, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts the emulator with extra command-line `arguments` (latency, faults).
    public init(arguments: [String] = []) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-emulator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let portFile = directory.appendingPathComponent("port")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repositoryRoot.appendingPathComponent("Tests/Emulator/emulator.py").path,
                             "--port", "0", "--port-file", portFile.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: Self.touch(directory.appendingPathComponent("stderr.log")))
        process.environment = ProcessInfo.processInfo.environment.merging([
            "PREFLIGHT_EMULATOR_CREDENTIALS": Self.testCredentials.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: ","),
        ]) { $1 }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var port: String?
        while Date() < deadline, process.isRunning {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                port = text.trimmingCharacters(in: .whitespacesAndNewlines)
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let port else {
            process.terminate()
            let log = (try? String(contentsOf: directory.appendingPathComponent("stderr.log"), encoding: .utf8)) ?? ""
            throw StartError(description: "the emulator did not start: \(log.suffix(2000))")
        }
        self.endpoint = "http://127.0.0.1:\(port)"
        self.process = process
        self.directory = directory
    }

    deinit {
        recordSignatureFailures()
        Self.stop(process)
        try? FileManager.default.removeItem(at: directory)
    }

    /// The requests the emulator refused because their signature, key or session token did not check out.
    public func signatureFailures() throws -> [[String: Any]] {
        let data = try Self.output(["curl", "-sf", "\(endpoint)/_preflight/signature-failures"])
        return ((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["failures"] as? [[String: Any]]) ?? []
    }

    /// Forgets the refused requests, once a test has checked the ones it expected.
    public func resetSignatureFailures() throws {
        _ = try Self.output(["curl", "-sf", "-X", "POST", "\(endpoint)/_preflight/signature-failures/reset"])
    }

    /// Fails the current test when the emulator refused a request's signature while it ran.
    private func recordSignatureFailures() {
        guard process.isRunning else { return }
        do {
            let failures = try signatureFailures()
            if !failures.isEmpty {
                Issue.record("the emulator refused \(failures.count) badly signed requests: \(failures.prefix(5))")
            }
        } catch {
            Issue.record("the emulator's signature failures could not be read: \(error)")
        }
    }

    /// Asks the emulator to stop, and kills it if it has not within five seconds.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Builds the organization of a scenario file in the emulator and returns the scenario's output (names → ids)
    /// as JSON.
    public func load(scenario path: String) throws -> Data {
        let output = directory.appendingPathComponent("scenario-\(UUID().uuidString).json")
        let scenario = URL(fileURLWithPath: path, relativeTo: Self.repositoryRoot).path
        try Self.run(["python3", Self.repositoryRoot.appendingPathComponent("Tests/Emulator/scenario.py").path,
                      "--endpoint", endpoint, "--file", scenario, "--output", output.path])
        return try Data(contentsOf: output)
    }

    /// The emulator's count of operations received since the last reset, by `service:Operation`.
    public func calls() throws -> [String: Int] {
        let data = try Self.output(["curl", "-sf", "\(endpoint)/_preflight/calls"])
        let log = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (log?["counts"] as? [String: Int]) ?? [:]
    }

    /// Clears the emulator's call log.
    public func resetCalls() throws {
        _ = try Self.output(["curl", "-sf", "-X", "POST", "\(endpoint)/_preflight/calls/reset"])
    }

    /// Runs a command and throws with its output when it fails.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws {
        _ = try output(arguments, environment: environment)
    }

    /// Runs a command and returns its standard output; throws with its output when it fails.
    public static func output(_ arguments: [String], environment: [String: String] = [:]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-\(UUID().uuidString).err")
        process.standardOutput = pipe
        process.standardError = try FileHandle(forWritingTo: touch(errors))
        defer { try? FileManager.default.removeItem(at: errors) }
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw StartError(description: "\(arguments.joined(separator: " ")) failed: \(stderr.suffix(3000))")
        }
        return output
    }

    private static func touch(_ url: URL) throws -> URL {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }
}

extension EmulatorProcess {
    /// Changes the emulator's fault, latency and answer-rule settings (`POST /_preflight/config`, keys as in
    /// Tests/Emulator/README.md) and returns the settings now in force.
    @discardableResult
    public func configure(_ settings: [String: Any]) throws -> [String: Any] {
        try postJSON("/_preflight/config", settings)
    }

    /// POSTs `body` as JSON to the emulator's `path` and returns the JSON object it answers.
    public func postJSON(_ path: String, _ body: [String: Any]) throws -> [String: Any] {
        let data = try JSONSerialization.data(withJSONObject: body)
        let answer = try Self.output([
            "curl", "-sf", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
            String(decoding: data, as: UTF8.self), "\(endpoint)\(path)",
        ])
        return (try JSONSerialization.jsonObject(with: answer) as? [String: Any]) ?? [:]
    }

    /// The settings in force, with `faultsInjected`.
    public func configuration() throws -> [String: Any] {
        let data = try Self.output(["curl", "-sf", "\(endpoint)/_preflight/config"])
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// Every operation received since the last reset, in order: `service`, `operation`, `region`, `accountId`,
    /// `status`, `fault` and `rule`.
    public func callLog() throws -> [[String: Any]] {
        let data = try Self.output(["curl", "-sf", "\(endpoint)/_preflight/calls"])
        let log = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (log?["calls"] as? [[String: Any]]) ?? []
    }

    /// Seeds moto's generator of ids (account ids, UUIDs…; `POST /moto-api/seed`): the same requests then create
    /// the same ids.
    public func seedRandom(_ seed: Int) throws {
        _ = try Self.output(["curl", "-sf", "-X", "POST", "\(endpoint)/moto-api/seed?a=\(seed)"])
    }

    /// Resets moto, the emulator's plugins, the call log and the settings (`POST /_preflight/reset`).
    public func reset() throws {
        _ = try Self.output(["curl", "-sf", "-X", "POST", "\(endpoint)/_preflight/reset"])
    }

    /// Every secret access key and session token the emulator's STS has handed out.
    public func issuedSecrets() throws -> Set<String> {
        let data = try Self.output(["curl", "-sf", "\(endpoint)/_preflight/sts/credentials"])
        let issued = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["credentials"] as? [[String: String]] ?? []
        return Set(issued.flatMap { [$0["secretAccessKey"], $0["sessionToken"]] }.compactMap { $0 }.filter { !$0.isEmpty })
    }

    /// The calls since the last reset that their account's identity policy does not allow on every resource they
    /// name (`POST /_preflight/calls/authorize`): `policies` by account id, `otherwise` for every other account.
    /// Each call has `action`, `resources` and `deniedResources`.
    public func authorizeCalls(policies: [String: Any], otherwise: Any) throws -> [[String: Any]] {
        try postJSON("/_preflight/calls/authorize", ["policies": policies, "default": otherwise])["denied"] as? [[String: Any]] ?? []
    }

    /// Makes moto authorize every later request against the caller's IAM identity policies (actions only), or
    /// stops it. The emulator's own operations are never enforced.
    public func enforceIAM(_ enforced: Bool = true) throws {
        try configure(["enforceIAM": enforced])
    }
}
