import Foundation

/// A signing time in the two forms SigV4 uses, formatted by hand (no `DateFormatter` on the hot path).
struct AMZDate: Sendable, Equatable {
    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, e.g. `20150830T123600Z`: the `X-Amz-Date` value.
    let timestamp: String
    /// `yyyyMMdd` in UTC, e.g. `20150830`: the date of the credential scope.
    let dateStamp: String

    init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = Self.floorDivide(seconds, by: 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        let hour = secondOfDay / 3600
        let minute = secondOfDay % 3600 / 60
        let second = secondOfDay % 60
        timestamp = String(unsafeUninitializedCapacity: 16) { buffer in
            Self.write(year, digits: 4, into: buffer, at: 0)
            Self.write(month, digits: 2, into: buffer, at: 4)
            Self.write(day, digits: 2, into: buffer, at: 6)
            buffer[8] = UInt8(ascii: "T")
            Self.write(hour, digits: 2, into: buffer, at: 9)
            Self.write(minute, digits: 2, into: buffer, at: 11)
            Self.write(second, digits: 2, into: buffer, at: 13)
            buffer[15] = UInt8(ascii: "Z")
            return 16
        }
        dateStamp = String(timestamp.prefix(8))
    }

    private static func floorDivide(_ value: Int, by divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func write(
        _ value: Int,
        digits: Int,
        into buffer: UnsafeMutableBufferPointer<UInt8>,
        at offset: Int
    ) {
        var remaining = value
        for position in stride(from: offset + digits - 1, through: offset, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
    }
}
