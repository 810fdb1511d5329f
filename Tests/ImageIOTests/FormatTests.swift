import Foundation
import ImageIO
import TestSupport
import XCTest

/// What holds without PIL: sniffing, channel conversion, extensions.
final class FormatTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testFormatIsSniffedNotTakenFromTheName() throws {
        let image = Image(width: 3, height: 2, channels: 1, pixels: [0, 10, 20, 30, 40, 250])
        try ImageIO.writePNG(image, to: directory + "/frame.jpg")
        try ImageIO.writePNM(image, to: directory + "/frame.png")
        XCTAssertEqual(try ImageIO.read(path: directory + "/frame.jpg"), image)
        XCTAssertEqual(try ImageIO.read(path: directory + "/frame.png"), image)
        XCTAssertEqual(try ImageIO.decode(SampleFiles.jpeg, name: "no extension").width, 24)
    }

    func testGreyConversionIsPILsFixedPointLuma() {
        let rgb = Image(width: 5, height: 1, channels: 3, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 10, 200, 30])
        // (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16, worked by hand.
        XCTAssertEqual(rgb.converted(to: .gray).pixels, [76, 150, 29, 255, 124])
        XCTAssertEqual(rgb.converted(to: .gray).channels, 1)
        XCTAssertEqual(rgb.converted(to: .rgb), rgb)
        XCTAssertEqual(rgb.converted(to: .native), rgb)
    }

    func testGreyToRGBReplicates() {
        let grey = Image(width: 2, height: 2, channels: 1, pixels: [0, 1, 128, 255])
        XCTAssertEqual(grey.converted(to: .rgb), Image(width: 2, height: 2, channels: 3, pixels: [0, 0, 0, 1, 1, 1, 128, 128, 128, 255, 255, 255]))
        XCTAssertEqual(grey.converted(to: .gray), grey)
    }

    func testASCIIAndScaledPNM() throws {
        // maxval 15: round(v / 15 * 255) = 17 v; maxval 65535 greymap: PIL's mode I clipped to 255.
        let ascii = try ImageIO.decode(Array("P2 # comment\n3 1 15\n0 7 15\n".utf8), name: "a.pgm")
        XCTAssertEqual(ascii.pixels, [0, 119, 255])
        let wide = try ImageIO.decode(Array("P5\n3 1\n65535\n".utf8) + [0, 7, 0, 255, 1, 0], name: "b.pgm")
        XCTAssertEqual(wide.pixels, [7, 255, 255])
    }

    func testExtensions() {
        XCTAssertEqual(ImageIO.extensions, ["png", "jpg", "jpeg", "tif", "tiff", "bmp", "pgm", "ppm", "pnm"])
    }
}
