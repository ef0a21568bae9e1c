#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element of an `ElementTree`, valid only inside `ElementTree.withRootElement`.
struct ElementRef {
    private let nodes: UnsafePointer<ElementTree.Node>
    private let text: UnsafePointer<UInt8>?
    /// The element's position in its tree.
    let index: Int32

    init(nodes: UnsafePointer<ElementTree.Node>, text: UnsafePointer<UInt8>?, index: Int32) {
        self.nodes = nodes
        self.text = text
        self.index = index
    }

    private var node: ElementTree.Node { nodes[Int(index)] }

    /// The element's local name (namespace prefix excluded).
    var name: String {
        String(cString: node.name)
    }

    /// The first element child.
    var firstChildElement: ElementRef? {
        element(at: node.firstChild)
    }

    /// The next element sibling.
    var nextSiblingElement: ElementRef? {
        element(at: node.nextSibling)
    }

    /// Whether the element has no element children and only whitespace text.
    var isBlank: Bool {
        withText { text in
            text.map { $0.trimmingASCIIWhitespace().isEmpty } ?? false
        }
    }

    /// The number of element children.
    var childElementCount: Int {
        var count = 0
        var child = node.firstChild
        while child != ElementTree.none {
            count += 1
            child = nodes[Int(child)].nextSibling
        }
        return count
    }

    /// The first element child with the given name.
    func firstChild(named name: String) -> ElementRef? {
        var name = name
        return name.withUTF8 { child(named: $0, after: nil) }
    }

    /// Finds the element child named `utf8`, scanning from just after the child `cursor` and wrapping around, so
    /// that keys looked up in document order cost one step each.
    func child(named utf8: UnsafeBufferPointer<UInt8>, after cursor: Int32?) -> ElementRef? {
        let start = cursor.map { nodes[Int($0)].nextSibling } ?? node.firstChild
        var candidate = start
        while candidate != ElementTree.none {
            if Self.name(of: nodes[Int(candidate)], equals: utf8) {
                return element(at: candidate)
            }
            candidate = nodes[Int(candidate)].nextSibling
        }
        candidate = node.firstChild
        while candidate != start {
            if Self.name(of: nodes[Int(candidate)], equals: utf8) {
                return element(at: candidate)
            }
            candidate = nodes[Int(candidate)].nextSibling
        }
        return nil
    }

    /// Calls `body` with the element's text, or with `nil` when the element has element children instead.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        let node = node
        guard node.firstChild == ElementTree.none else {
            return try body(nil)
        }
        guard node.textLength > 0, let text else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeBufferPointer(start: text + Int(node.textStart), count: Int(node.textLength)))
    }

    private func element(at index: Int32) -> ElementRef? {
        index == ElementTree.none ? nil : ElementRef(nodes: nodes, text: text, index: index)
    }

    private static func name(of node: ElementTree.Node, equals utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let key = utf8.baseAddress else {
            return false
        }
        let name = node.name
        return name.pointee == key.pointee
            && strncmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
                       UnsafeRawPointer(key).assumingMemoryBound(to: CChar.self), utf8.count) == 0
            && name[utf8.count] == 0
    }
}
