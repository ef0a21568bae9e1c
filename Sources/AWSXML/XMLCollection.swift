/// Types decoded from an element's children, one child per item; an absent element decodes as empty.
protocol XMLCollection {}

/// Dictionaries, decoded from query-protocol `<entry><key>…</key><value>…</value></entry>` children.
protocol XMLMap: XMLCollection {}

extension Array: XMLCollection {}

extension Dictionary: XMLMap {}
