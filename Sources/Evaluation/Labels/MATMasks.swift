import CZlib
import Foundation
import TensorStream

/// The one thing evaluation needs from a MATLAB file: which masks of a cell array of masks (CUHK
/// Avenue's `volLabel`, one pixel mask per frame) hold any non-zero element. Reads MATLAB's level-5
/// format (MAT-File Format, The MathWorks), as written by `save` by default (`-v7`, each variable
/// zlib-compressed) or `-v6` (uncompressed). Masks are inspected as they stream out of zlib, never
/// held whole: a video's masks unpack to hundreds of megabytes.
enum MATMasks {
    /// For each cell of the cell array `variable` in the file at `path`, whether it holds a non-zero value.
    static func anyNonZero(cellArray variable: String, path: String) throws -> [Bool] {
        let bytes = try InputFile(path: path).readToEnd()
        func fail(_ problem: String) -> LabelError { LabelError("\(path): \(problem)") }
        // MATLAB's -v7.3 files are HDF5 files with a 512-byte MATLAB preamble.
        let hdf5: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
        if bytes.starts(with: hdf5) || (bytes.count >= 520 && bytes[512..<520].elementsEqual(hdf5)) {
            throw fail("a MATLAB v7.3 (HDF5) file, which is not read; save it again with save -v7")
        }
        guard bytes.count >= 128, bytes.starts(with: Array("MATLAB 5.0 MAT-file".utf8)) else {
            throw fail("not a MATLAB level-5 .mat file (no 'MATLAB 5.0 MAT-file' header)")
        }
        // The endian indicator reads "IM" when the file was written little-endian, as every current
        // MATLAB writes; "MI" would mean big-endian.
        guard bytes[126] == UInt8(ascii: "I"), bytes[127] == UInt8(ascii: "M") else {
            throw fail("a big-endian .mat file, which is not read")
        }
        var file = MemoryBytes(bytes: bytes, from: 128, to: bytes.count, source: path)
        while !file.atEnd {
            let (type, size) = try file.tag()
            var element: any MATBytes
            switch type {
            case DataType.compressed:
                element = try Inflated(compressed: file.take(size), source: path)
                // MATLAB does not pad a compressed element; zeros up to the next 8 bytes are padding
                // all the same (no element's type is 0).
                file.skipZeroPadding()
                let (inner, _) = try element.tag()
                if inner == DataType.matrix, let masks = try matrix(&element, wanted: variable) { return masks }
            case DataType.matrix:
                // A view of the file's bytes, not a copy: an uncompressed video's masks are large.
                element = try file.view(size)
                if let masks = try matrix(&element, wanted: variable) { return masks }
                try file.align()
            default:
                _ = try file.view(size)
                try file.align()
            }
        }
        throw fail("holds no variable '\(variable)'")
    }

    /// MAT-file data types and array classes used here.
    enum DataType {
        static let int8: UInt32 = 1, uint8: UInt32 = 2, int16: UInt32 = 3, uint16: UInt32 = 4
        static let int32: UInt32 = 5, uint32: UInt32 = 6, single: UInt32 = 7, double: UInt32 = 9
        static let int64: UInt32 = 12, uint64: UInt32 = 13, matrix: UInt32 = 14, compressed: UInt32 = 15
    }
    static let cellClass: UInt8 = 1

