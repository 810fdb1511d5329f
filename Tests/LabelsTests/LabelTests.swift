import Foundation
import Labels
import XCTest

/// The shared data folder beside the repository, or nil (tests then skip, saying so).
func sharedData() -> String? {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data").standardized.path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

final class LabelTests: XCTestCase {
    func testVideoNamesMeet() {
        XCTAssertEqual(VideoID.canonical("01"), "01")
        XCTAssertEqual(VideoID.canonical("1"), "01")
        XCTAssertEqual(VideoID.canonical("Test001"), "01")
        XCTAssertEqual(VideoID.canonical("Test012"), "12")
        XCTAssertEqual(VideoID.canonical("Train016"), "16")
        XCTAssertEqual(VideoID.canonical("01_0014"), "01_0014")
        XCTAssertEqual(VideoID.canonical("Test001_gt"), "Test001_gt")
    }

    /// The key a label file gives a video reads back as that video.
    func testLabelKeysReadBackAsTheirVideos() throws {
        XCTAssertEqual(VideoID.labelKey("01"), "0")
        XCTAssertEqual(VideoID.labelKey("Train016"), "15")
        XCTAssertEqual(VideoID.labelKey("01_0014"), "01_0014")
        // Names a camera folder may have: spaces, dots, 0-based numbering.
        for video in ["01", "Test012", "01_0014", "cam 2", "cam1.day2", "0", "000"] {
            let truth = try LabelFiles.parseFrameLines("\(VideoID.labelKey(video))\t01\n", source: "k.txt")
            XCTAssertEqual(try truth.anomalous(video: video, frames: Array(0..<2)), [false, true], video)
        }
    }

    func testUCSDRanges() throws {
        let text = """
            TestVideoFile = {};
            TestVideoFile{end+1}.gt_frame = [3:5];
            TestVideoFile{end+1}.gt_frame = [1:2, 7:8];
            """
        let truth = try LabelFiles.parseUCSD(text, source: "x.m")
        XCTAssertEqual(truth.order, ["01", "02"])
        XCTAssertEqual(try truth.anomalous(video: "Test001", frames: Array(0..<6)), [false, false, true, true, true, false])
        XCTAssertEqual(try truth.anomalous(video: "02", frames: Array(0..<8)), [true, true, false, false, false, false, true, true])
        // Scores that stop short of the video's end see the ranges cut there.
        XCTAssertEqual(try truth.anomalous(video: "01", frames: Array(0..<4)), [false, false, true, true])
        XCTAssertThrowsError(try truth.anomalous(video: "03", frames: Array(0..<4))) { XCTAssertEqual("\($0)", "x.m: no labels for video 03") }
        XCTAssertThrowsError(try LabelFiles.parseUCSD("TestVideoFile{end+1}.gt_frame = [5:3];", source: "y.m")) {
            XCTAssertTrue("\($0)".hasPrefix("y.m:1: '5:3' is not a range"))
        }
        XCTAssertThrowsError(try LabelFiles.parseUCSD("nothing", source: "z.m"))
    }

    func testFrameLines() throws {
        let truth = try LabelFiles.parseFrameLines("0\t0011\n1\t10\n", source: "l.txt")
        XCTAssertEqual(try truth.anomalous(video: "01", frames: Array(0..<4)), [false, false, true, true])
        XCTAssertEqual(try truth.anomalous(video: "Test002", frames: Array(0..<2)), [true, false])
        XCTAssertThrowsError(try truth.anomalous(video: "01", frames: Array(0..<5))) { XCTAssertEqual("\($0)", "scores for video 01 reach frame 4, but l.txt labels 4 frames") }
        let named = try LabelFiles.parseFrameLines("01_0014.npy\t01\n", source: "s.txt")
        XCTAssertEqual(named.order, ["01_0014"])
        XCTAssertThrowsError(try LabelFiles.parseFrameLines("0\t01x\n", source: "b.txt"))
        XCTAssertThrowsError(try LabelFiles.parseFrameLines("0\t01\n0\t11\n", source: "d.txt")) { XCTAssertTrue("\($0)".contains("listed twice")) }
    }

    /// Files saved on Windows (CR LF, a byte-order mark) read as their Unix originals do, and errors
    /// name the line in the file, blank lines counted.
    func testWindowsLineEndingsAndLineNumbers() throws {
        let m = "TestVideoFile = {};\nTestVideoFile{end+1}.gt_frame = [3:5];\nTestVideoFile{end+1}.gt_frame = [1:2, 7:8];\n"
        let windows = "\u{FEFF}" + m.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try LabelFiles.parseUCSD(windows, source: "w.m").videos, try LabelFiles.parseUCSD(m, source: "u.m").videos)
        let lines = "0\t0011\n1\t10\n"
        let fromWindows = try LabelFiles.parseFrameLines("\u{FEFF}" + lines.replacingOccurrences(of: "\n", with: "\r\n"), source: "w.txt")
        XCTAssertEqual(fromWindows.order, ["01", "02"])
        XCTAssertEqual(fromWindows.videos, try LabelFiles.parseFrameLines(lines, source: "u.txt").videos)
        XCTAssertThrowsError(try LabelFiles.parseFrameLines("0\t0011\r\n\r\n\r\n1\t01x1\r\n", source: "b.txt")) {
            XCTAssertEqual("\($0)", "b.txt:4: flags must be 0 or 1")
        }
        XCTAssertThrowsError(try LabelFiles.parseFrameLines("\n  \n", source: "e.txt")) { XCTAssertEqual("\($0)", "e.txt: no KEY<TAB>FLAGS lines") }
    }

    /// A `.m` file numbers its videos as MATLAB does: a commented-out line assigns nothing, and
    /// `{k}` is video k whatever the lines before it.
    func testUCSDCommentsAndExplicitIndices() throws {
        let text = """
            TestVideoFile = {};
            % TestVideoFile{end+1}.gt_frame = [1:10];
            TestVideoFile{end+1}.gt_frame = [3:5]; % the first video
            TestVideoFile{3}.gt_frame = [1:1];
            TestVideoFile{end+1}.gt_frame = [2:2];
            """
        let truth = try LabelFiles.parseUCSD(text, source: "c.m")
        XCTAssertEqual(truth.order, ["01", "03", "04"])
        XCTAssertEqual(try truth.anomalous(video: "01", frames: [0, 1, 2, 4, 5]), [false, false, true, true, false])
        XCTAssertEqual(try truth.anomalous(video: "04", frames: [0, 1]), [false, true])
        XCTAssertThrowsError(try LabelFiles.parseUCSD("TestVideoFile{end+1}.gt_frame = [1:2];\nTestVideoFile{1}.gt_frame = [1:2];", source: "d.m")) {
            XCTAssertEqual("\($0)", "d.m: video 01 is listed twice")
        }
        XCTAssertThrowsError(try LabelFiles.parseUCSD("TestVideoFile{k}.gt_frame = [1:2];", source: "k.m")) {
            XCTAssertEqual("\($0)", "k.m:1: video index {k} is neither end+1 nor a number from 1")
        }
    }

    /// Ranges answer for any frame without laying out a video's frames, so a frame number far past a
    /// video's end is simply normal.
    func testRangesAnswerFarFrames() throws {
        let truth = try LabelFiles.parseUCSD("TestVideoFile{end+1}.gt_frame = [3:5];", source: "x.m")
        XCTAssertEqual(try truth.anomalous(video: "01", frames: [Int.max, 3]), [false, true])
    }

    func testShippedLabelFilesAgree() throws {
        guard let data = sharedData() else { throw XCTSkip("../shared/data is absent") }
        let fromM = try LabelFiles.read(path: data + "/labels/UCSDped2.m")
        let fromText = try LabelFiles.read(path: data + "/labels/ped2-frame-labels.txt")
        XCTAssertEqual(fromM.order.count, 12)
        XCTAssertEqual(fromText.order, fromM.order)
        for video in fromText.order {
            guard case .frames(let flags) = fromText.videos[video] else { return XCTFail("text gives frames") }
            XCTAssertEqual(try fromM.anomalous(video: video, frames: Array(0..<flags.count)), flags, video)
        }
        let ped1 = try LabelFiles.read(path: data + "/labels/UCSDped1.m")
        XCTAssertEqual(ped1.order.count, 36)
        XCTAssertEqual(try LabelFiles.read(path: data + "/labels/avenue-frame-labels.txt").order.count, 21)
        XCTAssertEqual(try LabelFiles.read(path: data + "/labels/shanghaitech-frame-labels.txt").order.count, 107)
    }
}

