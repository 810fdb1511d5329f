import Engine

/// Hasan et al.'s fully convolutional autoencoder (CVPR 2016, "Learning Temporal Regularity in Video
/// Sequences", §3.2), the Conv-AE baseline of Luo et al.'s Table 1: the T frames of a clip are stacked as
/// input channels and reconstructed together, so there is no recurrence.
///
///     layer    kernel  stride  pad  channels  then
///     conv1    11x11   4       0    512       ReLU, max pool 2x2
///     conv2    5x5     1       2    256       ReLU, max pool 2x2
///     conv3    3x3     1       1    128       ReLU
///     deconv3  3x3     1       1    256       ReLU, unpool (nearest upsampling to conv2's size)
///     deconv2  5x5     1       2    512       ReLU, unpool (to conv1's size)
///     deconv1  11x11   4       0    T*C       sigmoid
///
/// At 227x227: 55 -> 27 -> 27 -> 13 -> 13 and back. Loss: 1/(2B) sum ||X - f(X)||^2 over the batch;
/// AdaGrad, lr 0.01, batch 4, Xavier (Caffe) weights, frames in [0, 1] (choices in docs/models.md).
public final class ConvAE: AnomalyModel {
    public static let name = "conv-ae"
    public static let paperConfig = ModelConfig(height: 227, width: 227)
    public static let defaultBatchSize = 4

    static let conv1 = Window(kernel: 11, stride: 4)
    static let pool = Window(kernel: 2, stride: 2)
    static let conv2 = Window(kernel: 5, padding: 2)
    static let conv3 = Window(kernel: 3, padding: 1)

    public let config: ModelConfig
    public let store: ParameterStore
    public var training = true
    private let range = PixelRange.unit
    private let plan: SizePlan
    private let conv1: Conv2d, conv2: Conv2d, conv3: Conv2d
    private let deconv3: ConvTranspose2d, deconv2: ConvTranspose2d, deconv1: ConvTranspose2d

    public init(config: ModelConfig, device: Device) throws {
        try config.validate(model: Self.name)
        try device.checkAvailable()
        let plan = try SizePlan(model: Self.name, config: config, layers: [
            ("conv1", Self.conv1), ("pool1", Self.pool), ("conv2", Self.conv2), ("pool2", Self.pool), ("conv3", Self.conv3),
        ])
        self.plan = plan
        self.config = config
        store = ParameterStore(device: device)
        let root = store.root
        let c = [config.clipLength * config.channels, config.scaled(512), config.scaled(256), config.scaled(128)]
        func conv(_ name: String, _ window: Window, _ inputs: Int, _ outputs: Int) throws -> Conv2d {
            try Conv2d(root(name), window, inputs, outputs, weightInit: caffeXavier(fanIn: inputs * window.kernel * window.kernel))
        }
        func deconv(_ name: String, mirroring i: Int, _ window: Window, _ inputs: Int, _ outputs: Int) throws -> ConvTranspose2d {
            try ConvTranspose2d(root(name), mirroring: i, window, of: plan, inputs, outputs,
                                weightInit: caffeXavier(fanIn: outputs * window.kernel * window.kernel))
        }

        conv1 = try conv("conv1", Self.conv1, c[0], c[1])
        conv2 = try conv("conv2", Self.conv2, c[1], c[2])
        conv3 = try conv("conv3", Self.conv3, c[2], c[3])
        deconv3 = try deconv("deconv3", mirroring: 4, Self.conv3, c[3], c[2])
        deconv2 = try deconv("deconv2", mirroring: 2, Self.conv2, c[2], c[1])
        deconv1 = try deconv("deconv1", mirroring: 0, Self.conv1, c[1], c[0])
    }

    /// Clips in [0, 1] to their reconstructions in [0, 1].
    private func forward(_ clips: Tensor) throws -> Tensor {
        try config.check(clips, model: Self.name, fixedLength: true)
        let s = clips.shape
        let stacked = try clips.reshaped([s[0], s[1] * s[2], s[3], s[4]])
        let pool = (Self.pool.kernel, Self.pool.kernel)
        let code = try conv3(conv2(conv1(stacked).relu().maxPool2d(kernel: pool)).relu().maxPool2d(kernel: pool)).relu()
        // plan.sizes[3] and [1]: the maps before pool2 and pool1, which unpooling restores.
        let up2 = try deconv3(code).relu().interpolated(height: plan.sizes[3].height, width: plan.sizes[3].width, mode: .nearest)
        let up1 = try deconv2(up2).relu().interpolated(height: plan.sizes[1].height, width: plan.sizes[1].width, mode: .nearest)
        return try deconv1(up1).sigmoid().reshaped(s)
    }

    public func makeOptimizer(learningRate: Double?) throws -> Optimizer {
        Adagrad(store, learningRate: learningRate ?? 0.01, eps: 1e-8)
    }

    public func prepare(_ pixels: Tensor) throws -> Tensor { try range.prepare(pixels, device: store.device) }

    public func loss(_ clips: Tensor) throws -> Tensor {
        try Loss.mse(forward(clips), clips, reduction: .sum) * (0.5 / Double(clips.shape[0]))
    }

    public func reconstruct(_ clips: Tensor) throws -> [String: Tensor] {
        try Runtime.withoutGrad { ["recon": try range.toUnit(forward(clips))] }
    }
}
