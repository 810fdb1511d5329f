import Engine

/// Chong & Tay's spatiotemporal autoencoder (ISNN 2017, Table 1) as the Ped1 tutorial trains it
/// (../shared/papers/convlstm-autoencoder-ucsd-ped1-tutorial.txt): a spatial encoder on every frame,
/// ConvLSTMs for the motion, and a spatial decoder mirroring the encoder.
///
///     layer      kernel  stride  channels  then
///     conv1      11x11   4       128       layer norm
///     conv2      5x5     2       64        layer norm
///     convlstm1  3x3     1       64        layer norm
///     convlstm2  3x3     1       32        layer norm
///     convlstm3  3x3     1       64        layer norm
///     deconv1    5x5     2       128       layer norm
///     deconv2    11x11   4       C         sigmoid
///
/// Clips of 10 frames of 256x256 scaled to [0, 1]; loss: mean squared error (Keras' "mse");
/// Adam, lr 1e-4, eps 1e-6; Xavier (Glorot uniform) weights, zero biases, forget bias 1 (Keras' defaults).
public final class STAE: AnomalyModel {
    public static let name = "stae"
    public static let paperConfig = ModelConfig(height: 256, width: 256)
    public static let defaultBatchSize = 4

    // Keras' "same" padding for 256 (64 -> 32) with symmetric padding; see docs/models.md.
    static let conv1 = Window(kernel: 11, stride: 4, padding: 4)
    static let conv2 = Window(kernel: 5, stride: 2, padding: 2)

    public let config: ModelConfig
    public let store: ParameterStore
    public var training = true
    private let range = PixelRange.unit
    private let conv1: Conv2d, norm1: ChannelNorm, conv2: Conv2d, norm2: ChannelNorm
    private let lstms: NormedConvLSTMStack
    private let deconv1: ConvTranspose2d, norm3: ChannelNorm, deconv2: ConvTranspose2d

    public init(config: ModelConfig, device: Device) throws {
        try config.validate(model: Self.name)
        try device.checkAvailable()
        let plan = try SizePlan(model: Self.name, config: config, layers: [("conv1", Self.conv1), ("conv2", Self.conv2)])
        self.config = config
        store = ParameterStore(device: device)
        let root = store.root, xavier = Initializer.xavierUniform()
        let c = config.channels, c128 = config.scaled(128), c64 = config.scaled(64), c32 = config.scaled(32)

        conv1 = try Conv2d(root("conv1"), Self.conv1, c, c128, weightInit: xavier)
        norm1 = try ChannelNorm(root("norm1"), channels: c128)
        conv2 = try Conv2d(root("conv2"), Self.conv2, c128, c64, weightInit: xavier)
        norm2 = try ChannelNorm(root("norm2"), channels: c64)
        lstms = try NormedConvLSTMStack(root, input: c64, widths: [c64, c32, c64], weightInit: xavier, forgetBias: 1)
        deconv1 = try ConvTranspose2d(root("deconv1"), mirroring: 1, Self.conv2, of: plan, c64, c128, weightInit: xavier)
        norm3 = try ChannelNorm(root("norm3"), channels: c128)
        deconv2 = try ConvTranspose2d(root("deconv2"), mirroring: 0, Self.conv1, of: plan, c128, c, weightInit: xavier)
    }

    /// Clips in [0, 1] to their reconstructions in [0, 1].
    private func forward(_ clips: Tensor) throws -> Tensor {
        try config.check(clips, model: Self.name, fixedLength: false)
        let features = try perFrame(clips) { try norm2(conv2(norm1(conv1($0)))) }
        return try perFrame(lstms(features)) { try deconv2(norm3(deconv1($0))).sigmoid() }
    }

    public func makeOptimizer(learningRate: Double?) throws -> Optimizer {
        Adam(store, learningRate: learningRate ?? 1e-4, eps: 1e-6)
    }

    public func prepare(_ pixels: Tensor) throws -> Tensor { try range.prepare(pixels, device: store.device) }

    public func loss(_ clips: Tensor) throws -> Tensor { try Loss.mse(forward(clips), clips) }

    public func reconstruct(_ clips: Tensor) throws -> [String: Tensor] {
        try Runtime.withoutGrad { ["recon": try range.toUnit(forward(clips))] }
    }
}
