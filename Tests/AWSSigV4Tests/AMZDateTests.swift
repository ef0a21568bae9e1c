@testable import AWSSigV4
import Foundation
import Testing

@Suite("AMZ date formatting")
struct AMZDateTests {
    @Test(arguments: [
        (0.0, "19700101T000000Z"),
        (1_440_938_160, "20150830T123600Z"),
        (1_440_938_160.999, "20150830T123600Z"),
        (1_709_251_199, "20240229T235959Z"),
        (951_868_800, "20000301T000000Z"),
        (-1, "19691231T235959Z"),
        (4_102_444_800, "21000101T000000Z"),
    ])
    func formats(seconds: Double, expected: String) {
        let date = AMZDate(Date(timeIntervalSince1970: seconds))
        #expect(date.timestamp == expected)
        #expect(date.dateStamp == String(expected.prefix(8)))
    }

    @Test func matchesFoundationFormatting() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var seconds = -2_208_988_800.0
        while seconds < 7_258_118_400 {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(AMZDate(date).timestamp == formatter.string(from: date))
            seconds += 7_777_777
        }
    }
}