final class MaskLabelTests: XCTestCase {
    /// Made-up masks in UCSD's layout: folders in numeric order, `_gt` dropped from their names,
    /// frames in numeric order (1, 2, 10, not 1, 10, 2), anomalous where any pixel is non-zero;
    /// other files and folders without images are passed over.
    func testMaskFoldersByHand() throws {
        let root = NSTemporaryDirectory() + "masks-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        func mask(_ path: String, lit: Bool) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let pixels: [UInt8] = lit ? [0, 0, 0, 1] : [0, 0, 0, 0]
            try (Data("P5\n2 2\n255\n".utf8) + Data(pixels)).write(to: URL(fileURLWithPath: path))
        }
        try mask(root + "/Test010_gt/1.pgm", lit: true)
        try mask(root + "/Test002_gt/1.pgm", lit: false)
        try mask(root + "/Test002_gt/2.pgm", lit: true)
        try mask(root + "/Test002_gt/10.pgm", lit: false)
        try Data("not a mask".utf8).write(to: URL(fileURLWithPath: root + "/Test002_gt/notes.txt"))
        try FileManager.default.createDirectory(atPath: root + "/Test003_gt", withIntermediateDirectories: true)
        let truth = try LabelFiles.fromMasks(root: root)
        XCTAssertEqual(truth.order, ["02", "10"])
        XCTAssertEqual(try truth.anomalous(video: "02", frames: Array(0..<3)), [false, true, false])
        XCTAssertEqual(try truth.anomalous(video: "Test010", frames: Array(0..<1)), [true])
        XCTAssertThrowsError(try LabelFiles.fromMasks(root: root + "/Test003_gt")) { XCTAssertTrue("\($0)".hasSuffix("no mask folders with images"), "\($0)") }
    }

    /// Ped2's three label sources agree on the six test videos that ship with masks.
    func testPed2MasksAgreeWithLabelFiles() throws {
        guard let data = sharedData() else { throw XCTSkip("../shared/data is absent") }
        let masks = try LabelFiles.fromMasks(root: data + "/ucsd-ped2/testing/masks")
        XCTAssertEqual(masks.order, ["01", "02", "03", "04", "05", "06"])
        let fromM = try LabelFiles.read(path: data + "/labels/UCSDped2.m")
        let fromText = try LabelFiles.read(path: data + "/labels/ped2-frame-labels.txt")
        for video in masks.order {
            guard case .frames(let flags) = masks.videos[video] else { return XCTFail("masks give frames") }
            XCTAssertTrue(flags.contains(true), video)
            XCTAssertEqual(try fromM.anomalous(video: video, frames: Array(0..<flags.count)), flags, "\(video): .m vs masks")
            XCTAssertEqual(try fromText.anomalous(video: video, frames: Array(0..<flags.count)), flags, "\(video): text vs masks")
        }
    }
}
