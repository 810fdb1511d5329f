import Foundation
import ImageIO
import Metrics
@testable import Scoring
import TensorStream
import XCTest

/// A reconstruction record of T frames of `pixels` each: input bytes and reconstructions given as floats.
func reconRecord(video: String, frames: [Int], input: [[UInt8]], recon: [[Float]], previous: [[Float]]? = nil) -> Record {
    let size = input[0].count
    var record = Record(tensors: [
        ("input", HostTensor(u8: input.flatMap { $0 }, shape: [frames.count, 1, 1, size])),
        ("recon", HostTensor(f32: recon.flatMap { $0 }, shape: [frames.count, 1, 1, size])),
    ], metadata: ["video": video, "frames": Record.encodeIntegers(frames)])
    if let previous { record.tensors.append(("recon_prev", HostTensor(f32: previous.flatMap { $0 }, shape: [frames.count, 1, 1, size]))) }
    return record
}

final class ScoringTests: XCTestCase {
    func testFrameErrorsByHand() throws {
        // Frame 0: input (0, 255) vs recon (0.5, 0.5): 0.25 + 0.25. Frame 1: (255, 255) vs (1, 0): 1.
        let record = reconRecord(video: "01", frames: [4, 5], input: [[0, 255], [255, 255]], recon: [[0.5, 0.5], [1, 0]],
                                 previous: [[0, 0], [0, 1]])
        let errors = try FrameErrors(record: record, source: "t")
        XCTAssertEqual(errors.squaredError, [0.5, 1])
        XCTAssertEqual(errors.l2[0], sqrt(0.5), accuracy: 1e-6)
        XCTAssertEqual(errors.l2[1], 1)
        XCTAssertEqual(errors.psnr[0], 10 * log10(1 / 0.25), accuracy: 1e-6)
        // Hasan's and Nayak's e(t), on grey pixels the absolute errors summed: 0.5 + 0.5, then 0 + 1.
        XCTAssertEqual(errors.pixelL2, [1, 1])
        // Eq. 3 at t = 1 adds ||I_0 - R_{1,0}||^2 = (0 - 0)^2 + (1 - 1)^2 = 0; at t = 0 only the current term.
        XCTAssertEqual(errors.luo, [0.5, 1])
        let shifted = reconRecord(video: "01", frames: [4, 5], input: [[0, 255], [255, 255]], recon: [[0.5, 0.5], [1, 0]],
                                  previous: [[0, 0], [1, 0]])
        XCTAssertEqual(try FrameErrors(record: shifted, source: "t").luo, [0.5, 3])
        XCTAssertThrowsError(try FrameErrors(record: Record(), source: "x.vt")) { XCTAssertTrue("\($0)".hasPrefix("x.vt: record needs")) }
    }

    func testWorstPatchPooling() throws {
        // One 4x4 grey frame whose only error is 1 at pixel (0, 0) and 0.5^2 at (3, 3).
        var recon = [Float](repeating: 0, count: 16)
        recon[0] = 1
        recon[15] = 0.5
        let record = Record(tensors: [
            ("input", HostTensor(u8: [UInt8](repeating: 0, count: 16), shape: [1, 1, 4, 4])),
            ("recon", HostTensor(f32: recon, shape: [1, 1, 4, 4])),
        ], metadata: [:])
        XCTAssertEqual(try FrameErrors(record: record, source: "t").squaredError, [1.25])
        // 2x2 windows every pixel: the worst holds (0, 0) alone, mean 1/4, scaled to 16 pixels.
        XCTAssertEqual(try FrameErrors(record: record, source: "t", pooling: .worstPatch(2)).squaredError, [4])
        // Each pixel's norm, summed: 1 + 0.5; its worst 2x2 patch holds 1 alone, mean 1/4, scaled to 16 pixels.
        XCTAssertEqual(try FrameErrors(record: record, source: "t").pixelL2, [1.5])
        XCTAssertEqual(try FrameErrors(record: record, source: "t", pooling: .worstPatch(2)).pixelL2, [4])
        // 3x3 windows every pixel (3/2 rounds down): flush windows reach both corners, mean 1/9 beats 0.25/9.
        XCTAssertEqual(try FrameErrors(record: record, source: "t", pooling: .worstPatch(3)).squaredError[0], 16.0 / 9, accuracy: 1e-12)
        // A window wider than the frame is the frame.
        XCTAssertEqual(try FrameErrors(record: record, source: "t", pooling: .worstPatch(8)).squaredError, [1.25])
        // 4x4 frame, 2x2 windows at stride 1 = 2 / 2: the window at (2, 2) catches (3, 3).
        var onlyCorner = recon
        onlyCorner[0] = 0
        let corner = Record(tensors: [record.tensors[0], ("recon", HostTensor(f32: onlyCorner, shape: [1, 1, 4, 4]))], metadata: [:])
        XCTAssertEqual(try FrameErrors(record: corner, source: "t", pooling: .worstPatch(2)).squaredError, [1])
    }

