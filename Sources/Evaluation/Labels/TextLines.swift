/// The non-blank lines of a text file with their 1-based line numbers, for parsers whose errors name
/// a line. Files saved on Windows end lines with CR LF and may open with a byte-order mark; both are
/// read as a Unix file would be.
public enum TextLines {
    public static func numbered(_ text: String) -> [(number: Int, line: Substring)] {
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        // "\r\n" is a single Character in Swift, so it has to be split as a newline, not at "\n".
        return body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .filter { !$0.element.allSatisfy(\.isWhitespace) }
            .map { (number: $0.offset + 1, line: $0.element) }
    }
}
