import Foundation
import TensorStream

/// An optimiser updates a store's trainable tensors from their gradients. Its state (moment
/// estimates, step count) round-trips through `state()`/`restore` so training resumes exactly.
public protocol Optimizer: AnyObject {
    /// "adam", "adagrad", "sgd": names its saved state, so a checkpoint restores only into its kind.
    var name: String { get }
    var learningRate: Double { get set }
    /// Applies one update from the current gradients.
    func step() throws
    /// Tensors by name plus scalar settings, for checkpoints.
    func state() throws -> OptimizerState
    func restore(_ state: OptimizerState) throws
}

public struct OptimizerState: Equatable {
    public var name: String
    public var scalars: [String: String]
    public var tensors: [(name: String, tensor: HostTensor)]

    public init(name: String, scalars: [String: String], tensors: [(name: String, tensor: HostTensor)]) {
        self.name = name
        self.scalars = scalars
        self.tensors = tensors
    }

    public static func == (a: OptimizerState, b: OptimizerState) -> Bool {
        a.name == b.name && a.scalars == b.scalars && a.tensors.count == b.tensors.count
            && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
    }
}

extension Optimizer {
    /// Clears every trainable tensor's gradient before the next backward pass.
    public func zeroGrad(_ store: ParameterStore) throws {
        for tensor in store.trainable { try tensor.clearGrad() }
    }
}

/// Per-parameter state tensors (one slot per trainable entry), shared by the optimisers below.
struct SlotTensors {
    let entries: [ParameterStore.Entry]
    let slotNames: [String]
    /// slots[s][i]: slot s of parameter i, created lazily like PyTorch's.
    var slots: [[Tensor?]]

    init(store: ParameterStore, slotNames: [String]) {
        entries = store.entries.filter(\.trainable)
        self.slotNames = slotNames
        slots = Array(repeating: Array(repeating: nil, count: entries.count), count: slotNames.count)
    }

    func export() throws -> [(name: String, tensor: HostTensor)] {
        var out: [(name: String, tensor: HostTensor)] = []
        for (s, slot) in slotNames.enumerated() {
            for (i, entry) in entries.enumerated() {
                if let tensor = slots[s][i] { out.append(("\(slot).\(entry.name)", try tensor.host())) }
            }
        }
        return out
    }

    /// A slot missing from `tensors` stays unset, as for a parameter that has had no gradient yet.
    mutating func restore(_ tensors: [(name: String, tensor: HostTensor)]) throws {
        let byName = Dictionary(tensors.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
        var known = Set<String>()
        for (s, slot) in slotNames.enumerated() {
            for (i, entry) in entries.enumerated() {
                let name = "\(slot).\(entry.name)"
                known.insert(name)
                guard let saved = byName[name] else { slots[s][i] = nil; continue }
                guard saved.shape == entry.tensor.shape else {
                    throw IOFailure("\(name) has shape \(saved.shape), its parameter \(entry.tensor.shape)")
                }
                slots[s][i] = try Tensor(saved).to(entry.tensor.dtype, device: entry.tensor.device)
            }
        }
        if let stray = tensors.first(where: { !known.contains($0.name) }) {
            throw IOFailure("\(stray.name) belongs to no parameter of this model")
        }
    }
}

func optimizerStep(_ state: OptimizerState) throws -> Int {
    guard let text = state.scalars["step"], let step = Int(text) else {
        throw EngineError(op: "optimizer", message: "saved \(state.name) state has no step count")
    }
    return step
}
