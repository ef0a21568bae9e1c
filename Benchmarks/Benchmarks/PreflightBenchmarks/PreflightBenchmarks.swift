import AWSCore
import AWSServices
import AWSSigV4
import AWSXML
import BenchTransports
import Benchmark
import Foundation
import Logging

/// Micro-benchmarks of the hot paths of an organization audit: signing, XML and JSON decoding, and the client's
/// CPU per call (sign + encode + send in memory + decode). Run with `swift package benchmark` in Benchmarks/.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal], maxDuration: .seconds(3), maxIterations: 1_000_000)

    let credentials = SigV4Credentials(
        accessKeyId: "ASIA100000000042BNCH", secretAccessKey: "benchSecretKey/100000000042/EXAMPLEKEY",
        sessionToken: String(repeating: "ExampleSessionTokenForBenchmarks", count: 12))
    let form = "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-state-name&Filter.1.Value.1=running"
        + "&MaxResults=1000"
    let post = SigV4Request(
        method: "POST", path: "/", query: "",
        headers: [
            SigV4Header(name: "Host", value: "ec2.eu-west-1.amazonaws.com"),
            SigV4Header(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
        ],
        payload: .bytes(Array(form.utf8)))
    let date = Date(timeIntervalSince1970: 1_767_225_600)

    Benchmark("SigV4 sign POST, signer reused") { benchmark in
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "ec2")
        for _ in benchmark.scaledIterations {
            var request = post
            signer.sign(&request, date: date)
            blackHole(request)
        }
    }

    Benchmark("SigV4 sign POST, new signer each time") { benchmark in
        for _ in benchmark.scaledIterations {
            var request = post
            SigV4Signer(credentials: credentials, region: "eu-west-1", service: "ec2").sign(&request, date: date)
            blackHole(request)
        }
    }

    let instancesPage = Fixtures.describeInstancesPage(count: 1000)
    let instancesData = Data(instancesPage)
    let megabytes = String(format: "%.2f MB", Double(instancesPage.count) / 1_000_000)
    precondition((try? AWSXMLDecoder().decode(Fixtures.InstancesPage.self, from: instancesPage))?.instanceCount == 1000)
    precondition((try? FoundationXMLDecoder().decode(Fixtures.InstancesPage.self, from: instancesData))?.instanceCount == 1000)

    Benchmark("XML decode DescribeInstances 1000 instances (\(megabytes)), AWSXMLDecoder") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try AWSXMLDecoder().decode(Fixtures.InstancesPage.self, from: instancesPage))
        }
    }

    Benchmark("XML decode DescribeInstances 1000 instances (\(megabytes)), Foundation XMLParser") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try FoundationXMLDecoder().decode(Fixtures.InstancesPage.self, from: instancesData))
        }
    }

    let informationPage = Data(Fixtures.describeInstanceInformationPage(count: 50))
    let kilobytes = String(format: "%.1f KB", Double(informationPage.count) / 1000)
    Benchmark("JSON decode DescribeInstanceInformation 50 instances (\(kilobytes))") { benchmark in
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(Fixtures.InstanceInformationPage.self, from: informationPage))
        }
    }

    let context = AWSCallContext(
        region: "eu-west-1",
        credentials: StaticCredentialProvider(
            AWSCredentials(accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
                           sessionToken: credentials.sessionToken)),
        rateLimitKey: "100000000042/eu-west-1")
    let endpoints = try! EndpointResolver(environment: [:])
    func client(answering body: [UInt8], contentType: String) -> AWSClient {
        AWSClient(
            transport: InMemoryTransport(response: AWSHTTPResponse(statusCode: 200, headers: [("Content-Type", contentType)], body: body)),
            endpoints: endpoints, retry: .default, logger: Logger(label: "benchmark", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    let ec2 = EC2(client: client(answering: Fixtures.describeInstancesPage(count: 20), contentType: "text/xml"), context: context)
    Benchmark("API call ec2:DescribeInstances, 20 instances (in-memory transport)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await ec2.describeInstances(states: ["running"]))
        }
    }

    let ssm = SSM(
        client: client(answering: Fixtures.describeInstanceInformationPage(count: 20), contentType: "application/x-amz-json-1.1"),
        context: context)
    Benchmark("API call ssm:DescribeInstanceInformation, 20 instances (in-memory transport)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await ssm.describeInstanceInformation())
        }
    }
}
