extension CanonicalRequest {
    /// Headers that are never signed because proxies and HTTP clients may change them.
    private static let ignoredHeaders: Set<String> = [
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "transfer-encoding",
    ]

    /// Appends the canonical header block (`name:value\n` per distinct lowercase name, sorted, values of
    /// repeated names joined with `,` in request order) to `canonical`; returns the `;`-joined signed names.
    static func appendHeaders(_ headers: [SigV4Header], omitSessionToken: Bool, to canonical: inout [UInt8]) -> String {
        var entries: [(name: String, value: String, order: Int)] = []
        entries.reserveCapacity(headers.count)
        for (order, header) in headers.enumerated() {
            let name = lowercasedASCII(header.name)
            if ignoredHeaders.contains(name) || (omitSessionToken && name == "x-amz-security-token") {
                continue
            }
            entries.append((name, trimmedValue(header.value), order))
        }
        entries.sort { lhs, rhs in
            lhs.name == rhs.name ? lhs.order < rhs.order : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        var signed = ""
        signed.reserveCapacity(entries.reduce(0) { $0 + $1.name.utf8.count + 1 })
        var previousName: String?
        for entry in entries {
            if entry.name == previousName {
                canonical.append(UInt8(ascii: ","))
            } else {
                if previousName != nil {
                    canonical.append(UInt8(ascii: "\n"))
                    signed += ";"
                }
                canonical.append(contentsOf: entry.name.utf8)
                canonical.append(UInt8(ascii: ":"))
                signed += entry.name
                previousName = entry.name
            }
            canonical.append(contentsOf: entry.value.utf8)
        }
        if previousName != nil {
            canonical.append(UInt8(ascii: "\n"))
        }
        return signed
    }

    /// A header value with surrounding whitespace removed and inner runs of whitespace (including folded line
    /// breaks) collapsed to one space.
    static func trimmedValue(_ value: String) -> String {
        var value = value
        let trimmed: String? = value.withUTF8 { bytes in
            guard needsTrimming(bytes) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingSpace = false
                for byte in bytes {
                    if isWhitespace(byte) {
                        pendingSpace = count > 0
                        continue
                    }
                    if pendingSpace {
                        output[count] = UInt8(ascii: " ")
                        count += 1
                        pendingSpace = false
                    }
                    output[count] = byte
                    count += 1
                }
                return count
            }
        }
        return trimmed ?? value
    }

    static func lowercasedASCII(_ name: String) -> String {
        var name = name
        let lowercased: String? = name.withUTF8 { bytes in
            guard bytes.contains(where: isUppercase) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                for (index, byte) in bytes.enumerated() {
                    output[index] = isUppercase(byte) ? byte | 0x20 : byte
                }
                return bytes.count
            }
        }
        return lowercased ?? name
    }

    private static func needsTrimming(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if isWhitespace(first) || isWhitespace(last) {
            return true
        }
        let raw = UnsafeRawBufferPointer(bytes)
        var previousWasSpace = false
        var index = 0
        while index < bytes.count {
            // Skip eight bytes at once when none is <= 0x20 (long values such as session tokens).
            if index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080 == 0 {
                    previousWasSpace = false
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if byte > UInt8(ascii: " ") {
                previousWasSpace = false
            } else if byte == UInt8(ascii: " ") {
                if previousWasSpace {
                    return true
                }
                previousWasSpace = true
            } else if isWhitespace(byte) {
                return true
            } else {
                previousWasSpace = false
            }
        }
        return false
    }

    private static func isUppercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }
}
