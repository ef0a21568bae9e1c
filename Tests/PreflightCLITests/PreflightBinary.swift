import EmulatorSupport
import Foundation

/// Runs the built `preflight` executable as a user would, with a clean environment and its own HOME (a scratch
/// directory, removed when released).
final class PreflightBinary: Sendable {
    /// One finished run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// How long the run took.
        var elapsed: Duration
    }

    /// The executable, beside the test bundle in the build's products directory.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("preflight")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return EmulatorProcess.repositoryRoot.appendingPathComponent(".build/debug/preflight")
    }()

    /// The scratch directory: HOME, reports.
    let directory: URL
    /// The environment of every run.
    let environment: [String: String]

    init(endpoint: String? = nil, environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var base = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.path,
            "AWS_CONFIG_FILE": directory.appendingPathComponent("aws-config").path,
            "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("aws-credentials").path,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_REGION": "us-east-1",
            "NO_COLOR": "1",
            "PREFLIGHT_AS_OF": testDay,
        ]
        if let endpoint {
            base["AWS_ENDPOINT_URL"] = endpoint
            base["AWS_ACCESS_KEY_ID"] = "AKIAPREFLIGHTCLITEST"
            base["AWS_SECRET_ACCESS_KEY"] = "preflight-cli-test-secret"
        }
        self.environment = base.merging(environment) { $1 }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A file in the scratch directory.
    func file(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// Writes `text` to a file of the scratch directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = file(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `preflight arguments…` in `workingDirectory` (default: the repository root); sends SIGINT after
    /// `interruptAfter` when given.
    func run(
        _ arguments: [String], workingDirectory: URL? = nil, interruptAfter: Duration? = nil, limit: Duration = .seconds(600)
    ) throws -> Run {
        let process = Process()
        // Started from a Swift worker thread, a child inherits its blocked signals; exec preflight through Python
        // to clear the mask, so that SIGINT reaches it as it would from a shell.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
            Self.executable.path,
        ] + arguments
        process.environment = environment
        process.currentDirectoryURL = workingDirectory ?? EmulatorProcess.repositoryRoot
        let stdout = file("stdout-\(UUID().uuidString)")
        let stderr = file("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        var interrupted = interruptAfter == nil
        while process.isRunning {
            if !interrupted, let interruptAfter, clock.now - started >= interruptAfter {
                process.interrupt()
                interrupted = true
            }
            if clock.now - started > limit {
                kill(process.processIdentifier, SIGKILL)
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        let run = Run(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdout, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderr, encoding: .utf8)) ?? "",
            elapsed: clock.now - started)
        try? FileManager.default.removeItem(at: stdout)
        try? FileManager.default.removeItem(at: stderr)
        return run
    }

    /// The JSON report written to `name` in the scratch directory.
    func report(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: file(name))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// `--deployer-arn` of the scenario's deployer role (the emulator's default caller cannot be simulated).
    static func deployerArguments(scenarioIds: Data) throws -> [String] {
        let ids = try JSONSerialization.jsonObject(with: scenarioIds) as? [String: Any]
        return ((ids?["roles"] as? [String: String])?["management/C1WSDeployer"]).map { ["--deployer-arn", $0] } ?? []
    }

    /// The parameters file the sample organization is deployed with, changed by `extra` (an empty value removes
    /// the parameter); returns its path.
    func sampleParameters(scenarioIds: Data, extra: [String: String] = [:]) throws -> String {
        let data = try EmulatorProcess.sampleParametersFile(scenarioIds: scenarioIds, extra: extra)
        return try write("parameters.json", String(decoding: data, as: UTF8.self))
    }
}

extension [String: Any] {
    /// The results of a JSON report.
    var reportResults: [[String: Any]] { self["results"] as? [[String: Any]] ?? [] }
}
