import Clips
import Foundation
import TensorStream
import TestSupport
import XCTest

/// Frame records of one video whose frame i is filled with the byte i (source index 100 + i).
func video(_ id: String, frames: Int, chunk: Int, height: Int = 2, width: Int = 3) -> [Record] {
    stride(from: 0, to: frames, by: chunk).map { first in
        let indices = Array(first..<min(first + chunk, frames))
        let pixels = indices.flatMap { [UInt8](repeating: UInt8($0), count: height * width) }
        return FrameRecord.make(dataset: "test", video: id, indices: indices.map { 100 + $0 }, source: "gen",
                                pixels: pixels, channels: 1, height: height, width: width)
    }
}

final class ClipTests: XCTestCase {
    private func cut(_ records: [Record], _ windows: ClipWindows) throws -> [Record] {
        let cutter = ClipCutter(windows: windows)
        return try records.enumerated().flatMap { try cutter.consume($1, number: $0, source: "test") } + cutter.finish()
    }

    /// A frame stream written to `path`.
    private func write(_ records: [Record], to path: String) throws {
        let out = try OutputFile(path: path)
        for r in records { try RecordWriter(out).write(r) }
        try out.commit()
    }

    func testCountsMatchTheFormulaAndBruteForce() throws {
        for frames in [0, 9, 10, 19, 28, 29, 180, 200] {
            for step in [nil, 1, 4] as [Int?] {
                let windows = try ClipWindows(length: 10, strides: [1, 2, 3], step: step)
                // Brute force: every start p and stride s whose window fits, with p on the step grid.
                var expected = 0
                for s in [1, 2, 3] {
                    for p in 0..<max(frames, 1) where p + 9 * s < frames && p % (step ?? 10 * s) == 0 { expected += 1 }
                }
                XCTAssertEqual(windows.clipCount(frames: frames), expected, "n=\(frames) step=\(String(describing: step))")
                XCTAssertEqual(try cut(video("01", frames: frames, chunk: 7), windows).count, expected)
            }
        }
        // Flush with the end: one more window per stride whose grid stops short of the last frame.
        for frames in [0, 9, 10, 19, 20, 23, 28, 29, 180] {
            let windows = try ClipWindows(length: 10, strides: [1, 2], step: 5, reachingEnd: true)
            var expected = 0
            for s in [1, 2] where frames >= 9 * s + 1 {
                let last = (frames - 9 * s - 1) / 5 * 5
                expected += last / 5 + 1 + (last + 9 * s == frames - 1 ? 0 : 1)
            }
            XCTAssertEqual(windows.clipCount(frames: frames), expected, "n=\(frames)")
            XCTAssertEqual(try cut(video("01", frames: frames, chunk: 7), windows).count, expected, "n=\(frames)")
        }
        // The tutorial's example: a 200-frame Ped1 video gives 20 + 10 + 6 non-overlapping clips.
        XCTAssertEqual(try ClipWindows(length: 10, strides: [1, 2, 3], step: nil).clipCount(frames: 200), 36)
        XCTAssertEqual(try ClipWindows.sliding(length: 10).clipCount(frames: 180), 171)
    }

    /// Windows 5 apart over 23 frames stop at frame 19; the window flush with the end takes 13-22, and
    /// comes before the next video's first clip.
    func testWindowsReachTheEndOfEachVideo() throws {
        let windows = try ClipWindows(length: 10, strides: [1], step: 5, reachingEnd: true)
        let cutter = ClipCutter(windows: windows)
        var clips: [Record] = []
        for (n, record) in (video("01", frames: 23, chunk: 4) + video("02", frames: 20, chunk: 6)).enumerated() {
            clips += try cutter.consume(record, number: n, source: "test")
        }
        clips += cutter.finish()
        XCTAssertEqual(clips.map { "\($0.metadata["video"]!):\(Record.decodeIntegers($0.metadata["frames"]!)!.first!)" },
                       ["01:100", "01:105", "01:110", "01:113", "02:100", "02:105", "02:110"])
        let last = try XCTUnwrap(clips[3]["clip"])
        XCTAssertEqual(stride(from: 0, to: 60, by: 6).map { last.bytes[$0] }, Array(13...22).map(UInt8.init))
        XCTAssertEqual(clips[3].metadata["stride"], "1")
    }

    func testClipsHoldTheRightFramesInOrder() throws {
        let clips = try cut(video("07", frames: 40, chunk: 3), ClipWindows(length: 4, strides: [1, 3], step: nil))
        let described = clips.map { "\($0.metadata["stride"]!):\($0.metadata["frames"]!)" }
        // Clips come out in the order their last frame arrives.
        XCTAssertEqual(described, [
            "1:100,101,102,103", "1:104,105,106,107", "3:100,103,106,109", "1:108,109,110,111",
            "1:112,113,114,115", "1:116,117,118,119", "3:112,115,118,121", "1:120,121,122,123",
            "1:124,125,126,127", "1:128,129,130,131", "3:124,127,130,133", "1:132,133,134,135",
            "1:136,137,138,139",
        ])
        let second = try XCTUnwrap(clips.first { $0.metadata["stride"] == "3" })
        let tensor = try XCTUnwrap(second["clip"])
        XCTAssertEqual(tensor.shape, [4, 1, 2, 3])
        XCTAssertEqual(stride(from: 0, to: 24, by: 6).map { tensor.bytes[$0] }, [0, 3, 6, 9])
        XCTAssertEqual(second.metadata["video"], "07")
        XCTAssertEqual(second.metadata["dataset"], "test")
    }

