import AWSCore
import NIOConcurrencyHelpers
import NIOCore
import SyntheticAWS

/// What the endpoint does with one request: control endpoints, or an AWS call that is rate-limited, counted,
/// answered by `SyntheticAWS` and delayed by the configured latency.
struct BenchServer: Sendable {
    let aws: SyntheticAWS
    let options: BenchOptions
    /// Workload Security, served under `/cloudone/<region>/` when `--cloudone` is given, and its computers.
    let cloudOne: (manager: SyntheticCloudOne, computers: [SyntheticCloudOne.Computer])?
    let limiter = BenchRateLimiter()
    let log = BenchCallLog()

    /// The delay lines of the event loops, one each, made by the first connection of each loop.
    private let delayLines = NIOLockedValueBox<[ObjectIdentifier: BenchDelayLine]>([:])

    /// The delay line holding responses back by the configured latency on `eventLoop`; call on `eventLoop`.
    func latency(on eventLoop: any EventLoop) -> BenchDelayLine {
        delayLines.withLockedValue { lines in
            if let line = lines[ObjectIdentifier(eventLoop)] { return line }
            let line = BenchDelayLine(eventLoop: eventLoop, delay: .milliseconds(Int64(options.latencyMilliseconds)))
            lines[ObjectIdentifier(eventLoop)] = line
            return line
        }
    }

    /// The response and whether to hold it back by the latency.
    func handle(_ http: BenchRequest) -> (response: SyntheticResponse, delayed: Bool) {
        if http.uri.hasPrefix("/_bench/") {
            return (control(http), false)
        }
        if http.uri.hasPrefix("/cloudone/"), let cloudOne {
            return (workloadSecurity(http, cloudOne), options.latencyMilliseconds > 0)
        }
        guard let request = SyntheticRequest(
            authorization: http.authorization, target: http.target, body: http.body, method: http.method, uri: http.uri)
        else {
            return (.error(service: "sts", status: 400, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token"), false)
        }
        let account = aws.accountIndex(accessKeyId: request.accessKeyId)
        let key = BenchRateLimiter.Key(account: account, region: request.region, service: request.service)
        let rate = request.service == "sts" ? options.stsRateLimit : options.rateLimit
        let burst = request.service == "sts" ? max(options.stsRateLimit, 1) : options.burst
        let name = request.service + ":" + request.operation
        let delayed = options.latencyMilliseconds > 0
        guard limiter.admit(key, rate: rate, burst: burst) else {
            log.record(name, throttled: true, errorCode: nil)
            return (.throttling(service: request.service), delayed)
        }
        let response = aws.respond(to: request)
        log.record(name, throttled: false, errorCode: response.errorCode)
        return (response, delayed)
    }

    /// A Workload Security request: `/cloudone/<region>/api/…` as the region's own host would get `/api/…`.
    private func workloadSecurity(
        _ http: BenchRequest, _ cloudOne: (manager: SyntheticCloudOne, computers: [SyntheticCloudOne.Computer])
    ) -> SyntheticResponse {
        let rest = http.uri.dropFirst("/cloudone/".count)
        let region = rest.prefix { $0 != "/" }
        let path = String(rest.dropFirst(region.count))
        var headers = [(name: "api-version", value: http.apiVersion ?? "")]
        if let authorization = http.authorization { headers.append((name: "Authorization", value: authorization)) }
        let request = AWSHTTPRequest(
            method: http.method, url: "https://workload.\(region).cloudone.trendmicro.com\(path)", headers: headers, body: http.body)
        let response = cloudOne.manager.respond(request, computers: cloudOne.computers)
        log.record(
            "cloudone:" + SyntheticCloudOne.operation(method: http.method, path: path), throttled: false,
            errorCode: (200..<300).contains(response.statusCode) ? nil : String(response.statusCode))
        return SyntheticResponse(status: response.statusCode, contentType: "application/json", body: response.body)
    }

    private func control(_ request: BenchRequest) -> SyntheticResponse {
        switch (request.method, request.uri) {
        case ("GET", "/_bench/calls"):
            return SyntheticResponse(contentType: "application/json", body: Array(log.json().utf8))
        case ("POST", "/_bench/calls/reset"):
            log.reset()
            return SyntheticResponse(contentType: "application/json", body: Array("{\"reset\": true}\n".utf8))
        case ("GET", "/_bench/health"):
            return SyntheticResponse(contentType: "application/json", body: Array("{\"status\": \"ok\"}\n".utf8))
        default:
            return SyntheticResponse(status: 404, contentType: "application/json", body: Array("{\"error\": \"not found\"}\n".utf8))
        }
    }
}
