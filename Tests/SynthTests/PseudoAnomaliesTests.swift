import Foundation
@testable import Synth
import TensorStream
import TestSupport
import XCTest

final class PseudoAnomaliesTests: XCTestCase {
    /// A textured 2-channel video: every pixel distinct enough that a painted square shows.
    func video(frames: Int, height: Int = 24, width: Int = 32) -> [UInt8] {
        (0..<(frames * 2 * height * width)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 / 7) }
    }

    func testLabelsMarkExactlyThePaintedFrames() {
        var painter = PseudoAnomalies(period: 20, duration: 8, objectScale: 0.25, seed: 3)
        let original = video(frames: 100)
        var pixels = original
        let labels = painter.paint(&pixels, indices: Array(0..<100), video: "01", channels: 2, height: 24, width: 32)
        let frameSize = 2 * 24 * 32
        for t in 0..<100 {
            let changed = pixels[(t * frameSize)..<((t + 1) * frameSize)] != original[(t * frameSize)..<((t + 1) * frameSize)]
            XCTAssertEqual(labels[t] == 1, changed, "frame \(t)")
        }
        // One event of 8 frames in each period of 20.
        for period in 0..<5 {
            XCTAssertEqual(labels[(period * 20)..<((period + 1) * 20)].reduce(0) { $0 + Int($1) }, 8, "period \(period)")
            let first = labels[(period * 20)...].firstIndex(of: 1)!
            XCTAssertEqual(Array(labels[first..<(first + 8)]), [UInt8](repeating: 1, count: 8))
        }
    }

    func testChunkedStreamPaintsTheSameAsOneRecord() {
        var whole = PseudoAnomalies(period: 30, duration: 12, seed: 9)
        var chunked = PseudoAnomalies(period: 30, duration: 12, seed: 9)
        let original = video(frames: 90)
        var all = original
        let wholeLabels = whole.paint(&all, indices: Array(0..<90), video: "Train003", channels: 2, height: 24, width: 32)
        let frameSize = 2 * 24 * 32
        var pieces: [UInt8] = [], pieceLabels: [UInt8] = []
        for start in stride(from: 0, to: 90, by: 7) {
            let end = min(90, start + 7)
            var part = Array(original[(start * frameSize)..<(end * frameSize)])
            pieceLabels += chunked.paint(&part, indices: Array(start..<end), video: "Train003", channels: 2, height: 24, width: 32)
            pieces += part
        }
        XCTAssertEqual(pieceLabels, wholeLabels)
        XCTAssertEqual(pieces, all)
    }

    func testSeedAndVideoChooseTheEvents() {
        func labels(seed: UInt64, video: String) -> [UInt8] {
            var painter = PseudoAnomalies(seed: seed)
            var pixels = self.video(frames: 240)
            return painter.paint(&pixels, indices: Array(0..<240), video: video, channels: 2, height: 24, width: 32)
        }
        XCTAssertEqual(labels(seed: 1, video: "01"), labels(seed: 1, video: "01"))
        XCTAssertNotEqual(labels(seed: 1, video: "01"), labels(seed: 2, video: "01"))
        XCTAssertNotEqual(labels(seed: 1, video: "01"), labels(seed: 1, video: "02"))
    }

    func testFastObjectCrossesTheFrameAndForeignObjectIsInverted() {
        // A flat grey frame: a fast object cut from it is invisible, an inverted one is not.
        var flat = [UInt8](repeating: 100, count: 40 * 32 * 32)
        var fast = PseudoAnomalies(period: 40, duration: 20, objectScale: 0.25, kinds: [.fastObject])
        _ = fast.paint(&flat, indices: Array(0..<40), video: "01", channels: 1, height: 32, width: 32)
        XCTAssertTrue(flat.allSatisfy { $0 == 100 })
        var foreign = PseudoAnomalies(period: 40, duration: 20, objectScale: 0.25, kinds: [.foreignObject])
        let labels = foreign.paint(&flat, indices: Array(0..<40), video: "01", channels: 1, height: 32, width: 32)
        for t in 0..<40 {
            let inverted = flat[(t * 1024)..<((t + 1) * 1024)].filter { $0 == 155 }.count
            XCTAssertEqual(inverted, labels[t] == 1 ? 64 : 0, "frame \(t): an 8x8 square of 255 - 100")
        }
        // A fast object crosses from one edge to the other within its event.
        for number in 0..<20 {
            let event = PseudoAnomalies.Event(fast, video: "01", number: number, height: 32, width: 32)
            let end = event.from.x + event.velocity.x * Double(fast.duration - 1)
            XCTAssertEqual(Set([event.from.x, end.rounded()]), [0, 24], "event \(number)")
        }
    }
}