    /// Frame labels follow their frames into each clip, even when the frame records hold other chunks.
    func testClipsCarryTheirOwnFramesLabels() throws {
        let records = video("03", frames: 12, chunk: 5).map { record -> Record in
            var labelled = record
            let indices = Record.decodeIntegers(record.metadata[FrameRecord.Key.frames]!)!
            labelled.metadata[FrameRecord.Key.labels] = String(indices.map { (105...108).contains($0) ? "1" : "0" })
            return labelled
        }
        let clips = try cut(records, ClipWindows(length: 4, strides: [1, 2], step: nil))
        XCTAssertEqual(clips.map { "\($0.metadata["frames"]!) \($0.metadata["labels"] ?? "-")" }, [
            "100,101,102,103 0000", "100,102,104,106 0001", "104,105,106,107 0111", "108,109,110,111 1000",
        ])
        // Unlabelled frames give unlabelled clips.
        XCTAssertNil(try cut(video("03", frames: 4, chunk: 2), ClipWindows(length: 4, strides: [1], step: nil))[0].metadata["labels"])
    }

    func testChunkingDoesNotChangeTheClips() throws {
        let windows = try ClipWindows(length: 5, strides: [1, 2], step: 2)
        let whole = try cut(video("01", frames: 33, chunk: 33), windows)
        for chunk in [1, 4, 10] { XCTAssertEqual(try cut(video("01", frames: 33, chunk: chunk), windows), whole) }
    }

    func testVideosDoNotMixAndShapesMustAgree() throws {
        let windows = try ClipWindows.sliding(length: 3)
        let clips = try cut(video("01", frames: 4, chunk: 4) + video("02", frames: 2, chunk: 2) + video("03", frames: 3, chunk: 1), windows)
        XCTAssertEqual(clips.map { $0.metadata["video"]! }, ["01", "01", "03"])
        let broken = video("07", frames: 2, chunk: 1, height: 2) + video("07", frames: 4, chunk: 2, height: 4)[1...]
        XCTAssertThrowsError(try cut(broken, windows)) {
            XCTAssertEqual("\($0)", "test: record 2 (video 07) changes frame shape from [1, 2, 3] to [1, 4, 3]")
        }
        // Messages give the record's place in the stream, and its video where it has one.
        XCTAssertThrowsError(try cut(video("01", frames: 1, chunk: 1) + [Record(tensors: [], metadata: ["video": "02"])], windows)) {
            XCTAssertEqual("\($0)", "test: record 1 (video 02): no 'frames' tensor (not a frame record)")
        }
        XCTAssertThrowsError(try cut([Record(tensors: [], metadata: [:])], windows)) {
            XCTAssertEqual("\($0)", "test: record 0: no 'frames' tensor (not a frame record)")
        }
        XCTAssertThrowsError(try ClipWindows(length: 0, strides: [1], step: nil))
        XCTAssertThrowsError(try ClipWindows(length: 3, strides: [0], step: nil))
    }

    /// A record given twice, or frames out of order, would cut clips running backwards (0,1,0,1): refused.
    func testFrameIndicesMustIncreaseWithinAVideo() throws {
        let windows = try ClipWindows.sliding(length: 2)
        let twice = video("01", frames: 2, chunk: 2)
        XCTAssertThrowsError(try cut(video("02", frames: 3, chunk: 3) + twice + twice, windows)) {
            XCTAssertEqual("\($0)", "test: record 2 (video 01): frame 100 follows frame 101; a video's frame indices must increase")
        }
        let repeated = FrameRecord.make(dataset: "t", video: "03", indices: [5, 6, 6], source: "s", pixels: [UInt8](repeating: 0, count: 3), channels: 1, height: 1, width: 1)
        XCTAssertThrowsError(try cut([repeated], windows)) {
            XCTAssertEqual("\($0)", "test: record 0 (video 03): frame 6 follows frame 6; a video's frame indices must increase")
        }
        // The same video again after another is a new run of that name, as when two datasets are joined.
        XCTAssertEqual(try cut(twice + video("02", frames: 2, chunk: 2) + twice, windows).count, 3)

        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(twice + twice, to: directory + "/twice.vt")
        let run = try runProgram("augment-strides", ["--test", "-T", "2", directory + "/twice.vt", "-o", directory + "/clips.vt"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "augment-strides: \(directory)/twice.vt: record 1 (video 01): frame 100 follows frame 101; a video's frame indices must increase\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/clips.vt"))
    }

