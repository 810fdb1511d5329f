import Foundation
import TensorStream
import TestSupport
import XCTest

final class SynthVideoCLITests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func records(_ path: String) throws -> [Record] {
        let reader = try RecordReader(path: path)
        var out: [Record] = []
        while let r = try reader.read() { out.append(r) }
        return out
    }

    /// Killed midway, a program leaves neither its output nor the hidden temporary file behind.
    func testASignalLeavesNoTemporaryFile() throws {
        let program = Process()
        program.executableURL = productsDirectory().appendingPathComponent("synth-video")
        program.arguments = ["moving-shapes", "--quiet", "--videos", "100000", "-o", directory + "/train.vt"]
        try program.run()
        let deadline = Date().addingTimeInterval(30)
        while try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, Date() < deadline { usleep(20_000) }
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: directory).contains { $0.hasPrefix(".train.vt.tmp-") })
        program.terminate()
        program.waitUntilExit()
        XCTAssertEqual(program.terminationReason, .uncaughtSignal)
        XCTAssertEqual(program.terminationStatus, SIGTERM)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }

    /// A run killed outright (SIGKILL, the OOM killer: no handler runs) leaves its temporary file; the
    /// next run that writes the same output removes it, but never the temporary of a run still writing.
    func testTheNextRunRemovesTheTemporaryOfAKilledRun() throws {
        func temporaries() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".train.vt.tmp-") })
        }
        /// Starts a long run writing train.vt and returns it with the temporary it made.
        func startWriting() throws -> (Process, String) {
            let before = try temporaries()
            let program = Process()
            program.executableURL = productsDirectory().appendingPathComponent("synth-video")
            program.arguments = ["moving-shapes", "--quiet", "--videos", "100000", "-o", directory + "/train.vt"]
            try program.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if let made = try temporaries().subtracting(before).first { return (program, made) }
                usleep(20_000)
            }
            program.terminate()
            throw XCTSkip("synth-video made no temporary file within 30 s")
        }
        let (killed, abandoned) = try startWriting()
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        XCTAssertEqual(try temporaries(), [abandoned])
        sleep(2)  // a temporary under a second old might be a live writer's that has not locked it yet
        let (writer, live) = try startWriting()
        defer {
            writer.terminate()
            kill(writer.processIdentifier, SIGCONT)
        }
        XCTAssertEqual(try temporaries(), [live], "the killed run's temporary is removed")
        // Paused, the writer stands for one waiting on its input: its temporary stops changing.
        kill(writer.processIdentifier, SIGSTOP)
        sleep(2)
        let (second, other) = try startWriting()
        defer { second.terminate() }
        XCTAssertEqual(try temporaries(), [live, other], "a live writer's temporary is kept, however old")
    }

    func testMovingShapesWritesRecordsAndLabels() throws {
        let out = directory + "/test.vt", labels = directory + "/labels.txt"
        let run = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "6", "--seed", "4", "-o", out, "--labels", labels])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(run.text, "")
        let stream = try records(out)
        XCTAssertEqual(stream.count, 6)
        let lines = try String(contentsOfFile: labels, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 7)
        XCTAssertEqual(lines.last, "")
        for (i, record) in stream.enumerated() {
            let (pixels, indices, video) = try FrameRecord.frames(of: record, number: i, in: out)
            XCTAssertEqual(pixels.dtype, .u8)
            XCTAssertEqual(pixels.shape, [20, 1, 64, 64])
            XCTAssertEqual(indices, Array(0..<20))
            XCTAssertEqual(video, String(format: "%02d", i + 1))
            XCTAssertEqual(record.metadata["dataset"], "moving-shapes")
            XCTAssertEqual(record.metadata["source"], "synth-video moving-shapes split=test seed=4")
            let bits = try XCTUnwrap(record.metadata["labels"])
            XCTAssertEqual(lines[i], "\(i)\t\(bits)")
            XCTAssertEqual(bits.count, 20)
            XCTAssertTrue(bits.allSatisfy { $0 == "0" || $0 == "1" })
            // Videos 01, 03, 05 are the anomalous ones.
            XCTAssertEqual(bits.contains("1"), i % 2 == 0, "video \(i + 1): \(bits)")
        }

        // The same command gives the same bytes; another seed other bytes.
        let again = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "6", "--seed", "4"])
        XCTAssertEqual(again.stdout, try Data(contentsOf: URL(fileURLWithPath: out)))
        let other = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "6", "--seed", "5"])
        XCTAssertNotEqual(other.stdout, again.stdout)
    }

    /// Labels that cannot be written stop the run before the stream replaces an earlier one; outputs
    /// thrown away on /dev/null may share it; a video too big for memory is refused before any work.
    func testOutputsAreCheckedBeforeAnyWork() throws {
        let out = directory + "/test.vt"
        try "kept\n".write(toFile: out, atomically: true, encoding: .utf8)
        let nowhere = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "2", "--quiet", "-o", out,
                                                     "--labels", directory + "/missing/labels.txt"])
        XCTAssertEqual(nowhere.status, 1)
        XCTAssertTrue(nowhere.stderr.hasPrefix("synth-video: \(directory!)/missing/labels.txt: "), nowhere.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "kept\n")
        // Nor when they fail only as they are written.
        let full = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "2", "--quiet", "-o", out, "--labels", "/dev/full"])
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(full.stderr, "synth-video: /dev/full: No space left on device\n")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "kept\n")

        let discarded = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "2", "--quiet",
                                                       "-o", "/dev/null", "--labels", "/dev/null"])
        XCTAssertEqual(discarded.status, 0, discarded.stderr)
        let twice = try runProgram("synth-video", ["moving-shapes", "--videos", "2", "-o", out, "--labels", out])
        XCTAssertEqual(twice.status, 2)

        let huge = try runProgram("synth-video", ["moving-shapes", "--videos", "1", "--frames", "100000", "--size", "16384x16384", "-o", out])
        XCTAssertEqual(huge.status, 2)
        XCTAssertTrue(huge.stderr.hasPrefix("synth-video: --frames 100000 of 16384x16384 make one video of 25000.0 GiB"), huge.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["test.vt"])
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "kept\n")
    }

    func testTrainingSplitIsUnlabelled() throws {
        let out = directory + "/train.vt", labels = directory + "/labels.txt"
        let run = try runProgram("synth-video", ["moving-shapes", "--videos", "100", "-o", out, "--labels", labels, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let stream = try records(out)
        XCTAssertEqual(stream.count, 100)
        XCTAssertEqual(stream[99].metadata["video"], "100")
        XCTAssertTrue(stream.allSatisfy { $0.metadata["labels"] == nil })
        XCTAssertEqual(try String(contentsOfFile: labels, encoding: .utf8),
                       (0..<100).map { "\($0)\t" + String(repeating: "0", count: 20) + "\n" }.joined())
    }

    func testMovingMNISTFromATinyPlainIdxFile() throws {
        let digits = try syntheticDigitsFile(in: directory)
        let run = try runProgram("synth-video", ["moving-mnist", "--mnist", digits, "--protocol", "ben-ari", "--split", "test",
                                                 "--videos", "4", "--frames", "10", "--anomaly", "temporal", "-o", directory + "/b.vt"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let stream = try records(directory + "/b.vt")
        XCTAssertEqual(stream.map { $0.metadata["labels"] }, ["0000000001", "0000000000", "0000000001", "0000000000"])
        XCTAssertEqual(stream[0]["frames"]?.shape, [10, 1, 64, 64])
        XCTAssertEqual(stream[0].metadata["dataset"], "moving-mnist-ben-ari")
        XCTAssertEqual(stream[0].metadata["source"], "synth-video moving-mnist ben-ari split=test seed=1 mnist=\(digits)")

        // Luo et al. put the anomaly "in each testing sequence", where Ben-Ari's test set is half normal.
        let luo = try runProgram("synth-video", ["moving-mnist", "--mnist", digits, "--protocol", "luo", "--split", "test",
                                                 "--videos", "3", "--size", "64x64", "--anomaly", "appearance", "-o", directory + "/l.vt"])
        XCTAssertEqual(luo.status, 0, luo.stderr)
        XCTAssertEqual(try records(directory + "/l.vt").map { $0.metadata["labels"]?.filter { $0 == "1" }.count }, [5, 5, 5])
    }

    func testMovingMNISTFromRealMNIST() throws {
        try requireMNIST()
        let luo = try runProgram("synth-video", ["moving-mnist", "--mnist", mnistImages, "--protocol", "luo", "--split", "test",
                                                 "--videos", "4", "-o", directory + "/luo.vt", "--labels", directory + "/luo.txt"])
        XCTAssertEqual(luo.status, 0, luo.stderr)
        let stream = try records(directory + "/luo.vt")
        XCTAssertEqual(stream.count, 4)
        XCTAssertEqual(stream[0]["frames"]?.shape, [20, 1, 225, 225])
        XCTAssertEqual(stream[0].metadata["dataset"], "moving-mnist-luo")
        let lines = try String(contentsOfFile: directory + "/luo.txt", encoding: .utf8).split(separator: "\n")
        // Every test video carries an anomaly, the kinds taking turns: 01 and 03 show the white box
        // (5 frames), 02 and 04 the random motion (the last 10).
        for line in [lines[0], lines[2]] { XCTAssertEqual(line.filter { $0 == "1" }.count, 5, String(line)) }
        XCTAssertEqual(lines[1], "1\t" + String(repeating: "0", count: 10) + String(repeating: "1", count: 10))
        XCTAssertEqual(lines[3], "3\t" + String(repeating: "0", count: 10) + String(repeating: "1", count: 10))

        let benAri = try runProgram("synth-video", ["moving-mnist", "--mnist", mnistImages, "--protocol", "ben-ari", "--videos", "3"])
        XCTAssertEqual(benAri.status, 0, benAri.stderr)
        try benAri.stdout.write(to: URL(fileURLWithPath: directory + "/ba.vt"))
        XCTAssertEqual(try records(directory + "/ba.vt").map { $0["frames"]!.shape }, Array(repeating: [20, 1, 64, 64], count: 3))
    }

    func testHelpAndErrors() throws {
        let help = try runProgram("synth-video", ["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.text.contains("Examples:"), help.text)
        XCTAssertTrue(help.text.contains("synth-video moving-shapes --split train"))
        let subHelp = try runProgram("synth-video", ["moving-mnist", "--help"])
        XCTAssertEqual(subHelp.status, 0)
        XCTAssertTrue(subHelp.text.contains("--protocol luo"), subHelp.text)

        for arguments in [[], ["moving-shapes", "--no-such-flag"], ["moving-shapes", "--size", "64y64"],
                          ["moving-shapes", "--size", "8x8"], ["moving-shapes", "--anomaly", "fast"],
                          ["moving-shapes", "--split", "test", "--anomaly", "appearance"], ["moving-shapes", "--frames", "1"],
                          ["moving-mnist", "--protocol", "luo"],
                          ["moving-mnist", "--mnist", "x", "--protocol", "ben-ari", "--split", "test", "--anomaly", "motion"]] {
            let run = try runProgram("synth-video", arguments)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("synth-video: "), run.stderr)
        }
        let bothOnStdout = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "2", "--labels", "-"])
        XCTAssertEqual(bothOnStdout.status, 2)
        XCTAssertEqual(bothOnStdout.stderr.split(separator: "\n").first, "synth-video: --labels and --output cannot both go to stdout; name a file for one")
        XCTAssertTrue(bothOnStdout.text.isEmpty, "nothing written")
        let stdoutByName = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "2", "--labels", "/dev/stdout"])
        XCTAssertEqual(stdoutByName.status, 2, "stdout is a pipe here, and /dev/stdout names it")
        XCTAssertTrue(stdoutByName.text.isEmpty, "nothing written")
        let small = try runProgram("synth-video", ["moving-mnist", "--mnist", try syntheticDigitsFile(in: directory), "--protocol", "luo", "--size", "30x30"])
        XCTAssertEqual(small.status, 2)
        XCTAssertTrue(small.stderr.hasPrefix("synth-video: --size must be at least 32x32 for 28x28 digits"), small.stderr)

        let missing = directory + "/t10k-images-idx3-ubyte.gz"
        let absent = try runProgram("synth-video", ["moving-mnist", "--mnist", missing, "--protocol", "luo", "-o", directory + "/out.vt"])
        XCTAssertEqual(absent.status, 1)
        XCTAssertEqual(absent.stderr, "synth-video: \(missing): No such file or directory\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/out.vt"))

        let corrupt = directory + "/corrupt-idx3-ubyte"
        try write(Array("not idx at all".utf8), to: corrupt)
        let bad = try runProgram("synth-video", ["moving-mnist", "--mnist", corrupt, "--protocol", "ben-ari"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("synth-video: \(corrupt): not an idx file"), bad.stderr)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1)
    }

    /// A run that cannot write its stream leaves an earlier labels file as it was; sizes past any
    /// camera's are refused as usage errors, before anything is allocated.
    func testAFailedStreamKeepsTheLabelsAndHugeSizesAreRefused() throws {
        let labels = directory + "/labels.txt"
        try "kept\n".write(toFile: labels, atomically: true, encoding: .utf8)
        let full = try runProgram("synth-video", ["moving-shapes", "--split", "test", "--videos", "2", "--labels", labels, "-o", "/dev/full"])
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(full.stderr, "synth-video: /dev/full: No space left on device\n")
        XCTAssertEqual(try String(contentsOfFile: labels, encoding: .utf8), "kept\n")
        for options in [["--size", "100000x100000"], ["--size", "9223372036854775807"], ["--frames", "9223372036854775807"]] {
            let huge = try runProgram("synth-video", ["moving-shapes", "-o", directory + "/v.vt"] + options)
            XCTAssertEqual(huge.status, 2, "\(options): \(huge.stderr)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["labels.txt"])
    }
}
