import AWSCore
import Testing

@testable import PreflightEngine

/// `StagingObject.parse`: the object a `TemplateURL` names, as CloudFormation reads it, case by case.
@Suite struct StagingObjectTests {
    @Test(arguments: [
        ("https://aws-abi.s3.us-east-1.amazonaws.com/cfn-abi-trend-cloudone//templates/t.yaml", "aws-abi", "cfn-abi-trend-cloudone//templates/t.yaml", "us-east-1"),
        ("https://my.bucket.s3.eu-west-1.amazonaws.com/k", "my.bucket", "k", "eu-west-1"),
        ("https://b.s3-eu-west-2.amazonaws.com/a/b", "b", "a/b", "eu-west-2"),
        ("https://b.s3.amazonaws.com/a", "b", "a", "us-east-1"),
        ("https://s3.ap-south-1.amazonaws.com/b/a//c", "b", "a//c", "ap-south-1"),
        ("https://s3.amazonaws.com/b/a", "b", "a", "us-east-1"),
        ("https://b.s3.eu-west-1.amazonaws.com/a%20b", "b", "a b", "eu-west-1"),
    ])
    func parsesAnS3URL(url: String, bucket: String, key: String, region: String) throws {
        let object = try #require(StagingObject.parse(url: url, dnsSuffix: "amazonaws.com"))
        #expect(object == StagingObject(bucket: bucket, key: key, region: Region(rawValue: region)!))
    }

    @Test(arguments: [
        "http://b.s3.us-east-1.amazonaws.com/k",
        "https://example.com/b/k",
        "https://b.s3.us-east-1.amazonaws.com/",
        "https://b.s3.not_a_region.amazonaws.com/k",
        "https://s3.us-east-1.amazonaws.com/bucket-only",
        "https://b.s3.us-east-1.amazonaws.com.cn/k",
        "not a url",
    ])
    func refusesWhatIsNotAnS3ObjectURL(url: String) {
        #expect(StagingObject.parse(url: url, dnsSuffix: "amazonaws.com") == nil)
    }

    @Test func readsAChinaURLWithItsSuffix() throws {
        let object = try #require(StagingObject.parse(url: "https://b.s3.cn-north-1.amazonaws.com.cn/k", dnsSuffix: "amazonaws.com.cn"))
        #expect(object.region == "cn-north-1")
        #expect(object.arn(partition: "aws-cn") == "arn:aws-cn:s3:::b/k")
    }
}