    func testSmoothingIsACentredMovingAverageOverFrames() {
        XCTAssertEqual(FrameScorer.movingAverage([0, 3, 6, 0], frames: [0, 1, 2, 3], window: 3), [1.5, 3, 3, 3])
        XCTAssertEqual(FrameScorer.movingAverage([1, 2], frames: [0, 1], window: 1), [1, 2])
        XCTAssertEqual(FrameScorer.movingAverage([0, 4, 8, 12, 16], frames: [0, 1, 2, 3, 4], window: 5), [4, 6, 8, 10, 12])
        // Scored every tenth frame: five frames' window holds only the row itself.
        XCTAssertEqual(FrameScorer.movingAverage([0, 3, 6], frames: [9, 19, 29], window: 5), [0, 3, 6])
        // A gap: frames 3 and 4 are each other's neighbours, frame 7 has none within 2.
        XCTAssertEqual(FrameScorer.movingAverage([2, 4, 9], frames: [3, 4, 7], window: 5), [3, 3, 9])
    }

    func testWindowMappings() throws {
        // Three sliding windows of two frames over frames 0..3. Frame f is one pixel of value 50f,
        // which the window starting at s reconstructs as 10s, so a frame's error differs between
        // the windows that hold it: e(f, s) = ((50f - 10s)/255)^2.
        func window(_ start: Int) -> Record {
            let values = [start, start + 1].map { UInt8($0 * 50) }
            let recon = Float(start * 10) / 255
            return reconRecord(video: "01", frames: [start, start + 1], input: values.map { [$0] }, recon: [[recon], [recon]])
        }
        func e(_ frame: Int, _ start: Int) -> Double { pow(Double(frame * 50 - start * 10) / 255, 2) }
        var starts = FrameScorer(measure: .sse, mapping: .windowStart)
        var lasts = FrameScorer(measure: .sse, mapping: .lastFrame)
        var means = FrameScorer(measure: .sse, mapping: .mean)
        for s in 0..<3 {
            try starts.add(window(s), source: "t")
            try lasts.add(window(s), source: "t")
            try means.add(window(s), source: "t")
        }
        func scores(_ scorer: FrameScorer) -> [Int: Double] { Dictionary(uniqueKeysWithValues: scorer.table().rows.map { ($0.frame, $0.score) }) }
        let startScores = scores(starts), lastScores = scores(lasts), meanScores = scores(means)
        XCTAssertEqual(Set(startScores.keys), [0, 1, 2])
        XCTAssertEqual(startScores[1]!, e(1, 1) + e(2, 1), accuracy: 1e-6)
        XCTAssertEqual(Set(lastScores.keys), [1, 2, 3])
        XCTAssertEqual(lastScores[3]!, e(3, 2), accuracy: 1e-6)
        XCTAssertEqual(meanScores[0]!, e(0, 0), accuracy: 1e-6)
        XCTAssertEqual(meanScores[2]!, (e(2, 1) + e(2, 2)) / 2, accuracy: 1e-6)
        XCTAssertEqual(meanScores[3]!, e(3, 2), accuracy: 1e-6)
        XCTAssertEqual(meanScores.count, 4)
        // Extra columns: Luo's regularity (1 at the least error) and the tutorial's abnormality.
        let table = lasts.table()
        XCTAssertEqual(table.extraColumns, ["regularity_luo", "abnormality_tutorial"])
        let hi = e(3, 2), lo = e(1, 0)
        XCTAssertEqual(Double(table.rows[0].extras[0])!, 1, accuracy: 1e-6)
        XCTAssertEqual(Double(table.rows[1].extras[0])!, 1 - (e(2, 1) - lo) / (hi - lo), accuracy: 1e-6)
        XCTAssertEqual(Double(table.rows[1].extras[1])!, (e(2, 1) - lo) / hi, accuracy: 1e-6)
        // Negated PSNR is negative: the abnormality column must still rise with the score.
        var psnr = FrameScorer(measure: .psnr, mapping: .lastFrame)
        for s in 0..<3 { try psnr.add(window(s), source: "t") }
        let rows = psnr.table().rows
        XCTAssertTrue(rows.allSatisfy { $0.score < 0 })
        for (a, b) in zip(rows, rows.dropFirst()) {
            XCTAssertEqual(a.score < b.score, Double(a.extras[1])! < Double(b.extras[1])!)
        }
        var luo = FrameScorer(measure: .luo, mapping: .mean)
        XCTAssertThrowsError(try luo.add(window(0), source: "r.vt")) { XCTAssertTrue("\($0)".contains("convlstm-ae")) }

        // l2 at a window's start is the norm of the whole window, as the tutorial's notebook takes it
        // (np.linalg.norm of the window's difference), not the sum of its frames' norms; per frame it
        // is each frame's own norm.
        var windowNorms = FrameScorer(measure: .l2, mapping: .windowStart)
        var frameNorms = FrameScorer(measure: .l2, mapping: .mean)
        for s in 0..<3 {
            try windowNorms.add(window(s), source: "t")
            try frameNorms.add(window(s), source: "t")
        }
        XCTAssertEqual(scores(windowNorms)[1]!, (e(1, 1) + e(2, 1)).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(scores(frameNorms)[2]!, (e(2, 1).squareRoot() + e(2, 2).squareRoot()) / 2, accuracy: 1e-6)
    }

    /// Windows of two videos under one id, or cut at two strides, would average into one score
    /// silently: both are refused, naming the video.
    func testMixedWindowsAreRefused() throws {
        func window(_ video: String, _ frames: [Int]) -> Record {
            reconRecord(video: video, frames: frames, input: frames.map { _ in [0] }, recon: frames.map { _ in [0] })
        }
        var twice = FrameScorer(measure: .sse, mapping: .mean)
        try twice.add(window("01", [0, 1, 2]), source: "a.vt")
        try twice.add(window("01", [1, 2, 3]), source: "a.vt")
        try twice.add(window("02", [0, 1, 2]), source: "a.vt")
        XCTAssertThrowsError(try twice.add(window("01", [0, 1, 2]), source: "a.vt")) {
            XCTAssertEqual("\($0)", "a.vt: video 01 has the window of frames 0-2 twice: two videos share the id, or a stream came twice")
        }
        var strided = FrameScorer(measure: .sse, mapping: .mean)
        try strided.add(window("01", [0, 1, 2]), source: "b.vt")
        XCTAssertThrowsError(try strided.add(window("01", [0, 2, 4]), source: "b.vt")) {
            XCTAssertEqual("\($0)", "b.vt: video 01 mixes windows of stride 1 and 2; score clips cut at one stride (augment-strides --strides 1)")
        }
        // A frame missing from the video (frames-extract --skip-bad left out frame 5): the windows across
        // the gap are still cut at stride 1, as the clips say, and every frame is scored.
        var gap = FrameScorer(measure: .sse, mapping: .mean)
        for frames in [[3, 4, 6], [4, 6, 7], [6, 7, 8]] {
            var clip = window("01", frames)
            clip.metadata["stride"] = "1"
            try gap.add(clip, source: "c.vt")
        }
        XCTAssertEqual(gap.table().rows.map(\.frame), [3, 4, 6, 7, 8])
        // Without the clips' word for it, the smallest step between frames is the stride.
        var unsaid = FrameScorer(measure: .sse, mapping: .mean)
        try unsaid.add(window("01", [3, 4, 6]), source: "d.vt")
        try unsaid.add(window("01", [6, 7, 8]), source: "d.vt")
        XCTAssertThrowsError(try unsaid.add(window("01", [0, 2, 4]), source: "d.vt"))
    }

    func testSecondHalfScoresEachFrameOnceWithWarmMemory() throws {
        // Windows of four frames two apart over frames 0..7, as Luo et al.'s test script cuts them
        // (T = 4, step T/2). Frame f's error is 100 + f in the second half of a window and f (a cold
        // memory scoring lower) in the first, so any first-half score that leaks in shows.
        func window(_ start: Int) -> Record {
            let frames = Array(start..<start + 4)
            let values = frames.enumerated().map { position, f in UInt8(position >= 2 ? 100 + f : f) }
            return reconRecord(video: "01", frames: frames, input: values.map { [$0] }, recon: [[0], [0], [0], [0]])
        }
        var scorer = FrameScorer(measure: .sse, mapping: .secondHalf)
        for start in stride(from: 0, through: 4, by: 2) { try scorer.add(window(start), source: "t") }
        let rows = scorer.table().rows
        XCTAssertEqual(rows.map(\.frame), Array(0..<8))
        func e(_ value: Int) -> Double { pow(Double(value) / 255, 2) }
        // Frames 2..7 each sit once in a window's second half; 0 and 1, only ever cold, take the
        // scores of frames 2 and 3 of their window.
        let expected = [102, 103, 102, 103, 104, 105, 106, 107].map(e)
        for (row, want) in zip(rows, expected) { XCTAssertEqual(row.score, want, accuracy: 1e-6, "frame \(row.frame)") }
        // A frame scored warm in one window is not overwritten by a stand-in from another.
        var reversed = FrameScorer(measure: .sse, mapping: .secondHalf)
        for start in stride(from: 4, through: 0, by: -2) { try reversed.add(window(start), source: "t") }
        XCTAssertEqual(reversed.table().rows.map(\.score), rows.map(\.score))
    }

    func testLuoL2IsTheRootOfEq3BeforeNormalising() throws {
        // One window of three two-pixel frames (0.2, 0), (0.4, 0.2), (1, 0), with reconstructions of the
        // current frames and (from the second step) of the previous ones.
        let input: [[UInt8]] = [[51, 0], [102, 51], [255, 0]]
        let record = reconRecord(video: "01", frames: [0, 1, 2], input: input, recon: [[0, 0], [0, 0.2], [0, 0]],
                                 previous: [[0, 0], [0.2, 0], [0.4, 0]])
        var squared = FrameScorer(measure: .luo, mapping: .mean), root = FrameScorer(measure: .luoL2, mapping: .mean)
        try squared.add(record, source: "t")
        try root.add(record, source: "t")
        let eq3 = squared.table().rows.map(\.score), roots = root.table().rows
        // By hand: 0.2^2 (no previous term at t = 0); 0.4^2 + 0 (frame 0 recalled exactly); 1^2 + 0.2^2.
        for (got, want) in zip(eq3, [0.04, 0.16, 1.04]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        for (row, e) in zip(roots, eq3) { XCTAssertEqual(row.score, e.squareRoot(), accuracy: 1e-9) }
        // Eq. 4 on the roots is not eq. 4 on the squares: the middle frame's regularity moves.
        let middleSquared = 1 - (0.16 - 0.04) / (1.04 - 0.04)
        let middleRoot = 1 - (0.4 - 0.2) / (1.04.squareRoot() - 0.2)
        XCTAssertEqual(Double(squared.table().rows[1].extras[0])!, middleSquared, accuracy: 1e-6)
        XCTAssertEqual(Double(roots[1].extras[0])!, middleRoot, accuracy: 1e-6)
        var noPrevious = FrameScorer(measure: .luoL2, mapping: .mean)
        let plain = reconRecord(video: "01", frames: [0], input: [[0]], recon: [[0]])
        XCTAssertThrowsError(try noPrevious.add(plain, source: "r.vt")) {
            XCTAssertEqual("\($0)", "r.vt: --measure luo-l2 needs a model that reconstructs the previous frame (convlstm-ae)")
        }
    }

    /// A heatmap per frame: grey where reconstructed exactly, red where not; a frame two windows hold
    /// is drawn from the first.
    func testErrorMapsLayTheErrorOverTheFrame() throws {
        let directory = NSTemporaryDirectory() + "vadkit-maps-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var maps = ErrorMaps(directory: directory)
        try maps.write(reconRecord(video: "Test001", frames: [6, 7], input: [[0, 0], [100, 255]], recon: [[0, 0], [Float(100) / 255, 0]]), source: "t")
        try maps.write(reconRecord(video: "Test001", frames: [7, 8], input: [[100, 255], [9, 9]], recon: [[1, 1], [0, 0]]), source: "t")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory + "/Test001").sorted(), ["000006.png", "000007.png", "000008.png"])
        let map = try ImageIO.read(path: directory + "/Test001/000007.png")
        XCTAssertEqual([map.width, map.height, map.channels], [2, 1, 3])
        XCTAssertEqual(map.pixels, [100, 100, 100, 255, 0, 0])
        XCTAssertEqual(try ImageIO.read(path: directory + "/Test001/000006.png").pixels, [0, 0, 0, 0, 0, 0])
    }

