import Engine
import Foundation
import XCTest

/// Layers, activations and losses against their definitions.
final class LayerTests: XCTestCase {
    private func assertClose(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: tolerance, file: file, line: line) }
    }

    func testLayerNormNormalisesTrailingDimensions() throws {
        let store = ParameterStore()
        let norm = try LayerNorm(store.root("ln"), normalizedShape: [4])
        let y = try norm(Tensor([1, 2, 3, 4, 10, 10, 10, 14] as [Float], shape: [2, 4])).scalars(as: Float.self)
        // Row 1: mean 2.5, biased variance 1.25.
        let s = Float(1.25 + 1e-5).squareRoot()
        assertClose(Array(y[0..<4]), [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s])
        // Row 2: mean 11, variance 3.
        let s2 = Float(3 + 1e-5).squareRoot()
        assertClose(Array(y[4..<8]), [-1 / s2, -1 / s2, -1 / s2, 3 / s2])
    }

    func testBatchNormUsesBatchStatisticsInTrainingAndRunningOnesAfter() throws {
        let store = ParameterStore()
        let bn = try BatchNorm(store.root("bn"), features: 1, momentum: 0.5)
        let x = try Tensor([1, 3, 5, 7] as [Float], shape: [4, 1])
        let y = try bn(x).scalars(as: Float.self)
        let s = Float(5 + 1e-5).squareRoot()  // biased batch variance of 1,3,5,7 is 5
        assertClose(y, [-3 / s, -1 / s, 1 / s, 3 / s])
        // Running stats move halfway to the batch's mean (4) and unbiased variance (20/3).
        assertClose(try bn.runningMean.scalars(as: Float.self), [2])
        assertClose(try bn.runningVar.scalars(as: Float.self), [0.5 + 0.5 * 20 / 3])
        bn.training = false
        let evaluated = try bn(x).scalars(as: Float.self)
        let rs = Float(0.5 + 0.5 * 20.0 / 3 + 1e-5).squareRoot()
        assertClose(evaluated, [1, 3, 5, 7].map { ($0 - 2) / rs })
        XCTAssertEqual(store.entries.filter { !$0.trainable }.map(\.name), ["bn.running_mean", "bn.running_var"])
    }

    func testPoolingAndResizing() throws {
        let x = try Tensor((1...16).map(Float.init), shape: [1, 1, 4, 4])
        XCTAssertEqual(try x.maxPool2d(kernel: (2, 2)).scalars(as: Float.self), [6, 8, 14, 16])
        XCTAssertEqual(try x.interpolated(height: 2, width: 2, mode: .area).scalars(as: Float.self), [3.5, 5.5, 11.5, 13.5])
        let small = try Tensor([1, 2, 3, 4] as [Float], shape: [1, 1, 2, 2])
        XCTAssertEqual(try small.interpolated(height: 4, width: 4, mode: .nearest).scalars(as: Float.self),
                       [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        assertClose(try small.interpolated(height: 3, width: 3, mode: .bilinear, alignCorners: true).scalars(as: Float.self),
                    [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4])
        // Antialiased bilinear halving widens the triangle filter to support 2: output 0 weighs source
        // pixels 0, 1, 2 by 0.75, 0.75, 0.25, normalised to 3/7, 3/7, 1/7 (and 1/7, 3/7, 3/7 for output 1).
        assertClose(try x.interpolated(height: 2, width: 2, mode: .bilinearAntialiased).scalars(as: Float.self),
                    [32.0 / 7, 43.0 / 7, 76.0 / 7, 87.0 / 7])
    }

    func testSoftmaxNormalisationSimilarityTopK() throws {
        let logits = try Tensor([1, 2, 3, 0, 0, 0] as [Float], shape: [2, 3])
        let p = try logits.softmax(dim: 1).scalars(as: Float.self)
        let z = exp(Float(1)) + exp(Float(2)) + exp(Float(3))
        assertClose(p, [exp(1) / z, exp(2) / z, exp(3) / z, 1.0 / 3, 1.0 / 3, 1.0 / 3])
        assertClose(try logits.logSoftmax(dim: 1).scalars(as: Float.self), p.map { log($0) })
        let v = try Tensor([3, 4, 0, 5] as [Float], shape: [2, 2])
        assertClose(try v.l2Normalized(dim: 1).scalars(as: Float.self), [0.6, 0.8, 0, 1])
        assertClose(try v.cosineSimilarity(Tensor([6, 8, 1, 0] as [Float], shape: [2, 2]), dim: 1).scalars(as: Float.self), [1, 0])
        let (values, indices) = try Tensor([5, 1, 9, 3] as [Float], shape: [4]).topK(2)
        XCTAssertEqual(try values.scalars(as: Float.self), [9, 5])
        XCTAssertEqual(try indices.scalars(as: Int64.self), [2, 0])
    }

    func testLosses() throws {
        let a = try Tensor([1, 2, 3] as [Float], shape: [3]), b = try Tensor([2, 2, 5] as [Float], shape: [3])
        XCTAssertEqual(try Loss.mse(a, b).item(), 5.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(try Loss.mse(a, b, reduction: .sum).item(), 5, accuracy: 1e-6)
        let logits = try Tensor([2, 0, 0, 1] as [Float], shape: [2, 2])
        let target = try Tensor([0, 1] as [Int64], shape: [2])
        let expected = (-log(exp(2.0) / (exp(2.0) + 1)) - log(exp(1.0) / (1 + exp(1.0)))) / 2
        XCTAssertEqual(try Loss.crossEntropy(logits, target).item(), expected, accuracy: 1e-6)
        // d(a,p) = 1, d(a,n) = 1.5: loss = max(1 - 1.5 + 1, 0) = 0.5 (PyTorch adds eps 1e-6 inside the norm).
        let anchor = try Tensor([0, 0] as [Float], shape: [1, 2])
        let loss = try Loss.tripletMargin(anchor: anchor, positive: Tensor([1, 0] as [Float], shape: [1, 2]),
                                          negative: Tensor([0, 1.5] as [Float], shape: [1, 2]), margin: 1)
        XCTAssertEqual(try loss.item(), 0.5, accuracy: 1e-5)
    }

    func testInitialisersHaveTheirDocumentedSpread() throws {
        try Runtime.seed(1)
        let store = ParameterStore()
        // fanIn = 64 * 9, fanOut = 128 * 9.
        let xavier = try store.root.parameter("x", [128, 64, 3, 3], .xavierUniform())
        let bound = (6.0 / Double(64 * 9 + 128 * 9)).squareRoot()
        XCTAssertLessThanOrEqual(try xavier.abs().max().item(), bound)
        XCTAssertEqual(try xavier.variance().item(), bound * bound / 3, accuracy: bound * bound / 3 * 0.05)
        let kaiming = try store.root.parameter("k", [128, 64, 3, 3], .kaimingNormal)
        XCTAssertEqual(try kaiming.variance().item(), 2.0 / Double(64 * 9), accuracy: 2.0 / Double(64 * 9) * 0.05)
        XCTAssertEqual(Initializer.fans([10, 4, 5, 5]).fanIn, 100)
        XCTAssertThrowsError(try store.root.parameter("x", [1], .zeros), "a duplicate name is refused")
    }
}
