/// Duchi et al.'s Adagrad as PyTorch implements it:
///
///     g <- g + decay * p
///     s <- s + g^2
///     p <- p - lr / (1 + (t - 1) lrDecay) * g / (sqrt(s) + eps)
public final class Adagrad: Optimizer {
    public let name = "adagrad"
    public var learningRate: Double
    public let learningRateDecay: Double, weightDecay: Double, initialAccumulator: Double, eps: Double
    public private(set) var stepCount = 0
    private var sums: SlotTensors

    public init(_ store: ParameterStore, learningRate: Double = 0.01, learningRateDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulator: Double = 0, eps: Double = 1e-10) {
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.initialAccumulator = initialAccumulator
        self.eps = eps
        sums = SlotTensors(store: store, slotNames: ["sum"])
    }

    public func step() throws {
        stepCount += 1
        let rate = learningRate / (1 + Double(stepCount - 1) * learningRateDecay)
        try Runtime.withoutGrad {
            for (i, entry) in sums.entries.enumerated() {
                guard var g = try entry.tensor.grad else { continue }
                let p = entry.tensor
                if weightDecay != 0 { g = try g + p * weightDecay }
                let sum = try sums.slots[0][i] ?? .full(p.shape, initialAccumulator, dtype: p.dtype, device: p.device)
                sums.slots[0][i] = sum
                try sum.addProduct(g, g)
                try p.addQuotient(g, sum.sqrt() + eps, value: -rate)
            }
        }
    }

    public func state() throws -> OptimizerState {
        OptimizerState(name: name, scalars: ["step": String(stepCount)], tensors: try sums.export())
    }

    public func restore(_ state: OptimizerState) throws {
        stepCount = try optimizerStep(state)
        try sums.restore(state.tensors)
    }
}
