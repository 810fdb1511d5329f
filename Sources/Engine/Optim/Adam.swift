import Foundation

/// Kingma & Ba's Adam, with optional L2 weight decay added to the gradient (as PyTorch's Adam):
///
///     g <- g + decay * p
///     m <- b1 m + (1 - b1) g          v <- b2 v + (1 - b2) g^2
///     p <- p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
public final class Adam: Optimizer {
    public let name = "adam"
    public var learningRate: Double
    public let beta1: Double, beta2: Double, eps: Double, weightDecay: Double
    public private(set) var stepCount = 0
    private var moments: SlotTensors

    public init(_ store: ParameterStore, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                eps: Double = 1e-8, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
        moments = SlotTensors(store: store, slotNames: ["exp_avg", "exp_avg_sq"])
    }

    public func step() throws {
        stepCount += 1
        let correction1 = 1 - Foundation.pow(beta1, Double(stepCount))
        let correction2 = 1 - Foundation.pow(beta2, Double(stepCount))
        try Runtime.withoutGrad {
            for (i, entry) in moments.entries.enumerated() {
                guard var g = try entry.tensor.grad else { continue }
                let p = entry.tensor
                if weightDecay != 0 { g = try g + p * weightDecay }
                let m = try moments.slots[0][i] ?? .zeros(p.shape, dtype: p.dtype, device: p.device)
                let v = try moments.slots[1][i] ?? .zeros(p.shape, dtype: p.dtype, device: p.device)
                moments.slots[0][i] = m
                moments.slots[1][i] = v
                try m.scale(by: beta1)
                try m.add(g, alpha: 1 - beta1)
                try v.scale(by: beta2)
                try v.addProduct(g, g, value: 1 - beta2)
                let denominator = try v.sqrt() / Foundation.sqrt(correction2) + eps
                try p.addQuotient(m, denominator, value: -learningRate / correction1)
            }
        }
    }

    public func state() throws -> OptimizerState {
        OptimizerState(name: name, scalars: ["step": String(stepCount)], tensors: try moments.export())
    }

    public func restore(_ state: OptimizerState) throws {
        stepCount = try optimizerStep(state)
        try moments.restore(state.tensors)
    }
}
