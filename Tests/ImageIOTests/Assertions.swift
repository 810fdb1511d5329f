import ImageIO
import XCTest

/// Expects an ImageError whose one-line description starts with the path and mentions `fragment`
/// (anything, when it is empty).
func assertImageError(_ path: String, contains fragment: String, file: StaticString = #filePath, line: UInt = #line,
                      _ body: () throws -> Any) {
    do {
        _ = try body()
        XCTFail("\(path): decoded, expected an error mentioning '\(fragment)'", file: file, line: line)
    } catch let error as ImageError {
        let text = error.description
        XCTAssertTrue(text.hasPrefix(path + ": "), "'\(text)' does not start with the path", file: file, line: line)
        XCTAssertFalse(text.contains("\n"), "'\(text)' is not one line", file: file, line: line)
        XCTAssertTrue(fragment.isEmpty || text.contains(fragment), "'\(text)' does not mention '\(fragment)'", file: file, line: line)
    } catch {
        XCTFail("\(path): \(type(of: error)) \(error), expected an ImageError", file: file, line: line)
    }
}
