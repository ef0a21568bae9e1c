import EmulatorSupport
import Foundation

/// The day every test run judges dated facts on (`PREFLIGHT_AS_OF`), so that no test changes with the calendar.
let testDay = "2026-12-01"

/// Runs the built `preflight` executable and captures what it prints.
struct CLIRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `preflight` binary beside the test bundle, in the same build directory.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("preflight")

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = EmulatorProcess.repositoryRoot
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") && $0.key != "GITHUB_ACTIONS" }
        base["AWS_EC2_METADATA_DISABLED"] = "true"
        base["PREFLIGHT_AS_OF"] = testDay
        base["AWS_CONFIG_FILE"] = "/nonexistent/config"
        base["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials"
        process.environment = base.merging(environment) { $1 }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A golden file in Tests/PreflightCLITests/Golden (`name` may have subdirectories).
    static func golden(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    }

    /// `PREFLIGHT_UPDATE_GOLDEN=1` under CI (`CI` set): golden files are never rewritten there.
    struct GoldenUpdateInCI: Error, CustomStringConvertible {
        var description: String {
            "PREFLIGHT_UPDATE_GOLDEN is set while CI is: golden files are only regenerated locally, then reviewed and committed"
        }
    }

    /// Compares `text` with the golden file `name`; `PREFLIGHT_UPDATE_GOLDEN=1` rewrites it first, except under CI,
    /// where it throws instead. A differing `text` is written to $TMPDIR/preflight-golden-actual/`name` for diffing.
    static func matchesGolden(_ text: String, _ name: String) throws -> Bool {
        let file = golden(name)
        let environment = ProcessInfo.processInfo.environment
        if environment["PREFLIGHT_UPDATE_GOLDEN"] != nil, environment["CI"] != nil {
            throw GoldenUpdateInCI()
        }
        if environment["PREFLIGHT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        guard try String(contentsOf: file, encoding: .utf8) == text else {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-golden-actual/\(name)")
            try? FileManager.default.createDirectory(at: actual.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? text.write(to: actual, atomically: true, encoding: .utf8)
            return false
        }
        return true
    }
}
