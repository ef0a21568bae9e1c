import AWSSigV4
import Foundation

extension AWSClient {
    /// The signers of one client by credentials, region and service, so that each keeps its cached signing key
    /// (derived once per UTC day) instead of deriving it again for every request.
    ///
    /// Bounded: when `capacity` signers are cached it starts over, which costs one key derivation per signer.
    final class SignerCache: @unchecked Sendable {
        static let capacity = 8192

        private struct Key: Hashable {
            var accessKeyId: String
            var secretAccessKey: String
            var sessionToken: String?
            var region: String
            var service: String
        }

        private let lock = NSLock()
        private var signers: [Key: SigV4Signer] = [:]

        /// The signer for `credentials` in `region` for `service`, made on first use.
        func signer(credentials: SigV4Credentials, region: String, service: String) -> SigV4Signer {
            let key = Key(
                accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken, region: region, service: service)
            return lock.withLock {
                if let signer = signers[key] { return signer }
                if signers.count >= Self.capacity { signers.removeAll(keepingCapacity: true) }
                let signer = SigV4Signer(credentials: credentials, region: region, service: service)
                signers[key] = signer
                return signer
            }
        }
    }
}
