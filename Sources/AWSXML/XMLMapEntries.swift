/// The entries of a query-protocol map: `<entry><key>name</key><value>…</value></entry>` children.
///
/// Entries are read regardless of their element name; an entry without a `<value>` is skipped and a repeated
/// key keeps its last value.
struct XMLMapEntries {
    /// Entry keys in document order, without repeats.
    private(set) var keys: [String] = []
    /// Value elements by key.
    private(set) var values: [String: ElementRef] = [:]

    init(decoder: XMLNodeDecoder) throws {
        var index = 0
        var entry = decoder.element?.firstChildElement
        while let current = entry {
            let entryDecoder = decoder.childDecoder(for: current, key: IndexKey(index))
            let keyName = NameKey("key")
            let key = try entryDecoder.scalar(String.self, from: current.firstChild(named: keyName.stringValue), key: keyName)
            if let value = current.firstChild(named: "value") {
                if values.updateValue(value, forKey: key) == nil {
                    keys.append(key)
                }
            }
            index += 1
            entry = current.nextSiblingElement
        }
    }
}
