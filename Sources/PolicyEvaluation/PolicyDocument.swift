/// An IAM policy document (identity, resource, boundary, session, SCP or RCP), parsed from its JSON.
public struct PolicyDocument: Sendable, Equatable {
    /// The version that turns on policy variables.
    public static let currentVersion = "2012-10-17"

    public var version: String?
    public var id: String?
    public var statements: [PolicyStatement]

    public init(version: String? = PolicyDocument.currentVersion, id: String? = nil, statements: [PolicyStatement]) {
        self.version = version
        self.id = id
        self.statements = statements
    }

    public init(json: String) throws(PolicyParseError) {
        self = try PolicyParser.document(from: json)
    }

    /// Policy variables are substituted only in version 2012-10-17; older documents read `${…}` literally.
    var substitutesVariables: Bool { version == Self.currentVersion }
}
