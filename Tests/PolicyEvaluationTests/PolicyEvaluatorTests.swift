import PolicyEvaluation
import Testing

/// AWS's evaluation order: explicit Deny, SCP and RCP levels, then resource or identity Allow within the boundary
/// and session policies.
@Suite struct PolicyEvaluatorTests {
    static let role = "arn:aws:iam::111111111111:role/app"
    static let putParameter = RequestContext(
        action: "ssm:PutParameter", resource: "arn:aws:ssm:eu-west-1:111111111111:parameter/app/x", principalArn: role,
        keys: ["aws:RequestedRegion": ["eu-west-1"]])

    static func allow(_ action: String, id: String, sid: String? = nil) throws -> NamedPolicy {
        let sidMember = sid.map { "\"Sid\": \"\($0)\", " } ?? ""
        return try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {\(sidMember)"Effect": "Allow", "Action": "\(action)", "Resource": "*"}}
            """, id: id, name: id)
    }

    static func deny(_ action: String, id: String, sid: String? = nil) throws -> NamedPolicy {
        let sidMember = sid.map { "\"Sid\": \"\($0)\", " } ?? ""
        return try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {\(sidMember)"Effect": "Deny", "Action": "\(action)", "Resource": "*"}}
            """, id: id, name: id)
    }

    @Test func anExplicitDenyBeatsEveryAllowAndAllDeniesAreListedInOrder() throws {
        let policies = PolicySet(
            identity: [
                try Self.allow("ssm:*", id: "allow"), try Self.deny("ssm:Put*", id: "deny-identity", sid: "NoPut"),
            ],
            resourcePolicy: try Self.deny("*", id: "deny-resource"),
            scpLevels: [[PolicyFixtures.fullAWSAccess, try Self.deny("ssm:PutParameter", id: "deny-scp")]])
        let evaluation = PolicyEvaluator.evaluate(policies, Self.putParameter)
        #expect(evaluation.decision == .explicitDeny)
        #expect(
            evaluation.denyingStatements == [
                MatchedStatement(policyId: "deny-identity", policyName: "deny-identity", sid: "NoPut", index: 0),
                MatchedStatement(policyId: "deny-resource", policyName: "deny-resource", sid: nil, index: 0),
                MatchedStatement(policyId: "deny-scp", policyName: "deny-scp", sid: nil, index: 0),
            ])
        #expect(evaluation.notAllowedAtLevel == nil)
    }

    @Test func anIdentityAllowWithinFullAWSAccessAtEveryLevelIsAllowed() throws {
        let full = PolicyFixtures.fullAWSAccess
        let evaluation = PolicyEvaluator.evaluate(
            PolicySet(
                identity: [try Self.allow("ssm:PutParameter", id: "allow")], scpLevels: [[full], [full], [full]]),
            Self.putParameter)
        #expect(evaluation.decision == .allowed)
        #expect(evaluation.allowingStatements.map(\.policyId) == ["allow", full.id, full.id, full.id])
    }

    @Test func anSCPLevelWithoutAnAllowDenies() throws {
        let policies = PolicySet(
            identity: [try Self.allow("*", id: "admin")],
            scpLevels: [
                [PolicyFixtures.fullAWSAccess], [try Self.allow("s3:*", id: "ou-s3-only")],
                [PolicyFixtures.fullAWSAccess],
            ])
        let evaluation = PolicyEvaluator.evaluate(policies, Self.putParameter)
        #expect(evaluation.decision == .implicitDeny)
        #expect(evaluation.notAllowedAtLevel == 1)
        #expect(evaluation.denyingStatements.isEmpty)
        let emptyLevel = PolicyEvaluator.evaluate(
            PolicySet(identity: [try Self.allow("*", id: "admin")], scpLevels: [[PolicyFixtures.fullAWSAccess], []]),
            Self.putParameter)
        #expect(emptyLevel.decision == .implicitDeny)
        #expect(emptyLevel.notAllowedAtLevel == 1)
    }

    @Test func theManagementAccountIsExemptFromSCPs() throws {
        let evaluation = PolicyEvaluator.evaluate(
            PolicySet(identity: [try Self.allow("ssm:PutParameter", id: "allow")], scpLevels: []), Self.putParameter)
        #expect(evaluation.decision == .allowed)
        #expect(PolicyEvaluator.evaluateSCPs([], Self.putParameter).decision == .allowed)
    }

    @Test func withoutAnyAllowTheRequestIsImplicitlyDenied() throws {
        let evaluation = PolicyEvaluator.evaluate(
            PolicySet(identity: [try Self.allow("s3:*", id: "s3")], scpLevels: [[PolicyFixtures.fullAWSAccess]]),
            Self.putParameter)
        #expect(evaluation.decision == .implicitDeny)
        #expect(evaluation.notAllowedAtLevel == nil)
    }

    @Test func aPermissionsBoundaryLimitsTheIdentityPolicies() throws {
        let policies = PolicySet(
            identity: [try Self.allow("*", id: "admin")], permissionsBoundary: try Self.allow("s3:*", id: "boundary"))
        #expect(PolicyEvaluator.evaluate(policies, Self.putParameter).decision == .implicitDeny)
        #expect(PolicyEvaluator.evaluate(policies, RequestContext(action: "s3:GetObject")).decision == .allowed)
        let boundaryOnly = PolicySet(permissionsBoundary: try Self.allow("*", id: "boundary"))
        #expect(PolicyEvaluator.evaluate(boundaryOnly, Self.putParameter).decision == .implicitDeny)
    }

    @Test func sessionPoliciesLimitTheSession() throws {
        let policies = PolicySet(
            identity: [try Self.allow("*", id: "admin")],
            session: [try Self.allow("s3:*", id: "session-s3"), try Self.allow("ssm:Get*", id: "session-ssm")])
        #expect(PolicyEvaluator.evaluate(policies, Self.putParameter).decision == .implicitDeny)
        #expect(PolicyEvaluator.evaluate(policies, RequestContext(action: "ssm:GetParameter")).decision == .allowed)
    }

    static func resourcePolicy(_ principal: String, action: String = "ssm:PutParameter") throws -> NamedPolicy {
        try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": \(principal),
             "Action": "\(action)", "Resource": "*"}}
            """, id: "resource")
    }

    /// Within one account a resource policy that names the principal allows alone; one that names only the account
    /// delegates to the identity policies (AWS's same-account table).
    @Test func aResourcePolicyNamingThePrincipalAllowsAloneAndOneNamingTheAccountDelegates() throws {
        for principal in [#"{"AWS": "\#(Self.role)"}"#, #""*""#, #"{"AWS": "*"}"#] {
            let evaluation = PolicyEvaluator.evaluate(
                PolicySet(resourcePolicy: try Self.resourcePolicy(principal)), Self.putParameter)
            #expect(evaluation.decision == .allowed, "\(principal)")
        }
        for principal in [#"{"AWS": "111111111111"}"#, #"{"AWS": ["arn:aws:iam::111111111111:root"]}"#] {
            let alone = PolicyEvaluator.evaluate(PolicySet(resourcePolicy: try Self.resourcePolicy(principal)), Self.putParameter)
            #expect(alone.decision == .implicitDeny, "\(principal)")
            let withIdentity = PolicyEvaluator.evaluate(
                PolicySet(identity: [try Self.allow("ssm:PutParameter", id: "identity")], resourcePolicy: try Self.resourcePolicy(principal)),
                Self.putParameter)
            #expect(withIdentity.decision == .allowed, "\(principal)")
        }
        for principal in [
            #"{"AWS": "arn:aws:iam::111111111111:role/other"}"#, #"{"AWS": "222222222222"}"#,
            #"{"Service": "ssm.amazonaws.com"}"#,
        ] {
            let evaluation = PolicyEvaluator.evaluate(
                PolicySet(resourcePolicy: try Self.resourcePolicy(principal)), Self.putParameter)
            #expect(evaluation.decision == .implicitDeny, "\(principal)")
        }
        let anonymous = RequestContext(action: "ssm:PutParameter", resource: Self.putParameter.resource)
        #expect(
            PolicyEvaluator.evaluate(
                PolicySet(resourcePolicy: try Self.resourcePolicy(#"{"AWS": "111111111111"}"#)), anonymous
            ).decision
                == .unknown("policy \"Test\" (resource) statement 0: the request's principal is not known"))
    }

    /// A KMS key policy is required: identity policies alone grant nothing; a key policy that names the account
    /// (IAM delegation) grants with an identity Allow; one naming the principal grants alone.
    @Test func aKeyPolicyIsRequiredAndDelegatesByNamingTheAccount() throws {
        let decrypt = RequestContext(
            action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111111111111:key/k", principalArn: Self.role)
        let identity = [try Self.allow("kms:Decrypt", id: "identity")]
        func decision(_ principal: String?, identity: [NamedPolicy]) throws -> Decision {
            let key = try principal.map { try Self.resourcePolicy($0, action: "kms:*") }
            return PolicyEvaluator.evaluate(
                PolicySet(identity: identity, resourcePolicy: key, resourcePolicyIsKeyPolicy: true), decrypt
            ).decision
        }
        #expect(try decision(nil, identity: identity) == .implicitDeny)
        #expect(try decision(#"{"AWS": "arn:aws:iam::111111111111:role/admin"}"#, identity: identity) == .implicitDeny)
        #expect(try decision(#"{"AWS": "arn:aws:iam::111111111111:root"}"#, identity: identity) == .allowed)
        #expect(try decision(#"{"AWS": "arn:aws:iam::111111111111:root"}"#, identity: []) == .implicitDeny)
        #expect(try decision(#"{"AWS": "\#(Self.role)"}"#, identity: []) == .allowed)
        #expect(try decision(#"{"AWS": "*"}"#, identity: []) == .allowed)
        let undelegated = PolicyEvaluator.evaluate(
            PolicySet(
                identity: identity, resourcePolicy: try Self.resourcePolicy(#"{"AWS": "arn:aws:iam::111111111111:role/admin"}"#, action: "kms:*"),
                resourcePolicyIsKeyPolicy: true), decrypt)
        #expect(undelegated.unmet == [.keyPolicy])
        let otherAccount = PolicyEvaluator.evaluate(
            PolicySet(
                resourcePolicy: try Self.resourcePolicy(#"{"AWS": "\#(Self.role)"}"#, action: "kms:*"), resourcePolicyIsKeyPolicy: true,
                resourceInOtherAccount: true), decrypt)
        #expect(otherAccount.decision == .implicitDeny && otherAccount.unmet == [.grant])
    }

    @Test func aNotPrincipalDenyExemptsTheNamedPrincipal() throws {
        let resource = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "ssm:*", "Resource": "*"},
              {"Effect": "Deny", "NotPrincipal": {"AWS": "\(Self.role)"}, "Action": "ssm:*", "Resource": "*"}]}
            """, id: "resource")
        #expect(PolicyEvaluator.evaluate(PolicySet(resourcePolicy: resource), Self.putParameter).decision == .allowed)
        var other = Self.putParameter
        other.principalArn = "arn:aws:iam::111111111111:role/other"
        #expect(PolicyEvaluator.evaluate(PolicySet(resourcePolicy: resource), other).decision == .explicitDeny)
    }

    @Test func rcpLevelsMustAllowLikeSCPLevels() throws {
        let policies = PolicySet(
            identity: [try Self.allow("*", id: "admin")],
            rcpLevels: [[try Self.allow("*", id: "RCPFullAWSAccess")], [try Self.allow("s3:*", id: "rcp-s3")]])
        let evaluation = PolicyEvaluator.evaluate(policies, Self.putParameter)
        #expect(evaluation.decision == .implicitDeny)
        #expect(evaluation.notAllowedAtLevel == 1)
    }

    @Test func anUndecidableDenyMakesAnAllowUnknownButNotADenial() throws {
        let undecidable = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Sid": "Odd", "Effect": "Deny", "Action": "ssm:*", "Resource": "*",
             "Condition": {"StringEqualsFancy": {"aws:RequestedRegion": "eu-west-1"}}}}
            """, id: "odd", name: "Odd")
        let allowed = PolicyEvaluator.evaluate(
            PolicySet(identity: [try Self.allow("*", id: "admin"), undecidable]), Self.putParameter)
        #expect(
            allowed.decision
                == .unknown(
                    "policy \"Odd\" (odd) statement 0 (Sid \"Odd\"): condition operator StringEqualsFancy is not known")
        )
        let denied = PolicyEvaluator.evaluate(
            PolicySet(identity: [try Self.allow("s3:*", id: "s3"), undecidable]), Self.putParameter)
        #expect(denied.decision == .implicitDeny)
        let unrelated = PolicyEvaluator.evaluate(
            PolicySet(identity: [try Self.allow("*", id: "admin"), undecidable]), RequestContext(action: "s3:GetObject")
        )
        #expect(unrelated.decision == .allowed)
    }

    @Test func anUndecidableAllowAtOneSCPLevelDoesNotHideALevelWithoutAllow() throws {
        let undecidable = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}}
            """, id: "maybe")
        var request = Self.putParameter
        request.unknownKeys = ["aws:PrincipalOrgID"]
        let denied = PolicyEvaluator.evaluateSCPs([[undecidable], [try Self.allow("s3:*", id: "s3")]], request)
        #expect(denied.decision == .implicitDeny)
        #expect(denied.notAllowedAtLevel == 1)
        let unknown = PolicyEvaluator.evaluateSCPs([[undecidable], [PolicyFixtures.fullAWSAccess]], request)
        #expect(
            unknown.decision
                == .unknown(
                    "policy \"Test\" (maybe) statement 0: the value of aws:PrincipalOrgID is not known"))
    }

    @Test func aServicePrincipalMatchesThePrincipalServiceName() throws {
        let resource = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "CloudTrail.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"}}
            """, id: "bucket-policy")
        func decide(_ service: String) -> Decision {
            let request = RequestContext(
                action: "s3:PutObject", resource: "arn:aws:s3:::logs/x",
                keys: ["aws:PrincipalServiceName": [service]])
            return PolicyEvaluator.evaluate(PolicySet(resourcePolicy: resource), request).decision
        }
        #expect(decide("cloudtrail.amazonaws.com") == .allowed)
        #expect(decide("config.amazonaws.com") == .implicitDeny)
    }

    @Test func reasonsNeverRepeatTheRequestsValues() throws {
        let secret = "tok-SECRET-0123456789"
        let conditions = [
            #"{"NumericLessThan": {"s3:max-keys": 10}}"#, #"{"DateLessThan": {"aws:CurrentTime": "2020-01-01"}}"#,
            #"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#, #"{"BinaryEquals": {"aws:userid": "AA=="}}"#,
        ]
        let keys = ["s3:max-keys": [secret], "aws:CurrentTime": [secret], "aws:SourceIp": [secret], "aws:userid": [secret]]
        for condition in conditions {
            let decision = try PolicyFixtures.decision(of: condition, keys: keys)
            guard case .unknown(let reason) = decision else {
                Issue.record("\(condition) decided \(decision)")
                continue
            }
            #expect(!reason.contains(secret), "\(reason)")
        }
    }
}
