/// The elements of a parsed document, stored contiguously and linked by index, so that building it costs no
/// allocation per element.
///
/// Text is kept only for elements without element children (AWS responses never mix text and elements); it is
/// concatenated across character callbacks, so entities and CDATA sections read as plain text.
struct ElementTree {
    /// One element: its interned name and the indices of its first child and next sibling.
    struct Node {
        /// The local name, NUL-terminated, owned by the parser's dictionary.
        let name: UnsafePointer<UInt8>
        var firstChild = ElementTree.none
        var lastChild = ElementTree.none
        var nextSibling = ElementTree.none
        var textStart: Int32 = 0
        var textLength: Int32 = 0
    }

    /// The index meaning "no element".
    static let none: Int32 = -1

    private var nodes: [Node] = []
    private var text: [UInt8] = []
    private var open: [Int32] = []

    /// An empty tree with room for a typical AWS document of `byteCount` bytes (about one element per 32 bytes and
    /// a quarter of the bytes in text), so that building it rarely copies the storage as it grows.
    init(reservingFor byteCount: Int) {
        nodes.reserveCapacity(byteCount / 32 + 16)
        text.reserveCapacity(byteCount / 4 + 64)
        open.reserveCapacity(32)
    }

    /// The number of currently open elements.
    var depth: Int { open.count }

    mutating func startElement(named name: UnsafePointer<UInt8>) {
        let index = Int32(nodes.count)
        nodes.append(Node(name: name))
        if let parent = open.last.map(Int.init) {
            let previous = nodes[parent].lastChild
            if previous == Self.none {
                nodes[parent].firstChild = index
            } else {
                nodes[Int(previous)].nextSibling = index
            }
            nodes[parent].lastChild = index
        }
        open.append(index)
    }

    mutating func endElement() {
        if !open.isEmpty {
            open.removeLast()
        }
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let current = open.last.map(Int.init), nodes[current].firstChild == Self.none else {
            return
        }
        if nodes[current].textLength == 0 {
            nodes[current].textStart = Int32(text.count)
        }
        text.append(contentsOf: bytes)
        nodes[current].textLength += Int32(bytes.count)
    }

    /// Calls `body` with the root element, or `nil` for a document without elements.
    func withRootElement<R>(_ body: (ElementRef?) throws -> R) rethrows -> R {
        try nodes.withUnsafeBufferPointer { nodes in
            try text.withUnsafeBufferPointer { text in
                guard let base = nodes.baseAddress else {
                    return try body(nil)
                }
                return try body(ElementRef(nodes: base, text: text.baseAddress, index: 0))
            }
        }
    }
}
