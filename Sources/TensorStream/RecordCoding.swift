import Foundation

/// A malformed stream, located by record number and byte offset.
public struct StreamError: Error, CustomStringConvertible {
    public let source: String
    public let record: Int
    public let byteOffset: Int
    public let problem: String
    public var description: String { "\(source): record \(record) at byte \(byteOffset): \(problem)" }
}

/// Reads records one at a time; memory holds one record, whatever the stream's length.
public final class RecordReader: Sequence, IteratorProtocol {
    /// Headers beyond this are refused as corrupt (the safetensors reference uses the same bound).
    public static let maxHeaderBytes = 100_000_000

    private let input: InputFile
    public private(set) var recordsRead = 0
    private var failure: Error?

    public init(_ input: InputFile) { self.input = input }
    public convenience init(path: String) throws { self.init(try InputFile(path: path)) }

    public var source: String { input.name }

    /// The next record, or nil at a clean end of stream.
    public func read() throws -> Record? {
        let recordStart = input.offset
        func fail(_ problem: String, at offset: Int? = nil) -> StreamError {
            StreamError(source: input.name, record: recordsRead, byteOffset: offset ?? recordStart, problem: problem)
        }
        let prefix = try input.read(upTo: 8)
        if prefix.isEmpty { return nil }
        guard prefix.count == 8 else { throw fail("truncated: \(prefix.count) of 8 header-length bytes") }
        let headerLength = prefix.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(Self.maxHeaderBytes) else {
            throw fail("bad header: length \(headerLength) exceeds \(Self.maxHeaderBytes) bytes (not a tensor stream?)")
        }
        let headerBytes = try input.read(upTo: Int(headerLength))
        guard headerBytes.count == Int(headerLength) else {
            throw fail("truncated: header has \(headerBytes.count) of \(headerLength) bytes", at: recordStart + 8)
        }
        let header = try parseHeader(headerBytes, fail: { fail($0, at: recordStart + 8) })
        let dataStart = input.offset
        let data = try input.read(upTo: header.dataLength)
        guard data.count == header.dataLength else {
            throw fail("truncated: data has \(data.count) of \(header.dataLength) bytes", at: dataStart)
        }
        var record = Record(metadata: header.metadata)
        for entry in header.entries {
            record.tensors.append((entry.name, HostTensor(dtype: entry.dtype, shape: entry.shape, bytes: Array(data[entry.begin..<entry.end]))))
        }
        recordsRead += 1
        return record
    }

    /// Iteration stops at the first error; `read()` is the throwing form.
    public func next() -> Record? {
        do { return try read() } catch {
            failure = error
            return nil
        }
    }

    /// The error that ended iteration, if any.
    public var iterationError: Error? { failure }

    private struct Entry {
        let name: String, dtype: DType, shape: [Int], begin: Int, end: Int
    }

    private func parseHeader(_ bytes: [UInt8], fail: (String) -> StreamError) throws -> (entries: [Entry], metadata: [String: String], dataLength: Int) {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw fail("bad JSON in header")
        }
        guard let fields = object as? [String: Any] else { throw fail("bad header: JSON is not an object") }
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for (name, value) in fields {
            if name == "__metadata__" {
                guard let pairs = value as? [String: Any] else { throw fail("bad header: __metadata__ is not an object") }
                for (key, v) in pairs {
                    guard let text = v as? String else { throw fail("bad header: metadata '\(key)' is not a string") }
                    metadata[key] = text
                }
                continue
            }
            guard let info = value as? [String: Any] else { throw fail("bad header: tensor '\(name)' is not an object") }
            guard let dtypeName = info["dtype"] as? String else { throw fail("bad header: tensor '\(name)' has no dtype") }
            guard let dtype = DType(safetensorsName: dtypeName) else { throw fail("unknown dtype '\(dtypeName)' for tensor '\(name)'") }
            guard let shape = Self.integers(info["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail("bad header: tensor '\(name)' has no valid shape")
            }
            guard let offsets = Self.integers(info["data_offsets"]), offsets.count == 2, offsets[0] >= 0, offsets[1] >= offsets[0] else {
                throw fail("bad header: tensor '\(name)' has no valid data_offsets")
            }
            guard let expected = Self.byteCount(shape: shape, dtype: dtype) else {
                throw fail("bad header: tensor '\(name)' shape \(shape) is too large to address")
            }
            guard offsets[1] - offsets[0] == expected else {
                throw fail("size mismatch: tensor '\(name)' \(dtypeName) \(shape) needs \(expected) bytes, data_offsets span \(offsets[1] - offsets[0])")
            }
            entries.append(Entry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1]))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        // Like safetensors, tensors must tile the data section: no holes, no overlaps.
        var cursor = 0
        for entry in entries {
            guard entry.begin == cursor else {
                throw fail("bad header: tensor '\(entry.name)' starts at data byte \(entry.begin), expected \(cursor)")
            }
            cursor = entry.end
        }
        return (entries, metadata, cursor)
    }

    /// The bytes a tensor of `shape` takes, nil when the product of its nonzero dimensions overflows:
    /// code that multiplies a shape out in any order (`reduce(1, *)`, a zero dimension last) must
    /// never see such a shape.
    private static func byteCount(shape: [Int], dtype: DType) -> Int? {
        var count = dtype.byteWidth
        for dimension in shape where dimension != 0 {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return shape.contains(0) ? 0 : count
    }

    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var out: [Int] = []
        for item in list {
            guard let number = item as? NSNumber, number.doubleValue == Double(number.int64Value) else { return nil }
            out.append(number.intValue)
        }
        return out
    }
}

/// Writes records back to back.
public final class RecordWriter {
    private let output: OutputFile

    public init(_ output: OutputFile) { self.output = output }

    public func write(_ record: Record) throws {
        try output.write(Self.header(for: record))
        for (_, tensor) in record.tensors { try output.write(tensor.bytes) }
    }

    /// The 8-byte length and the JSON header, padded with spaces to a multiple of 8 bytes so that the
    /// data which follows stays aligned.
    public static func header(for record: Record) -> [UInt8] {
        var json = "{"
        var fields: [String] = []
        if !record.metadata.isEmpty {
            let pairs = record.metadata.sorted { $0.key < $1.key }.map { "\(jsonQuoted($0.key)):\(jsonQuoted($0.value))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in record.tensors {
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(jsonQuoted(name)):{\"dtype\":\"\(tensor.dtype.safetensorsName)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + tensor.bytes.count)]}")
            offset += tensor.bytes.count
        }
        json += fields.joined(separator: ",") + "}"
        var body = Array(json.utf8)
        while (body.count + 8) % 8 != 0 { body.append(0x20) }
        var length = UInt64(body.count).littleEndian
        let prefix = withUnsafeBytes(of: &length) { Array($0) }
        return prefix + body
    }
}

/// A JSON string literal of `text`.
public func jsonQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
