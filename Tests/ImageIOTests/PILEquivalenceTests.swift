import Foundation
import ImageIO
import TestSupport
import XCTest

/// Every format and mode, written by PIL (or byte by byte where PIL cannot write it), decoded by us
/// natively, as grey and as RGB, and compared with PIL's convert('L') / convert('RGB').
final class PILEquivalenceTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testPNGModesMatchPIL() throws { try assertGroupMatchesPIL("png", count: 23) }
    func testTIFFMatchesPIL() throws { try assertGroupMatchesPIL("tiff", count: 9) }
    func testBMPMatchesPIL() throws { try assertGroupMatchesPIL("bmp", count: 7) }
    func testPNMMatchesPIL() throws { try assertGroupMatchesPIL("pnm", count: 11) }
    func testJPEGMatchesPIL() throws { try assertGroupMatchesPIL("jpeg", count: 8) }

    func testVariantsWeDoNotReadAreRefusedClearly() throws {
        let expected = [
            "CMYK.jpg": "CMYK JPEG is not supported", "CMYK.tif": "unsupported TIFF: 8-bit CMYK with 4 samples",
            "I16.tif": "unsupported TIFF: 16-bit greyscale", "P.tif": "unsupported TIFF: 8-bit palette",
            "RGBA.tif": "unsupported TIFF: 8-bit RGB with 4 samples", "F.tif": "unsupported TIFF: 32-bit non-integer greyscale",
            "1.tif": "unsupported TIFF: 1-bit", "1.bmp": "1-bit BMP is not supported", "1.pbm": "PBM bitmaps (P1, P4) are not supported",
        ]
        let made = try PIL.fixtures("unsupported", in: directory)
        XCTAssertEqual(Set(made.map { URL(fileURLWithPath: $0.path).lastPathComponent }), Set(expected.keys))
        for (path, _) in made {
            assertImageError(path, contains: expected[URL(fileURLWithPath: path).lastPathComponent]!) { try ImageIO.read(path: path) }
        }
    }

    private func assertGroupMatchesPIL(_ group: String, count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixtures = try PIL.decodedFixtures(group, in: directory)
        XCTAssertEqual(fixtures.count, count, "\(group) fixtures", file: file, line: line)
        for (pil, native) in fixtures {
            let name = URL(fileURLWithPath: pil.path).lastPathComponent + " (PIL mode \(pil.mode))"
            let image = try ImageIO.read(path: pil.path)
            assertPixels(image, width: pil.width, height: pil.height, channels: native, native == 1 ? pil.grey : pil.rgb,
                         "\(name) native", file: file, line: line)
            assertPixels(try ImageIO.read(path: pil.path, channels: .gray), width: pil.width, height: pil.height, channels: 1,
                         pil.grey, "\(name) as grey", file: file, line: line)
            assertPixels(try ImageIO.read(path: pil.path, channels: .rgb), width: pil.width, height: pil.height, channels: 3,
                         pil.rgb, "\(name) as RGB", file: file, line: line)
        }
    }
}
