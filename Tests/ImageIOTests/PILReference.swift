import Foundation
import ImageIO
import TestSupport
import XCTest

/// PIL's decoding of one file: the bytes of convert('L') and convert('RGB'), and PIL's mode.
struct PILDecoding {
    let path: String
    let width: Int
    let height: Int
    let mode: String
    let grey: [UInt8]
    let rgb: [UInt8]
}

/// Runs `pilScript` with Debian's Python; tests skip, saying why, where it lacks PIL.
enum PIL {
    static let python = "/usr/bin/python3"

    static func requireAvailable() throws {
        let probe = try? runCommand("/usr/bin/env", [python, "-c", "import PIL, numpy"])
        guard probe?.status == 0 else {
            throw XCTSkip("\(python) lacks PIL or NumPy (Debian's python3-pil, python3-numpy), so there is no reference to compare with")
        }
    }

    /// Writes the test images of `group` into `directory`; each with the channels we should give natively.
    static func fixtures(_ group: String, in directory: String) throws -> [(path: String, native: Int)] {
        try run(["make", group, directory])
        let listing = try String(contentsOfFile: directory + "/fixtures.txt", encoding: .utf8)
        return listing.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return (directory + "/" + fields[0], Int(fields[1])!)
        }
    }

    /// PIL's decoding of `paths`; `directory` receives the reference files.
    static func decode(_ paths: [String], scratch directory: String) throws -> [PILDecoding] {
        try run(["reference", directory] + paths)
        return try references(for: paths, in: directory)
    }

    /// The fixtures of `group` with PIL's decoding of each, which `make` writes alongside.
    static func decodedFixtures(_ group: String, in directory: String) throws -> [(PILDecoding, native: Int)] {
        let made = try fixtures(group, in: directory)
        return zip(try references(for: made.map(\.path), in: directory), made).map { ($0, $1.native) }
    }

    private static func references(for paths: [String], in directory: String) throws -> [PILDecoding] {
        let lines = try String(contentsOfFile: directory + "/reference.txt", encoding: .utf8).split(separator: "\n")
        return try paths.enumerated().map { index, path in
            let fields = lines[index].split(separator: " ")
            func bytes(_ suffix: String) throws -> [UInt8] {
                [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(index).\(suffix)")))
            }
            return PILDecoding(path: path, width: Int(fields[0])!, height: Int(fields[1])!, mode: String(fields[2]),
                               grey: try bytes("L"), rgb: try bytes("RGB"))
        }
    }

    private static func run(_ arguments: [String]) throws {
        try requireAvailable()
        let result = try runCommand(python, ["-c", pilScript] + arguments)
        guard result.status == 0 else {
            throw NSError(domain: "PIL", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.stderr])
        }
    }
}

/// Compares an image with expected pixels, reporting how many samples differ rather than dumping them.
func assertPixels(_ image: Image, width: Int, height: Int, channels: Int, _ expected: [UInt8], _ label: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual([image.width, image.height, image.channels], [width, height, channels], "\(label): shape", file: file, line: line)
    guard image.pixels != expected else { return }
    guard image.pixels.count == expected.count else {
        return XCTFail("\(label): \(image.pixels.count) samples, expected \(expected.count)", file: file, line: line)
    }
    let differences = zip(image.pixels, expected).enumerated().filter { $1.0 != $1.1 }
    let worst = differences.map { abs(Int($1.0) - Int($1.1)) }.max() ?? 0
    XCTFail("\(label): \(differences.count) of \(expected.count) samples differ (first at \(differences[0].offset), worst by \(worst))",
            file: file, line: line)
}
