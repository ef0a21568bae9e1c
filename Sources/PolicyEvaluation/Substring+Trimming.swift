extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace {
            result = result.dropFirst()
        }
        while let last = result.last, last.isWhitespace {
            result = result.dropLast()
        }
        return result
    }
}
