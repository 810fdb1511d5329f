import Foundation
import TensorStream
import TestSupport
import XCTest

func writeStream(_ records: [Record], to path: String) throws {
    let out = try OutputFile(path: path)
    let writer = RecordWriter(out)
    for r in records { try writer.write(r) }
    try out.commit()
}

func readStream(_ path: String) throws -> [Record] {
    let reader = try RecordReader(path: path)
    var out: [Record] = []
    while let r = try reader.read() { out.append(r) }
    return out
}

let sampleRecords: [Record] = [
    Record(tensors: [
        ("input", HostTensor(u8: [0, 1, 2, 255, 128, 7], shape: [1, 2, 3])),
        ("recon", HostTensor(f32: [0.5, -1.25, 3e8], shape: [3])),
    ], metadata: ["video": "01", "frames": Record.encodeIntegers([0, 1, 2]), "note": "quote \" and\nnewline"]),
    Record(tensors: [("scalar", HostTensor(dtype: .i64, shape: [], bytes: [42, 0, 0, 0, 0, 0, 0, 0]))], metadata: [:]),
    Record(tensors: [], metadata: ["empty": ""]),
]

final class StreamTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testRoundTripAndHeaderAlignment() throws {
        let path = directory + "/a.vt"
        try writeStream(sampleRecords, to: path)
        XCTAssertEqual(try readStream(path), sampleRecords)
        for record in sampleRecords { XCTAssertEqual(RecordWriter.header(for: record).count % 8, 0) }
        XCTAssertEqual(Record.decodeIntegers(sampleRecords[0].metadata["frames"]!), [0, 1, 2])
        XCTAssertNil(Record.decodeIntegers("1,x"))
    }

    func testConcatenatedStreamsAreAStream() throws {
        try writeStream(Array(sampleRecords[0..<2]), to: directory + "/a.vt")
        try writeStream([sampleRecords[2]], to: directory + "/b.vt")
        let joined = try Data(contentsOf: URL(fileURLWithPath: directory + "/a.vt")) + Data(contentsOf: URL(fileURLWithPath: directory + "/b.vt"))
        try joined.write(to: URL(fileURLWithPath: directory + "/c.vt"))
        XCTAssertEqual(try readStream(directory + "/c.vt"), sampleRecords)
    }

    func testEmptyInputIsAnEmptyStream() throws {
        _ = FileManager.default.createFile(atPath: directory + "/empty.vt", contents: Data())
        XCTAssertEqual(try readStream(directory + "/empty.vt").count, 0)
    }

    func testLargeTensorsStreamInBoundedBuffers() throws {
        // Larger than the 1 MiB I/O buffers on both sides.
        let big = HostTensor(u8: (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }, shape: [3, 1000, 1000])
        let records = (0..<3).map { Record(tensors: [("frames", big)], metadata: ["video": String($0)]) }
        try writeStream(records, to: directory + "/big.vt")
        XCTAssertEqual(try readStream(directory + "/big.vt"), records)
    }

    /// Each way a stream can be broken, with the record number and byte offset in the message.
    func testCorruptStreamsAreLocated() throws {
        let good = try Data(contentsOf: { () -> URL in
            try! writeStream(sampleRecords, to: directory + "/good.vt")
            return URL(fileURLWithPath: directory + "/good.vt")
        }())
        let first = RecordWriter.header(for: sampleRecords[0]).count + 6 + 12
        func header(_ json: String) -> Data {
            var n = UInt64(json.utf8.count).littleEndian
            return Data(bytes: &n, count: 8) + Data(json.utf8)
        }
        let cases: [(Data, String)] = [
            (good.prefix(first + 5), "record 1 at byte \(first): truncated: 5 of 8 header-length bytes"),
            (good.prefix(first + 20), "record 1 at byte \(first + 8): truncated: header has 12 of"),
            (good.prefix(first - 3), "record 0 at byte \(RecordWriter.header(for: sampleRecords[0]).count): truncated: data has 15 of 18 bytes"),
            (header("{not json"), "record 0 at byte 8: bad JSON in header"),
            (header("[1,2]"), "record 0 at byte 8: bad header: JSON is not an object"),
            (header("{\"x\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,1]}}"), "unknown dtype 'Q9' for tensor 'x'"),
            (header("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}"), "size mismatch: tensor 'x' F32 [2] needs 8 bytes, data_offsets span 4"),
            (header("{\"x\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[4,6]}}"), "tensor 'x' starts at data byte 4, expected 0"),
            (header("{\"__metadata__\":{\"k\":3}}"), "metadata 'k' is not a string"),
            // Sizes that overflow Int, even where a zero dimension makes the true size 0.
            (header("{\"x\":{\"dtype\":\"F32\",\"shape\":[1099511627776,1099511627776],\"data_offsets\":[0,0]}}"),
             "bad header: tensor 'x' shape [1099511627776, 1099511627776] is too large to address"),
            (header("{\"x\":{\"dtype\":\"U8\",\"shape\":[1099511627776,1099511627776,0],\"data_offsets\":[0,0]}}"),
             "bad header: tensor 'x' shape [1099511627776, 1099511627776, 0] is too large to address"),
            (Data([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), "exceeds 100000000 bytes"),
        ]
        for (index, (bytes, expected)) in cases.enumerated() {
            let path = directory + "/bad\(index).vt"
            try bytes.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try readStream(path), "case \(index)") { error in
                let text = String(describing: error)
                XCTAssertTrue(text.hasPrefix(path + ": record "), text)
                XCTAssertTrue(text.contains(expected), "case \(index): '\(text)' lacks '\(expected)'")
            }
        }
    }

    func testUncommittedOutputLeavesTheTargetUntouched() throws {
        let path = directory + "/keep.vt"
        try "precious".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let out = try OutputFile(path: path)
            try out.write(Array(repeating: UInt8(1), count: 3 << 20))
            // dropped without commit, as when a program fails midway
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "precious")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["keep.vt"], "no temporary left behind")
        let out = try OutputFile(path: path)
        try out.write("new")
        try out.commit()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertThrowsError(try OutputFile(path: directory + "/no/such/dir/x.vt"))
        XCTAssertThrowsError(try InputFile(path: directory)) { XCTAssertTrue("\($0)".hasSuffix("is a directory")) }
    }

    /// Devices and pipes are written as `>` writes them, never replaced by a file; a link keeps pointing
    /// at the file it names; a folder is refused before anything is written.
    func testTargetsThatAreNotFilesAreWrittenInPlace() throws {
        // Not /dev/null itself: a regression would replace the machine's /dev/null when run as root.
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        let descriptor = try OutputFile(path: "/dev/fd/\(ends[1])")
        close(ends[1])
        try descriptor.write("through a descriptor")
        try descriptor.commit()
        var bytes = [UInt8](repeating: 0, count: 64)
        XCTAssertEqual(String(decoding: bytes[0..<max(0, read(ends[0], &bytes, bytes.count))], as: UTF8.self), "through a descriptor")
        // A descriptor's name writes through that descriptor, as `>> log` opened it: appending, not truncating.
        let log = directory + "/log.txt"
        try "HEADER\n".write(toFile: log, atomically: false, encoding: .utf8)
        let appending = open(log, O_WRONLY | O_APPEND)
        let named = try OutputFile(path: "/dev/fd/\(appending)")
        close(appending)
        try named.write("rest\n")
        try named.commit()
        XCTAssertEqual(try String(contentsOfFile: log, encoding: .utf8), "HEADER\nrest\n")

        let fifo = directory + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // A reader opened first (without blocking) lets the writer open; the bytes wait in the pipe.
        let readEnd = open(fifo, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(readEnd, 0)
        defer { close(readEnd) }
        let toPipe = try OutputFile(path: fifo)
        try toPipe.write("through the pipe")
        try toPipe.commit()
        XCTAssertEqual(String(decoding: bytes[0..<max(0, read(readEnd, &bytes, bytes.count))], as: UTF8.self), "through the pipe")
        var info = stat()
        XCTAssertEqual(lstat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the FIFO is still a FIFO")

        let file = directory + "/real.csv", link = directory + "/link.csv"
        try "old".write(toFile: file, atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(file, link), 0)
        let throughLink = try OutputFile(path: link)
        try throughLink.write("new")
        try throughLink.commit()
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "new")
        XCTAssertEqual(lstat(link, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK, "the link is kept")

        XCTAssertThrowsError(try OutputFile(path: directory)) { XCTAssertEqual("\($0)", "\(self.directory!): is a directory") }
    }

    /// An output never replaces a file this process has open for reading, under any of its names,
    /// nor does a file about to be replaced open for reading; once closed, either may go ahead.
    func testAnOutputNeverReplacesAnOpenInput() throws {
        let path = directory + "/in.vt", link = directory + "/alias.vt"
        try "input".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(path, link), 0)
        do {
            let input = try InputFile(path: path)
            XCTAssertThrowsError(try OutputFile(path: path)) { XCTAssertEqual("\($0)", "\(path): is also this run's input; write the output elsewhere") }
            XCTAssertThrowsError(try OutputFile(path: directory + "/./in.vt"))
            XCTAssertThrowsError(try OutputFile(path: link))
            _ = try input.readToEnd()
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "input")
        do {
            let output = try OutputFile(path: link)
            XCTAssertThrowsError(try InputFile(path: path)) { XCTAssertEqual("\($0)", "\(path): is also this run's output; write the output elsewhere") }
            try output.write("output")
            try output.commit()
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "output")
        XCTAssertEqual(try InputFile(path: path).readToEnd(), Array("output".utf8))
        XCTAssertTrue(sameFile(link, directory + "/in.vt"))
        XCTAssertFalse(sameFile(path, directory + "/nothing.vt"))
    }

    func testSummaryAndNPYEncoding() throws {
        let t = HostTensor(f32: [1, -2, 4], shape: [3])
        XCTAssertEqual(TensorSummary(t), TensorSummary(min: -2, mean: 1, max: 4))
        let bf16 = HostTensor(dtype: .bf16, shape: [2], bytes: [0x80, 0x3f, 0x00, 0xc0])  // 1.0, -2.0
        XCTAssertEqual(bf16.doubles(), [1, -2])
        let npy = NPY.encode(HostTensor(u8: [1, 2, 3, 4, 5, 6], shape: [2, 3]))
        XCTAssertEqual(Array(npy.prefix(6)), [0x93] + Array("NUMPY".utf8))
        XCTAssertEqual((npy.count - 6) % 64, 0)
        XCTAssertTrue(String(decoding: npy[10..<(npy.count - 6)], as: UTF8.self).contains("'shape': (2, 3)"))
    }
}
