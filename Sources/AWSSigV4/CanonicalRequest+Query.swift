extension CanonicalRequest {
    /// The canonical query string: each name and value percent-decoded and re-encoded the SigV4 way, pairs
    /// sorted by encoded name then value, joined with `&`; a name without `=` gets an empty value.
    static func query(_ raw: String) -> String {
        if raw.isEmpty {
            return ""
        }
        var pairs: [(name: String, value: String)] = []
        for parameter in raw.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = parameter.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((
                    reencoded(parameter[parameter.startIndex..<equals]),
                    reencoded(parameter[parameter.index(after: equals)...])
                ))
            } else {
                pairs.append((reencoded(parameter), ""))
            }
        }
        pairs.sort { lhs, rhs in
            lhs.name == rhs.name
                ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        var canonical = ""
        canonical.reserveCapacity(raw.utf8.count + 16)
        for (index, pair) in pairs.enumerated() {
            if index > 0 {
                canonical += "&"
            }
            canonical += pair.name
            canonical += "="
            canonical += pair.value
        }
        return canonical
    }

    private static func reencoded(_ component: Substring.UTF8View) -> String {
        if component.allSatisfy(SigV4PercentEncoding.isUnreserved) {
            return String(Substring(component))
        }
        let decoded = SigV4PercentEncoding.decode(component)
        return SigV4PercentEncoding.encode(bytes: decoded, encodeSlash: true)
            ?? String(decoding: decoded, as: UTF8.self)
    }
}
