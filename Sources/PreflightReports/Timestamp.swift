import Foundation

/// UTC timestamps for the reports, independent of the machine's time zone and locale.
enum Timestamp {
    /// `2026-01-01T10:00:00Z`.
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `2026-01-01T10:00:00`, the form JUnit's schema wants.
    static func local(_ date: Date) -> String {
        String(iso8601(date).dropLast())
    }

    /// `2026-01-01 10:00 UTC`, for people.
    static func readable(_ date: Date) -> String {
        let text = iso8601(date)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }

    /// A duration in seconds for people: `850 ms`, `12 s`, `3 min 05 s`.
    static func duration(from start: Date, to end: Date) -> String {
        let seconds = max(0, end.timeIntervalSince(start))
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        return "\(whole / 60) min " + String(format: "%02d", whole % 60) + " s"
    }
}
