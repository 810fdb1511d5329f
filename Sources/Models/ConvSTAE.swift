import Engine

/// Nayak, Pati & Das's convolutional spatiotemporal autoencoder (../shared/papers/convstae-nayak.txt):
/// "three layers of the convolutional layers", a "three-layer" ConvLSTM temporal encoder-decoder and
/// "three layers of deconvolutional layers" (§III-B1). The text we have lost Fig. 1's sizes, so the
/// layers extend the networks it says it improves on ([6] Chong & Tay, [13] the Ped1 tutorial) by a
/// third, size-keeping 3x3 convolution and its mirror; docs/models.md gives the reasoning.
///
///     layer      kernel  stride  channels  then
///     conv1      11x11   4       128       layer norm
///     conv2      5x5     2       64        layer norm
///     conv3      3x3     1       32        layer norm
///     convlstm1  3x3     1       64        layer norm
///     convlstm2  3x3     1       32        layer norm
///     convlstm3  3x3     1       64        layer norm
///     deconv1    3x3     1       64        layer norm
///     deconv2    5x5     2       128       layer norm
///     deconv3    11x11   4       C         sigmoid
///
/// Grey clips of T = 10 frames in [0, 1] (§III-A, §III-B1); loss: mean squared error, eq. (1) over the
/// batch; Adam, lr 1e-5, betas 0.9 and 0.999 (§III-B2, §IV-C), Keras' eps 1e-7; batch 3; Xavier weights.
public final class ConvSTAE: AnomalyModel {
    public static let name = "convstae"
    public static let paperConfig = ModelConfig(height: 256, width: 256)
    public static let defaultBatchSize = 3

    static let conv1 = Window(kernel: 11, stride: 4, padding: 4)
    static let conv2 = Window(kernel: 5, stride: 2, padding: 2)
    static let conv3 = Window(kernel: 3, stride: 1, padding: 1)

    public let config: ModelConfig
    public let store: ParameterStore
    public var training = true
    private let range = PixelRange.unit
    private let conv1: Conv2d, norm1: ChannelNorm, conv2: Conv2d, norm2: ChannelNorm, conv3: Conv2d, norm3: ChannelNorm
    private let lstms: NormedConvLSTMStack
    private let deconv1: ConvTranspose2d, norm4: ChannelNorm, deconv2: ConvTranspose2d, norm5: ChannelNorm, deconv3: ConvTranspose2d

    public init(config: ModelConfig, device: Device) throws {
        try config.validate(model: Self.name)
        try device.checkAvailable()
        let plan = try SizePlan(model: Self.name, config: config, layers: [("conv1", Self.conv1), ("conv2", Self.conv2), ("conv3", Self.conv3)])
        self.config = config
        store = ParameterStore(device: device)
        let root = store.root, xavier = Initializer.xavierUniform()
        let c = config.channels, c128 = config.scaled(128), c64 = config.scaled(64), c32 = config.scaled(32)

        conv1 = try Conv2d(root("conv1"), Self.conv1, c, c128, weightInit: xavier)
        norm1 = try ChannelNorm(root("norm1"), channels: c128)
        conv2 = try Conv2d(root("conv2"), Self.conv2, c128, c64, weightInit: xavier)
        norm2 = try ChannelNorm(root("norm2"), channels: c64)
        conv3 = try Conv2d(root("conv3"), Self.conv3, c64, c32, weightInit: xavier)
        norm3 = try ChannelNorm(root("norm3"), channels: c32)
        lstms = try NormedConvLSTMStack(root, input: c32, widths: [c64, c32, c64], weightInit: xavier, forgetBias: 1)
        deconv1 = try ConvTranspose2d(root("deconv1"), mirroring: 2, Self.conv3, of: plan, c64, c64, weightInit: xavier)
        norm4 = try ChannelNorm(root("norm4"), channels: c64)
        deconv2 = try ConvTranspose2d(root("deconv2"), mirroring: 1, Self.conv2, of: plan, c64, c128, weightInit: xavier)
        norm5 = try ChannelNorm(root("norm5"), channels: c128)
        deconv3 = try ConvTranspose2d(root("deconv3"), mirroring: 0, Self.conv1, of: plan, c128, c, weightInit: xavier)
    }

    /// Clips in [0, 1] to their reconstructions in [0, 1].
    private func forward(_ clips: Tensor) throws -> Tensor {
        try config.check(clips, model: Self.name, fixedLength: false)
        let features = try perFrame(clips) { try norm3(conv3(norm2(conv2(norm1(conv1($0)))))) }
        return try perFrame(lstms(features)) { try deconv3(norm5(deconv2(norm4(deconv1($0))))).sigmoid() }
    }

    public func makeOptimizer(learningRate: Double?) throws -> Optimizer {
        Adam(store, learningRate: learningRate ?? 1e-5, beta1: 0.9, beta2: 0.999, eps: 1e-7)
    }

    public func prepare(_ pixels: Tensor) throws -> Tensor { try range.prepare(pixels, device: store.device) }

    public func loss(_ clips: Tensor) throws -> Tensor { try Loss.mse(forward(clips), clips) }

    public func reconstruct(_ clips: Tensor) throws -> [String: Tensor] {
        try Runtime.withoutGrad { ["recon": try range.toUnit(forward(clips))] }
    }
}
