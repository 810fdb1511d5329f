import Engine
import Models
import XCTest

/// Every model at a small size: reconstructions have the clip's shape and stay in [0, 1], and `prepare`
/// spans the model's input range.
final class ModelShapeTests: XCTestCase {
    func testRegistryNamesEveryModel() {
        XCTAssertEqual(ModelRegistry.names, ["stae", "convstae", "convlstm-ae", "conv-ae"])
    }

    func testReconstructionsMatchTheClipAndStayInUnitRange() throws {
        let expectedNames: [String: Set<String>] = [
            "stae": ["recon"], "convstae": ["recon"], "convlstm-ae": ["recon", "recon_prev"], "conv-ae": ["recon"],
        ]
        for name in ModelRegistry.names {
            let model = try Small.model(name)
            XCTAssertEqual(type(of: model).name, name)
            let clips = try model.prepare(Small.pixels(model.config, batch: 2))
            let outputs = try model.reconstruct(clips)
            XCTAssertEqual(Set(outputs.keys), expectedNames[name], name)
            for (key, output) in outputs {
                XCTAssertEqual(output.shape, clips.shape, "\(name) \(key)")
                XCTAssertEqual(output.dtype, .f32, "\(name) \(key)")
                XCTAssertGreaterThanOrEqual(try output.min().item(), 0, "\(name) \(key)")
                XCTAssertLessThanOrEqual(try output.max().item(), 1, "\(name) \(key)")
            }
            XCTAssertEqual(try model.loss(clips).shape, [], name)
        }
    }

    func testPrepareSpansTheModelsRange() throws {
        let ranges: [String: (Double, Double)] = ["stae": (0, 1), "convstae": (0, 1), "convlstm-ae": (-1, 1), "conv-ae": (0, 1)]
        for name in ModelRegistry.names {
            let model = try Small.model(name)
            let c = model.config
            var values = [UInt8](repeating: 0, count: c.clipLength * c.channels * c.height * c.width)
            values[values.count / 2] = 255
            values[1] = 128
            let prepared = try model.prepare(Tensor(values, shape: [1, c.clipLength, c.channels, c.height, c.width]))
            XCTAssertEqual(prepared.dtype, .f32)
            let (low, high) = ranges[name]!
            XCTAssertEqual(try prepared.min().item(), low, name)
            XCTAssertEqual(try prepared.max().item(), high, accuracy: 1e-6, name)
            XCTAssertEqual(try prepared.scalars(as: Float.self)[1], Float(low + (high - low) * 128 / 255), accuracy: 1e-6, name)
        }
    }

    func testClipsOfAnotherSizeAreRefused() throws {
        let model = try Small.model("stae")
        let wrong = try Tensor.zeros([2, 3, 1, 16, 32])
        XCTAssertThrowsError(try model.loss(wrong)) {
            XCTAssertEqual(String(describing: $0), "stae: clips are [2,3,1,16,32]; the model takes [B,T,1,32,32]")
        }
        // The recurrent models take any clip length; Conv-AE's first layer is sized by T.
        XCTAssertNoThrow(try model.reconstruct(Tensor.zeros([1, 5, 1, 32, 32])))
        let convAE = try Small.model("conv-ae")
        XCTAssertThrowsError(try convAE.loss(Tensor.zeros([1, 3, 1, 40, 44])))
    }
}
