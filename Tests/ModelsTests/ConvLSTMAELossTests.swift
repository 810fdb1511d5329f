import Engine
import Models
import XCTest

/// Luo et al.'s eq. (2) worked by hand from the two heads' reconstructions.
final class ConvLSTMAELossTests: XCTestCase {
    private let config = ModelConfig(height: 17, width: 17, channels: 1, clipLength: 3, widthMultiplier: 1.0 / 64)

    private func model() throws -> AnomalyModel {
        try Runtime.seed(5)
        return try ModelRegistry.make(name: "convlstm-ae", config: config, device: .cpu)
    }

    func testLossIsEquationTwoOfTheReconstructions() throws {
        let model = try model()
        try Runtime.seed(6)
        let clips = try model.prepare(Tensor.rand([2, 3, 1, 17, 17]) * 255.0)
        let x = try clips.scalars(as: Float.self).map(Double.init)
        let outputs = try model.reconstruct(clips)
        // Back from [0, 1] to the model's [-1, 1].
        let current = try XCTUnwrap(outputs["recon"]).scalars(as: Float.self).map { 2 * Double($0) - 1 }
        let previous = try XCTUnwrap(outputs["recon_prev"]).scalars(as: Float.self).map { 2 * Double($0) - 1 }

        let (batch, steps, frame) = (2, 3, 17 * 17)
        func at(_ b: Int, _ t: Int, _ p: Int) -> Int { (b * steps + t) * frame + p }
        var expected = 0.0
        for b in 0..<batch {
            for t in 0..<steps {
                for p in 0..<frame {
                    expected += pow(x[at(b, t, p)] - current[at(b, t, p)], 2)
                    // X^R_{t,t-1} exists from the second step: step t reconstructs frame t - 1.
                    if t > 0 { expected += pow(x[at(b, t - 1, p)] - previous[at(b, t, p)], 2) }
                }
            }
        }
        expected = 0.5 * expected / Double(batch)
        XCTAssertEqual(try model.loss(clips).item(), expected, accuracy: 1e-4 * expected)
        let firstStep = try XCTUnwrap(outputs["recon_prev"]).sliced(dim: 1, 0..<1)
        XCTAssertEqual(try firstStep.abs().max().item(), 0, "step 0 has no previous frame")
    }

    func testStepTSeesOnlyFramesUpToT() throws {
        let model = try model()
        try Runtime.seed(7)
        let clips = try model.prepare(Tensor.rand([1, 3, 1, 17, 17]) * 255.0)
        // Change only the last frame: the first two steps' reconstructions must not move.
        let changed = try Tensor.cat([clips.sliced(dim: 1, 0..<2), Tensor.full([1, 1, 1, 17, 17], 0.5)], dim: 1)
        let a = try model.reconstruct(clips), b = try model.reconstruct(changed)
        for key in ["recon", "recon_prev"] {
            let before = try XCTUnwrap(a[key]), after = try XCTUnwrap(b[key])
            XCTAssertEqual(try (before - after).sliced(dim: 1, 0..<2).abs().max().item(), 0, key)
            XCTAssertGreaterThan(try (before - after).sliced(dim: 1, 2..<3).abs().max().item(), 0, key)
        }
    }
}
