import Engine

/// Runs a per-frame network on every frame of [B, T, C, H, W] at once (Keras' TimeDistributed).
func perFrame(_ clips: Tensor, _ body: (Tensor) throws -> Tensor) throws -> Tensor {
    let s = clips.shape
    let frames = try body(clips.reshaped([s[0] * s[1], s[2], s[3], s[4]]))
    let o = frames.shape
    return try frames.reshaped([s[0], s[1], o[1], o[2], o[3]])
}

/// Keras' LayerNormalization on channels-last maps: each pixel's channel vector is normalised, then
/// scaled and shifted per channel (Keras' default eps 1e-3). Our maps are NCHW, so channels move last
/// and back.
struct ChannelNorm {
    let norm: LayerNorm

    init(_ path: ParameterPath, channels: Int) throws {
        norm = try LayerNorm(path, normalizedShape: [channels], eps: 1e-3)
    }

    func callAsFunction(_ x: Tensor) throws -> Tensor {
        try norm(x.permuted([0, 2, 3, 1])).permuted([0, 3, 1, 2])
    }
}

/// A 3x3 ConvLSTM whose gate biases start at zero, plus `forgetBias` on the forget gate (Keras'
/// unit_forget_bias adds 1; Caffe adds nothing).
func convLSTM(_ path: ParameterPath, input: Int, hidden: Int, weightInit: Initializer, forgetBias: Double) throws -> ConvLSTMCell {
    let cell = try ConvLSTMCell(path, inputChannels: input, hiddenChannels: hidden, kernel: 3, weightInit: weightInit)
    if let bias = cell.gates.bias {
        try Runtime.withoutGrad {
            try bias.fill(0)
            try bias.sliced(dim: 0, cell.forgetGate).fill(forgetBias)
        }
    }
    return cell
}

/// Caffe's "xavier" filler: U(-a, a) with a = sqrt(3 / fan-in), where fan-in is the weight blob's size over
/// its first dimension (input channels x kernel area for a convolution, output channels x kernel area
/// for a deconvolution, whose blob is [in, out, k, k]).
func caffeXavier(fanIn: Int) -> Initializer {
    let a = (3.0 / Double(fanIn)).squareRoot()
    return .uniform(-a, a)
}

extension Conv2d {
    /// A square convolution with the window's geometry and zero biases (as Keras and these Caffe nets start).
    init(_ path: ParameterPath, _ window: Window, _ inputs: Int, _ outputs: Int, weightInit: Initializer) throws {
        try self.init(path, inChannels: inputs, outChannels: outputs, kernel: (window.kernel, window.kernel),
                      stride: (window.stride, window.stride), padding: (window.padding, window.padding),
                      weightInit: weightInit, biasInit: .zeros)
    }
}

extension ConvTranspose2d {
    /// The transposed convolution undoing encoder layer `i` of `plan`: the same window, with the output
    /// padding that restores that layer's input size.
    init(_ path: ParameterPath, mirroring i: Int, _ window: Window, of plan: SizePlan, _ inputs: Int, _ outputs: Int,
         weightInit: Initializer) throws {
        try self.init(path, inChannels: inputs, outChannels: outputs, kernel: (window.kernel, window.kernel),
                      stride: (window.stride, window.stride), padding: (window.padding, window.padding),
                      outputPadding: plan.outputPadding(mirroring: i, window), weightInit: weightInit, biasInit: .zeros)
    }
}

/// ConvLSTM layers run one after another over the whole clip, each followed by a channel norm
/// (Chong & Tay's temporal encoder-decoder). Names: convlstm1, convlstm1_norm, convlstm2, ...
struct NormedConvLSTMStack {
    let layers: [(cell: ConvLSTMCell, norm: ChannelNorm)]

    init(_ path: ParameterPath, input: Int, widths: [Int], weightInit: Initializer, forgetBias: Double) throws {
        var layers: [(cell: ConvLSTMCell, norm: ChannelNorm)] = []
        var inputs = input
        for (i, hidden) in widths.enumerated() {
            layers.append((try convLSTM(path("convlstm\(i + 1)"), input: inputs, hidden: hidden, weightInit: weightInit, forgetBias: forgetBias),
                           try ChannelNorm(path("convlstm\(i + 1)_norm"), channels: hidden)))
            inputs = hidden
        }
        self.layers = layers
    }

    /// [B, T, C, H, W] features to the last layer's normalised hidden states, zero initial states.
    func callAsFunction(_ x: Tensor) throws -> Tensor {
        var x = x
        for (cell, norm) in layers { x = try perFrame(cell.sequence(x).outputs) { try norm($0) } }
        return x
    }
}
