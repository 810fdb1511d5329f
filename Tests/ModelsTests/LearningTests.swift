import Engine
import Models
import XCTest

/// Each model, with its paper's optimiser, overfits one fixed batch of a moving square, and a seeded
/// run repeats exactly.
final class LearningTests: XCTestCase {
    /// Rates for a couple of hundred steps; the papers' own (1e-5 for ConvSTAE) are made for epochs.
    private let rates: [String: Double] = ["stae": 3e-3, "convstae": 3e-3, "convlstm-ae": 0.01, "conv-ae": 0.03]

    private func train(_ name: String, steps: Int) throws -> (losses: [Double], clips: Tensor) {
        let model = try Small.model(name, seed: 11)
        let optimizer = try model.makeOptimizer(learningRate: rates[name])
        let clips = try model.prepare(Small.pixels(model.config, batch: 2))
        let losses = try (0..<steps).map { _ in
            try optimizer.zeroGrad(model.store)
            let loss = try model.loss(clips)
            try loss.backward()
            try optimizer.step()
            return try loss.item()
        }
        return (losses + [try model.loss(clips).item()], clips)
    }

    /// The loss of the best still picture (each pixel's mean over the batch and time), in the model's own
    /// loss convention. Beating it means the model reconstructs the motion, not only the background.
    private func stillPictureLoss(_ name: String, _ clips: Tensor) throws -> Double {
        let squares = try (clips - clips.mean(dims: [0, 1], keepDims: true)).square()
        let s = clips.shape
        switch name {
        case "convlstm-ae":  // both terms of eq. (2); the previous-frame one covers frames 1...T-1
            return try (squares.sum().item() + squares.sliced(dim: 1, 0..<(s[1] - 1)).sum().item()) * 0.5 / Double(s[0])
        case "conv-ae": return try squares.sum().item() * 0.5 / Double(s[0])
        default: return try squares.mean().item()
        }
    }

    /// The ratios reached, final loss over the still picture's, on 2 threads and on 1: stae 0.033,
    /// convstae 0.104, convlstm-ae 0.368, conv-ae 0.512 / 0.517 (Intel Xeon, libtorch 1.13).
    func testTrainingOverfitsABatchBeyondAStillPicture() throws {
        for name in ModelRegistry.names {
            let (losses, clips) = try train(name, steps: 200)
            let still = try stillPictureLoss(name, clips)
            XCTAssertLessThan(losses.last!, 0.75 * still, "\(name): from \(losses.first!) to \(losses.last!)")
        }
    }

    func testSeededTrainingRepeats() throws {
        XCTAssertEqual(try train("convlstm-ae", steps: 3).losses, try train("convlstm-ae", steps: 3).losses)
    }

    func testOptimisersAreThePapers() throws {
        let expected: [String: (String, Double)] = [
            "stae": ("adam", 1e-4), "convstae": ("adam", 1e-5), "convlstm-ae": ("adagrad", 0.01), "conv-ae": ("adagrad", 0.01),
        ]
        for name in ModelRegistry.names {
            let optimizer = try Small.model(name).makeOptimizer(learningRate: nil)
            XCTAssertEqual(try optimizer.state().name, expected[name]!.0, name)
            XCTAssertEqual(optimizer.learningRate, expected[name]!.1, name)
        }
        let adam = try XCTUnwrap(try Small.model("stae").makeOptimizer(learningRate: nil) as? Adam)
        XCTAssertEqual(adam.eps, 1e-6, "the tutorial's epsilon")
        XCTAssertEqual(try Small.model("stae").makeOptimizer(learningRate: 0.5).learningRate, 0.5)
    }
}
