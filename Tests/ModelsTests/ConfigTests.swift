import Engine
import Models
import TestSupport
import XCTest

/// Configs round-trip through checkpoint metadata; bad sizes and names are one-line errors.
final class ConfigTests: XCTestCase {
    func testHyperParametersRoundTrip() throws {
        for config in [ModelConfig(height: 225, width: 225),
                       ModelConfig(height: 65, width: 33, channels: 3, clipLength: 7, widthMultiplier: 0.1)] {
            XCTAssertEqual(try ModelConfig(hyperParameters: config.hyperParameters), config)
        }
        var extra = ModelConfig(height: 64, width: 64).hyperParameters
        extra["lr"] = "0.01"
        XCTAssertEqual(try ModelConfig(hyperParameters: extra), ModelConfig(height: 64, width: 64), "a trainer's keys are ignored")
        var broken = extra
        broken["height"] = "tall"
        XCTAssertThrowsError(try ModelConfig(hyperParameters: broken)) {
            XCTAssertEqual(String(describing: $0), "model config: 'height' is 'tall', not an integer")
        }
        broken["height"] = nil
        XCTAssertThrowsError(try ModelConfig(hyperParameters: broken)) {
            XCTAssertEqual(String(describing: $0), "model config: no 'height' in the hyper-parameters")
        }
    }

    func testBadSizesAndNamesAreOneLineErrors() throws {
        XCTAssertEqual(errorMessage { try ModelRegistry.make(name: "conv-ae", config: ModelConfig(height: 16, width: 64), device: .cpu) },
                       "conv-ae: 64x16 frames do not survive the strides: pool2 (2x2, stride 2, padding 0) gets 7x1 and leaves nothing")
        XCTAssertEqual(errorMessage { try ModelRegistry.make(name: "stae", config: ModelConfig(height: 2, width: 2), device: .cpu) },
                       "stae: 2x2 frames do not survive the strides: conv1 (11x11, stride 4, padding 4) gets 2x2 and leaves nothing")
        XCTAssertEqual(errorMessage { try ModelRegistry.make(name: "lstm", config: ModelConfig(height: 64, width: 64), device: .cpu) },
                       "unknown model 'lstm' (known: stae, convstae, convlstm-ae, conv-ae)")
        let others = [
            errorMessage { try ModelRegistry.make(name: "convstae", config: ModelConfig(height: 64, width: 64, channels: 2), device: .cpu) },
            errorMessage { try ModelRegistry.make(name: "convlstm-ae", config: ModelConfig(height: 65, width: 65, widthMultiplier: 0), device: .cpu) },
            errorMessage { try ModelRegistry.make(name: "conv-ae", config: ModelConfig(height: 64, width: 64, clipLength: 0), device: .cpu) },
        ]
        XCTAssertEqual(others, [
            "convstae: frames have 2 channels; use 1 (grey) or 3 (colour)",
            "convlstm-ae: width multiplier 0.0 is not a positive number",
            "conv-ae: clip length 0 is below 1",
        ])
    }
}
