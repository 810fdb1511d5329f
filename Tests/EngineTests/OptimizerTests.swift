import Engine
import Foundation
import XCTest

/// Each optimiser against its update rule, worked in plain Double arithmetic.
final class OptimizerTests: XCTestCase {
    /// A one-parameter store with loss = sum(c * p), so the gradient is exactly c each step.
    private func setUp(_ initial: [Double]) throws -> (ParameterStore, Tensor) {
        let store = ParameterStore(dtype: .f64)
        let p = try store.root.parameter("p", [initial.count], .zeros)
        try Runtime.withoutGrad { try p.copy(from: Tensor(initial, shape: [initial.count])) }
        return (store, p)
    }

    private func gradientStep(_ p: Tensor, _ store: ParameterStore, _ optimizer: Optimizer, gradient: [Double]) throws {
        try optimizer.zeroGrad(store)
        try (p * Tensor(gradient, shape: [gradient.count])).sum().backward()
        try optimizer.step()
    }

    func testAdamFollowsItsUpdateRule() throws {
        let initial = [0.5, -1.0, 2.0]
        let (store, p) = try setUp(initial)
        let lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, decay = 0.1
        let adam = Adam(store, learningRate: lr, beta1: b1, beta2: b2, eps: eps, weightDecay: decay)
        var expected = initial, m = [0.0, 0, 0], v = [0.0, 0, 0]
        let gradients = [[1.0, -2.0, 0.5], [0.3, 0.3, -4.0], [-1.0, 0.0, 2.0], [2.0, 1.0, 1.0]]
        for (t, g) in gradients.enumerated() {
            try gradientStep(p, store, adam, gradient: g)
            for i in 0..<3 {
                let gi = g[i] + decay * expected[i]
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                let mHat = m[i] / (1 - pow(b1, Double(t + 1)))
                let vHat = v[i] / (1 - pow(b2, Double(t + 1)))
                expected[i] -= lr * mHat / (vHat.squareRoot() + eps)
            }
            let actual = try p.scalars(as: Double.self)
            for i in 0..<3 { XCTAssertEqual(actual[i], expected[i], accuracy: 1e-12, "step \(t + 1), element \(i)") }
        }
        XCTAssertEqual(adam.stepCount, 4)
    }

    func testAdagradFollowsItsUpdateRule() throws {
        let initial = [1.0, -1.0]
        let (store, p) = try setUp(initial)
        let lr = 0.1, lrDecay = 0.05, eps = 1e-10
        let adagrad = Adagrad(store, learningRate: lr, learningRateDecay: lrDecay, eps: eps)
        var expected = initial, sum = [0.0, 0.0]
        for (t, g) in [[1.0, 2.0], [-3.0, 0.5], [0.25, -1.0]].enumerated() {
            try gradientStep(p, store, adagrad, gradient: g)
            let rate = lr / (1 + Double(t) * lrDecay)
            for i in 0..<2 {
                sum[i] += g[i] * g[i]
                expected[i] -= rate * g[i] / (sum[i].squareRoot() + eps)
            }
            let actual = try p.scalars(as: Double.self)
            for i in 0..<2 { XCTAssertEqual(actual[i], expected[i], accuracy: 1e-12) }
        }
    }

    func testSGDWithNesterovMomentumFollowsItsUpdateRule() throws {
        let initial = [0.0, 3.0]
        let (store, p) = try setUp(initial)
        let lr = 0.05, mu = 0.9
        let sgd = try SGD(store, learningRate: lr, momentum: mu, nesterov: true)
        var expected = initial, buffer: [Double]? = nil
        for g in [[1.0, -1.0], [2.0, 0.5], [-1.0, 1.5]] {
            try gradientStep(p, store, sgd, gradient: g)
            let b = buffer.map { zip($0, g).map { mu * $0 + $1 } } ?? g
            buffer = b
            for i in 0..<2 { expected[i] -= lr * (g[i] + mu * b[i]) }
            let actual = try p.scalars(as: Double.self)
            for i in 0..<2 { XCTAssertEqual(actual[i], expected[i], accuracy: 1e-12) }
        }
        XCTAssertThrowsError(try SGD(store, learningRate: 0.1, momentum: 0, nesterov: true))
    }

    func testCosineAnnealing() {
        let schedule = CosineAnnealing(baseRate: 1e-3, minimumRate: 1e-5, totalSteps: 100)
        XCTAssertEqual(schedule.rate(atStep: 0), 1e-3, accuracy: 1e-15)
        XCTAssertEqual(schedule.rate(atStep: 50), (1e-3 + 1e-5) / 2, accuracy: 1e-15)
        XCTAssertEqual(schedule.rate(atStep: 25), 1e-5 + (1e-3 - 1e-5) * (1 + cos(Double.pi / 4)) / 2, accuracy: 1e-15)
        XCTAssertEqual(schedule.rate(atStep: 100), 1e-5)
        XCTAssertEqual(schedule.rate(atStep: 500), 1e-5)
    }
}
