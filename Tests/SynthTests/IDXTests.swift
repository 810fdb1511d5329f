import Foundation
import Synth
import TensorStream
import TestSupport
import XCTest

final class IDXTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testReadsRealMNIST() throws {
        try requireMNIST()
        let images = try IDXArray(path: mnistImages)
        XCTAssertEqual(images.shape, [10000, 28, 28])
        XCTAssertEqual(images.values.count, 10000 * 28 * 28)
        XCTAssertEqual(images.values.max(), 255)
        let labels = try IDXArray(path: mnistLabels)
        XCTAssertEqual(labels.shape, [10000])
        XCTAssertEqual(Array(labels.values.prefix(5)), [7, 2, 1, 0, 4])  // the well-known first test labels
        let digits = try DigitImages(path: mnistImages)
        XCTAssertEqual([digits.count, digits.rows, digits.columns], [10000, 28, 28])
        XCTAssertEqual(digits.sprite(1).pixels, Array(images.values[784..<1568]))
    }

    func testReadsATinyFilePlainAndGzipped() throws {
        let path = directory + "/tiny-idx3-ubyte"
        let values: [UInt8] = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]
        try write(idxBytes(shape: [2, 2, 3], values: values), to: path)
        let plain = try IDXArray(path: path)
        XCTAssertEqual(plain.shape, [2, 2, 3])
        XCTAssertEqual(plain.values, values)
        let digits = try DigitImages(path: path)
        XCTAssertEqual(digits.sprite(1), Sprite(width: 3, height: 2, pixels: [250, 251, 252, 253, 254, 255]))

        let gzip = try runCommand("/usr/bin/env", ["gzip", "-k", path])
        XCTAssertEqual(gzip.status, 0, gzip.stderr)
        XCTAssertEqual(try IDXArray(path: path + ".gz"), plain)
    }

    /// Every problem is one line that names the file.
    func testBadFilesNameTheFile() throws {
        func failure(_ bytes: [UInt8], _ name: String) throws -> String {
            let path = directory + "/" + name
            try write(bytes, to: path)
            do {
                _ = try IDXArray(path: path)
                XCTFail("\(name) was accepted")
                return ""
            } catch let error as IOFailure {
                XCTAssertTrue(error.description.hasPrefix(path + ": "), error.description)
                XCTAssertFalse(error.description.contains("\n"))
                return String(error.description.dropFirst(path.count + 2))
            }
        }
        let good = idxBytes(shape: [2, 2, 2], values: Array(0..<8))
        XCTAssertTrue(try failure(Array("hello, world".utf8), "text").hasPrefix("not an idx file"))
        XCTAssertTrue(try failure([0, 0], "short").hasPrefix("not an idx file"))
        XCTAssertTrue(try failure([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], "float").contains("only unsigned bytes"))
        XCTAssertTrue(try failure(Array(good.prefix(10)), "cut-header").hasPrefix("truncated idx header"))
        XCTAssertEqual(try failure(Array(good.dropLast(3)), "cut-data"),
                       "truncated: the idx header declares shape [2, 2, 2] (8 values) but the file holds 5")
        XCTAssertTrue(try failure(good + [9], "long").hasPrefix("data continues after the 8 values"))
        XCTAssertTrue(try failure([0, 0, 8, 2, 255, 255, 255, 255, 255, 255, 255, 255], "huge").contains("too large"))

        // A cut-off .gz, which zlib reports only as a short read, and damaged compressed data.
        let path = directory + "/whole"
        try write(idxBytes(shape: [64, 64], values: (0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7) }), to: path)
        XCTAssertEqual(try runCommand("/usr/bin/env", ["gzip", path]).status, 0)
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
        XCTAssertEqual(try failure(Array(compressed.prefix(compressed.count / 2)), "cut.gz"), "gzip: unexpected end of file")
        var damaged = compressed
        for i in 20..<40 { damaged[i] ^= 0x5A }
        XCTAssertTrue(try failure(damaged, "damaged.gz").hasPrefix("gzip: "))

        XCTAssertThrowsError(try IDXArray(path: directory + "/none")) {
            XCTAssertEqual(String(describing: $0), "\(self.directory!)/none: No such file or directory")
        }
        XCTAssertThrowsError(try IDXArray(path: directory)) { XCTAssertEqual(String(describing: $0), "\(self.directory!): is a directory") }
        try write(idxBytes(shape: [6], values: Array(0..<6)), to: directory + "/labels")
        XCTAssertThrowsError(try DigitImages(path: directory + "/labels")) {
            XCTAssertEqual(String(describing: $0), "\(self.directory!)/labels: expected images [count, rows, columns] in the idx file, found shape [6]")
        }
    }
}