    /// A later complete run into the same DIR removes the heatmaps the earlier one listed in the
    /// folders it draws into and does not redraw; files no run listed (a frame named like a heatmap
    /// included), other videos' folders, and a second video id sharing the folder's name keep theirs.
    func testErrorMapsRemoveOnlyAnEarlierRunsListedFrames() throws {
        let directory = NSTemporaryDirectory() + "vadkit-maps-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let listing = { (folder: String) in try FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder).sorted() }
        var earlier = ErrorMaps(directory: directory)
        try earlier.write(reconRecord(video: "01", frames: [0, 1, 2, 1234567], input: [[0], [0], [0], [0]], recon: [[0], [0], [0], [0]]), source: "t")
        try earlier.write(reconRecord(video: "02", frames: [0], input: [[0]], recon: [[0]]), source: "t")
        try earlier.removeStale()
        XCTAssertEqual(try String(contentsOfFile: directory + "/01/.vadkit-heatmaps", encoding: .utf8), "0\n1\n2\n1234567\n")
        for name in ["notes.txt", "000009.png"] {
            try Data().write(to: URL(fileURLWithPath: directory + "/01/" + name))
        }
        var later = ErrorMaps(directory: directory)
        try later.write(reconRecord(video: "01", frames: [1], input: [[9]], recon: [[0]]), source: "t")
        try later.write(reconRecord(video: "a/b", frames: [4], input: [[0]], recon: [[0]]), source: "t")
        try later.write(reconRecord(video: "a_b", frames: [5], input: [[0]], recon: [[0]]), source: "t")
        try later.removeStale()
        XCTAssertEqual(try listing("01"), [".vadkit-heatmaps", "000001.png", "000009.png", "notes.txt"])
        XCTAssertEqual(try listing("02"), [".vadkit-heatmaps", "000000.png"])
        XCTAssertEqual(try listing("a_b"), [".vadkit-heatmaps", "000004.png", "000005.png"])
        XCTAssertEqual(try ImageIO.read(path: directory + "/01/000001.png").pixels, [18, 9, 9])  // redrawn by the later run
        XCTAssertEqual(try String(contentsOfFile: directory + "/01/.vadkit-heatmaps", encoding: .utf8), "1\n")

        // A list that is not one frame number a line is refused, naming it, and nothing is removed.
        try "1\nseven\n".write(toFile: directory + "/02/.vadkit-heatmaps", atomically: true, encoding: .utf8)
        var third = ErrorMaps(directory: directory)
        try third.write(reconRecord(video: "02", frames: [3], input: [[0]], recon: [[0]]), source: "t")
        XCTAssertThrowsError(try third.removeStale()) {
            XCTAssertEqual("\($0)", "\(directory)/02/.vadkit-heatmaps: 'seven' is not a frame number; remove the file to start the list afresh")
        }
        XCTAssertEqual(try listing("02"), [".vadkit-heatmaps", "000000.png", "000003.png"])
    }

