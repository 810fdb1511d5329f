import Foundation
import TensorStream
import TestSupport
import XCTest

final class ScoreCommandTests: XCTestCase {
    /// Windows five frames apart scored by their first frame leave the four after each unscored: the
    /// table is written, and stderr says how many and what fits such windows; a fitting mapping is quiet.
    func testAMappingThatSkipsFramesIsNamed() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/recon.vt"
        let out = try OutputFile(path: path)
        for start in [0, 5, 10] {
            let frames = Array(start..<(start + 3))
            try RecordWriter(out).write(reconRecord(video: "01", frames: frames, input: frames.map { _ in [9] }, recon: frames.map { _ in [0] }))
        }
        try out.commit()
        let skipping = try runProgram("score", [path, "--mapping", "window-start"])
        XCTAssertEqual(skipping.status, 0, skipping.stderr)
        XCTAssertEqual(skipping.text.split(separator: "\n").count, 1 + 3)
        XCTAssertEqual(skipping.stderr, "score: warning: --mapping window-start left 4 of the 9 frames the clips hold unscored between scored ones "
            + "(video 01: 4 of 9); windows cut more than one frame apart want --mapping mean or second-half\n")
        let fitting = try runProgram("score", [path, "--mapping", "mean"])
        XCTAssertEqual(fitting.status, 0)
        XCTAssertEqual(fitting.stderr, "")
    }

    func testOptionsAndErrors() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // One window of two 1x4 frames of video 01; frame 1 has one badly reconstructed pixel.
        let record = reconRecord(video: "01", frames: [0, 1], input: [[0, 0, 0, 0], [0, 0, 0, 255]], recon: [[0, 0, 0, 0], [0, 0, 0, 0]])
        let path = directory + "/recon.vt"
        let out = try OutputFile(path: path)
        try RecordWriter(out).write(record)
        try out.commit()

        /// The score column of `score --mapping mean` with these options.
        func scores(_ options: [String]) throws -> [Substring] {
            let run = try runProgram("score", [path, "--mapping", "mean"] + options)
            XCTAssertEqual(run.status, 0, run.stderr)
            return run.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
        }
        XCTAssertEqual(try scores([]), ["0.0", "1.0"])
        // The worst 1x2 patch holds the bad pixel with a good one: mean 1/2, scaled to 4 pixels.
        XCTAssertEqual(try scores(["--patch", "2"]), ["0.0", "2.0"])
        XCTAssertEqual(try scores(["--smooth", "3"]), ["0.5", "0.5"])

        XCTAssertEqual(try runProgram("score", [path, "--patch", "0"]).status, 2)
        let negative = try runProgram("score", [path, "--smooth", "-1"])
        XCTAssertEqual(negative.status, 2)
        XCTAssertTrue(negative.stderr.hasPrefix("score: --smooth must be an odd number of frames"), negative.stderr)
        XCTAssertEqual(try runProgram("score", [path, "--measure", "mad"]).status, 2)
        let luo = try runProgram("score", [path, "--measure", "luo", "-o", directory + "/s.csv"])
        XCTAssertEqual(luo.status, 1)
        XCTAssertEqual(luo.stderr, "score: \(path): --measure luo needs a model that reconstructs the previous frame (convlstm-ae)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/s.csv"))
        let recon = try Data(contentsOf: URL(fileURLWithPath: path))
        let overInput = try runProgram("score", [path, "-o", path])
        XCTAssertEqual(overInput.status, 2)
        XCTAssertEqual(overInput.stderr.split(separator: "\n").first, "score: --output \(path) is the input file; write it elsewhere")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), recon, "the reconstructions are kept")
        let mapsOnAFile = try runProgram("score", [path, "--maps", path, "-o", directory + "/s.csv"])
        XCTAssertEqual(mapsOnAFile.status, 1)
        XCTAssertEqual(mapsOnAFile.stderr, "score: \(path): exists and is not a folder\n")
        // Nothing upstream is a failure upstream, not a table of no frames.
        let empty = try runProgram("score", ["-", "-o", directory + "/empty.csv"], stdin: Data())
        XCTAssertEqual(empty.status, 1)
        XCTAssertEqual(empty.stderr, "score: stdin: no reconstruction records\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/empty.csv"))
    }

    /// An input redirected from a file is an input like one named: the output may not replace it.
    func testAFileOnStdinIsNotReplaced() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/recon.vt"
        let out = try OutputFile(path: path)
        try RecordWriter(out).write(reconRecord(video: "01", frames: [0], input: [[0, 255]], recon: [[0, 1]]))
        try out.commit()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let score = productsDirectory().appendingPathComponent("score").path
        let run = try runCommand("/bin/sh", ["-c", "\"$0\" - -o \"$1\" < \"$1\"", score, path])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr.split(separator: "\n").first, "score: --output \(path) is the input file; write it elsewhere")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }
}
