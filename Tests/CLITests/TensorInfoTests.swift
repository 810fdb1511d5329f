import Foundation
import TensorStream
import TestSupport
import XCTest

final class TensorInfoTests: XCTestCase {
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "vadkit-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func stream(_ records: [Record]) throws -> Data {
        let path = directory + "/s.vt"
        let out = try OutputFile(path: path)
        let writer = RecordWriter(out)
        for r in records { try writer.write(r) }
        try out.commit()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testDescribesRecordsFromStdin() throws {
        let data = try stream([
            Record(tensors: [("input", HostTensor(u8: [0, 10, 20, 250], shape: [1, 2, 2]))], metadata: ["video": "01", "frames": "3"]),
            Record(tensors: [("recon", HostTensor(f32: [0.5, -1.5], shape: [2]))], metadata: [:]),
        ])
        let run = try runProgram("tensor-info", ["-"], stdin: data)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(run.text, """
            record 0
              frames = 3
              video = 01
              input  u8  [1,2,2]  min 0  mean 70  max 250
            record 1
              recon  f32  [2]  min -1.5  mean -0.5  max 0.5
            2 records

            """)
    }

    func testExportsNPYThatNumpyLoads() throws {
        let data = try stream([Record(tensors: [("a/b", HostTensor(f32: [1, 2, 3, 4, 5, 6], shape: [2, 3]))], metadata: [:])])
        try data.write(to: URL(fileURLWithPath: directory + "/in.vt"))
        let run = try runProgram("tensor-info", ["--npy", directory + "/npy", directory + "/in.vt"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let file = directory + "/npy/000000-a_b.npy"
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        guard let python = pythonWithNumpy() else { throw XCTSkip("no python3 with numpy") }
        let check = try runCommand("/usr/bin/env", [python, "-c", "import numpy as np; a = np.load('\(file)'); assert a.shape == (2, 3) and a.dtype == np.float32 and a[1, 2] == 6"])
        XCTAssertEqual(check.status, 0, check.stderr)
    }

    func testErrorsAndUsage() throws {
        let missing = try runProgram("tensor-info", [directory + "/nope.vt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "tensor-info: \(directory!)/nope.vt: No such file or directory\n")
        let npyOfNothing = try runProgram("tensor-info", ["--npy", directory + "/npy", directory + "/nope.vt"])
        XCTAssertEqual(npyOfNothing.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/npy"), "no folder made for an input that is not there")

        try Data("garbage!garbage!".utf8).write(to: URL(fileURLWithPath: directory + "/bad.vt"))
        let bad = try runProgram("tensor-info", [directory + "/bad.vt"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("tensor-info: \(directory!)/bad.vt: record 0 at byte 0: bad header"), bad.stderr)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1)
        // A stream cut short: the whole records before the damage are still described.
        let whole = try stream([Record(tensors: [("recon", HostTensor(f32: [0.5, -1.5], shape: [2]))], metadata: [:])])
        let cut = try runProgram("tensor-info", ["-"], stdin: whole + whole.dropLast(3))
        XCTAssertEqual(cut.status, 1)
        XCTAssertEqual(cut.text, "record 0\n  recon  f32  [2]  min -1.5  mean -0.5  max 0.5\n")
        XCTAssertTrue(cut.stderr.hasPrefix("tensor-info: stdin: record 1 at byte "), cut.stderr)
        let npyOnAFile = try runProgram("tensor-info", ["--npy", directory + "/bad.vt", directory + "/bad.vt"])
        XCTAssertEqual(npyOnAFile.status, 1)
        XCTAssertEqual(npyOnAFile.stderr, "tensor-info: \(directory!)/bad.vt: exists and is not a folder\n")

        let usage = try runProgram("tensor-info", ["--no-such-flag"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.hasPrefix("tensor-info: "), usage.stderr)

        let help = try runProgram("tensor-info", ["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.text.contains("Examples:"), help.text)
        XCTAssertTrue(help.text.contains("tensor-info clips.vt"))
    }
}
