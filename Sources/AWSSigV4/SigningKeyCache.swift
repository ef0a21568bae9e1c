import Crypto
import Foundation

/// The signing key of the most recent date stamp, with an HMAC keyed by it, shared by copies of one
/// `SigV4Signer`. `HMAC` is a copy-on-write value, so handing out copies across threads is safe.
final class SigningKeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var dateStamp = ""
    private var entry: (key: SigV4SigningKey, authenticator: HMAC<SHA256>)?

    /// The cached key for `dateStamp`, or the one `derive` makes, which then replaces it.
    func entry(
        dateStamp: String,
        derive: () -> SigV4SigningKey
    ) -> (key: SigV4SigningKey, authenticator: HMAC<SHA256>) {
        lock.lock()
        defer { lock.unlock() }
        if let entry, self.dateStamp == dateStamp {
            return entry
        }
        let key = derive()
        let derived = (key: key, authenticator: key.authenticator)
        self.dateStamp = dateStamp
        entry = derived
        return derived
    }
}