    /// A video too short for any clip is named on stderr; a run that cuts no clip at all fails, writing nothing.
    func testVideosTooShortForAClip() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/frames.vt", output = directory + "/clips.vt"
        try write(video("01", frames: 30, chunk: 8) + video("02", frames: 12, chunk: 8), to: input)
        let some = try runProgram("augment-strides", ["-T", "20", "--strides", "1,2", input, "-o", output])
        XCTAssertEqual(some.status, 0, some.stderr)
        XCTAssertEqual(some.stderr, "augment-strides: \(input): skipping video 02: 12 frames, fewer than the 20 one clip needs\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: output))
        try FileManager.default.removeItem(atPath: output)
        let none = try runProgram("augment-strides", ["-T", "100", input, "-o", output])
        XCTAssertEqual(none.status, 1)
        XCTAssertEqual(none.stderr, """
            augment-strides: \(input): skipping video 01: 30 frames, fewer than the 100 one clip needs
            augment-strides: \(input): skipping video 02: 12 frames, fewer than the 100 one clip needs
            augment-strides: \(input): no clips cut (a clip needs a video of at least 100 frames)

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testCommandLine() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/frames.vt"
        try write(video("01", frames: 30, chunk: 8), to: input)
        let run = try runProgram("augment-strides", ["--strides", "1,2", "-o", directory + "/clips.vt", input])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let reader = try RecordReader(path: directory + "/clips.vt")
        var count = 0
        while try reader.read() != nil { count += 1 }
        XCTAssertEqual(count, try ClipWindows(length: 10, strides: [1, 2], step: nil).clipCount(frames: 30))
        // --test: every window of 4 consecutive frames, one frame apart.
        let test = try runProgram("augment-strides", ["--test", "-T", "4", input, "-o", directory + "/test.vt"])
        XCTAssertEqual(test.status, 0, test.stderr)
        let windows = try RecordReader(path: directory + "/test.vt")
        var starts: [Int] = []
        while let record = try windows.read() {
            let frames = try XCTUnwrap(record.metadata["frames"].flatMap(Record.decodeIntegers))
            XCTAssertEqual(frames, Array(frames[0] ..< frames[0] + 4))
            starts.append(frames[0])
        }
        XCTAssertEqual(starts, Array(100...126), "the fixture's frames are numbered 100-129")
        // --to-end: windows of 4 every 5 frames stop at frame 128; one more ends at 129.
        let toEnd = try runProgram("augment-strides", ["--strides", "1", "--step", "5", "--to-end", "-T", "4", input, "-o", directory + "/end.vt"])
        XCTAssertEqual(toEnd.status, 0, toEnd.stderr)
        let ends = try RecordReader(path: directory + "/end.vt")
        var endStarts: [Int] = []
        while let record = try ends.read() { endStarts.append(try XCTUnwrap(record.metadata["frames"].flatMap(Record.decodeIntegers))[0]) }
        XCTAssertEqual(endStarts, [100, 105, 110, 115, 120, 125, 126])
        // Every stride must be a positive integer: a stray comma is not skipped; one past a thousand
        // frames is a typo, and would overflow the window's span before it was ever used.
        for strides in ["1,x", "1,,2", "1,2,", ",1", "1,0", "1,-2", "-1", "", "1,9223372036854775807"] {
            let refused = try runProgram("augment-strides", ["--strides", strides, input])
            XCTAssertEqual(refused.status, 2, strides)
            XCTAssertTrue(refused.stderr.hasPrefix("augment-strides: --strides") || refused.stderr.hasPrefix("augment-strides: strides must be from 1 to 1000"), refused.stderr)
        }
        XCTAssertEqual(try runProgram("augment-strides", ["-T", "0", input]).status, 2)
        let long = try runProgram("augment-strides", ["-T", "9223372036854775807", input])
        XCTAssertEqual(long.status, 2)
        XCTAssertTrue(long.stderr.hasPrefix("augment-strides: clip length must be from 1 to 1000, got 9223372036854775807\n"), long.stderr)
        let nothing = try runProgram("augment-strides", ["-"], stdin: Data())
        XCTAssertEqual(nothing.status, 1)
        XCTAssertEqual(nothing.stderr, "augment-strides: stdin: no frame records\n")
        let frames = try Data(contentsOf: URL(fileURLWithPath: input))
        let overInput = try runProgram("augment-strides", [input, "-o", input])
        XCTAssertEqual(overInput.status, 2)
        XCTAssertEqual(overInput.stderr.split(separator: "\n").first, "augment-strides: --output \(input) is the input file; write it elsewhere")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: input)), frames, "the frames are kept")
        let bad = try runProgram("augment-strides", [directory + "/missing.vt"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "augment-strides: \(directory)/missing.vt: No such file or directory\n")
    }

    /// Binary output is refused on a terminal (run under `script`, which gives the program a pty).
    func testRefusesToWriteBinaryToATerminal() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/script") else { throw XCTSkip("no script(1) to provide a terminal") }
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(video("01", frames: 12, chunk: 12), to: directory + "/f.vt")
        let program = productsDirectory().appendingPathComponent("augment-strides").path
        let run = try runCommand("/usr/bin/script", ["-qec", "\(program) --test \(directory)/f.vt", "/dev/null"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.text.contains("refusing to write a binary tensor stream to a terminal"), run.text)
    }
}
