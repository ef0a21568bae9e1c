import AWSXML
import CLibFuzzer
import Foundation

/// Shapes covering what AWS responses hold: scalars of every kind, lists, maps, nesting and recursion.
struct Shape: Decodable {
    struct Item: Decodable {
        var id: String
        var value: Int?
        var children: [Item]?
    }

    struct Nested: Decodable {
        var a: String?
        var b: [Int]?
        var c: [String: [Int]]?
    }

    var name: String?
    var count: Int?
    var big: Int64?
    var ratio: Double?
    var flag: Bool?
    var when: Date?
    var items: [Item]?
    var tags: [String: String]?
    var names: [String]?
    var nested: Nested?
}

/// A shape with required keys, to reach the missing-key paths.
struct Strict: Decodable {
    var id: String
    var count: Int
    var items: [String]
}

/// One input: any bytes must decode or throw `AWSXMLError`, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let decoder = AWSXMLDecoder()
    _ = try? decoder.decode(Shape.self, from: bytes)
    _ = try? decoder.decode(Shape.self, from: bytes, resultPath: ["Result"])
    _ = try? decoder.decode(Strict.self, from: bytes, resultPath: ["Result"])
    _ = try? decoder.decode([Shape.Item].self, from: bytes)
    _ = decoder.decodeErrorDocument(from: bytes)
    return 0
}

@main
enum FuzzXMLDecoder {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzXMLDecoder))
    }
}
