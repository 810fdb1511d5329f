import Foundation
import TestSupport
import XCTest

/// What the programs do when their standard streams are closed or cannot be written: stderr that
/// fails loses the message but not the exit status, a closed descriptor is never taken over by an
/// output or lock file, and a stdout that fails is a failure like any other output's.
final class StandardStreamsTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs `line` under bash in the test's folder, with the programs on PATH.
    private func shell(_ line: String) throws -> ProgramRun {
        try runCommand("/usr/bin/env", ["bash", "-c", "cd '\(directory!)' && PATH='\(productsDirectory().path)':$PATH && \(line)"])
    }

    func testFailingOrClosedStreams() throws {
        XCTAssertEqual(try shell("score missing.vt 2>/dev/full").status, 1)
        XCTAssertEqual(try shell("augment-strides --strides x missing.vt 2>&-").status, 2)

        // A warning on a closed stderr must not land in the output, which would take its number.
        let frames = "mkdir v && printf 'P5 4 4 255\\n%016d' 0 > v/1.pgm && printf 'P5 4 4 255\\n' > v/2.pgm"
        let warned = try shell("\(frames) && frames-extract --skip-bad --quiet v -o v.vt 2>&- && tensor-info v.vt")
        XCTAssertEqual(warned.status, 0, warned.stderr)
        XCTAssertTrue(warned.text.contains("frames = 0\n"), warned.text)

        // A closed stdin is not the lock file train opens first.
        let unread = try shell("train --model conv-ae --width-mult 0.125 --max-steps 1 - -o model.ckpt <&- 2>&1")
        XCTAssertEqual(unread.status, 1)
        XCTAssertEqual(unread.text, "train: stdin: Bad file descriptor\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/model.ckpt"))

        // evaluate's summary goes to stdout, whose failure is reported.
        try "video,frame,score\n01,0,0.1\n01,1,0.2\n01,2,0.9\n01,3,0.8\n".write(toFile: directory + "/s.csv", atomically: true, encoding: .utf8)
        try "0\t0011\n".write(toFile: directory + "/l.txt", atomically: true, encoding: .utf8)
        let full = try shell("evaluate --scores s.csv --labels l.txt > /dev/full")
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(full.stderr, "evaluate: stdout: No space left on device\n")
        XCTAssertEqual(try shell("evaluate --scores s.csv --labels l.txt >&-").status, 1)
        XCTAssertEqual(try shell("evaluate --help > /dev/full").status, 1)
    }
}
