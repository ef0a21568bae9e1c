import PolicyEvaluation
import Testing

/// `PolicyDocument(json:)` reads every shape the IAM grammar allows and names the statement and element of a bad one.
@Suite struct PolicyDocumentParsingTests {
    @Test func readsASingleStatementObjectWithStringElements() throws {
        let document = try PolicyDocument(
            json: """
                {"Version": "2012-10-17", "Statement": {"Sid": "One", "Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::bucket/*"}}
                """)
        #expect(document.version == "2012-10-17")
        #expect(
            document.statements == [
                PolicyStatement(
                    sid: "One", effect: .allow, actions: PatternList(patterns: ["s3:GetObject"]),
                    resources: PatternList(patterns: ["arn:aws:s3:::bucket/*"]))
            ])
    }

    @Test func readsArraysNegatedElementsPrincipalsAndConditions() throws {
        let document = try PolicyDocument(
            json: """
                {"Version": "2012-10-17", "Id": "p", "Statement": [
                  {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": ["arn:aws:iam::*:role/x"],
                   "NotPrincipal": {"AWS": ["arn:aws:iam::111111111111:root", "222222222222"], "Service": "ec2.amazonaws.com"},
                   "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]},
                                 "NumericLessThan": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": false}}},
                  {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}]}
                """)
        #expect(document.id == "p")
        #expect(document.statements.count == 2)
        let deny = document.statements[0]
        #expect(deny.sid == nil)
        #expect(deny.effect == .deny)
        #expect(deny.actions == PatternList(patterns: ["iam:*", "sts:*"], negated: true))
        #expect(deny.resources == PatternList(patterns: ["arn:aws:iam::*:role/x"], negated: true))
        #expect(
            deny.principals
                == PrincipalList(
                    identifiers: [
                        .aws: ["arn:aws:iam::111111111111:root", "222222222222"], .service: ["ec2.amazonaws.com"],
                    ],
                    negated: true))
        #expect(
            deny.conditions == [
                ConditionClause(operatorName: "Bool", key: "aws:SecureTransport", values: ["false"]),
                ConditionClause(operatorName: "NumericLessThan", key: "s3:max-keys", values: ["10"]),
                ConditionClause(
                    operatorName: "StringEquals", key: "aws:RequestedRegion", values: ["eu-west-1", "us-east-1"]),
            ])
        #expect(document.statements[1].principals == PrincipalList(everyone: true))
    }

    @Test func anAWSWildcardPrincipalIsEveryone() throws {
        let document = try PolicyDocument(
            json: """
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"}}
                """)
        #expect(document.version == nil)
        #expect(document.statements[0].principals?.everyone == true)
    }

    @Test(arguments: [
        ("not json", "policy document is not valid JSON"),
        ("[]", "policy document must be a JSON object, got an array"),
        (#"{"Version": "2012-10-17"}"#, "policy document has no Statement"),
        (#"{"Statement": []}"#, "policy document Statement is empty"),
        (#"{"Statement": "x"}"#, "policy document Statement must be an object or an array of objects, got a string"),
        (
            #"{"Version": "2020-01-01", "Statement": []}"#,
            #"policy document Version must be "2012-10-17" or "2008-10-17", got "2020-01-01""#
        ),
        (#"{"Statment": []}"#, #"policy document has an unknown element "Statment""#),
        (#"{"Statement": [{"Effect": "Allow", "Action": "*"}, 3]}"#, "Statement[1] must be an object, got a number"),
        (#"{"Statement": [{"Sid": "A", "Action": "*"}]}"#, #"Statement[0] (Sid "A") has no Effect"#),
        (
            #"{"Statement": [{"Sid": "A", "Effect": "allow", "Action": "*"}]}"#,
            #"Statement[0] (Sid "A") Effect must be "Allow" or "Deny", got "allow""#
        ),
        (#"{"Statement": [{"Effect": "Allow", "Resource": "*"}]}"#, "Statement[0] has neither Action nor NotAction"),
        (
            #"{"Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "s3:*"}]}"#,
            "Statement[0] has both Action and NotAction"
        ),
        (#"{"Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}"#, "Statement[0] Action is empty"),
        (
            #"{"Statement": [{"Effect": "Allow", "Action": ["s3:*", 1]}]}"#,
            "Statement[0] Action[1] must be a string, got a number"
        ),
        (
            #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": {"a": 1}}]}"#,
            "Statement[0] Resource must be a string or an array of strings, got an object"
        ),
        (
            #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}]}"#,
            "Statement[0] has both Resource and NotResource"
        ),
        (
            #"{"Statement": [{"Effect": "Allow", "Action": "*", "Principal": "me"}]}"#,
            #"Statement[0] Principal must be "*" or an object of principal types, got "me""#
        ),
        (
            #"{"Statement": [{"Effect": "Allow", "Action": "*", "Principal": {"User": "x"}}]}"#,
            #"Statement[0] Principal has an unknown principal type "User" (expected AWS, Service, Federated or CanonicalUser)"#
        ),
        (
            #"{"Statement": [{"Effect": "Allow", "Action": "*", "Principal": "*", "NotPrincipal": "*"}]}"#,
            "Statement[0] has both Principal and NotPrincipal"
        ),
        (
            #"{"Statement": [{"Sid": "C", "Effect": "Deny", "Action": "*", "Condition": []}]}"#,
            #"Statement[0] (Sid "C") Condition must be an object, got an array"#
        ),
        (
            #"{"Statement": [{"Effect": "Deny", "Action": "*", "Condition": {"StringEquals": "x"}}]}"#,
            #"Statement[0] Condition "StringEquals" must be a non-empty object of condition keys, got a string"#
        ),
        (
            #"{"Statement": [{"Effect": "Deny", "Action": "*", "Condition": {"StringEquals": {"aws:username": {}}}}]}"#,
            #"Statement[0] Condition "StringEquals" key "aws:username" must be a string, number or boolean or an array of them, got an object"#
        ),
        (
            #"{"Statement": [{"Effect": "Deny", "Action": "*", "Condition": {"StringEquals": {"aws:username": []}}}]}"#,
            #"Statement[0] Condition "StringEquals" key "aws:username" has no value"#
        ),
        (
            #"{"Statement": [{"Effect": "Deny", "Action": "*", "Sid": 4}]}"#,
            "Statement[0] Sid must be a string, got a number"
        ),
        (
            #"{"Statement": [{"Effect": "Deny", "Action": "*", "Resources": "*"}]}"#,
            #"Statement[0] has an unknown element "Resources""#
        ),
    ])
    func aBadShapeIsOneLineNamingStatementAndElement(_ json: String, _ message: String) {
        #expect(throws: PolicyParseError(message: message)) {
            try PolicyDocument(json: json)
        }
        #expect(!message.contains("\n"))
    }

    @Test func deeplyNestedInputIsAnErrorNotACrash() {
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: PolicyParseError.self) {
            try PolicyDocument(json: #"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": "# + nested + "}}")
        }
    }

    @Test func theErrorDescribesItselfByItsMessage() {
        let error = PolicyParseError(message: "Statement[0] has no Effect")
        #expect(error.description == "Statement[0] has no Effect")
        #expect("\(error)" == "Statement[0] has no Effect")
    }
}
