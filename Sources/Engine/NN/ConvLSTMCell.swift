/// Shi et al.'s convolutional LSTM cell (no peepholes). One convolution over [x, h] yields all four
/// gates at once, which is what makes it fast:
///
///     [i, f, g, o] = W * [x_t, h_{t-1}] + b
///     c_t = sigmoid(f) . c_{t-1} + sigmoid(i) . tanh(g)
///     h_t = sigmoid(o) . tanh(c_t)
public struct ConvLSTMCell {
    public struct State {
        public var hidden: Tensor
        public var cell: Tensor
        public init(hidden: Tensor, cell: Tensor) {
            self.hidden = hidden
            self.cell = cell
        }
    }

    public let gates: Conv2d
    public let hiddenChannels: Int

    /// `forgetBias` is added to the forget gate's bias at initialisation (Keras' unit_forget_bias uses 1).
    public init(_ path: ParameterPath, inputChannels: Int, hiddenChannels: Int, kernel: Int = 3,
                weightInit: Initializer = .torchDefault, forgetBias: Double = 0) throws {
        gates = try Conv2d(path("gates"), inChannels: inputChannels + hiddenChannels, outChannels: 4 * hiddenChannels,
                           kernel: (kernel, kernel), padding: (kernel / 2, kernel / 2), weightInit: weightInit)
        self.hiddenChannels = hiddenChannels
        if forgetBias != 0, let bias = gates.bias {
            try Runtime.withoutGrad {
                try bias.sliced(dim: 0, forgetGate).add(Tensor.full([hiddenChannels], forgetBias, dtype: bias.dtype, device: bias.device))
            }
        }
    }

    /// The forget gate's channels among the gate convolution's outputs, [i, f, g, o].
    public var forgetGate: Range<Int> { hiddenChannels..<(2 * hiddenChannels) }

    /// Zero state for a batch of inputs of spatial size height x width.
    public func zeroState(batch: Int, height: Int, width: Int, like reference: Tensor) throws -> State {
        let shape = [batch, hiddenChannels, height, width]
        return State(hidden: try .zeros(shape, dtype: reference.dtype, device: reference.device),
                     cell: try .zeros(shape, dtype: reference.dtype, device: reference.device))
    }

    public func callAsFunction(_ x: Tensor, _ state: State) throws -> State {
        let z = try gates(Tensor.cat([x, state.hidden], dim: 1))
        let g = try z.chunked(4, dim: 1)
        let cell = try g[1].sigmoid() * state.cell + g[0].sigmoid() * g[2].tanh()
        let hidden = try g[3].sigmoid() * cell.tanh()
        return State(hidden: hidden, cell: cell)
    }

    /// Runs the cell over a sequence [B, T, C, H, W] from `state` (zero if nil); returns every step's
    /// hidden state as [B, T, hidden, H, W] and the final state.
    public func sequence(_ xs: Tensor, from state: State? = nil) throws -> (outputs: Tensor, state: State) {
        let s = xs.shape
        var current = try state ?? zeroState(batch: s[0], height: s[3], width: s[4], like: xs)
        var outputs: [Tensor] = []
        outputs.reserveCapacity(s[1])
        for t in 0..<s[1] {
            current = try self(xs.select(dim: 1, t), current)
            outputs.append(current.hidden)
        }
        return (try Tensor.stack(outputs, dim: 1), current)
    }
}
