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

    /// convlstm-ae computes in twice the offset from its input centre (mid-grey until `train
    /// --subtract-mean` sets a mean frame), and maps its reconstructions back with the same centre.
    func testConvLSTMAECentresItsInputOnItsCentreFrame() throws {
        let model = try Small.model("convlstm-ae")
        let c = model.config
        let centre = try XCTUnwrap(model.inputCentre)
        XCTAssertEqual(centre.shape, [c.channels, c.height, c.width])
        let frame = c.channels * c.height * c.width
        let mean = (0..<frame).map { Float($0 % 7) / 10 }
        try Runtime.withoutGrad { try centre.copy(from: Tensor(mean, shape: centre.shape)) }
        let pixels = try Small.pixels(c, batch: 1)
        let prepared = try model.prepare(pixels).scalars(as: Float.self)
        for (i, pixel) in try pixels.scalars(as: UInt8.self).enumerated() {
            XCTAssertEqual(prepared[i], 2 * (Float(pixel) / 255 - mean[i % frame]), accuracy: 1e-6)
        }
        // Pixels and centre moved up together feed the network the same input, so the reconstructions
        // move up by just as much: the centre is added back on the way out.
        let shape = pixels.shape
        let dim = try pixels.scalars(as: UInt8.self).map { $0 / 2 }
        func reconstructions(shift: UInt8) throws -> [String: [Float]] {
            try Runtime.withoutGrad { try centre.copy(from: Tensor(mean.map { $0 + Float(shift) / 255 }, shape: centre.shape)) }
            return try model.reconstruct(model.prepare(Tensor(dim.map { $0 + shift }, shape: shape))).mapValues { try $0.scalars(as: Float.self) }
        }
        let low = try reconstructions(shift: 0), high = try reconstructions(shift: 20)
        for (i, (a, b)) in zip(low["recon"]!, high["recon"]!).enumerated() { XCTAssertEqual(b - a, 20 / 255, accuracy: 1e-5, "recon \(i)") }
        // recon_prev has nothing at step 0.
        for (a, b) in zip(low["recon_prev"]!, high["recon_prev"]!).dropFirst(frame) { XCTAssertEqual(b - a, 20 / 255, accuracy: 1e-5) }
        XCTAssertNil(try Small.model("stae").inputCentre)
    }

    func testClipsOfAnotherSizeAreRefused() throws {
        let model = try Small.model("stae")
        let wrong = try Tensor.zeros([2, 3, 1, 16, 32])
        XCTAssertThrowsError(try model.loss(wrong)) {
            XCTAssertEqual(String(describing: $0), "stae: clips are [2,3,1,16,32]; the model takes [B,T,1,32,32]")
        }
        // The recurrent models take any clip length (5 frames where they were built for 3) and
        // reconstruct every frame of it; Conv-AE's first layer is sized by T.
        for name in ["stae", "convstae", "convlstm-ae"] {
            let c = try XCTUnwrap(Small.configs[name])
            let longer = ModelConfig(height: c.height, width: c.width, channels: c.channels, clipLength: 5, widthMultiplier: c.widthMultiplier)
            let clips = try Small.pixels(longer, batch: 1), recurrent = try Small.model(name)
            for (key, output) in try recurrent.reconstruct(recurrent.prepare(clips)) {
                XCTAssertEqual(output.shape, clips.shape, "\(name) \(key)")
            }
        }
        let convAE = try Small.model("conv-ae")
        XCTAssertThrowsError(try convAE.loss(Tensor.zeros([1, 3, 1, 40, 44])))
    }
}
