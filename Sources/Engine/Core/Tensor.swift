import CTorch
import TensorStream

/// An n-dimensional array held by libtorch. The handle is released when the last Swift reference goes.
/// Every operation throws an `EngineError` instead of crashing, so one `try` covers a whole expression.
public final class Tensor: @unchecked Sendable {
    let handle: vt_tensor

    init(owning handle: vt_tensor) { self.handle = handle }
    deinit { vt_free(handle) }

    public var shape: [Int] {
        let rank = Int(vt_ndim(handle))
        var sizes = [Int64](repeating: 0, count: rank)
        _ = vt_shape(handle, &sizes, Int64(rank))
        return sizes.map(Int.init)
    }

    public var rank: Int { Int(vt_ndim(handle)) }
    public var elementCount: Int { shape.reduce(1, *) }

    public var dtype: DType { DType(code: vt_dtype(handle)) }

    public var device: Device {
        vt_device_kind(handle) == Int32(VT_CUDA.rawValue) ? .cuda(Int(vt_device_index(handle))) : .cpu
    }
}

extension DType {
    var code: Int32 {
        switch self {
        case .u8: Int32(VT_U8.rawValue)
        case .f32: Int32(VT_F32.rawValue)
        case .f16: Int32(VT_F16.rawValue)
        case .bf16: Int32(VT_BF16.rawValue)
        case .i64: Int32(VT_I64.rawValue)
        case .bool: Int32(VT_BOOL.rawValue)
        case .f64: Int32(VT_F64.rawValue)
        case .i32: Int32(VT_I32.rawValue)
        }
    }

    init(code: Int32) {
        guard let match = DType.allCases.first(where: { $0.code == code }) else {
            fatalError("libtorch returned a dtype VADKit does not model (code \(code))")
        }
        self = match
    }
}

/// Swift element types that map onto a tensor dtype.
public protocol TensorScalar {
    static var dtype: DType { get }
}
extension Float: TensorScalar { public static var dtype: DType { .f32 } }
extension Double: TensorScalar { public static var dtype: DType { .f64 } }
extension UInt8: TensorScalar { public static var dtype: DType { .u8 } }
extension Int64: TensorScalar { public static var dtype: DType { .i64 } }
extension Int32: TensorScalar { public static var dtype: DType { .i32 } }
extension Float16: TensorScalar { public static var dtype: DType { .f16 } }

// MARK: - Creation and transfer

extension Tensor {
    /// A CPU tensor holding `scalars` in row-major order.
    public convenience init<T: TensorScalar>(_ scalars: [T], shape: [Int]) throws {
        let count = shape.reduce(1, *)
        guard count == scalars.count else {
            throw EngineError(op: "tensor", message: "\(scalars.count) values cannot fill shape \(EngineError.describe([shape]))")
        }
        var out: vt_tensor?
        let shape64 = shape.map(Int64.init)
        try check("tensor", []) {
            scalars.withUnsafeBytes { vt_from_bytes($0.baseAddress, $0.count, shape64, Int64(shape64.count), T.dtype.code, &out) }
        }
        self.init(owning: out!)
    }

    /// A CPU tensor from a stream tensor's bytes (copied).
    public convenience init(_ host: HostTensor) throws {
        var out: vt_tensor?
        let shape64 = host.shape.map(Int64.init)
        try check("tensor", []) {
            host.bytes.withUnsafeBytes { vt_from_bytes($0.baseAddress, $0.count, shape64, Int64(shape64.count), host.dtype.code, &out) }
        }
        self.init(owning: out!)
    }

    /// This tensor's elements as stream bytes (copied to the host, contiguous).
    public func host() throws -> HostTensor {
        let shape = self.shape
        let dtype = self.dtype
        var bytes = [UInt8](repeating: 0, count: shape.reduce(1, *) * dtype.byteWidth)
        try check("to_host", [self]) { bytes.withUnsafeMutableBytes { vt_copy_to_bytes(handle, $0.baseAddress, $0.count) } }
        return HostTensor(dtype: dtype, shape: shape, bytes: bytes)
    }

    /// The elements as Swift values of type T, converting dtype if needed.
    public func scalars<T: TensorScalar>(as type: T.Type = T.self) throws -> [T] {
        let source = dtype == T.dtype ? self : try to(T.dtype)
        let count = source.elementCount
        var failure: vt_error?
        let values = withExtendedLifetime(source) {
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                failure = vt_copy_to_bytes(source.handle, buffer.baseAddress, count * MemoryLayout<T>.stride)
                initialized = failure == nil ? count : 0
            }
        }
        if let failure { throw EngineError(op: "scalars", message: consume(failure)) }
        return values
    }

    /// The single value of a one-element tensor.
    public func item() throws -> Double {
        var value = 0.0
        try check("item", [self]) { vt_item(handle, &value) }
        return value
    }

    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .f32, device: Device = .cpu) throws -> Tensor {
        let shape64 = shape.map(Int64.init)
        return try produce("full", []) { vt_full(shape64, Int64(shape64.count), value, dtype.code, device.kind, device.index, $0) }
    }

    public static func zeros(_ shape: [Int], dtype: DType = .f32, device: Device = .cpu) throws -> Tensor {
        try full(shape, 0, dtype: dtype, device: device)
    }

    public static func ones(_ shape: [Int], dtype: DType = .f32, device: Device = .cpu) throws -> Tensor {
        try full(shape, 1, dtype: dtype, device: device)
    }

    /// Uniform on [0, 1), from libtorch's seeded generator.
    public static func rand(_ shape: [Int], dtype: DType = .f32, device: Device = .cpu) throws -> Tensor {
        let shape64 = shape.map(Int64.init)
        return try produce("rand", []) { vt_rand(shape64, Int64(shape64.count), false, dtype.code, device.kind, device.index, $0) }
    }

    /// Standard normal, from libtorch's seeded generator.
    public static func randn(_ shape: [Int], dtype: DType = .f32, device: Device = .cpu) throws -> Tensor {
        let shape64 = shape.map(Int64.init)
        return try produce("randn", []) { vt_rand(shape64, Int64(shape64.count), true, dtype.code, device.kind, device.index, $0) }
    }

    public static func randperm(_ n: Int) throws -> Tensor { try produce("randperm", []) { vt_randperm(Int64(n), $0) } }

    public static func arange(_ start: Double, _ end: Double, step: Double = 1, dtype: DType = .f32) throws -> Tensor {
        try produce("arange", []) { vt_arange(start, end, step, dtype.code, $0) }
    }

    /// A copy with another dtype and/or device.
    public func to(_ dtype: DType? = nil, device: Device? = nil) throws -> Tensor {
        let target = device ?? self.device
        try target.checkAvailable()
        let kind = dtype ?? self.dtype
        return try produce("to", [self]) { vt_to(handle, kind.code, target.kind, target.index, $0) }
    }

    public func clone() throws -> Tensor { try produce("clone", [self]) { vt_clone(handle, $0) } }
    public func contiguous() throws -> Tensor { try produce("contiguous", [self]) { vt_contiguous(handle, $0) } }
    /// The same values, cut from the autograd graph.
    public func detached() throws -> Tensor { try produce("detach", [self]) { vt_detach(handle, $0) } }
}
