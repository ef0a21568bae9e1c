import AWSSigV4
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The AWS CLI's IAM Identity Center token cache: `~/.aws/sso/cache/<sha1 of the key>.json`, keyed as botocore
/// keys it (the session name, or the start URL of a legacy profile).
public struct SSOTokenCache: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache under `HOME`, or `nil` when `HOME` is not set.
    public init?(environment: [String: String]) {
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        directory = (home as NSString).appendingPathComponent(".aws/sso/cache")
    }

    /// The cache file of `key`.
    public func path(key: String) -> String {
        let digest = Hex.encode(Insecure.SHA1.hash(data: Data(key.utf8)))
        return (directory as NSString).appendingPathComponent("\(digest).json")
    }

    /// The cached token of `key`, `nil` when there is no file or it holds no token.
    public func token(key: String) -> SSOToken? {
        FileManager.default.contents(atPath: path(key: key)).flatMap(SSOToken.init(document:))
    }

    /// Writes `token` for `key` as the CLI does, atomically: a private temporary file in the cache directory,
    /// renamed over the old one, so that a reader never sees half a token.
    public func store(_ token: SSOToken, key: String) throws {
        let target = path(key: key)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var template = Array((target + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: token.document)
            try handle.close()
            guard rename(temporary, target) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
