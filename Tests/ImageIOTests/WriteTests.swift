import Foundation
import ImageIO
import TestSupport
import XCTest

/// writePNG and writePNM: what we write we read back, PIL reads it the same, and writes are atomic.
final class WriteTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private let grey = Image(width: 37, height: 23, channels: 1, pixels: randomBytes(37 * 23, seed: 2))
    private let colour = Image(width: 37, height: 23, channels: 3, pixels: randomBytes(37 * 23 * 3, seed: 3))

    func testRoundTrips() throws {
        for image in [grey, colour] {
            for (name, write) in [("png", ImageIO.writePNG), ("pnm", ImageIO.writePNM)] {
                let path = "\(directory!)/\(image.channels).\(name)"
                try write(image, path)
                XCTAssertEqual(try ImageIO.read(path: path), image, path)
            }
        }
        let header = try String(decoding: Data(contentsOf: URL(fileURLWithPath: directory + "/1.pnm")).prefix(13), as: UTF8.self)
        XCTAssertEqual(header, "P5\n37 23\n255\n")
    }

    func testPILReadsWhatWeWrite() throws {
        try PIL.requireAvailable()
        var paths: [String] = []
        for image in [grey, colour] {
            let png = "\(directory!)/ours-\(image.channels).png", pnm = "\(directory!)/ours-\(image.channels).pnm"
            try ImageIO.writePNG(image, to: png)
            try ImageIO.writePNM(image, to: pnm)
            paths += [png, pnm]
        }
        let scratch = directory + "/pil"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for pil in try PIL.decode(paths, scratch: scratch) {
            let ours = pil.path.contains("-1.") ? grey : colour
            XCTAssertEqual(pil.mode, ours.channels == 1 ? "L" : "RGB", pil.path)
            XCTAssertEqual(ours.channels == 1 ? pil.grey : pil.rgb, ours.pixels, pil.path)
        }
    }

    func testWritesAreAtomic() throws {
        let path = directory + "/frame.png"
        try ImageIO.writePNG(colour, to: path)
        // A failed write leaves the previous file and no temporary beside it.
        let bad = Image(width: 37, height: 23, channels: 3, pixels: [1, 2, 3])
        assertImageError(path, contains: "image holds 3 bytes, but 37 x 23 x 3 needs 2553") { try ImageIO.writePNG(bad, to: path) }
        XCTAssertEqual(try ImageIO.read(path: path), colour)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["frame.png"])
    }

    func testWriteErrorsNameThePath() {
        let nowhere = directory + "/missing/frame.png"
        assertImageError(nowhere, contains: "cannot create a temporary file beside it") { try ImageIO.writePNG(self.grey, to: nowhere) }
        assertImageError(nowhere, contains: "cannot create a temporary file beside it") { try ImageIO.writePNM(self.grey, to: nowhere) }
        let twoChannels = Image(width: 2, height: 2, channels: 2, pixels: [UInt8](repeating: 0, count: 8))
        assertImageError(directory + "/a.pgm", contains: "cannot write an image with 2 channels") {
            try ImageIO.writePNM(twoChannels, to: self.directory + "/a.pgm")
        }
    }
}
