import Foundation

/// Parses the ISO 8601 `Expiration` timestamps of credential sources (`2019-05-29T00:21:43Z`,
/// `2019-05-29T00:21:43.123Z`, `2019-05-29T00:21:43+00:00`).
enum CredentialTimestamp {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingConfigWhitespace()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
        ] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}
