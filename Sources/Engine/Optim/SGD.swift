/// Stochastic gradient descent with momentum and optional Nesterov look-ahead (PyTorch's form):
///
///     g <- g + decay * p
///     b <- momentum * b + (1 - dampening) g      (b = g on the first step)
///     g <- g + momentum * b  if nesterov, else b
///     p <- p - lr g
public final class SGD: Optimizer {
    public let name = "sgd"
    public var learningRate: Double
    public let momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
    public private(set) var stepCount = 0
    private var buffers: SlotTensors

    public init(_ store: ParameterStore, learningRate: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) throws {
        guard !nesterov || (momentum > 0 && dampening == 0) else {
            throw EngineError(op: "sgd", message: "Nesterov momentum needs momentum > 0 and no dampening")
        }
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        buffers = SlotTensors(store: store, slotNames: ["momentum"])
    }

    public func step() throws {
        stepCount += 1
        try Runtime.withoutGrad {
            for (i, entry) in buffers.entries.enumerated() {
                guard var g = try entry.tensor.grad else { continue }
                let p = entry.tensor
                if weightDecay != 0 { g = try g + p * weightDecay }
                if momentum != 0 {
                    let buffer: Tensor
                    if let existing = buffers.slots[0][i] {
                        buffer = existing
                        try buffer.scale(by: momentum)
                        try buffer.add(g, alpha: 1 - dampening)
                    } else {
                        buffer = try g.clone()
                        buffers.slots[0][i] = buffer
                    }
                    g = nesterov ? try g + buffer * momentum : buffer
                }
                try p.add(g, alpha: -learningRate)
            }
        }
    }

    public func state() throws -> OptimizerState {
        OptimizerState(name: name, scalars: ["step": String(stepCount)], tensors: try buffers.export())
    }

    public func restore(_ state: OptimizerState) throws {
        stepCount = try optimizerStep(state)
        try buffers.restore(state.tensors)
    }
}
