import AWSSigV4

/// A request as written in the conformance suite's `request.txt`: request line, headers (with folded
/// continuation lines and repeated names), a blank line, then the body bytes.
struct RawHTTPRequest: Equatable {
    var method: String
    /// The request target exactly as written, e.g. `/example space/?a=b`.
    var target: String
    var version: String
    var headers: [SigV4Header]
    var body: [UInt8]

    /// The target before the first `?`.
    var path: String {
        String(target.prefix { $0 != "?" })
    }

    /// The target after the first `?`, or empty.
    var query: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    init(parsing bytes: [UInt8]) throws(RawHTTPRequestError) {
        var lines: [String] = []
        var body: [UInt8] = []
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\n") else {
                index += 1
                continue
            }
            var line = bytes[lineStart..<index]
            if line.last == UInt8(ascii: "\r") {
                line = line.dropLast()
            }
            if line.isEmpty && !lines.isEmpty {
                body = Array(bytes[(index + 1)...])
                lineStart = bytes.count
                break
            }
            lines.append(String(decoding: line, as: UTF8.self))
            index += 1
            lineStart = index
        }
        if lineStart < bytes.count {
            lines.append(String(decoding: bytes[lineStart...], as: UTF8.self))
        }
        guard let requestLine = lines.first else {
            throw RawHTTPRequestError(line: 1, reason: "no request line")
        }
        guard let firstSpace = requestLine.firstIndex(of: " "),
              let lastSpace = requestLine.lastIndex(of: " "),
              firstSpace < lastSpace
        else {
            throw RawHTTPRequestError(line: 1, reason: "request line is not 'METHOD TARGET VERSION'")
        }
        method = String(requestLine[..<firstSpace])
        target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        version = String(requestLine[requestLine.index(after: lastSpace)...])
        headers = []
        for (offset, line) in lines.dropFirst().enumerated() {
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else {
                    throw RawHTTPRequestError(line: offset + 2, reason: "continuation line before any header")
                }
                headers[headers.count - 1].value += " " + Self.trimmed(line[...])
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw RawHTTPRequestError(line: offset + 2, reason: "header line without ':'")
            }
            headers.append(SigV4Header(
                name: String(line[..<colon]),
                value: Self.trimmed(line[line.index(after: colon)...])
            ))
        }
        self.body = body
    }

    private static func trimmed(_ text: Substring) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(text.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}

/// Why a raw request could not be parsed; `line` is 1-based.
struct RawHTTPRequestError: Error, CustomStringConvertible {
    let line: Int
    let reason: String

    var description: String { "line \(line): \(reason)" }
}
