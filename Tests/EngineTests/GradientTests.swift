import Engine
import XCTest

/// Autograd through a ConvLSTM against central finite differences, in double precision.
final class GradientTests: XCTestCase {
    func testConvLSTMGradientsMatchFiniteDifferences() throws {
        try Runtime.seed(7)
        let store = ParameterStore(dtype: .f64)
        let cell = try ConvLSTMCell(store.root("cell"), inputChannels: 2, hiddenChannels: 3, kernel: 3, forgetBias: 1)
        let input = try Tensor.randn([2, 3, 2, 5, 5], dtype: .f64).requiringGrad()
        let probe = try Tensor.randn([2, 3, 3, 5, 5], dtype: .f64)

        // A scalar that depends on every hidden state of the sequence.
        func loss() throws -> Tensor { try (cell.sequence(input).outputs * probe).sum() }

        try loss().backward()
        let weight = cell.gates.weight
        let analyticWeight = try XCTUnwrap(try weight.grad).scalars(as: Double.self)
        let analyticInput = try XCTUnwrap(try input.grad).scalars(as: Double.self)

        func numeric(_ tensor: Tensor, _ index: Int) throws -> Double {
            let h = 1e-6
            var values = try tensor.scalars(as: Double.self)
            let original = values[index]
            func evaluate(_ v: Double) throws -> Double {
                values[index] = v
                try Runtime.withoutGrad { try tensor.copy(from: Tensor(values, shape: tensor.shape)) }
                return try Runtime.withoutGrad { try loss().item() }
            }
            let plus = try evaluate(original + h), minus = try evaluate(original - h)
            _ = try evaluate(original)
            return (plus - minus) / (2 * h)
        }

        let weightCount = weight.elementCount
        for index in stride(from: 0, to: weightCount, by: weightCount / 17) {
            let expected = try numeric(weight, index)
            XCTAssertEqual(analyticWeight[index], expected, accuracy: 1e-6 * max(1, abs(expected)), "weight[\(index)]")
        }
        let inputCount = input.elementCount
        for index in stride(from: 0, to: inputCount, by: inputCount / 13) {
            let expected = try numeric(input, index)
            XCTAssertEqual(analyticInput[index], expected, accuracy: 1e-6 * max(1, abs(expected)), "input[\(index)]")
        }
        // The forget-gate bias slice starts at 1, the others at PyTorch's small uniform values.
        let bias = try XCTUnwrap(cell.gates.bias).scalars(as: Double.self)
        XCTAssertTrue(bias[3..<6].allSatisfy { $0 > 0.5 })
        XCTAssertTrue(bias[0..<3].allSatisfy { abs($0) < 0.5 })
    }

    func testNoGradScopeRecordsNothingAndRestoresMode() throws {
        let w = try Tensor.ones([3]).requiringGrad()
        let inside = try Runtime.withoutGrad { try w * 2.0 }
        XCTAssertFalse(inside.requiresGrad)
        XCTAssertTrue(Runtime.isGradEnabled)
        XCTAssertTrue(try (w * 2.0).requiresGrad)
    }

    func testGradientsAccumulateUntilCleared() throws {
        let w = try Tensor([1, 2, 3] as [Float], shape: [3]).requiringGrad()
        XCTAssertNil(try w.grad)
        try (w * w).sum().backward()
        try (w * w).sum().backward()
        XCTAssertEqual(try XCTUnwrap(try w.grad).scalars(as: Float.self), [4, 8, 12])
        try w.clearGrad()
        XCTAssertNil(try w.grad)
    }
}
