import Foundation

/// A temporary directory standing in for `HOME` so credential tests never touch the real `~/.aws`.
/// Call `remove()` in a `defer`, which also keeps it alive until the test ends.
struct CredentialTestDirectory {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("credential-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
    }

    /// Writes `contents` to `name` (relative to the directory) and returns its full path.
    @discardableResult
    func write(_ name: String, _ contents: String, executable: Bool = false) throws -> String {
        let file = path + "/" + name
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        }
        return file
    }

    /// `~/.aws/config` of this home.
    @discardableResult
    func writeConfig(_ contents: String) throws -> String { try write(".aws/config", contents) }

    /// `~/.aws/credentials` of this home.
    @discardableResult
    func writeCredentials(_ contents: String) throws -> String { try write(".aws/credentials", contents) }

    /// A hermetic environment: this directory as `HOME`, instance metadata disabled (tests must never reach
    /// 169.254.169.254), plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": path, "AWS_EC2_METADATA_DISABLED": "true", "PATH": "/usr/bin:/bin"].merging(extra) { $1 }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
