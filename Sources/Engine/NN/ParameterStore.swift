import TensorStream

/// Every parameter and buffer of a model under a dotted name ("encoder.conv1.weight"), in creation
/// order: what optimisers update and checkpoints save. Layers create their tensors through a
/// `ParameterPath`, so names follow the model's structure.
public final class ParameterStore {
    public struct Entry {
        public let name: String
        public let tensor: Tensor
        /// False for buffers such as batch-norm running statistics.
        public let trainable: Bool
    }

    public private(set) var entries: [Entry] = []
    private var names: Set<String> = []
    public let device: Device
    /// Element type of new parameters (f64 for gradient checks, f32 otherwise).
    public let dtype: DType

    public init(device: Device = .cpu, dtype: DType = .f32) {
        self.device = device
        self.dtype = dtype
    }

    public var root: ParameterPath { ParameterPath(store: self, prefix: "") }

    public var trainable: [Tensor] { entries.filter(\.trainable).map(\.tensor) }

    public var parameterCount: Int { entries.filter(\.trainable).reduce(0) { $0 + $1.tensor.elementCount } }

    func register(_ name: String, _ tensor: Tensor, trainable: Bool) throws {
        guard names.insert(name).inserted else { throw EngineError(op: "parameter", message: "'\(name)' is defined twice") }
        entries.append(Entry(name: name, tensor: tensor, trainable: trainable))
    }

    /// The values of every entry, on the host, by name.
    public func snapshot() throws -> [(name: String, tensor: HostTensor)] {
        try entries.map { ($0.name, try $0.tensor.host()) }
    }

    /// Copies saved values into the existing tensors; every entry must be present with its shape.
    public func load(_ values: [String: HostTensor], source: String) throws {
        for entry in entries {
            guard let saved = values[entry.name] else {
                throw EngineError(op: "load", message: "\(source) has no tensor '\(entry.name)'")
            }
            guard saved.shape == entry.tensor.shape else {
                throw EngineError(op: "load", message: "\(source): '\(entry.name)' is \(EngineError.describe([saved.shape])), the model expects \(EngineError.describe([entry.tensor.shape]))")
            }
            let value = try Tensor(saved).to(entry.tensor.dtype, device: device)
            try Runtime.withoutGrad { try entry.tensor.copy(from: value) }
        }
    }
}

/// A position in a store's name tree.
public struct ParameterPath {
    public let store: ParameterStore
    public let prefix: String

    public func callAsFunction(_ name: String) -> ParameterPath {
        ParameterPath(store: store, prefix: qualified(name))
    }

    private func qualified(_ name: String) -> String { prefix.isEmpty ? name : "\(prefix).\(name)" }

    /// A new trainable tensor of the store's dtype.
    public func parameter(_ name: String, _ shape: [Int], _ initializer: Initializer) throws -> Tensor {
        let tensor = try Tensor.zeros(shape, dtype: store.dtype, device: store.device)
        try initializer.fill(tensor)
        try tensor.requiringGrad()
        try store.register(qualified(name), tensor, trainable: true)
        return tensor
    }

    /// A new non-trainable tensor saved with the model (running statistics).
    public func buffer(_ name: String, _ shape: [Int], value: Double) throws -> Tensor {
        let tensor = try Tensor.full(shape, value, dtype: store.dtype, device: store.device)
        try store.register(qualified(name), tensor, trainable: false)
        return tensor
    }
}
