import Foundation
import ImageIO
import Ingest
import TestSupport
import XCTest

/// Writes a small grey frame whose every pixel is `value`.
func writeFrame(_ path: String, value: UInt8, width: Int = 8, height: Int = 6) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let image = Image(width: width, height: height, channels: 1, pixels: [UInt8](repeating: value, count: width * height))
    if path.hasSuffix(".png") { try ImageIO.writePNG(image, to: path) } else { try ImageIO.writePNM(image, to: path) }
}

final class ScannerTests: XCTestCase {
    var root: String!
    override func setUp() { root = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    /// The make layer redoes an extraction when a file the scanner would read changes
    /// (pipelines/common.mk, fingerprint): its list of frame and video extensions is the scanner's.
    func testTheMakeLayerFingerprintsWhatTheScannerReads() throws {
        let makefile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../pipelines/common.mk").standardized
        let line = try String(contentsOf: makefile, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("frame_extensions := ") }
        let listed = Set((line ?? "").dropFirst("frame_extensions := ".count).split(separator: " ").map(String.init))
        XCTAssertEqual(listed, ImageIO.extensions.union(DatasetScanner.videoExtensions))
    }

    func testFramesOrderByTheNumberInTheirName() {
        let names = ["10.png", "2.png", "frame_001.png", "notes.png", "0.png"]
        XCTAssertEqual(names.sorted(by: NaturalOrder.frameNumberPrecedes), ["0.png", "frame_001.png", "2.png", "10.png", "notes.png"])
        XCTAssertEqual(NaturalOrder.frameNumber("cam2_frame_0012.jpg"), 12)
        XCTAssertEqual(["Test10", "Test2", "Test1"].sorted(by: NaturalOrder.precedes), ["Test1", "Test2", "Test10"])
    }

    func testUCSDLayoutSkipsMaskFolders() throws {
        for video in ["Train/Train001", "Train/Train002", "Test/Test001", "Test/Test001_gt", "Test/Test002"] {
            for frame in 1...3 { try writeFrame("\(root!)/UCSDped1/\(video)/\(String(format: "%03d", frame)).pgm", value: UInt8(frame)) }
        }
        let all = try DatasetScanner.scan(root + "/UCSDped1")
        XCTAssertEqual(all.map(\.id), ["Test/Test001", "Test/Test002", "Train/Train001", "Train/Train002"])
        let test = try DatasetScanner.scan(root + "/UCSDped1/Test")
        XCTAssertEqual(test.map(\.id), ["Test001", "Test002"])
        guard case .images(let files) = test[0].kind else { return XCTFail("a frame folder") }
        XCTAssertEqual(files.map { ($0 as NSString).lastPathComponent }, ["001.pgm", "002.pgm", "003.pgm"])
        XCTAssertEqual(try DatasetScanner.scan(root + "/UCSDped1/Test/Test002").map(\.id), ["Test002"])
    }

    func testFramesLayoutAndVideoFiles() throws {
        for video in ["training/frames/01", "training/frames/02", "testing/frames/01", "testing/masks/01"] {
            for frame in [0, 1, 10, 2] { try writeFrame("\(root!)/ped/\(video)/\(frame).png", value: 1) }
        }
        _ = FileManager.default.createFile(atPath: root + "/ped/testing/frames/01/Thumbs.db", contents: Data([1, 2]))
        XCTAssertEqual(try DatasetScanner.scan(root + "/ped/testing").map(\.id), ["01"])
        XCTAssertEqual(try DatasetScanner.scan(root + "/ped").map(\.id), ["testing/01", "training/01", "training/02"])
        guard case .images(let files) = try DatasetScanner.scan(root + "/ped/testing")[0].kind else { return XCTFail() }
        XCTAssertEqual(files.map { ($0 as NSString).lastPathComponent }, ["0.png", "1.png", "2.png", "10.png"])

        try FileManager.default.createDirectory(atPath: root + "/avenue/testing_videos", withIntermediateDirectories: true)
        for name in ["10.avi", "2.avi", "readme.txt"] { _ = FileManager.default.createFile(atPath: root + "/avenue/testing_videos/" + name, contents: Data()) }
        XCTAssertEqual(try DatasetScanner.scan(root + "/avenue/testing_videos").map(\.id), ["2", "10"])
        XCTAssertEqual(try DatasetScanner.scan(root + "/avenue/testing_videos/2.avi").map(\.kind), [.file])
    }

    func testUnusablePathsAreClearErrors() throws {
        XCTAssertThrowsError(try DatasetScanner.scan(root + "/nope")) { XCTAssertEqual("\($0)", "\(root!)/nope: No such file or directory") }
        _ = FileManager.default.createFile(atPath: root + "/notes.txt", contents: Data())
        XCTAssertThrowsError(try DatasetScanner.scan(root + "/notes.txt")) { XCTAssertTrue("\($0)".contains("not a video file")) }
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        XCTAssertThrowsError(try DatasetScanner.scan(root + "/empty")) { XCTAssertTrue("\($0)".contains("no frame images or video files found")) }
    }
}