    /// A top-level matrix: nil if it is another variable, else the per-cell flags of the wanted cell array.
    private static func matrix(_ bytes: inout any MATBytes, wanted: String) throws -> [Bool]? {
        let (arrayClass, dimensions, name) = try header(&bytes)
        guard name == wanted else { return nil }
        guard arrayClass == cellClass else { throw LabelError("\(bytes.source): '\(wanted)' is not a cell array (class \(arrayClass))") }
        let (cells, overflow) = dimensions.reduce((1, false)) { product, side in
            let next = product.0.multipliedReportingOverflow(by: side)
            return (next.partialValue, product.1 || next.overflow)
        }
        guard !overflow else { throw LabelError("\(bytes.source): '\(wanted)' has dimensions \(dimensions), too large to be real") }
        // Appended as read, so that dimensions the data cannot hold fail as a short file, not as an allocation.
        var flags: [Bool] = []
        for index in 0..<cells {
            let (type, cellSize) = try bytes.tag()
            guard type == DataType.matrix else { throw LabelError("\(bytes.source): cell \(index + 1) of '\(wanted)' is not an array") }
            // MATLAB writes a cell it never filled as a matrix of no bytes at all.
            flags.append(cellSize == 0 ? false : try anyNonZero(in: &bytes, size: cellSize))
        }
        return flags
    }

    /// Array flags, dimensions and name: the first three subelements of every matrix.
    private static func header(_ bytes: inout any MATBytes) throws -> (arrayClass: UInt8, dimensions: [Int], name: String) {
        let flags = try bytes.element()
        guard flags.type == DataType.uint32, flags.data.count == 8 else { throw LabelError("\(bytes.source): bad array flags") }
        let dims = try bytes.element()
        guard dims.type == DataType.int32, !dims.data.isEmpty, dims.data.count % 4 == 0 else { throw LabelError("\(bytes.source): bad dimensions") }
        let dimensions = dims.data.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count, by: 4).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: Int32.self))) }
        }
        guard dimensions.allSatisfy({ $0 >= 0 }) else { throw LabelError("\(bytes.source): negative dimensions \(dimensions)") }
        let name = try bytes.element()
        return (flags.data[0], dimensions, String(decoding: name.data, as: UTF8.self))
    }

    /// Whether a numeric or logical matrix of `size` bytes holds a non-zero value; its data is read
    /// in pieces and dropped.
    private static func anyNonZero(in bytes: inout any MATBytes, size: Int) throws -> Bool {
        let start = bytes.consumed
        let (arrayClass, _, _) = try header(&bytes)
        guard arrayClass != 5 else { throw LabelError("\(bytes.source): sparse masks are not read; save them with full()") }
        guard arrayClass >= 6, arrayClass <= 15 else { throw LabelError("\(bytes.source): a mask of class \(arrayClass), not numeric or logical") }
        var found = false
        // The real part, then an imaginary part if the array is complex: either being non-zero counts.
        while bytes.consumed - start < size {
            let (type, length) = try bytes.tag()
            let width = try elementWidth(type, source: bytes.source)
            guard length % width == 0 else { throw LabelError("\(bytes.source): mask data of \(length) bytes, not a whole number of \(width)-byte values") }
            var left = length
            while left > 0 {
                let piece = try bytes.take(min(left, 1 << 20 / width * width))
                left -= piece.count
                if !found { found = nonZero(piece, type: type) }
            }
            try bytes.align()
        }
        guard bytes.consumed - start == size else { throw LabelError("\(bytes.source): a mask's data overruns its matrix") }
        return found
    }

    private static func elementWidth(_ type: UInt32, source: String) throws -> Int {
        switch type {
        case DataType.int8, DataType.uint8: return 1
        case DataType.int16, DataType.uint16: return 2
        case DataType.int32, DataType.uint32, DataType.single: return 4
        case DataType.double, DataType.int64, DataType.uint64: return 8
        default: throw LabelError("\(source): mask data of type \(type), not numeric")
        }
    }

    /// Floats are compared as numbers (-0 is zero: only its sign bit is set); integers by their bytes.
    private static func nonZero(_ piece: [UInt8], type: UInt32) -> Bool {
        piece.withUnsafeBytes { raw in
            switch type {
            case DataType.single:
                return stride(from: 0, to: raw.count, by: 4).contains { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: UInt32.self)) & 0x7fff_ffff != 0 }
            case DataType.double:
                return stride(from: 0, to: raw.count, by: 8).contains {
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: UInt64.self)) & 0x7fff_ffff_ffff_ffff != 0
                }
            default:
                return raw.contains { $0 != 0 }
            }
        }
    }
}

