/// RFC 3986 percent-encoding of form fields, as the AWS SDKs write query-protocol bodies.
enum FormEncoding {
    static func append(_ name: String, _ value: String, to body: inout [UInt8]) {
        appendEncoded(name, to: &body)
        body.append(UInt8(ascii: "="))
        appendEncoded(value, to: &body)
    }

    static func appendEncoded(_ string: String, to body: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                body.append(byte)
            default:
                body.append(UInt8(ascii: "%"))
                body.append(hex[Int(byte >> 4)])
                body.append(hex[Int(byte & 0x0F)])
            }
        }
    }
}
