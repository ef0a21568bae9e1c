/// An allocation-free parser for the ISO-8601 timestamps AWS XML protocols emit.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS`, an optional fraction (`.123`, any number of digits) and an optional zone
/// (`Z`, `+HH:MM`, `-HHMM`); a missing zone means UTC.
enum ISO8601Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z, or `nil` when `text` is not a valid timestamp.
    static func secondsSince1970(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        var scanner = Scanner(text)
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip("t"),
              let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2), scanner.skip(":"),
              let second = scanner.number(digits: 2) else {
            return nil
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second <= 60 else {
            return nil
        }

        var fraction = 0.0
        if scanner.skip(".") || scanner.skip(",") {
            guard let value = scanner.fraction() else {
                return nil
            }
            fraction = value
        }

        var offset = 0
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.number(digits: 2), offsetHours < 24 else {
                return nil
            }
            _ = scanner.skip(":")
            guard let offsetMinutes = scanner.number(digits: 2), offsetMinutes < 60 else {
                return nil
            }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard scanner.isAtEnd else {
            return nil
        }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Double(seconds) + fraction
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    private struct Scanner {
        let bytes: Slice<UnsafeBufferPointer<UInt8>>
        var index: Int

        init(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        var isAtEnd: Bool { index == bytes.endIndex }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: character) else {
                return false
            }
            index += 1
            return true
        }

        mutating func sign() -> Int? {
            if skip("+") {
                return 1
            }
            if skip("-") {
                return -1
            }
            return nil
        }

        mutating func number(digits: Int) -> Int? {
            guard bytes.endIndex - index >= digits else {
                return nil
            }
            var value = 0
            for _ in 0..<digits {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else {
                    return nil
                }
                value = value * 10 + Int(digit)
                index += 1
            }
            return value
        }

        /// Reads one or more fraction digits, keeping nanosecond precision.
        mutating func fraction() -> Double? {
            var numerator = 0
            var denominator = 1
            var count = 0
            while index < bytes.endIndex {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else {
                    break
                }
                if count < 9 {
                    numerator = numerator * 10 + Int(digit)
                    denominator *= 10
                }
                count += 1
                index += 1
            }
            return count == 0 ? nil : Double(numerator) / Double(denominator)
        }
    }
}