final class InjectAnomaliesCLITests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testPaintsStreamsAndWritesLabelsKeyedByVideoNumber() throws {
        let frames = directory + "/frames.vt"
        let out = try OutputFile(path: frames)
        let writer = RecordWriter(out)
        // Video Train002 in two records of 50 frames, then video 05 in one.
        for (video, range) in [("Train002", 0..<50), ("Train002", 50..<100), ("05", 0..<70)] {
            let pixels = (0..<(range.count * 16 * 16)).map { UInt8(truncatingIfNeeded: $0 * 13) }
            try writer.write(FrameRecord.make(dataset: "t", video: video, indices: Array(range), source: "s", pixels: pixels, channels: 1, height: 16, width: 16))
        }
        try out.commit()
        let labels = directory + "/labels.txt", painted = directory + "/painted.vt"
        let run = try runProgram("inject-anomalies", [frames, "--labels", labels, "-o", painted, "--period", "25", "--duration", "10"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let lines = try String(contentsOfFile: labels, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("1\t") && lines[0].count == 2 + 100, String(lines[0]))
        XCTAssertTrue(lines[1].hasPrefix("4\t") && lines[1].count == 2 + 70, String(lines[1]))
        XCTAssertEqual(lines[0].dropFirst(2).filter { $0 == "1" }.count, 40)
        let reader = try RecordReader(path: painted)
        var flags = ""
        while let record = try reader.read() {
            if record.metadata["video"] == "Train002" { flags += record.metadata["labels"] ?? "?" }
        }
        XCTAssertEqual("1\t" + flags, String(lines[0]))

        // Bad input: one line naming the file; usage errors exit 2; nothing half-written.
        try Data("not a stream".utf8).write(to: URL(fileURLWithPath: directory + "/bad.vt"))
        let bad = try runProgram("inject-anomalies", [directory + "/bad.vt", "--labels", directory + "/l2.txt", "-o", directory + "/o2.vt"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("inject-anomalies: ") && bad.stderr.contains("bad.vt"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/o2.vt"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/l2.txt"))
        XCTAssertEqual(try runProgram("inject-anomalies", [frames, "--labels", labels, "--period", "5", "--duration", "5"]).status, 2)
        let oneFile = try runProgram("inject-anomalies", [frames, "--labels", directory + "/both", "-o", directory + "/both"])
        XCTAssertEqual(oneFile.status, 2)
        XCTAssertTrue(oneFile.stderr.hasPrefix("inject-anomalies: --labels and --output both name"), oneFile.stderr)
        XCTAssertEqual(try runProgram("inject-anomalies", [frames, "--labels", "-"]).status, 2, "labels and records both on stdout")
        XCTAssertEqual(try runProgram("inject-anomalies", [frames, "--labels", labels, "--kinds", "dragon"]).status, 2)
    }

    /// A frame given twice, by a repeated record or within one, is refused: labels need each frame once.
    func testRepeatedFramesAreRefused() throws {
        let record = { (indices: [Int]) in
            FrameRecord.make(dataset: "t", video: "01", indices: indices, source: "s", pixels: [UInt8](repeating: 7, count: indices.count * 16 * 16),
                             channels: 1, height: 16, width: 16)
        }
        for (name, records, problem) in [("again", [record([0, 1]), record([0, 1])], "record 1 (video 01): frame 0"),
                                         ("within", [record([0, 1, 1])], "record 0 (video 01): frame 1")] {
            let path = directory + "/\(name).vt"
            let out = try OutputFile(path: path)
            for r in records { try RecordWriter(out).write(r) }
            try out.commit()
            let run = try runProgram("inject-anomalies", [path, "--labels", directory + "/labels.txt", "-o", directory + "/painted.vt"])
            XCTAssertEqual(run.status, 1, name)
            XCTAssertEqual(run.stderr, "inject-anomalies: \(path): \(problem) appears again; labels need frames 0..n-1 once each\n", name)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/painted.vt"))
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/labels.txt"))
        }
    }

    /// A record without frames, or with frames smaller than the smallest object, is refused in one line.
    func testRecordsWithNothingToPaintAreRefused() throws {
        for (name, count, side, problem) in [("empty", 0, 16, " holds no frames"), ("tiny", 1, 2, ": 2x2 frames are too small to paint (at least 4x4)")] {
            let path = directory + "/\(name).vt"
            let out = try OutputFile(path: path)
            try RecordWriter(out).write(FrameRecord.make(dataset: "t", video: "01", indices: Array(0..<count), source: "s",
                                                         pixels: [UInt8](repeating: 7, count: count * side * side), channels: 1, height: side, width: side))
            try out.commit()
            let run = try runProgram("inject-anomalies", [path, "--labels", directory + "/labels.txt", "-o", directory + "/painted.vt"])
            XCTAssertEqual(run.status, 1, name)
            XCTAssertEqual(run.stderr, "inject-anomalies: \(path): record 0 (video 01)\(problem)\n", name)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/painted.vt"))
        }
    }

    /// An empty stream is refused (in a pipe it means the stage before failed), and a stream that
    /// cannot be written leaves an earlier labels file as it was.
    func testEmptyInputAndUnwritableOutput() throws {
        let empty = directory + "/empty.vt"
        FileManager.default.createFile(atPath: empty, contents: Data())
        let nothing = try runProgram("inject-anomalies", [empty, "--labels", directory + "/labels.txt", "-o", directory + "/painted.vt"])
        XCTAssertEqual(nothing.status, 1)
        XCTAssertEqual(nothing.stderr, "inject-anomalies: \(empty): no frame records\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/labels.txt"))
        let frames = directory + "/frames.vt"
        let out = try OutputFile(path: frames)
        try RecordWriter(out).write(FrameRecord.make(dataset: "t", video: "01", indices: Array(0..<8), source: "s",
                                                     pixels: [UInt8](repeating: 7, count: 8 * 16 * 16), channels: 1, height: 16, width: 16))
        try out.commit()
        let labels = directory + "/kept.txt"
        try "kept\n".write(toFile: labels, atomically: true, encoding: .utf8)
        let full = try runProgram("inject-anomalies", [frames, "--labels", labels, "-o", "/dev/full"])
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(try String(contentsOfFile: labels, encoding: .utf8), "kept\n")
        // And the other way round: labels that cannot be written leave an earlier stream as it was.
        let painted = directory + "/painted.vt"
        try "kept\n".write(toFile: painted, atomically: true, encoding: .utf8)
        let nowhere = try runProgram("inject-anomalies", [frames, "--labels", directory + "/missing/labels.txt", "-o", painted])
        XCTAssertEqual(nowhere.status, 1)
        XCTAssertTrue(nowhere.stderr.hasPrefix("inject-anomalies: \(directory!)/missing/labels.txt: "), nowhere.stderr)
        XCTAssertEqual(try String(contentsOfFile: painted, encoding: .utf8), "kept\n")
        let fullLabels = try runProgram("inject-anomalies", [frames, "--labels", "/dev/full", "-o", painted])
        XCTAssertEqual(fullLabels.status, 1)
        XCTAssertEqual(try String(contentsOfFile: painted, encoding: .utf8), "kept\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["empty.vt", "frames.vt", "kept.txt", "painted.vt"])
    }
}