    /// Colour frames: errors sum over the channels at each pixel, a worst patch is scaled by all of
    /// the frame's values, and a heatmap shows the frame's grey with the largest channel's error.
    func testColourFramesByHand() throws {
        // One 1x2 RGB frame (channel planes in order): input pixel 0 = (90, 0, 30), pixel 1 = (0, 0, 0).
        // Reconstructed: pixel 0 exact but for red at 0 (error 90/255), pixel 1 green at 0.5.
        let input: [UInt8] = [90, 0, 0, 0, 30, 0]
        let recon: [Float] = [0, 0, 0, 0.5, Float(30) / 255, 0]
        let record = Record(tensors: [
            ("input", HostTensor(u8: input, shape: [1, 3, 1, 2])),
            ("recon", HostTensor(f32: recon, shape: [1, 3, 1, 2])),
        ], metadata: ["video": "01", "frames": "0"])
        let red = (90.0 / 255) * (90.0 / 255)
        let errors = try FrameErrors(record: record, source: "t")
        XCTAssertEqual(errors.squaredError[0], red + 0.25, accuracy: 1e-6)
        XCTAssertEqual(errors.pixelsPerFrame, 6)
        XCTAssertEqual(errors.psnr[0], 10 * log10(6 / (red + 0.25)), accuracy: 1e-4)
        // A pixel's error norm takes its channels together: 90/255 for pixel 0, 0.5 for pixel 1; and a
        // pixel wrong by 3 and 4 grey levels in two channels is 5 levels wrong, not 7.
        XCTAssertEqual(errors.pixelL2[0], 90.0 / 255 + 0.5, accuracy: 1e-6)
        let twoChannels = Record(tensors: [("input", HostTensor(u8: [3, 4, 0], shape: [1, 3, 1, 1])),
                                           ("recon", HostTensor(f32: [0, 0, 0], shape: [1, 3, 1, 1]))], metadata: [:])
        XCTAssertEqual(try FrameErrors(record: twoChannels, source: "t").pixelL2[0], 5.0 / 255, accuracy: 1e-6)
        // 1x1 patches: the worst is pixel 1 (0.25 over its 3 values); all 6 values that bad: 0.5.
        XCTAssertEqual(try FrameErrors(record: record, source: "t", pooling: .worstPatch(1)).squaredError[0], 0.5, accuracy: 1e-6)

        let directory = NSTemporaryDirectory() + "vadkit-maps-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var maps = ErrorMaps(directory: directory)
        try maps.write(record, source: "t")
        let map = try ImageIO.read(path: directory + "/01/000000.png")
        // Pixel 0: grey 40/255, error 90/255: base 40 (1 - 90/255) = 25.88; red 25.88 + 90.
        // Pixel 1: grey 0, error 0.5: red 127.5, rounded half away from zero.
        XCTAssertEqual(map.pixels, [116, 26, 26, 128, 0, 0])
    }

