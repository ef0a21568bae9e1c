extension CanonicalRequest {
    /// The canonical URI: `path`, optionally normalised, then optionally URI-encoded segment by segment.
    static func uri(path: String, normalize: Bool, encode: Bool) -> String {
        if path.isEmpty || path == "/" {
            return "/"
        }
        let path = normalize ? normalizedPath(path) : path
        guard encode else { return path }
        return SigV4PercentEncoding.encode(bytes: path.utf8, encodeSlash: false) ?? path
    }

    /// RFC 3986 `remove_dot_segments`, also collapsing runs of `/`; the result always starts with `/` and keeps
    /// a trailing `/` (also the one a final `.` or `..` implies) unless it is just `/`.
    static func normalizedPath(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".":
                continue
            case "..":
                _ = segments.popLast()
            default:
                segments.append(segment)
            }
        }
        guard !segments.isEmpty else { return "/" }
        let lastSegment = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        let trailingSlash = lastSegment.isEmpty || lastSegment == "." || lastSegment == ".."
        var normalized = ""
        normalized.reserveCapacity(path.utf8.count + 1)
        for segment in segments {
            normalized += "/"
            normalized += segment
        }
        if trailingSlash {
            normalized += "/"
        }
        return normalized
    }
}
