import PolicyEvaluation

/// Builders shared by the evaluator's tests.
enum PolicyFixtures {
    static func policy(_ json: String, id: String = "p-test", name: String = "Test") throws -> NamedPolicy {
        NamedPolicy(id: id, name: name, document: try PolicyDocument(json: json))
    }

    /// An identity policy of one Allow statement on every action and resource with this `Condition` block.
    static func allowWhen(_ condition: String, version: String = "2012-10-17") throws -> NamedPolicy {
        try policy(
            """
            {"Version": "\(version)", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
             "Condition": \(condition)}}
            """)
    }

    /// What an identity policy allowing only under `condition` decides: `.allowed` exactly when it holds.
    static func decision(
        of condition: String, keys: [String: [String]] = [:], unknownKeys: Set<String> = [],
        principalArn: String? = nil
    ) throws -> Decision {
        let request = RequestContext(
            action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", principalArn: principalArn, keys: keys,
            unknownKeys: unknownKeys)
        return PolicyEvaluator.evaluate(PolicySet(identity: [try allowWhen(condition)]), request).decision
    }

    /// AWS's `FullAWSAccess` SCP, attached by default at every level.
    static let fullAWSAccess = NamedPolicy(
        id: "p-FullAWSAccess", name: "FullAWSAccess",
        document: try! PolicyDocument(
            json: """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
                """))
}
