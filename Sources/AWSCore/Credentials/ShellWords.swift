/// Splits a command line into words like Python's `shlex.split` (POSIX mode, no comments), which botocore uses
/// for `credential_process`: whitespace separates words, single quotes are literal, double quotes allow `\"` and
/// `\\` escapes, and a backslash outside quotes escapes the next character.
enum ShellWords {
    enum SplitError: Error, Equatable {
        case unterminatedQuote
        case trailingBackslash
    }

    static func split(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = line.makeIterator()

        while let character = iterator.next() {
            switch character {
            case _ where character.isWhitespace:
                if inWord {
                    words.append(word)
                    word = ""
                    inWord = false
                }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" {
                        closed = true
                        break
                    }
                    word.append(next)
                }
                guard closed else { throw .unterminatedQuote }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { throw .unterminatedQuote }
                        if escaped != "\"" && escaped != "\\" { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                guard closed else { throw .unterminatedQuote }
            case "\\":
                guard let escaped = iterator.next() else { throw .trailingBackslash }
                inWord = true
                word.append(escaped)
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
