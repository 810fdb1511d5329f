/// NumPy's `.npy` format (version 1.0), for exporting stream tensors to Python without a reader.
public enum NPY {
    /// The file bytes for `tensor`. bf16 has no NumPy dtype, so it is widened to float32.
    public static func encode(_ tensor: HostTensor) -> [UInt8] {
        var payload = tensor
        if tensor.dtype == .bf16 {
            payload = HostTensor(f32: tensor.doubles().map(Float.init), shape: tensor.shape)
        }
        let shape = payload.shape.count == 1 ? "(\(payload.shape[0]),)" : "(" + payload.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descriptor(payload.dtype))', 'fortran_order': False, 'shape': \(shape), }"
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = UInt16(header.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)] + Array(header.utf8) + payload.bytes
    }

    static func descriptor(_ dtype: DType) -> String {
        switch dtype {
        case .u8: "|u1"
        case .bool: "|b1"
        case .f16: "<f2"
        case .f32, .bf16: "<f4"
        case .f64: "<f8"
        case .i32: "<i4"
        case .i64: "<i8"
        }
    }
}

/// min, mean and max of a tensor's elements (NaN-free summary of an empty tensor is all zeros).
public struct TensorSummary: Equatable {
    public let min: Double, mean: Double, max: Double

    public init(min: Double, mean: Double, max: Double) {
        self.min = min
        self.mean = mean
        self.max = max
    }

    public init(_ tensor: HostTensor) {
        let values = tensor.doubles()
        guard let first = values.first else {
            self.min = 0; self.mean = 0; self.max = 0
            return
        }
        var lo = first, hi = first, total = 0.0
        for v in values {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
            total += v
        }
        self.min = lo
        self.max = hi
        mean = total / Double(values.count)
    }
}
