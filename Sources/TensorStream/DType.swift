/// Element types of the stream format and the engine. Raw values are the names tools print.
public enum DType: String, CaseIterable, Sendable {
    case u8, f32, f16, bf16, i64, bool, f64, i32

    /// The dtype string safetensors uses in its JSON header.
    public var safetensorsName: String {
        switch self {
        case .u8: "U8"
        case .f32: "F32"
        case .f16: "F16"
        case .bf16: "BF16"
        case .i64: "I64"
        case .bool: "BOOL"
        case .f64: "F64"
        case .i32: "I32"
        }
    }

    public init?(safetensorsName: String) {
        guard let match = DType.allCases.first(where: { $0.safetensorsName == safetensorsName }) else { return nil }
        self = match
    }

    public var byteWidth: Int {
        switch self {
        case .u8, .bool: 1
        case .f16, .bf16: 2
        case .f32, .i32: 4
        case .i64, .f64: 8
        }
    }

    public var isFloatingPoint: Bool { [.f32, .f16, .bf16, .f64].contains(self) }
}
