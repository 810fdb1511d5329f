import Foundation
import ImageIO
import TestSupport
import XCTest

/// Real frames and pixel masks of UCSD Ped2 from ../shared/data, decoded by us and by PIL.
final class DatasetTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// ../shared/data/ucsd-ped2 beside the repository, or a skip saying it is absent.
    private func ped2(_ relative: String) throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = repository.appendingPathComponent("../shared/data/ucsd-ped2/\(relative)").standardized.path
        guard FileManager.default.fileExists(atPath: folder) else { throw XCTSkip("\(folder) is absent (UCSD Ped2 not downloaded)") }
        return folder
    }

    func testPed2FramesMatchPIL() throws {
        let frames = try ped2("training/frames/01")
        let paths = ["000.jpg", "001.jpg", "057.jpg", "119.jpg"].map { "\(frames)/\($0)" }.filter { FileManager.default.fileExists(atPath: $0) }
        XCTAssertFalse(paths.isEmpty, "no frames in \(frames)")
        for pil in try PIL.decode(paths, scratch: directory) {
            XCTAssertEqual(pil.mode, "RGB", "Ped2 frames are colour JPEGs")
            let name = URL(fileURLWithPath: pil.path).lastPathComponent
            assertPixels(try ImageIO.read(path: pil.path), width: pil.width, height: pil.height, channels: 3, pil.rgb, "\(name) native")
            assertPixels(try ImageIO.read(path: pil.path, channels: .gray), width: pil.width, height: pil.height, channels: 1,
                         pil.grey, "\(name) as grey")
        }
    }

    func testPed2MasksMatchPIL() throws {
        let masks = try ped2("testing/masks/01")
        let paths = ["000.png", "001.png", "100.png", "179.png"].map { "\(masks)/\($0)" }.filter { FileManager.default.fileExists(atPath: $0) }
        XCTAssertFalse(paths.isEmpty, "no masks in \(masks)")
        for pil in try PIL.decode(paths, scratch: directory) {
            let name = URL(fileURLWithPath: pil.path).lastPathComponent
            let image = try ImageIO.read(path: pil.path)
            assertPixels(image, width: pil.width, height: pil.height, channels: 1, pil.grey, "\(name) native (PIL mode \(pil.mode))")
            XCTAssertTrue(Set(image.pixels).isSubset(of: [0, 255]), "\(name): a 1-bit mask decodes to 0 and 255")
        }
    }
}
