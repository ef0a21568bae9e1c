import NIOCore
import NIOHTTP1
import SyntheticAWS

/// What the endpoint does with one request: control endpoints, or an AWS call that is rate-limited, counted,
/// answered by `SyntheticAWS` and delayed by the configured latency.
struct BenchServer: Sendable {
    let aws: SyntheticAWS
    let options: BenchOptions
    let limiter = BenchRateLimiter()
    let log = BenchCallLog()

    /// The response and how long to hold it back.
    func handle(_ head: HTTPRequestHead, body: [UInt8]) -> (response: SyntheticResponse, delay: TimeAmount) {
        if head.uri.hasPrefix("/_bench/") {
            return (control(head), .zero)
        }
        guard
            let request = SyntheticRequest(
                authorization: head.headers.first(name: "Authorization"), target: head.headers.first(name: "X-Amz-Target"),
                body: body)
        else {
            return (.error(service: "sts", status: 400, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token"), .zero)
        }
        let account = aws.accountIndex(accessKeyId: request.accessKeyId)
        let key = "\(account)/\(request.region)/\(request.service)"
        let rate = request.service == "sts" ? options.stsRateLimit : options.rateLimit
        let burst = request.service == "sts" ? max(options.stsRateLimit, 1) : options.burst
        let name = "\(request.service):\(request.operation)"
        let delay = TimeAmount.milliseconds(Int64(options.latencyMilliseconds))
        guard limiter.admit(key, rate: rate, burst: burst) else {
            log.record(name, throttled: true, errorCode: nil)
            return (.throttling(service: request.service), delay)
        }
        let response = aws.respond(to: request)
        log.record(name, throttled: false, errorCode: response.errorCode)
        return (response, delay)
    }

    private func control(_ head: HTTPRequestHead) -> SyntheticResponse {
        switch (head.method, head.uri) {
        case (.GET, "/_bench/calls"):
            return SyntheticResponse(contentType: "application/json", body: Array(log.json().utf8))
        case (.POST, "/_bench/calls/reset"):
            log.reset()
            return SyntheticResponse(contentType: "application/json", body: Array("{\"reset\": true}\n".utf8))
        case (.GET, "/_bench/health"):
            return SyntheticResponse(contentType: "application/json", body: Array("{\"status\": \"ok\"}\n".utf8))
        default:
            return SyntheticResponse(status: 404, contentType: "application/json", body: Array("{\"error\": \"not found\"}\n".utf8))
        }
    }
}
