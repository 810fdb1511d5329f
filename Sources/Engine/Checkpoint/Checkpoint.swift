import Foundation
import TensorStream

/// A training snapshot as one safetensors file: the model's tensors under `model.`, the optimiser's
/// under `optimizer.`, libtorch's CPU generator state as `rng.cpu`, and in `__metadata__` the model
/// name, its hyper-parameters (JSON), the optimiser's name and scalars (JSON), epoch and step.
/// Because it is a single record of the tensor stream format, `tensor-info` reads it too.
public struct Checkpoint: Equatable {
    public var model: String
    public var hyperParameters: [String: String]
    public var epoch: Int
    public var step: Int
    public var parameters: [(name: String, tensor: HostTensor)]
    public var optimizer: OptimizerState?
    public var randomState: HostTensor?

    public init(model: String, hyperParameters: [String: String], epoch: Int, step: Int,
                parameters: [(name: String, tensor: HostTensor)], optimizer: OptimizerState? = nil, randomState: HostTensor? = nil) {
        self.model = model
        self.hyperParameters = hyperParameters
        self.epoch = epoch
        self.step = step
        self.parameters = parameters
        self.optimizer = optimizer
        self.randomState = randomState
    }

    /// Captures a store, an optimiser and the CPU generator.
    public static func capture(model: String, hyperParameters: [String: String], epoch: Int, step: Int,
                               store: ParameterStore, optimizer: Optimizer?) throws -> Checkpoint {
        Checkpoint(model: model, hyperParameters: hyperParameters, epoch: epoch, step: step, parameters: try store.snapshot(),
                   optimizer: try optimizer?.state(), randomState: try Runtime.cpuRandomState().host())
    }

    /// Puts saved values back into a store, an optimiser and the CPU generator.
    /// Refuses an optimiser of another kind before touching anything: its state would not carry over.
    public func restore(into store: ParameterStore, optimizer: Optimizer?, source: String) throws {
        if let optimizer, let saved = self.optimizer, saved.name != optimizer.name {
            throw IOFailure("\(source): was trained with \(saved.name), not \(optimizer.name)")
        }
        try store.load(Dictionary(parameters.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a }), source: source)
        if let optimizer, let saved = self.optimizer {
            do { try optimizer.restore(saved) } catch { throw IOFailure("\(source): \(saved.name) state: \(error)") }
        }
        if let randomState {
            do { try Runtime.setCPURandomState(Tensor(randomState)) } catch {
                throw IOFailure("\(source): rng.cpu (\(randomState.dtype) \(randomState.shape)) is not libtorch's CPU generator state")
            }
        }
    }

    public static func == (a: Checkpoint, b: Checkpoint) -> Bool { a.record == b.record }

    var record: Record {
        var record = Record(metadata: [
            "vadkit.kind": "checkpoint",
            "vadkit.model": model,
            "vadkit.hparams": Self.json(hyperParameters),
            "vadkit.epoch": String(epoch),
            "vadkit.step": String(step),
        ])
        record.tensors = parameters.map { ("model.\($0.name)", $0.tensor) }
        if let optimizer {
            record.metadata["vadkit.optimizer"] = optimizer.name
            record.metadata["vadkit.optimizer.scalars"] = Self.json(optimizer.scalars)
            record.tensors += optimizer.tensors.map { ("optimizer.\($0.name)", $0.tensor) }
        }
        if let randomState { record.tensors.append(("rng.cpu", randomState)) }
        return record
    }

    /// Writes atomically: a reader never sees a half-written checkpoint, and a crash leaves the
    /// previous one in place.
    public func write(to path: String) throws {
        let output = try OutputFile(path: path)
        try RecordWriter(output).write(record)
        try output.commit()
    }

    public static func read(from path: String) throws -> Checkpoint {
        let reader = try RecordReader(path: path)
        guard let record = try reader.read() else { throw IOFailure("\(path): empty file, not a checkpoint") }
        let meta = record.metadata
        func fail(_ problem: String) -> IOFailure { IOFailure("\(path): not a VADKit checkpoint: \(problem)") }
        guard meta["vadkit.kind"] == "checkpoint", let model = meta["vadkit.model"] else { throw fail("no vadkit.model in metadata") }
        guard try reader.read() == nil else { throw IOFailure("\(path): holds more than one record; a checkpoint is one") }
        guard let epoch = meta["vadkit.epoch"].flatMap(Int.init), let step = meta["vadkit.step"].flatMap(Int.init) else {
            throw fail("no epoch or step")
        }
        guard let hyper = decodeJSON(meta["vadkit.hparams"] ?? "{}") else { throw fail("bad vadkit.hparams") }
        var parameters: [(name: String, tensor: HostTensor)] = []
        var optimizerTensors: [(name: String, tensor: HostTensor)] = []
        var randomState: HostTensor?
        for (name, tensor) in record.tensors {
            if name.hasPrefix("model.") {
                parameters.append((String(name.dropFirst(6)), tensor))
            } else if name.hasPrefix("optimizer.") {
                optimizerTensors.append((String(name.dropFirst(10)), tensor))
            } else if name == "rng.cpu" {
                randomState = tensor
            }
        }
        var optimizer: OptimizerState?
        if let name = meta["vadkit.optimizer"] {
            guard let scalars = decodeJSON(meta["vadkit.optimizer.scalars"] ?? "{}") else { throw fail("bad optimizer scalars") }
            optimizer = OptimizerState(name: name, scalars: scalars, tensors: optimizerTensors)
        }
        return Checkpoint(model: model, hyperParameters: hyper, epoch: epoch, step: step, parameters: parameters,
                          optimizer: optimizer, randomState: randomState)
    }

    private static func json(_ values: [String: String]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func decodeJSON(_ text: String) -> [String: String]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: String]
    }
}
