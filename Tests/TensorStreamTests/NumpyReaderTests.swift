import Foundation
import TensorStream
import TestSupport
import XCTest

/// Runs the NumPy reader printed in docs/FORMAT.md on a stream this project wrote.
final class NumpyReaderTests: XCTestCase {
    func testTheDocumentedReaderReadsOurOutput() throws {
        guard let python = pythonWithNumpy() else { throw XCTSkip("no python3 with numpy (make setup installs python3-numpy)") }
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/FORMAT.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let start = try XCTUnwrap(markdown.range(of: "```python\n"))
        let end = try XCTUnwrap(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/reader.py"
        try String(markdown[start.upperBound..<end.lowerBound]).write(toFile: script, atomically: true, encoding: .utf8)

        var records = sampleRecords
        records.append(Record(tensors: [("half", HostTensor(dtype: .f16, shape: [2], bytes: [0x00, 0x3c, 0x00, 0xc0])),
                                        ("brain", HostTensor(dtype: .bf16, shape: [1, 1], bytes: [0x40, 0x40]))],
                              metadata: ["video": "02"]))
        let stream = directory + "/s.vt"
        try writeStream(records, to: stream)

        let run = try runCommand("/usr/bin/env", [python, script], stdin: Data(contentsOf: URL(fileURLWithPath: stream)))
        XCTAssertEqual(run.status, 0, run.stderr)
        let output = run.text
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, output)
        XCTAssertTrue(lines[0].contains("'input': ('uint8', [1, 2, 3], 393.0)"), lines[0])
        XCTAssertTrue(lines[0].contains("'recon': ('float32', [3], 300000000.0)"), lines[0])
        XCTAssertTrue(lines[0].contains("'frames': '0,1,2'"), lines[0])
        XCTAssertTrue(lines[1].contains("'scalar': ('int64', [], 42.0)"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("2 {'empty': ''} {}"), lines[2])
        XCTAssertTrue(lines[3].contains("'half': ('float16', [2], -1.0)"), lines[3])
        XCTAssertTrue(lines[3].contains("'brain': ('float32', [1, 1], 3.0)"), lines[3])
    }
}
