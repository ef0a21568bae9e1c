import PolicyEvaluation
import Testing

/// Each condition operator of the IAM reference, with the reference's own examples where it gives one.
@Suite struct ConditionOperatorTests {
    typealias Case = (condition: String, keys: [String: [String]], expected: Decision)

    static func check(_ cases: [Case], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (condition, keys, expected) in cases {
            let decision = try PolicyFixtures.decision(of: condition, keys: keys)
            #expect(decision == expected, "\(condition) with \(keys)", sourceLocation: sourceLocation)
        }
    }

    @Test func stringOperators() throws {
        let equals = #"{"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}}"#
        let notEquals = #"{"StringNotEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}}"#
        let ignoringCase = #"{"StringEqualsIgnoreCase": {"aws:PrincipalTag/job-category": "IAMUser-Admin"}}"#
        let notIgnoringCase = #"{"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/job-category": "IAMUser-Admin"}}"#
        let like = #"{"StringLike": {"aws:PrincipalTag/job-category": "iamuser-*"}}"#
        let notLike = #"{"StringNotLike": {"aws:PrincipalTag/job-category": "iamuser-?dmin"}}"#
        let admin = ["aws:PrincipalTag/job-category": ["iamuser-admin"]]
        let upper = ["aws:PrincipalTag/job-category": ["IAMUSER-ADMIN"]]
        let other = ["aws:PrincipalTag/job-category": ["billing"]]
        try Self.check([
            (equals, admin, .allowed), (equals, upper, .implicitDeny), (equals, other, .implicitDeny),
            (notEquals, admin, .implicitDeny), (notEquals, other, .allowed),
            (ignoringCase, upper, .allowed), (ignoringCase, other, .implicitDeny),
            (notIgnoringCase, upper, .implicitDeny), (notIgnoringCase, other, .allowed),
            (like, admin, .allowed), (like, upper, .implicitDeny), (like, other, .implicitDeny),
            (notLike, admin, .implicitDeny), (notLike, ["aws:PrincipalTag/job-category": ["iamuser-xadmin"]], .allowed),
        ])
    }

