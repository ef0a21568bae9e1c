import Foundation

/// Removes what must never leave AWSCore from an error message: the canonical request and string-to-sign that
/// `SignatureDoesNotMatch` quotes, security tokens, `Authorization` headers, `Credential=` and `Signature=` values,
/// and the secrets of the request's credentials (a server may echo them); then caps the length.
public enum ErrorMessageRedaction {
    /// The longest message kept, in characters, "…" included.
    public static let maxLength = 512
    /// What replaces a removed value.
    public static let placeholder = "[redacted]"
    /// Secrets shorter than this are not searched for: they would match ordinary words.
    static let minimumSecretLength = 6

    /// `message` without signing dumps, tokens, signatures and `secrets` (plain or percent-encoded), at most
    /// `maxLength` characters.
    public static func redact(_ message: String, secrets: [String] = []) -> String {
        var text = message
        if let dump = dumpStart.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(dump.range, in: text)
        {
            text = String(text[..<range.lowerBound]) + "[signing details removed]"
        }
        for secret in secrets where secret.count >= minimumSecretLength {
            text = text.replacingOccurrences(of: secret, with: placeholder)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                text = text.replacingOccurrences(of: encoded, with: placeholder, options: .caseInsensitive)
            }
        }
        for (pattern, template) in valuePatterns {
            text = pattern.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        guard text.count > maxLength else { return text }
        return String(text.prefix(maxLength - 1)) + "…"
    }

    /// Where AWS starts quoting the canonical request or the string to sign; everything after it goes.
    private static let dumpStart = regex(
        #"The Canonical String for this request should have been|The String-to-Sign should have been|<CanonicalRequest>|<StringToSign>"#)

    /// Header and parameter values that carry tokens or signatures, each with the template keeping its name.
    private static let valuePatterns: [(NSRegularExpression, String)] = [
        (regex(#"(x-amz-security-token["']?\s*(?:[:=]|%3D)\s*)[^\s&'",;<]+"#), "$1\(placeholder)"),
        (regex(#"(authorization["']?\s*[:=]\s*)[^\r\n'"<]+"#), "$1\(placeholder)"),
        (regex(#"((?:credential|signature)\s*(?:=|%3D)\s*)[^\s,&'";<]+"#), "$1\(placeholder)"),
    ]

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file, so a failure is a programming error caught by the tests.
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }
}
