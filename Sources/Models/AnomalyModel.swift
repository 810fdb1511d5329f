import Engine

/// A video autoencoder trained on normal clips and scored by how badly it reconstructs new ones.
public protocol AnomalyModel: AnyObject {
    /// "stae", "convstae", "convlstm-ae", "conv-ae".
    static var name: String { get }
    /// The paper's sizes, for a GPU.
    static var paperConfig: ModelConfig { get }
    static var defaultBatchSize: Int { get }

    /// Builds the network with fresh weights from libtorch's seeded generator; throws when the config's
    /// frame size does not survive the strides.
    init(config: ModelConfig, device: Device) throws

    var config: ModelConfig { get }
    var store: ParameterStore { get }
    /// The paper's optimiser for this model's parameters (Adam/Adagrad with the paper's settings); lr overridable.
    func makeOptimizer(learningRate: Double?) throws -> Optimizer
    /// u8 pixels [B, T, C, H, W] (0...255) to the model's input space (e.g. [0,1] or [-1,1]), f32 on the model's device.
    func prepare(_ pixels: Tensor) throws -> Tensor
    /// Training loss (a scalar) for prepared clips [B, T, C, H, W].
    func loss(_ clips: Tensor) throws -> Tensor
    /// Reconstructions for prepared clips, mapped back to [0, 1] pixel space, by name:
    /// "recon" [B, T, C, H, W] always (the current frame's reconstruction at every step);
    /// convlstm-ae adds "recon_prev" [B, T, C, H, W] (step t's reconstruction of frame t-1; step 0 holds zeros).
    func reconstruct(_ clips: Tensor) throws -> [String: Tensor]
    /// Training vs evaluation behaviour (batch norm, if any).
    var training: Bool { get set }
    /// The frame [C, H, W] in [0, 1] that `prepare` centres the input on, saved with the model, for a
    /// model that can subtract the training footage's mean frame (`train --subtract-mean`); nil otherwise.
    var inputCentre: Tensor? { get }
}

extension AnomalyModel {
    public var inputCentre: Tensor? { nil }
}

/// The interval a model computes in: [0, 1] under a sigmoid output; under a tanh one, twice the
/// pixel's offset from a centre frame (mid-grey everywhere gives [-1, 1]; a mean frame, Caffe's mean
/// subtraction), so that a frame like the centre sits at 0.
enum PixelRange {
    case unit
    case centred(on: Tensor)

    /// 0 maps to the low end, 255 to the high end.
    func prepare(_ pixels: Tensor, device: Device) throws -> Tensor {
        let x = try pixels.to(.f32, device: device) / 255.0
        switch self {
        case .unit: return x
        case .centred(let centre): return try (x - centre) * 2.0
        }
    }

    func toUnit(_ x: Tensor) throws -> Tensor {
        switch self {
        case .unit: x
        case .centred(let centre): try x * 0.5 + centre
        }
    }
}

extension ModelConfig {
    /// Refuses clips of another frame size or channel count (and, for a model whose input layer is
    /// sized by T, another length) with the shapes in the message.
    func check(_ clips: Tensor, model: String, fixedLength: Bool) throws {
        let s = clips.shape
        let fits = s.count == 5 && s[2] == channels && s[3] == height && s[4] == width
            && (fixedLength ? s[1] == clipLength : s[1] >= 1)
        guard fits else {
            let expected = "[B,\(fixedLength ? String(clipLength) : "T"),\(channels),\(height),\(width)]"
            throw ModelError("\(model): clips are [\(s.map(String.init).joined(separator: ","))]; the model takes \(expected)")
        }
    }
}
