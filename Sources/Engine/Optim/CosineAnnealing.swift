import Foundation

/// Loshchilov & Hutter's cosine annealing without restarts:
///     lr(t) = min + (base - min) (1 + cos(pi t / T)) / 2, held at `min` after T steps.
public struct CosineAnnealing: Sendable {
    public let baseRate: Double
    public let minimumRate: Double
    public let totalSteps: Int

    public init(baseRate: Double, minimumRate: Double = 0, totalSteps: Int) {
        self.baseRate = baseRate
        self.minimumRate = minimumRate
        self.totalSteps = totalSteps
    }

    public func rate(atStep t: Int) -> Double {
        guard totalSteps > 0, t < totalSteps else { return minimumRate }
        return minimumRate + (baseRate - minimumRate) * (1 + Foundation.cos(Double.pi * Double(t) / Double(totalSteps))) / 2
    }
}