    @Test func numericOperators() throws {
        let maxKeys = { (op: String) in "{\"\(op)\": {\"s3:max-keys\": \"10\"}}" }
        let ten = ["s3:max-keys": ["10"]]
        let eleven = ["s3:max-keys": ["11"]]
        let nine = ["s3:max-keys": ["9.5"]]
        try Self.check([
            (maxKeys("NumericEquals"), ten, .allowed), (maxKeys("NumericEquals"), eleven, .implicitDeny),
            (maxKeys("NumericNotEquals"), ten, .implicitDeny), (maxKeys("NumericNotEquals"), eleven, .allowed),
            (maxKeys("NumericLessThan"), nine, .allowed), (maxKeys("NumericLessThan"), ten, .implicitDeny),
            (maxKeys("NumericLessThanEquals"), ten, .allowed),
            (maxKeys("NumericLessThanEquals"), eleven, .implicitDeny),
            (maxKeys("NumericGreaterThan"), eleven, .allowed), (maxKeys("NumericGreaterThan"), ten, .implicitDeny),
            (maxKeys("NumericGreaterThanEquals"), ten, .allowed),
            (maxKeys("NumericGreaterThanEquals"), nine, .implicitDeny),
            (#"{"NumericEquals": {"s3:max-keys": 10}}"#, ["s3:max-keys": ["10.0"]], .allowed),
        ])
    }

    @Test func dateOperatorsReadISO8601AndEpochSeconds() throws {
        let after = #"{"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}}"#
        let before = #"{"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}"#
        let epoch = #"{"DateLessThanEquals": {"aws:EpochTime": 1577836800}}"#
        try Self.check([
            (after, ["aws:TokenIssueTime": ["2020-01-01T00:00:02Z"]], .allowed),
            (after, ["aws:TokenIssueTime": ["2020-01-01T00:00:01Z"]], .implicitDeny),
            (after, ["aws:TokenIssueTime": ["2020-01-01T01:00:01.500+01:00"]], .allowed),
            (before, ["aws:CurrentTime": ["2019-12-31T23:59:59Z"]], .allowed),
            (before, ["aws:CurrentTime": ["2020-06-01"]], .implicitDeny),
            (epoch, ["aws:EpochTime": ["1577836800"]], .allowed),
            (epoch, ["aws:EpochTime": ["2020-01-01T00:00:01Z"]], .implicitDeny),
            (#"{"DateEquals": {"aws:CurrentTime": "2020-01-01"}}"#, ["aws:CurrentTime": ["1577836800"]], .allowed),
            (
                #"{"DateNotEquals": {"aws:CurrentTime": "2020-01-01"}}"#, ["aws:CurrentTime": ["1577836800"]],
                .implicitDeny
            ),
            (
                #"{"DateGreaterThanEquals": {"aws:CurrentTime": "2020-01-01"}}"#, ["aws:CurrentTime": ["1577836799"]],
                .implicitDeny
            ),
        ])
    }

    @Test func boolAndBinary() throws {
        let secure = #"{"Bool": {"aws:SecureTransport": "true"}}"#
        let binary = #"{"BinaryEquals": {"kms:RecipientAttestation:ImageSha384": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#
        try Self.check([
            (secure, ["aws:SecureTransport": ["true"]], .allowed),
            (secure, ["aws:SecureTransport": ["false"]], .implicitDeny),
            (#"{"Bool": {"aws:MultiFactorAuthPresent": false}}"#, ["aws:MultiFactorAuthPresent": ["False"]], .allowed),
            (binary, ["kms:RecipientAttestation:ImageSha384": ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="]], .allowed),
            (binary, ["kms:RecipientAttestation:ImageSha384": ["T3RoZXI="]], .implicitDeny),
        ])
    }

    @Test func ipAddressOperatorsForIPv4AndIPv6() throws {
        let inRange = #"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}"#
        let outside = #"{"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]}}"#
        try Self.check([
            (inRange, ["aws:SourceIp": ["203.0.113.7"]], .allowed),
            (inRange, ["aws:SourceIp": ["203.0.114.7"]], .implicitDeny),
            (inRange, ["aws:SourceIp": ["2001:db8:1234:5678:abcd::1"]], .allowed),
            (inRange, ["aws:SourceIp": ["2001:db8:1234:5679::1"]], .implicitDeny),
            (outside, ["aws:SourceIp": ["192.0.2.200"]], .implicitDeny),
            (outside, ["aws:SourceIp": ["198.51.100.1"]], .allowed),
            (#"{"IpAddress": {"aws:SourceIp": "10.1.2.3"}}"#, ["aws:SourceIp": ["10.1.2.3"]], .allowed),
            (#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#, ["aws:SourceIp": ["::ffff:10.1.2.3"]], .implicitDeny),
            (#"{"IpAddress": {"aws:SourceIp": "::1/128"}}"#, ["aws:SourceIp": ["0:0:0:0:0:0:0:1"]], .allowed),
            (#"{"IpAddress": {"aws:SourceIp": "::ffff:0:0/96"}}"#, ["aws:SourceIp": ["::ffff:192.0.2.1"]], .allowed),
            (#"{"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}"#, ["aws:SourceIp": ["2001:db9::1"]], .implicitDeny),
            (#"{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}"#, ["aws:SourceIp": ["255.255.255.255"]], .allowed),
            (#"{"IpAddress": {"aws:SourceIp": "192.0.2.0/25"}}"#, ["aws:SourceIp": ["192.0.2.128"]], .implicitDeny),
        ])
    }

    @Test func arnOperatorsMatchEachOfTheSixPartsOnItsOwn() throws {
        let like = #"{"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"}}"#
        let equals = #"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic"}}"#
        let crossing = #"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"}}"#
        let stringCrossing = #"{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"}}"#
        let sevenParts = ["aws:PrincipalArn": ["arn:aws:iam::111:222:role/x"]]
        try Self.check([
            (like, ["aws:SourceArn": ["arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"]], .allowed),
            (like, ["aws:SourceArn": ["arn:aws:cloudtrail:eu-west-1:444455556666:trail/main"]], .implicitDeny),
            (equals, ["aws:SourceArn": ["arn:aws:sns:us-east-1:123456789012:topic"]], .allowed),
            (equals, ["aws:SourceArn": ["arn:aws:sns:us-east-1:123456789012:Topic"]], .implicitDeny),
            (
                #"{"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:*:*:topic"}}"#,
                ["aws:SourceArn": ["arn:aws:sns:us-east-1:123456789012:topic"]], .implicitDeny
            ),
            (
                #"{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:topic"}}"#,
                ["aws:SourceArn": ["arn:aws:sns:us-east-1:123456789012:other"]], .allowed
            ),
            (crossing, sevenParts, .implicitDeny), (stringCrossing, sevenParts, .allowed),
            (like, ["aws:SourceArn": ["not-an-arn"]], .implicitDeny),
        ])
    }

    @Test func nullTestsWhetherTheKeyIsPresent() throws {
        let absent = #"{"Null": {"aws:TokenIssueTime": "true"}}"#
        let present = #"{"Null": {"aws:TokenIssueTime": false}}"#
        let issued = ["aws:TokenIssueTime": ["2020-01-01T00:00:00Z"]]
        try Self.check([
            (absent, [:], .allowed), (absent, issued, .implicitDeny), (present, issued, .allowed),
            (present, [:], .implicitDeny), (absent, ["aws:TokenIssueTime": []], .allowed),
        ])
    }

    @Test func anAbsentKeyFailsPositiveOperatorsAndSatisfiesNegatedOnes() throws {
        let negated = [
            #"{"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}"#,
            #"{"StringNotLike": {"aws:PrincipalOrgID": "o-*"}}"#,
            #"{"StringNotEqualsIgnoreCase": {"aws:PrincipalOrgID": "o-abc"}}"#,
            #"{"NumericNotEquals": {"aws:MultiFactorAuthAge": 1}}"#,
            #"{"DateNotEquals": {"aws:CurrentTime": "2020-01-01"}}"#,
            #"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            #"{"ArnNotLike": {"aws:SourceArn": "arn:*:*:*:*:*"}}"#,
            #"{"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:1:t"}}"#,
        ]
        let positive = [
            #"{"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}"#, #"{"StringLike": {"aws:PrincipalOrgID": "*"}}"#,
            #"{"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}"#,
            #"{"DateLessThan": {"aws:CurrentTime": "2099-01-01"}}"#,
            #"{"Bool": {"aws:SecureTransport": "false"}}"#, #"{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}"#,
            #"{"ArnLike": {"aws:SourceArn": "arn:*:*:*:*:*"}}"#, #"{"BinaryEquals": {"aws:userid": "AA=="}}"#,
        ]
        try Self.check(negated.map { ($0, [:], .allowed) } + positive.map { ($0, [:], .implicitDeny) })
    }

    @Test func ifExistsHoldsWhenTheKeyIsAbsentAndComparesWhenPresent() throws {
        let types = #"{"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}"#
        let notEquals = #"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}"#
        let numeric = #"{"NumericLessThanIfExists": {"aws:MultiFactorAuthAge": 3600}}"#
        try Self.check([
            (types, [:], .allowed), (types, ["ec2:InstanceType": ["t2.micro"]], .allowed),
            (types, ["ec2:InstanceType": ["m5.large"]], .implicitDeny),
            (notEquals, [:], .allowed), (notEquals, ["aws:PrincipalOrgID": ["o-abc"]], .implicitDeny),
            (numeric, [:], .allowed), (numeric, ["aws:MultiFactorAuthAge": ["7200"]], .implicitDeny),
        ])
    }

    @Test func forAllValuesHoldsForAnEmptyOrAbsentKeyAndNeedsEveryValueToMatch() throws {
        let allowedTags = #"{"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}"#
        let noForbidden = #"{"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}}"#
        try Self.check([
            (allowedTags, [:], .allowed), (allowedTags, ["aws:TagKeys": []], .allowed),
            (allowedTags, ["aws:TagKeys": ["environment"]], .allowed),
            (allowedTags, ["aws:TagKeys": ["environment", "cost-center"]], .allowed),
            (allowedTags, ["aws:TagKeys": ["environment", "owner"]], .implicitDeny),
            (noForbidden, ["aws:TagKeys": ["a", "b"]], .allowed),
            (noForbidden, ["aws:TagKeys": ["a", "secret"]], .implicitDeny),
        ])
    }

    @Test func forAnyValueFailsForAnEmptyOrAbsentKeyAndNeedsOneValueToMatch() throws {
        let anyTag = #"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}"#
        let anyOther = #"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["environment"]}}"#
        let ifExists = #"{"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["environment"]}}"#
        try Self.check([
            (anyTag, [:], .implicitDeny), (anyTag, ["aws:TagKeys": []], .implicitDeny),
            (anyTag, ["aws:TagKeys": ["owner", "cost-center"]], .allowed),
            (anyTag, ["aws:TagKeys": ["owner"]], .implicitDeny),
            (anyOther, ["aws:TagKeys": ["environment"]], .implicitDeny),
            (anyOther, ["aws:TagKeys": ["environment", "owner"]], .allowed), (anyOther, [:], .implicitDeny),
            (ifExists, [:], .allowed), (ifExists, ["aws:TagKeys": ["owner"]], .implicitDeny),
        ])
    }

    @Test func aMultiValuedKeyWithoutASetPrefixMatchesWhenAnyValueDoes() throws {
        let paths = ["aws:PrincipalOrgPaths": ["o-a/r-ab/ou-ab-1/", "o-a/r-ab/ou-ab-2/"]]
        try Self.check([
            (#"{"StringLike": {"aws:PrincipalOrgPaths": "o-a/r-ab/ou-ab-2/*"}}"#, paths, .allowed),
            (#"{"StringLike": {"aws:PrincipalOrgPaths": "o-a/r-ab/ou-ab-3/*"}}"#, paths, .implicitDeny),
            (#"{"StringNotLike": {"aws:PrincipalOrgPaths": "o-a/r-ab/ou-ab-2/*"}}"#, paths, .implicitDeny),
        ])
    }

    @Test func keysAreANDedValuesORedAndKeyNamesCaseInsensitive() throws {
        let both = """
            {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"], "aws:PrincipalAccount": "111111111111"},
             "Bool": {"aws:SecureTransport": "true"}}
            """
        let full = [
            "aws:requestedregion": ["eu-central-1"], "AWS:PRINCIPALACCOUNT": ["111111111111"],
            "aws:SecureTransport": ["true"],
        ]
        var otherRegion = full
        otherRegion["aws:requestedregion"] = ["us-east-1"]
        var insecure = full
        insecure["aws:SecureTransport"] = ["false"]
        var otherAccount = full
        otherAccount["AWS:PRINCIPALACCOUNT"] = ["222222222222"]
        try Self.check([
            (both, full, .allowed), (both, otherRegion, .implicitDeny), (both, insecure, .implicitDeny),
            (both, otherAccount, .implicitDeny),
        ])
    }

    @Test func unknownOperatorsKeysAndValuesAreUnknownNeverAGuess() throws {
        let cases = [
            (
                #"{"StringEqualz": {"aws:RequestedRegion": "eu-west-1"}}"#, [String: [String]](),
                "condition operator StringEqualz is not known"
            ),
            (
                #"{"NullIfExists": {"aws:RequestedRegion": "true"}}"#, [:],
                "condition operator NullIfExists is not known"
            ),
            (#"{"StringEquals": {"aws:NoSuchKey": "x"}}"#, [:], "condition key aws:NoSuchKey is not known"),
            (#"{"StringEquals": {"notakey": "x"}}"#, [:], "condition key notakey is not known"),
            (
                #"{"NumericLessThan": {"s3:max-keys": "ten"}}"#, ["s3:max-keys": ["5"]],
                "NumericLessThan on s3:max-keys has the value ten, not a number"
            ),
            (
                #"{"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}"#, ["aws:SourceIp": ["10.0.0.1"]],
                "IpAddress on aws:SourceIp has the value 10.0.0.0/33, not a CIDR block"
            ),
            (
                #"{"DateLessThan": {"aws:CurrentTime": "2020-01-01"}}"#, ["aws:CurrentTime": ["yesterday"]],
                "the value of aws:CurrentTime is not a date"
            ),
            (
                #"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#, ["aws:SourceIp": ["10.0.0.256"]],
                "the value of aws:SourceIp is not an IP address"
            ),
            (
                #"{"ArnLike": {"aws:SourceArn": "*"}}"#, ["aws:SourceArn": ["arn:aws:sns:us-east-1:1:t"]],
                "ArnLike on aws:SourceArn has the value *, not an ARN"
            ),
            (
                #"{"Null": {"aws:SourceArn": "maybe"}}"#, [:],
                "Null condition on aws:SourceArn has the value maybe, not true or false"
            ),
            (
                #"{"ForAnyValue:Null": {"aws:SourceArn": "true"}}"#, [:],
                "condition operator ForAnyValue:Null is not known"
            ),
        ]
        for (condition, keys, reason) in cases {
            let decision = try PolicyFixtures.decision(of: condition, keys: keys)
            #expect(decision == .unknown("policy \"Test\" (p-test) statement 0: \(reason)"), "\(condition)")
        }
    }

    @Test func aKeyTheCallerCannotKnowIsUnknownButAnAbsentServiceKeyIsAbsent() throws {
        let orgID = #"{"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}"#
        #expect(
            try PolicyFixtures.decision(of: orgID, unknownKeys: ["aws:principalorgid"])
                == .unknown("policy \"Test\" (p-test) statement 0: the value of aws:PrincipalOrgID is not known"))
        let tag = #"{"StringEquals": {"aws:PrincipalTag/team": "x"}}"#
        #expect(
            try PolicyFixtures.decision(of: tag, unknownKeys: ["aws:PrincipalTag/*"])
                == .unknown("policy \"Test\" (p-test) statement 0: the value of aws:PrincipalTag/team is not known"))
        #expect(try PolicyFixtures.decision(of: tag, unknownKeys: ["aws:PrincipalTag/other"]) == .implicitDeny)
        let via = #"{"StringNotEquals": {"kms:ViaService": "ssm.eu-west-1.amazonaws.com"}}"#
        #expect(try PolicyFixtures.decision(of: via) == .allowed)
        #expect(
            try PolicyFixtures.decision(of: via, keys: ["kms:viaservice": ["ssm.eu-west-1.amazonaws.com"]])
                == .implicitDeny)
    }
}
