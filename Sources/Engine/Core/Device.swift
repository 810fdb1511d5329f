import CTorch

/// Where a tensor lives.
public enum Device: Equatable, Sendable, CustomStringConvertible {
    case cpu
    case cuda(Int)

    /// Parses `cpu`, `cuda` or `cuda:N`.
    public init(parsing text: String) throws {
        switch text {
        case "cpu": self = .cpu
        case "cuda": self = .cuda(0)
        default:
            guard text.hasPrefix("cuda:"), let index = Int(text.dropFirst(5)), index >= 0 else {
                throw EngineError(op: "device", message: "'\(text)' is not a device (use cpu, cuda or cuda:N)")
            }
            self = .cuda(index)
        }
    }

    public var description: String {
        switch self {
        case .cpu: "cpu"
        case .cuda(let index): "cuda:\(index)"
        }
    }

    var kind: Int32 {
        switch self {
        case .cpu: Int32(VT_CPU.rawValue)
        case .cuda: Int32(VT_CUDA.rawValue)
        }
    }

    var index: Int64 {
        switch self {
        case .cpu: 0
        case .cuda(let index): Int64(index)
        }
    }

    /// Fails with a clear message when this libtorch cannot reach the device.
    public func checkAvailable() throws {
        guard case .cuda(let index) = self else { return }
        guard vt_cuda_is_available() else {
            throw EngineError(op: "device", message: "\(self) requested, but this libtorch has no CUDA (or no GPU is visible); rebuild with LIBTORCH pointing at a CUDA libtorch")
        }
        let count = Int(vt_cuda_device_count())
        guard index < count else { throw EngineError(op: "device", message: "\(self) requested, but only \(count) CUDA device(s) are visible") }
    }
}
