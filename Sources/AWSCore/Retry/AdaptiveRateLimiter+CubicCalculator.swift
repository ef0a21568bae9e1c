import Foundation

extension AdaptiveRateLimiter {
    /// CUBIC rate adjustment (botocore `throttling.CubicCalculator`): after a throttle the rate drops to
    /// `beta` times the rate at the failure, then follows `scale * (t - k)^3 + wMax` back up and beyond.
    struct CubicCalculator: Sendable {
        static let scaleConstant = 0.4
        static let beta = 0.7

        private(set) var wMax: Double
        private(set) var k: Double
        private(set) var lastFail: Double

        init(startingMaxRate: Double, startTime: Double) {
            wMax = startingMaxRate
            k = Self.zeroPoint(wMax: startingMaxRate)
            lastFail = startTime
        }

        func successReceived(timestamp: Double) -> Double {
            Self.scaleConstant * pow(timestamp - lastFail - k, 3) + wMax
        }

        mutating func errorReceived(currentRate: Double, timestamp: Double) -> Double {
            wMax = currentRate
            k = Self.zeroPoint(wMax: currentRate)
            lastFail = timestamp
            return currentRate * Self.beta
        }

        private static func zeroPoint(wMax: Double) -> Double {
            pow(wMax * (1 - beta) / scaleConstant, 1 / 3.0)
        }
    }
}
