/// A tensor's bytes in host memory, little-endian and contiguous, as the stream format stores them.
public struct HostTensor: Equatable, Sendable {
    public var dtype: DType
    public var shape: [Int]
    public var bytes: [UInt8]

    public init(dtype: DType, shape: [Int], bytes: [UInt8]) {
        precondition(bytes.count == shape.reduce(1, *) * dtype.byteWidth, "HostTensor: \(bytes.count) bytes for shape \(shape) of \(dtype)")
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    public var elementCount: Int { shape.reduce(1, *) }

    /// A u8 tensor from pixel bytes.
    public init(u8 values: [UInt8], shape: [Int]) { self.init(dtype: .u8, shape: shape, bytes: values) }

    /// An f32 tensor from values.
    public init(f32 values: [Float], shape: [Int]) {
        self.init(dtype: .f32, shape: shape, bytes: values.withUnsafeBytes { Array($0) })
    }

    /// Every element widened to Double, whatever the dtype (for summaries and exports).
    public func doubles() -> [Double] {
        bytes.withUnsafeBytes { raw -> [Double] in
            let n = elementCount
            switch dtype {
            case .u8: return raw.bindMemory(to: UInt8.self).map(Double.init)
            case .bool: return raw.bindMemory(to: UInt8.self).map { $0 == 0 ? 0 : 1 }
            case .f32: return (0..<n).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self)) }
            case .f64: return (0..<n).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) }
            case .i64: return (0..<n).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
            case .i32: return (0..<n).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
            case .f16: return (0..<n).map { Double(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) }
            case .bf16:
                // bfloat16 is the top half of an IEEE float32.
                return (0..<n).map {
                    Double(Float(bitPattern: UInt32(raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self)) << 16))
                }
            }
        }
    }
}
