import Engine
import Foundation
import Models
import TensorStream

/// Runs a trained model over clip records, without autograd, in batches. Each output record keeps
/// the clip's metadata and holds `input` (the u8 clip) and every reconstruction the model makes
/// (`recon`, and `recon_prev` for convlstm-ae), f32 in [0, 1].
public final class Reconstructor {
    public let model: AnomalyModel
    private let device: Device

    public init(checkpoint path: String, device: Device) throws {
        let saved = try Checkpoint.read(from: path)
        do {
            model = try ModelRegistry.make(name: saved.model, config: try ModelConfig(hyperParameters: saved.hyperParameters), device: device)
        } catch {
            throw IOFailure("\(path): \(error)")
        }
        try saved.restore(into: model.store, optimizer: nil, source: path)
        model.training = false
        self.device = device
    }

    /// Reconstructs a batch of clip records.
    public func reconstruct(_ records: [Record], source: String) throws -> [Record] {
        guard !records.isEmpty else { return [] }
        let clips = try records.map { record -> HostTensor in
            let clip = try FrameRecord.clip(of: record, in: source)
            let expected = [model.config.clipLength, model.config.channels, model.config.height, model.config.width]
            guard clip.shape == expected else {
                // What to cut instead, in the options of the programs that make clips.
                let frames = "frames-extract --size \(model.config.width)x\(model.config.height) \(model.config.channels == 1 ? "--gray" : "--rgb")"
                throw IOFailure("\(source): clip shape \(clip.shape) does not match the model's \(expected) (T, C, H, W): "
                    + "it takes frames from \(frames), cut by augment-strides -T \(model.config.clipLength)")
            }
            return clip
        }
        let batch = HostTensor(u8: clips.flatMap(\.bytes), shape: [clips.count] + clips[0].shape)
        let outputs = try Runtime.withoutGrad {
            try model.reconstruct(model.prepare(Tensor(batch).to(device: device)))
        }
        var hostOutputs: [(String, HostTensor)] = []
        for name in outputs.keys.sorted() { hostOutputs.append((name, try outputs[name]!.to(.f32, device: .cpu).host())) }
        return records.enumerated().map { i, record in
            var out = Record(tensors: [("input", clips[i])], metadata: record.metadata)
            for (name, tensor) in hostOutputs {
                let size = tensor.bytes.count / tensor.shape[0]
                out.tensors.append((name, HostTensor(dtype: .f32, shape: Array(tensor.shape.dropFirst()),
                                                     bytes: Array(tensor.bytes[(i * size)..<((i + 1) * size)]))))
            }
            return out
        }
    }
}