    /// A record whose clip holds no frames is refused in one line, not scored from an empty list.
    func testClipsWithoutPixelsAreRefused() throws {
        let empty = Record(tensors: [("input", HostTensor(u8: [], shape: [0, 1, 4, 4])), ("recon", HostTensor(f32: [], shape: [0, 1, 4, 4]))],
                           metadata: ["video": "01", "frames": ""])
        for mapping in FrameScorer.Mapping.allCases {
            var scorer = FrameScorer(measure: .sse, mapping: mapping)
            XCTAssertThrowsError(try scorer.add(empty, source: "r.vt: record 0")) {
                XCTAssertEqual("\($0)", "r.vt: record 0: clip of shape [0, 1, 4, 4] holds no pixels")
            }
        }
    }

    /// A reconstruction holding NaN (weights of a diverged training) is refused, not scored as NaN.
    func testNonFiniteReconstructionsAreRefused() throws {
        var scorer = FrameScorer(measure: .sse, mapping: .mean)
        let record = reconRecord(video: "01", frames: [0], input: [[0, 255]], recon: [[0, .nan]])
        XCTAssertThrowsError(try scorer.add(record, source: "r.vt: record 0")) {
            XCTAssertEqual("\($0)", "r.vt: record 0: the reconstruction's error is not a finite number (a model whose training diverged?)")
        }
    }

    /// Every video id is one folder under --maps DIR: none reaches outside it.
    func testErrorMapFoldersStayInsideTheirDirectory() {
        XCTAssertEqual(ErrorMaps.folderName("01"), "01")
        XCTAssertEqual(ErrorMaps.folderName("cam/1"), "cam_1")
        XCTAssertEqual(ErrorMaps.folderName(".."), "_..")
        XCTAssertEqual(ErrorMaps.folderName("."), "_.")
        XCTAssertEqual(ErrorMaps.folderName(""), "_")
        XCTAssertEqual(ErrorMaps.folderName("../.."), ".._..")
    }
}
