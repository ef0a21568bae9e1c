import PolicyEvaluation
import Testing

/// `${…}` in Resource and condition values is taken from the request; an absent key makes the statement not match.
@Suite struct PolicyVariableTests {
    static func decide(
        resource pattern: String, for resource: String, principalArn: String? = nil, keys: [String: [String]] = [:],
        unknownKeys: Set<String> = [], version: String = "2012-10-17"
    ) throws -> Decision {
        let identity = try PolicyFixtures.policy(
            """
            {"Version": "\(version)", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "\(pattern)"}}
            """)
        let request = RequestContext(
            action: "s3:GetObject", resource: resource, principalArn: principalArn, keys: keys, unknownKeys: unknownKeys
        )
        return PolicyEvaluator.evaluate(PolicySet(identity: [identity]), request).decision
    }

    @Test func usernameInAResource() throws {
        let home = "arn:aws:s3:::bucket/home/${aws:username}/*"
        #expect(
            try Self.decide(resource: home, for: "arn:aws:s3:::bucket/home/bob/a", keys: ["aws:username": ["bob"]])
                == .allowed)
        #expect(
            try Self.decide(resource: home, for: "arn:aws:s3:::bucket/home/alice/a", keys: ["aws:username": ["bob"]])
                == .implicitDeny)
    }

    @Test func principalAccountAndArnComeFromThePrincipal() throws {
        let role = "arn:aws:iam::111111111111:role/app"
        let own = "arn:aws:s3:::logs-${aws:PrincipalAccount}/*"
        #expect(try Self.decide(resource: own, for: "arn:aws:s3:::logs-111111111111/x", principalArn: role) == .allowed)
        #expect(
            try Self.decide(resource: own, for: "arn:aws:s3:::logs-222222222222/x", principalArn: role)
                == .implicitDeny)
        let byArn = try PolicyFixtures.decision(
            of: #"{"StringEquals": {"aws:ResourceTag/owner": "${aws:PrincipalArn}"}}"#,
            keys: ["aws:ResourceTag/owner": [role]], principalArn: role)
        #expect(byArn == .allowed)
    }

    @Test func anyContextKeyCanBeAVariable() throws {
        let tagged = "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*"
        #expect(
            try Self.decide(
                resource: tagged, for: "arn:aws:s3:::bucket/red/a", keys: ["aws:principaltag/team": ["red"]])
                == .allowed)
    }

    @Test func escapesStandForTheLiteralCharacter() throws {
        let star = "arn:aws:s3:::bucket/${*}"
        #expect(try Self.decide(resource: star, for: "arn:aws:s3:::bucket/*") == .allowed)
        #expect(try Self.decide(resource: star, for: "arn:aws:s3:::bucket/x") == .implicitDeny)
        #expect(try Self.decide(resource: "arn:aws:s3:::bucket/${?}${$}", for: "arn:aws:s3:::bucket/?$") == .allowed)
        #expect(try Self.decide(resource: "arn:aws:s3:::bucket/${?}", for: "arn:aws:s3:::bucket/x") == .implicitDeny)
    }

    @Test func aSubstitutedValueIsLiteralEvenInALikeOperator() throws {
        let condition = #"{"StringLike": {"s3:prefix": "home/${aws:username}/*"}}"#
        #expect(
            try PolicyFixtures.decision(
                of: condition, keys: ["aws:username": ["bob"], "s3:prefix": ["home/bob/docs"]]) == .allowed)
        #expect(
            try PolicyFixtures.decision(
                of: condition, keys: ["aws:username": ["b*"], "s3:prefix": ["home/bob/docs"]]) == .implicitDeny)
        #expect(
            try PolicyFixtures.decision(
                of: condition, keys: ["aws:username": ["b*"], "s3:prefix": ["home/b*/docs"]]) == .allowed)
    }

    @Test func anAbsentVariableKeyMakesTheStatementNotMatch() throws {
        #expect(
            try Self.decide(resource: "arn:aws:s3:::bucket/${aws:username}/*", for: "arn:aws:s3:::bucket/x/y")
                == .implicitDeny)
        let deny = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
             "Condition": {"StringNotEquals": {"aws:ResourceTag/owner": "${aws:username}"}}}}
            """)
        let request = RequestContext(action: "s3:GetObject", keys: ["aws:ResourceTag/owner": ["bob"]])
        let evaluation = PolicyEvaluator.evaluate(
            PolicySet(identity: [PolicyFixtures.fullAWSAccess, deny]), request)
        #expect(evaluation.decision == .allowed)
    }

    @Test func anAbsentVariableKeyInNotResourceMakesTheStatementNotMatch() throws {
        let identity = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
             "NotResource": ["arn:aws:s3:::private/${aws:username}/*", "arn:aws:s3:::secret/*"]}}
            """)
        let anonymous = RequestContext(action: "s3:GetObject", resource: "arn:aws:s3:::public/a")
        #expect(PolicyEvaluator.evaluate(PolicySet(identity: [identity]), anonymous).decision == .implicitDeny)
        var bob = anonymous
        bob.keys = ["aws:username": ["bob"]]
        #expect(PolicyEvaluator.evaluate(PolicySet(identity: [identity]), bob).decision == .allowed)
        bob.resource = "arn:aws:s3:::private/bob/a"
        #expect(PolicyEvaluator.evaluate(PolicySet(identity: [identity]), bob).decision == .implicitDeny)
    }

    @Test func anEntryWithAnAbsentVariableKeyInResourceMatchesNothingButOthersStillMatch() throws {
        let identity = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
             "Resource": ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::public/*"]}}
            """)
        let anonymous = RequestContext(action: "s3:GetObject", resource: "arn:aws:s3:::public/a")
        #expect(PolicyEvaluator.evaluate(PolicySet(identity: [identity]), anonymous).decision == .allowed)
    }

    @Test func aDefaultStandsInForAnAbsentKey() throws {
        let home = "arn:aws:s3:::bucket/home/${aws:username, 'shared'}/*"
        #expect(try Self.decide(resource: home, for: "arn:aws:s3:::bucket/home/shared/a") == .allowed)
        #expect(
            try Self.decide(resource: home, for: "arn:aws:s3:::bucket/home/bob/a", keys: ["aws:username": ["bob"]])
                == .allowed)
    }

    @Test func anUnknowableOrMultiValuedVariableIsUnknown() throws {
        let home = "arn:aws:s3:::bucket/home/${aws:username}/*"
        #expect(
            try Self.decide(resource: home, for: "arn:aws:s3:::bucket/home/bob/a", unknownKeys: ["aws:username"])
                == .unknown(
                    "policy \"Test\" (p-test) statement 0: the value of aws:username (policy variable) is not known"))
        #expect(
            try Self.decide(
                resource: home, for: "arn:aws:s3:::bucket/home/bob/a", keys: ["aws:username": ["bob", "alice"]])
                == .unknown("policy \"Test\" (p-test) statement 0: policy variable ${aws:username} has several values"))
    }

    @Test func version2008ReadsVariablesLiterally() throws {
        let home = "arn:aws:s3:::bucket/home/${aws:username}/*"
        #expect(
            try Self.decide(
                resource: home, for: "arn:aws:s3:::bucket/home/bob/a", keys: ["aws:username": ["bob"]],
                version: "2008-10-17")
                == .implicitDeny)
        #expect(
            try Self.decide(
                resource: home, for: "arn:aws:s3:::bucket/home/${aws:username}/a", version: "2008-10-17") == .allowed)
    }
}
