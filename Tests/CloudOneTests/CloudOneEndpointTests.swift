import Testing

@testable import CloudOne

@Suite struct CloudOneEndpointTests {
    @Test(arguments: ["us-1", "de-1", "jp-1", "sg-1", "au-1", "in-1", "gb-1", "ca-1", "trend-us-1"])
    func acceptsCloudOneRegions(_ name: String) {
        #expect(CloudOneRegion(rawValue: name)?.host == "workload.\(name).cloudone.trendmicro.com")
    }

    @Test(arguments: ["", "us", "US-1", "us-", "-1", "us_1", "us-1.evil.com/x", "us-1a", "us--1"])
    func refusesOtherNames(_ name: String) {
        #expect(CloudOneRegion(rawValue: name) == nil)
    }

    @Test func overrideKeepsItsPathAndDropsTrailingSlashes() throws {
        let region = try #require(CloudOneRegion(rawValue: "us-1"))
        let endpoint = try CloudOneEndpoint(region: region, environment: ["CLOUDONE_ENDPOINT_URL": "http://127.0.0.1:8080/cloudone/us-1/"])
        #expect(endpoint.url(for: .describeCurrentAPIKey) == "http://127.0.0.1:8080/cloudone/us-1/api/apikeys/current")
        #expect(try CloudOneEndpoint(region: region, environment: [:]).baseURL == "https://workload.us-1.cloudone.trendmicro.com")
    }

    @Test(arguments: ["ftp://host", "not a url", "http://", "https://host/?q=1"])
    func refusesBadOverrides(_ value: String) throws {
        let region = try #require(CloudOneRegion(rawValue: "us-1"))
        #expect(throws: CloudOneEndpointError(value: value)) {
            try CloudOneEndpoint(region: region, environment: ["CLOUDONE_ENDPOINT_URL": value])
        }
    }

    @Test func theKeyIsTrimmedAndNeverDescribed() {
        let key = CloudOneAPIKey("  secret-key-123\n")
        #expect(key?.secret == "secret-key-123")
        #expect("\(key!)" == "[redacted]" && String(reflecting: key!).contains("[redacted]"))
        #expect(CloudOneAPIKey(" \n ") == nil && CloudOneAPIKey("a\nb") == nil)
    }
}
