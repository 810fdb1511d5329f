import Clips
import Foundation
import ImageIO
@testable import Ingest
import TensorStream
import TestSupport
import XCTest

/// The shared data folder beside the repository, or nil.
func sharedData() -> String? {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data").standardized.path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

func records(_ data: Data, in directory: String) throws -> [Record] {
    let path = directory + "/out-\(UUID().uuidString).vt"
    try data.write(to: URL(fileURLWithPath: path))
    let reader = try RecordReader(path: path)
    var out: [Record] = []
    while let r = try reader.read() { out.append(r) }
    return out
}

final class FramesExtractTests: XCTestCase {
    var root: String!
    override func setUp() { root = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    func testChunksKeepIndicesAndRespectEveryAndMaxFrames() throws {
        for frame in 0..<7 { try writeFrame("\(root!)/v/\(frame).png", value: UInt8(frame * 10)) }
        let run = try runProgram("frames-extract", ["--chunk", "3", root + "/v"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let all = try records(run.stdout, in: root)
        XCTAssertEqual(all.map { $0.metadata["frames"]! }, ["0,1,2", "3,4,5", "6"])
        XCTAssertEqual(all[0].metadata["video"], "v")
        XCTAssertEqual(all[0]["frames"]?.shape, [3, 1, 6, 8])
        XCTAssertEqual(all[1]["frames"]?.bytes[48], 40)
        let sparse = try records(runProgram("frames-extract", ["--every", "3", "--max-frames", "2", root + "/v"]).stdout, in: root)
        XCTAssertEqual(sparse.map { $0.metadata["frames"]! }, ["0,3"])
        let rgb = try records(runProgram("frames-extract", ["--rgb", root + "/v"]).stdout, in: root)
        XCTAssertEqual(rgb[0]["frames"]?.shape, [7, 3, 6, 8])
        // Fewer decoding threads, the same stream.
        XCTAssertEqual(try runProgram("frames-extract", ["--chunk", "3", "--threads", "1", root + "/v"]).stdout, run.stdout)
    }

    /// A thread cap holds: never more jobs at once than asked for, every job run once, results in order.
    func testParallelDecodingKeepsToItsThreads() throws {
        final class Gauge: @unchecked Sendable {
            let lock = NSLock()
            var running = 0, most = 0
            func enter() { lock.lock(); running += 1; most = max(most, running); lock.unlock() }
            func leave() { lock.lock(); running -= 1; lock.unlock() }
        }
        for threads in [1, 2, 3] {
            let gauge = Gauge()
            let results = ParallelMap.run(40, threads: threads) { i in
                gauge.enter()
                Thread.sleep(forTimeInterval: 0.002)
                gauge.leave()
                return i * i
            }
            XCTAssertEqual(results, (0..<40).map { $0 * $0 })
            XCTAssertLessThanOrEqual(gauge.most, threads)
            if threads == 1 { XCTAssertEqual(gauge.most, 1) }
        }
        XCTAssertEqual(ParallelMap.run(0, threads: 2) { $0 }, [])
    }

    func testResizeAveragesAreasExactly() throws {
        // A 4x2 frame with columns 0, 100, 200, 50 halves to the averages of column pairs.
        let image = Image(width: 4, height: 2, channels: 1, pixels: [0, 100, 200, 50, 0, 100, 200, 50])
        try FileManager.default.createDirectory(atPath: root + "/r", withIntermediateDirectories: true)
        try ImageIO.writePNG(image, to: root + "/r/0.png")
        let run = try runProgram("frames-extract", ["--size", "2x1", root + "/r"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try records(run.stdout, in: root)[0]["frames"]?.bytes, [50, 125])
        XCTAssertEqual(try runProgram("frames-extract", ["--size", "2by1", root + "/r"]).status, 2)
        // One number is a square, as synth-video reads it.
        let square = try runProgram("frames-extract", ["--size", "2", root + "/r"])
        XCTAssertEqual(square.status, 0, square.stderr)
        XCTAssertEqual(try records(square.stdout, in: root)[0]["frames"]?.shape, [1, 1, 2, 2])
    }

    /// A 12-frame 64x48 MPEG-4 .avi of ffmpeg's test pattern, or a skip where ffmpeg cannot make one.
    /// One encoder thread: the file's bytes, and so where a test cuts it, do not depend on the machine's cores.
    private func makeVideo(_ video: String) throws {
        let make = try runCommand("/usr/bin/env", ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "12",
                                                   "-c:v", "mpeg4", "-threads", "1", video])
        try XCTSkipIf(make.status != 0, "ffmpeg cannot make an MPEG-4 .avi here: \(make.stderr)")
    }

    func testVideoFilesDecodeThroughFFmpeg() throws {
        let video = root + "/clip.avi"
        try makeVideo(video)
        let run = try runProgram("frames-extract", ["--gray", "--chunk", "5", video])
        XCTAssertEqual(run.status, 0, run.stderr)
        let all = try records(run.stdout, in: root)
        XCTAssertEqual(all.map { $0["frames"]!.shape[0] }, [5, 5, 2])
        XCTAssertEqual(all[2].metadata["frames"], "10,11")
        XCTAssertEqual(all[0]["frames"]?.shape, [5, 1, 48, 64])
        // The same bytes ffmpeg itself decodes.
        let reference = try runCommand("/usr/bin/env", ["ffmpeg", "-v", "error", "-i", video, "-f", "rawvideo", "-pix_fmt", "gray", "-"])
        XCTAssertEqual(all.flatMap { $0["frames"]!.bytes }, [UInt8](reference.stdout))
        XCTAssertEqual(try runProgram("frames-extract", ["--gray", "--chunk", "5", "--threads", "1", video]).stdout, run.stdout)
        let rgb = try records(runProgram("frames-extract", ["--every", "4", video]).stdout, in: root)
        XCTAssertEqual(rgb[0]["frames"]?.shape, [3, 3, 48, 64])
        XCTAssertEqual(rgb[0].metadata["frames"], "0,4,8")
        // The video is read by ffmpeg, out of sight of the open-files check: refused by name first.
        let before = try Data(contentsOf: URL(fileURLWithPath: video))
        let over = try runProgram("frames-extract", [video, "-o", video])
        XCTAssertEqual(over.status, 2)
        XCTAssertTrue(over.stderr.hasPrefix("frames-extract: --output \(video) is the input file"), over.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: video)), before)
    }

    func testCorruptInputsFailOrAreSkipped() throws {
        for frame in 0..<4 { try writeFrame("\(root!)/v/\(frame).png", value: 9) }
        try Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]).write(to: URL(fileURLWithPath: root + "/v/2.png"))
        let failed = try runProgram("frames-extract", ["-o", root + "/out.vt", root + "/v"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.hasPrefix("frames-extract: \(root!)/v/2.png: "), failed.stderr)
        XCTAssertEqual(failed.stderr.split(separator: "\n").count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/out.vt"), "no half-written output")

        let skipped = try runProgram("frames-extract", ["--skip-bad", root + "/v"])
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertEqual(try records(skipped.stdout, in: root).map { $0.metadata["frames"]! }, ["0,1,3"])
        XCTAssertTrue(skipped.stderr.contains("skipping \(root!)/v/2.png"), skipped.stderr)
        XCTAssertTrue(skipped.stderr.hasSuffix("frames-extract: 3 frames written, 1 unreadable file(s) skipped\n"), skipped.stderr)

        _ = FileManager.default.createFile(atPath: root + "/broken.avi", contents: Data("not a video".utf8))
        let video = try runProgram("frames-extract", [root + "/broken.avi"])
        XCTAssertEqual(video.status, 1)
        XCTAssertTrue(video.stderr.hasPrefix("frames-extract: \(root!)/broken.avi: "), video.stderr)
        XCTAssertEqual(try runProgram("frames-extract", []).status, 2)

        // Skipping everything leaves nothing a later stage could use: a failure, the old output kept.
        try "kept".write(toFile: root + "/kept.vt", atomically: true, encoding: .utf8)
        let nothing = try runProgram("frames-extract", ["--skip-bad", root + "/broken.avi", "-o", root + "/kept.vt"])
        XCTAssertEqual(nothing.status, 1)
        XCTAssertTrue(nothing.stderr.hasSuffix("frames-extract: \(root!)/broken.avi: no frame could be read (1 unreadable file(s) skipped)\n"), nothing.stderr)
        XCTAssertEqual(try String(contentsOfFile: root + "/kept.vt", encoding: .utf8), "kept")
    }

    /// ffmpeg exits 0 on a truncated video, yielding fewer frames; what it prints at `-v error`
    /// fails the file, or skips it under --skip-bad.
    func testTruncatedVideoFailsOrIsSkipped() throws {
        let video = root + "/clip.avi", cut = root + "/cut.avi"
        try makeVideo(video)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: video)[.size] as? Int)
        try runCommand("/usr/bin/env", ["head", "-c", String(size * 7 / 8), video]).stdout.write(to: URL(fileURLWithPath: cut))
        let failed = try runProgram("frames-extract", ["-o", root + "/out.vt", cut])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.hasPrefix("frames-extract: \(cut): ffmpeg failed: "), failed.stderr)
        XCTAssertEqual(failed.stderr.split(separator: "\n").count, 1, failed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/out.vt"), "no half-written output")

        let skipped = try runProgram("frames-extract", ["--skip-bad", "-o", root + "/out.vt", cut])
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stderr.contains("skipping the rest of \(cut): \(cut): ffmpeg failed: "), skipped.stderr)
        XCTAssertTrue(skipped.stderr.hasSuffix("1 unreadable file(s) skipped\n"), skipped.stderr)
        // Whole frames from before the damage are kept, each as the undamaged video decodes it (not
        // the patched ones ffmpeg would go on to write), however many a record holds. How many
        // ffmpeg gets out before -xerror stops it varies with the load on the machine (3 or 4 of
        // these under load, 4 on an idle one), so the count is bounded, not fixed.
        let original = try runCommand("/usr/bin/env", ["ffmpeg", "-v", "quiet", "-i", video, "-f", "rawvideo", "-pix_fmt", "gray", "-"]).stdout
        XCTAssertEqual(original.count, 12 * 64 * 48)
        for chunk in ["1", "5", "32"] {
            let kept = try runProgram("frames-extract", ["--skip-bad", "--gray", "--chunk", chunk, cut])
            XCTAssertEqual(kept.status, 0, kept.stderr)
            let pixels = try records(kept.stdout, in: root).flatMap { $0["frames"]!.bytes }
            XCTAssertTrue((1..<12).contains(pixels.count / (64 * 48)), "--chunk \(chunk): \(pixels.count / (64 * 48)) frames kept")
            XCTAssertEqual(pixels.count % (64 * 48), 0, "--chunk \(chunk)")
            XCTAssertTrue(pixels.elementsEqual(original.prefix(pixels.count)), "--chunk \(chunk): the kept frames are the video's first ones, whole")
        }

        // --list decodes to count, so it finds the damage too: a failure, or a line under --skip-bad.
        let listed = try runProgram("frames-extract", ["--list", video, cut])
        XCTAssertEqual(listed.status, 1)
        XCTAssertTrue(listed.stderr.hasPrefix("frames-extract: \(cut): ffprobe: "), listed.stderr)
        XCTAssertEqual(listed.stderr.split(separator: "\n").count, 1, listed.stderr)
        let listedAnyway = try runProgram("frames-extract", ["--list", "--skip-bad", video, cut])
        XCTAssertEqual(listedAnyway.status, 0, listedAnyway.stderr)
        let lines = listedAnyway.text.split(separator: "\n")
        XCTAssertEqual(lines.first, "clip\t12 frames\t\(video)")
        XCTAssertTrue(lines.last?.hasPrefix("cut\tunreadable: ffprobe: ") ?? false, listedAnyway.text)
    }

    /// Foundation's errors (here: no temporary folder for ffmpeg's messages) read as one line naming
    /// the file, not as a dump of their user info.
    func testFoundationErrorsReadAsOneLine() throws {
        let video = root + "/clip.avi"
        try makeVideo(video)
        let run = try runCommand("/usr/bin/env", ["TMPDIR=\(root!)/missing", productsDirectory().appendingPathComponent("frames-extract").path, video])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("frames-extract: \(root!)/missing/frames-extract-"), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix(".log: No such file or directory\n"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
    }

    func testListShowsWhatWouldBeRead() throws {
        for frame in 0..<3 { try writeFrame("\(root!)/d/Test001/\(frame).pgm", value: 1) }
        try writeFrame("\(root!)/d/Test001_gt/0.png", value: 1)
        let run = try runProgram("frames-extract", ["--list", root + "/d"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.text, "Test001\t3 frames\t\(root!)/d/Test001\n")
        // A video file's frames are counted too: the 12 of makeVideo.
        try FileManager.default.createDirectory(atPath: root + "/e", withIntermediateDirectories: true)
        try makeVideo(root + "/e/clip.avi")
        let video = try runProgram("frames-extract", ["--list", root + "/e/clip.avi"])
        XCTAssertEqual(video.status, 0, video.stderr)
        XCTAssertEqual(video.text, "clip\t12 frames\t\(root!)/e/clip.avi\n")
        // -o takes the list as it takes frames.
        XCTAssertEqual(try runProgram("frames-extract", ["--list", root + "/d", "-o", root + "/list.txt"]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: root + "/list.txt", encoding: .utf8), "Test001\t3 frames\t\(root!)/d/Test001\n")
    }

    /// Two inputs of one name (a camera's .avi and .mp4, or test and training folder 04 given side by
    /// side) would be one video to every later stage: refused, naming both, before anything is written.
    func testTwoVideosOfOneNameAreRefused() throws {
        for folder in ["testing/04", "training/04"] {
            for frame in 0..<3 { try writeFrame("\(root!)/\(folder)/\(frame).pgm", value: 1) }
        }
        let run = try runProgram("frames-extract", [root + "/testing/04", root + "/training/04", "-o", root + "/o.vt"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "frames-extract: \(root!)/training/04: its video name '04' is \(root!)/testing/04's too; extract them one at a time, or rename one\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/o.vt"))
        // From their common root they are named apart.
        let whole = try runProgram("frames-extract", ["--list", root])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertEqual(whole.text.split(separator: "\n").map { $0.split(separator: "\t")[0] }, ["testing/04", "training/04"])
    }

    /// An output that is one of the frames found in a folder is refused before any work, and the
    /// frame is kept; so are a frame size and a --every past any video's.
    func testAnOutputOverAFrameAndHugeOptionsAreRefused() throws {
        for frame in 0..<3 { try writeFrame("\(root!)/d/Test001/\(frame).pgm", value: 1) }
        let frame = root + "/d/Test001/1.pgm"
        let before = try Data(contentsOf: URL(fileURLWithPath: frame))
        let over = try runProgram("frames-extract", [root + "/d", "-o", frame])
        XCTAssertEqual(over.status, 2)
        XCTAssertEqual(over.stderr.split(separator: "\n").first, "frames-extract: --output \(frame) is one of the frames or videos read; write it elsewhere")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: frame)), before)
        for size in ["100000x100000", "-5"] {
            let refused = try runProgram("frames-extract", ["--size", size, root + "/d", "-o", root + "/o.vt"])
            XCTAssertEqual(refused.status, 2)
            XCTAssertTrue(refused.stderr.hasPrefix("frames-extract: The value '\(size)' is invalid for '--size <WxH>'"), refused.stderr)
        }
        let sparse = try runProgram("frames-extract", ["--every", "9223372036854775807", root + "/d", "-o", root + "/o.vt"])
        XCTAssertEqual(sparse.status, 0, sparse.stderr)
        XCTAssertEqual(try records(Data(contentsOf: URL(fileURLWithPath: root + "/o.vt")), in: root).count, 1)
    }

    /// Ped2 as shipped: 16 training and 6 test videos, every frame, pixels equal to PIL's.
    func testPed2FrameCountsAndPixels() throws {
        guard let data = sharedData() else { throw XCTSkip("../shared/data is absent") }
        for (split, expected) in [("training", 16), ("testing", 6)] {
            let run = try runProgram("frames-extract", ["--gray", "--chunk", "64", data + "/ucsd-ped2/\(split)"])
            XCTAssertEqual(run.status, 0, run.stderr)
            var counts: [String: Int] = [:]
            var firstFrame: [String: [UInt8]] = [:]
            for record in try records(run.stdout, in: root) {
                let video = record.metadata["video"]!
                let frames = record["frames"]!
                if counts[video] == nil { firstFrame[video] = Array(frames.bytes.prefix(frames.shape[2] * frames.shape[3])) }
                counts[video, default: 0] += frames.shape[0]
                XCTAssertEqual(Array(frames.shape.dropFirst()), [1, 240, 360])
            }
            XCTAssertEqual(counts.count, expected, split)
            for (video, count) in counts {
                let files = try FileManager.default.contentsOfDirectory(atPath: "\(data)/ucsd-ped2/\(split)/frames/\(video)").filter { $0.hasSuffix(".jpg") }
                XCTAssertEqual(count, files.count, "\(split)/\(video)")
            }
            if split == "testing" {
                XCTAssertEqual(counts, ["01": 180, "02": 180, "03": 150, "04": 180, "05": 150, "06": 180])
            }
            guard FileManager.default.fileExists(atPath: "/usr/bin/python3") else { continue }
            let script = "import sys; from PIL import Image; sys.stdout.buffer.write(Image.open(sys.argv[1]).convert('L').tobytes())"
            let pil = try runCommand("/usr/bin/python3", ["-c", script, "\(data)/ucsd-ped2/\(split)/frames/01/000.jpg"])
            try XCTSkipIf(pil.status != 0, "no PIL for /usr/bin/python3")
            XCTAssertEqual(firstFrame["01"], [UInt8](pil.stdout), "\(split)/01/000.jpg decodes as PIL does")
        }
    }

    /// `frames-extract | augment-strides` over Ped2's training videos gives the documented number of clips.
    func testPed2ClipCountsMatchTheFormula() throws {
        guard let data = sharedData() else { throw XCTSkip("../shared/data is absent") }
        let training = data + "/ucsd-ped2/training/frames"
        let counts = try FileManager.default.contentsOfDirectory(atPath: training).map {
            try FileManager.default.contentsOfDirectory(atPath: training + "/" + $0).filter { $0.hasSuffix(".jpg") }.count
        }
        let windows = try ClipWindows(length: 10, strides: [1, 2, 3], step: nil)
        let expected = counts.reduce(0) { $0 + windows.clipCount(frames: $1) }
        let bin = productsDirectory().path
        let pipeline = "\(bin)/frames-extract --gray --size 32x32 \(training) | \(bin)/augment-strides --strides 1,2,3 | \(bin)/tensor-info --no-stats - | tail -1"
        let run = try runCommand("/bin/bash", ["-o", "pipefail", "-c", pipeline])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.text, "\(expected) records\n")
    }
}
