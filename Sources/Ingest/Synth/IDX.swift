import CZlib
import Glibc
import TensorStream

/// An array from an idx file, the format MNIST ships in: two zero bytes, a type code, the number of
/// dimensions, each dimension as a big-endian 32-bit count, then the values in row-major order. Only
/// unsigned bytes (type 0x08) are read: MNIST's images and labels are both.
public struct IDXArray: Equatable, Sendable {
    public var shape: [Int]
    public var values: [UInt8]

    /// Reads a gzip-compressed or a plain idx file (zlib passes plain files through unchanged).
    /// Every problem is one message naming the file.
    public init(path: String) throws {
        let file = try GzipReader(path: path)
        func fail(_ problem: String) -> IOFailure { IOFailure("\(path): \(problem)") }

        let magic = try file.read(4)
        guard magic.count == 4, magic[0] == 0, magic[1] == 0 else {
            throw fail("not an idx file (it should start with two zero bytes, a type code and a dimension count)")
        }
        guard magic[2] == 0x08 else {
            throw fail("idx values of type 0x\(String(magic[2], radix: 16)); only unsigned bytes (0x08) are read")
        }
        let rank = Int(magic[3])
        guard rank > 0 else { throw fail("idx header declares no dimensions") }
        let header = try file.read(4 * rank)
        guard header.count == 4 * rank else { throw fail("truncated idx header (\(rank) dimensions declared)") }
        shape = (0..<rank).map { i in header[(4 * i)..<(4 * i + 4)].reduce(0) { $0 << 8 | Int($1) } }

        // A corrupt header can declare anything; refuse before allocating.
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        guard !overflow, count <= Int(Int32.max) else { throw fail("idx header declares shape \(shape), too large to be real") }
        values = try file.read(count)
        guard values.count == count else {
            throw fail("truncated: the idx header declares shape \(shape) (\(count) values) but the file holds \(values.count)")
        }
        guard try file.read(1).isEmpty else { throw fail("data continues after the \(count) values its idx header declares") }
    }
}

/// Sequential reading through zlib, with zlib's errors phrased as one line naming the file.
private final class GzipReader {
    private let path: String
    private let file: gzFile

    init(path: String) throws {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw IOFailure("\(path): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw IOFailure("\(path): is a directory") }
        guard let file = gzopen(path, "rb") else { throw IOFailure("\(path): \(String(cString: strerror(errno)))") }
        gzbuffer(file, 1 << 17)
        self.file = file
    }

    deinit { gzclose(file) }

    /// Up to `count` bytes; fewer only at the end of the data. Damaged compressed data (including a
    /// cut-off .gz, which zlib reports only as a short read) throws.
    func read(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let chunk = UInt32(min(count - done, 1 << 30))
            let n = out.withUnsafeMutableBytes { gzread(file, $0.baseAddress! + done, chunk) }
            if n <= 0 { break }
            done += Int(n)
        }
        var code: Int32 = 0
        let message = gzerror(file, &code)
        if code != Z_OK {
            let text = code == Z_ERRNO ? String(cString: strerror(errno)) : message.map { String(cString: $0) } ?? "zlib error \(code)"
            // zlib prefixes its messages with the path; keep one copy.
            throw IOFailure("\(path): gzip: \(text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text)")
        }
        out.removeLast(count - done)
        return out
    }
}
