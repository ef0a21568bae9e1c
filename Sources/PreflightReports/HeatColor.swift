/// The heat map's colors: red at 0 % covered through orange and amber to green at 100 %.
enum HeatColor {
    struct RGB: Equatable {
        var red: Int, green: Int, blue: Int

        var hex: String {
            "#" + [red, green, blue].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }

    static let covered = "#2b8a3e"
    static let uncovered = "#c92a2a"
    static let excluded = "#ced4da"
    static let empty = "#f1f3f5"

    static let stops: [(percent: Double, color: RGB)] = [
        (0, RGB(red: 0xc9, green: 0x2a, blue: 0x2a)), (50, RGB(red: 0xe8, green: 0x59, blue: 0x0c)),
        (80, RGB(red: 0xf5, green: 0x9f, blue: 0x00)), (95, RGB(red: 0x74, green: 0xb8, blue: 0x16)),
        (100, RGB(red: 0x2b, green: 0x8a, blue: 0x3e)),
    ]

    /// The color of a covered share in percent, interpolated between the stops.
    static func scale(_ percent: Double) -> RGB {
        let value = min(100, max(0, percent))
        guard let upper = stops.firstIndex(where: { $0.percent >= value }), upper > 0 else { return stops[0].color }
        let (low, high) = (stops[upper - 1], stops[upper])
        let t = (value - low.percent) / (high.percent - low.percent)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return RGB(
            red: mix(low.color.red, high.color.red), green: mix(low.color.green, high.color.green),
            blue: mix(low.color.blue, high.color.blue))
    }

    /// Dark text on light fills, white on dark ones.
    static func ink(on color: RGB) -> String {
        let brightness = (299 * color.red + 587 * color.green + 114 * color.blue) / 1000
        return brightness > 150 ? "#1f2328" : "#ffffff"
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