/// Sequential little-endian reading of MAT-file data elements.
protocol MATBytes {
    var source: String { get }
    /// Bytes read so far.
    var consumed: Int { get }
    /// Exactly `count` bytes, or an error naming the source as cut short.
    mutating func take(_ count: Int) throws -> [UInt8]
}

extension MATBytes {
    /// A data element's type and byte count. The small form packs both into 4 bytes and its data into
    /// the next 4.
    mutating func tag() throws -> (type: UInt32, size: Int) {
        let first = try uint32()
        if first >> 16 != 0 { return (first & 0xffff, Int(first >> 16)) }
        return (first, Int(try uint32()))
    }

    private mutating func uint32() throws -> UInt32 {
        try take(4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    /// Skips the padding that brings an element to a multiple of 8 bytes.
    mutating func align() throws {
        let over = consumed % 8
        if over != 0 { _ = try take(8 - over) }
    }

    /// One whole element with its data, for the small subelements of a matrix header.
    mutating func element() throws -> (type: UInt32, data: [UInt8]) {
        let (type, size) = try tag()
        guard size <= 1 << 16 else { throw LabelError("\(source): a \(size)-byte array header, too large to be real") }
        let data = try take(size)
        try align()
        return (type, data)
    }
}

/// Bytes start..<end of a file held in memory (shared, not copied, by every view of it).
struct MemoryBytes: MATBytes {
    let bytes: [UInt8]
    let start: Int, end: Int
    var position: Int
    let source: String
    var consumed: Int { position - start }
    var atEnd: Bool { position >= end }

    init(bytes: [UInt8], from start: Int, to end: Int, source: String) {
        self.bytes = bytes
        self.start = start
        self.end = end
        position = start
        self.source = source
    }

    mutating func skipZeroPadding() {
        while consumed % 8 != 0, position < end, bytes[position] == 0 { position += 1 }
    }

    /// The next `count` bytes as a view of their own.
    mutating func view(_ count: Int) throws -> MemoryBytes {
        guard count >= 0, count <= end - position else { throw LabelError("\(source): cut short (a .mat element runs past the end)") }
        defer { position += count }
        return MemoryBytes(bytes: bytes, from: position, to: position + count, source: source)
    }

    mutating func take(_ count: Int) throws -> [UInt8] {
        let part = try view(count)
        return Array(bytes[part.start..<part.end])
    }
}

/// The element inside a compressed one, inflated as it is read.
final class Inflated: MATBytes {
    let source: String
    private(set) var consumed = 0
    private var stream = z_stream()
    private var input: [UInt8]
    /// Inflated bytes not yet taken: pending[next...].
    private var pending: [UInt8] = []
    private var next = 0
    private var finished = false

    init(compressed: [UInt8], source: String) throws {
        self.source = source
        input = compressed
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw LabelError("\(source): zlib cannot start")
        }
    }

    deinit { inflateEnd(&stream) }

    func take(_ count: Int) throws -> [UInt8] {
        while pending.count - next < count, !finished {
            pending.removeFirst(next)
            next = 0
            try inflateMore()
        }
        guard pending.count - next >= count else { throw LabelError("\(source): cut short (a compressed .mat element ends early)") }
        consumed += count
        defer { next += count }
        return Array(pending[next..<next + count])
    }

    private func inflateMore() throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        let code = input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress! + Int(stream.total_in)
                stream.avail_in = UInt32(inBuffer.count - Int(stream.total_in))
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
        }
        let produced = chunk.count - Int(stream.avail_out)
        pending.append(contentsOf: chunk[..<produced])
        switch code {
        case Z_STREAM_END: finished = true
        case Z_OK: if produced == 0 && stream.avail_in == 0 { finished = true }
        case Z_BUF_ERROR: finished = true
        default: throw LabelError("\(source): damaged compressed data (zlib: \(stream.msg.map { String(cString: $0) } ?? "error \(code)"))")
        }
    }
}
