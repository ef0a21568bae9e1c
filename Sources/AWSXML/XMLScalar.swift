import Foundation

/// A value decoded directly from an element's text, without a nested decoder.
protocol XMLScalar {
    /// Names the expected form in type-mismatch errors, e.g. "integer".
    static var expectation: String { get }

    /// Parses element text; `nil` when the text does not have the expected form.
    init?(xmlText: UnsafeBufferPointer<UInt8>)
}

extension String: XMLScalar {
    static var expectation: String { "text" }

    init?(xmlText: UnsafeBufferPointer<UInt8>) {
        self = String(decoding: xmlText, as: UTF8.self)
    }
}

extension Bool: XMLScalar {
    static var expectation: String { "boolean (true or false)" }

    init?(xmlText: UnsafeBufferPointer<UInt8>) {
        let text = xmlText.trimmingASCIIWhitespace()
        if text.elementsEqual("true".utf8) {
            self = true
        } else if text.elementsEqual("false".utf8) {
            self = false
        } else {
            return nil
        }
    }
}

extension Double: XMLScalar {
    static var expectation: String { "number" }

    init?(xmlText: UnsafeBufferPointer<UInt8>) {
        let text = xmlText.trimmingASCIIWhitespace()
        guard !text.isEmpty, let value = Double(String(decoding: text, as: UTF8.self)) else {
            return nil
        }
        self = value
    }
}

extension Float: XMLScalar {
    static var expectation: String { "number" }

    init?(xmlText: UnsafeBufferPointer<UInt8>) {
        guard let value = Double(xmlText: xmlText) else {
            return nil
        }
        self = Float(value)
    }
}

extension Date: XMLScalar {
    static var expectation: String { "ISO-8601 date" }

    init?(xmlText: UnsafeBufferPointer<UInt8>) {
        guard let seconds = ISO8601Timestamp.secondsSince1970(xmlText.trimmingASCIIWhitespace()) else {
            return nil
        }
        self = Date(timeIntervalSince1970: seconds)
    }
}

extension XMLScalar where Self: FixedWidthInteger {
    static var expectation: String { "integer" }

    init?(xmlText: UnsafeBufferPointer<UInt8>) {
        let text = xmlText.trimmingASCIIWhitespace()
        var index = text.startIndex
        var negative = false
        if index < text.endIndex, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < text.endIndex else {
            return nil
        }
        var value: Self = 0
        while index < text.endIndex {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else {
                return nil
            }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative
                ? shifted.subtractingReportingOverflow(Self(digit))
                : shifted.addingReportingOverflow(Self(digit))
            guard !overflowA, !overflowB else {
                return nil
            }
            value = next
            index += 1
        }
        self = value
    }
}

extension Int: XMLScalar {}
extension Int8: XMLScalar {}
extension Int16: XMLScalar {}
extension Int32: XMLScalar {}
extension Int64: XMLScalar {}
extension UInt: XMLScalar {}
extension UInt8: XMLScalar {}
extension UInt16: XMLScalar {}
extension UInt32: XMLScalar {}
extension UInt64: XMLScalar {}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIIWhitespace() -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = startIndex
        var end = endIndex
        while start < end, Self.isWhitespace(self[start]) {
            start += 1
        }
        while end > start, Self.isWhitespace(self[end - 1]) {
            end -= 1
        }
        return self[start..<end]
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
