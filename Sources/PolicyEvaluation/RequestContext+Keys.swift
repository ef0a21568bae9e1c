extension RequestContext {
    /// The values of a condition key, found case-insensitively; `nil` when the request does not carry it.
    /// `aws:PrincipalArn` and `aws:PrincipalAccount` fall back on `principalArn`.
    func values(of key: String) -> [String]? {
        let wanted = key.lowercased()
        if let entry = keys.first(where: { $0.key.lowercased() == wanted }) {
            return entry.value
        }
        guard let principalArn else { return nil }
        switch wanted {
        case "aws:principalarn":
            return [principalArn]
        case "aws:principalaccount":
            let parts = principalArn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            return parts.count == 6 && !parts[4].isEmpty ? [String(parts[4])] : nil
        default:
            return nil
        }
    }

    /// Whether the caller marked this key as one whose value it cannot know.
    func isUnknown(_ key: String) -> Bool {
        let wanted = key.lowercased()
        return unknownKeys.contains { entry in
            let entry = entry.lowercased()
            if entry.hasSuffix("*") {
                return wanted.hasPrefix(entry.dropLast())
            }
            return entry == wanted
        }
    }
}
