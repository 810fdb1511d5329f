import Foundation

/// How a new parameter is filled. Fans follow PyTorch's convention: dimension 1 times the receptive
/// field is fan-in, dimension 0 times it is fan-out.
public enum Initializer: Sendable {
    case zeros
    case constant(Double)
    case uniform(Double, Double)
    case normal(std: Double)
    /// Glorot & Bengio: U(-a, a), a = gain * sqrt(6 / (fanIn + fanOut)).
    case xavierUniform(gain: Double = 1)
    /// Glorot & Bengio: N(0, gain^2 * 2 / (fanIn + fanOut)).
    case xavierNormal(gain: Double = 1)
    /// He et al. for ReLU: U(-b, b), b = sqrt(2) * sqrt(3 / fanIn).
    case kaimingUniform
    /// He et al. for ReLU: N(0, 2 / fanIn).
    case kaimingNormal
    /// PyTorch's default for conv and linear weights: kaiming-uniform with a = sqrt(5), i.e. U(+-1/sqrt(fanIn)).
    case torchDefault
    /// PyTorch's default for conv and linear biases: U(+-1/sqrt(fanIn)) with the weight's fan-in.
    case torchDefaultBias(fanIn: Int)

    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else { return (shape.first ?? 1, shape.first ?? 1) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// Fills `tensor` in place from libtorch's seeded generator.
    public func fill(_ tensor: Tensor) throws {
        let (fanIn, fanOut) = Self.fans(tensor.shape)
        try Runtime.withoutGrad {
            switch self {
            case .zeros: try tensor.fill(0)
            case .constant(let value): try tensor.fill(value)
            case .uniform(let lower, let upper): try tensor.fillUniform(lower, upper)
            case .normal(let std): try tensor.fillNormal(std: std)
            case .xavierUniform(let gain):
                let a = gain * Foundation.sqrt(6.0 / Double(fanIn + fanOut))
                try tensor.fillUniform(-a, a)
            case .xavierNormal(let gain): try tensor.fillNormal(std: gain * Foundation.sqrt(2.0 / Double(fanIn + fanOut)))
            case .kaimingUniform:
                let b = Foundation.sqrt(6.0 / Double(fanIn))
                try tensor.fillUniform(-b, b)
            case .kaimingNormal: try tensor.fillNormal(std: Foundation.sqrt(2.0 / Double(fanIn)))
            case .torchDefault:
                let b = 1 / Foundation.sqrt(Double(fanIn))
                try tensor.fillUniform(-b, b)
            case .torchDefaultBias(let weightFanIn):
                let b = weightFanIn > 0 ? 1 / Foundation.sqrt(Double(weightFanIn)) : 0
                try tensor.fillUniform(-b, b)
            }
        }
    }
}
