import Engine

/// Luo, Liu & Gao's ConvLSTM-AE (ICME 2017, ../shared/papers/convlstm-ae-luo2017.txt §3.2), as the
/// authors' Caffe net builds it (zachluo/convlstm_anomaly_detection, zstorm_conv_lstm_deconv/train.prototxt).
/// A ConvNet encodes each frame, x_t = f_c(X_t); a ConvLSTM remembers them, h_t = g(x_t, ..., x_1) with
/// h_0 = c_0 = 0; two DeconvNets read h_t back out: the current frame X^R_{t,t} = f_d^c(h_t) and the
/// previous one X^R_{t,t-1} = f_d^p(h_t).
///
///     layer        kernel  stride  pad  channels  then
///     conv1        7x7     4       3    128       ReLU
///     conv2        5x5     2       2    256       ReLU
///     conv3        3x3     2       1    512       ReLU
///     convlstm     3x3     1       1    512
///     deconv1      3x3     2       1    256       ReLU      } twice: "current" and "previous"
///     deconv2      5x5     2       2    128       ReLU      }
///     deconv3      7x7     4       3    C         tanh      }
///
/// Eq. (2): loss = 1/2 sum_t ||X_t - X^R_{t,t}||^2 + ||X_{t-1} - X^R_{t,t-1}||^2, the second term from
/// the second step on, averaged over the clips of a batch. Frames of 225x225 as twice their offset from
/// `input_centre` to match tanh: mid-grey by default ([-1, 1]), or the training clips' mean frame as the
/// authors' net subtracts its mean image (`train --subtract-mean`). AdaGrad, lr 0.01, batch 4 (§4.1);
/// Caffe's Xavier filler, zero biases, no forget bias.
public final class ConvLSTMAE: AnomalyModel {
    public static let name = "convlstm-ae"
    public static let paperConfig = ModelConfig(height: 225, width: 225)
    public static let defaultBatchSize = 4

    static let conv1 = Window(kernel: 7, stride: 4, padding: 3)
    static let conv2 = Window(kernel: 5, stride: 2, padding: 2)
    static let conv3 = Window(kernel: 3, stride: 2, padding: 1)

    /// One DeconvNet: the encoder flipped, ReLU between layers and tanh on the frame.
    private struct DeconvNet {
        let deconv1: ConvTranspose2d, deconv2: ConvTranspose2d, deconv3: ConvTranspose2d

        init(_ path: ParameterPath, plan: SizePlan, channels c: [Int]) throws {
            func layer(_ name: String, _ i: Int, _ window: Window) throws -> ConvTranspose2d {
                try ConvTranspose2d(path(name), mirroring: i, window, of: plan, c[i + 1], c[i], weightInit: caffeXavier(fanIn: c[i] * window.kernel * window.kernel))
            }
            deconv1 = try layer("deconv1", 2, ConvLSTMAE.conv3)
            deconv2 = try layer("deconv2", 1, ConvLSTMAE.conv2)
            deconv3 = try layer("deconv3", 0, ConvLSTMAE.conv1)
        }

        func callAsFunction(_ h: Tensor) throws -> Tensor {
            try deconv3(deconv2(deconv1(h).relu()).relu()).tanh()
        }
    }

    public let config: ModelConfig
    public let store: ParameterStore
    public var training = true
    public let inputCentre: Tensor?
    private let range: PixelRange
    private let conv1: Conv2d, conv2: Conv2d, conv3: Conv2d
    private let lstm: ConvLSTMCell
    private let current: DeconvNet, previous: DeconvNet

    public init(config: ModelConfig, device: Device) throws {
        try config.validate(model: Self.name)
        try device.checkAvailable()
        let plan = try SizePlan(model: Self.name, config: config, layers: [("conv1", Self.conv1), ("conv2", Self.conv2), ("conv3", Self.conv3)])
        self.config = config
        store = ParameterStore(device: device)
        let root = store.root
        let centre = try root.buffer("input_centre", [config.channels, config.height, config.width], value: 0.5)
        inputCentre = centre
        range = .centred(on: centre)
        // channels[i] feeds conv(i + 1); each DeconvNet walks back down the list.
        let c = [config.channels, config.scaled(128), config.scaled(256), config.scaled(512)]
        func conv(_ name: String, _ i: Int, _ window: Window) throws -> Conv2d {
            try Conv2d(root(name), window, c[i], c[i + 1], weightInit: caffeXavier(fanIn: c[i] * window.kernel * window.kernel))
        }

        conv1 = try conv("conv1", 0, Self.conv1)
        conv2 = try conv("conv2", 1, Self.conv2)
        conv3 = try conv("conv3", 2, Self.conv3)
        // Caffe's W_xc and W_hc both see 512 channels, so one filler covers the joint [x, h] weight.
        lstm = try convLSTM(root("convlstm"), input: c[3], hidden: c[3], weightInit: caffeXavier(fanIn: c[3] * 9), forgetBias: 0)
        current = try DeconvNet(root("current"), plan: plan, channels: c)
        previous = try DeconvNet(root("previous"), plan: plan, channels: c)
    }

    /// X^R_{t,t} for every step [B, T, C, H, W], and X^R_{t,t-1} for steps 2...T [B, T-1, C, H, W]
    /// (nil for one-frame clips), in the input's space (`prepare`).
    private func forward(_ clips: Tensor) throws -> (current: Tensor, previous: Tensor?) {
        try config.check(clips, model: Self.name, fixedLength: false)
        let steps = clips.shape[1]
        let x = try perFrame(clips) { try conv3(conv2(conv1($0).relu()).relu()).relu() }
        let h = try lstm.sequence(x).outputs
        let now = try perFrame(h) { try current($0) }
        let before = steps > 1 ? try perFrame(h.sliced(dim: 1, 1..<steps)) { try previous($0) } : nil
        return (now, before)
    }

    public func makeOptimizer(learningRate: Double?) throws -> Optimizer {
        Adagrad(store, learningRate: learningRate ?? 0.01, eps: 1e-8)  // Caffe's AdaGrad delta
    }

    public func prepare(_ pixels: Tensor) throws -> Tensor { try range.prepare(pixels, device: store.device) }

    public func loss(_ clips: Tensor) throws -> Tensor {
        let (now, before) = try forward(clips)
        let s = clips.shape
        var squares = try Loss.mse(now, clips, reduction: .sum)
        if let before { squares = try squares + Loss.mse(before, clips.sliced(dim: 1, 0..<(s[1] - 1)), reduction: .sum) }
        return try squares * (0.5 / Double(s[0]))
    }

    public func reconstruct(_ clips: Tensor) throws -> [String: Tensor] {
        try Runtime.withoutGrad {
            let (now, before) = try forward(clips)
            let s = clips.shape
            let none = try Tensor.zeros([s[0], 1, s[2], s[3], s[4]], device: store.device)
            let previousFrames = try before.map { try Tensor.cat([none, range.toUnit($0)], dim: 1) } ?? none
            return ["recon": try range.toUnit(now), "recon_prev": previousFrames]
        }
    }
}
