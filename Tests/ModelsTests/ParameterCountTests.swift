import Engine
import Models
import XCTest

/// Parameter counts worked out from the layer tables in docs/models.md, at the paper's sizes and at the
/// CPU configurations (whose widths are the paper's times the multiplier).
final class ParameterCountTests: XCTestCase {
    /// A convolution or deconvolution with bias: one k x k filter per input-output pair, one bias per output.
    private func conv(_ inputs: Int, _ outputs: Int, _ k: Int) -> Int { inputs * outputs * k * k + outputs }
    /// A 3x3 ConvLSTM: four gates convolve [x, h], with a bias each.
    private func convLSTM(_ inputs: Int, _ hidden: Int) -> Int { 4 * hidden * (inputs + hidden) * 9 + 4 * hidden }
    /// Layer norm over channels: a scale and a shift per channel.
    private func norm(_ channels: Int) -> Int { 2 * channels }

    private func stae(c: Int, _ w: (Int) -> Int) -> Int {
        conv(c, w(128), 11) + norm(w(128)) + conv(w(128), w(64), 5) + norm(w(64))
            + convLSTM(w(64), w(64)) + norm(w(64)) + convLSTM(w(64), w(32)) + norm(w(32)) + convLSTM(w(32), w(64)) + norm(w(64))
            + conv(w(64), w(128), 5) + norm(w(128)) + conv(w(128), c, 11)
    }

    private func convSTAE(c: Int, _ w: (Int) -> Int) -> Int {
        conv(c, w(128), 11) + norm(w(128)) + conv(w(128), w(64), 5) + norm(w(64)) + conv(w(64), w(32), 3) + norm(w(32))
            + convLSTM(w(32), w(64)) + norm(w(64)) + convLSTM(w(64), w(32)) + norm(w(32)) + convLSTM(w(32), w(64)) + norm(w(64))
            + conv(w(64), w(64), 3) + norm(w(64)) + conv(w(64), w(128), 5) + norm(w(128)) + conv(w(128), c, 11)
    }

    private func convLSTMAE(c: Int, _ w: (Int) -> Int) -> Int {
        let head = conv(w(512), w(256), 3) + conv(w(256), w(128), 5) + conv(w(128), c, 7)
        return conv(c, w(128), 7) + conv(w(128), w(256), 5) + conv(w(256), w(512), 3) + convLSTM(w(512), w(512)) + 2 * head
    }

    private func convAE(stacked: Int, _ w: (Int) -> Int) -> Int {
        conv(stacked, w(512), 11) + conv(w(512), w(256), 5) + conv(w(256), w(128), 3)
            + conv(w(128), w(256), 3) + conv(w(256), w(512), 5) + conv(w(512), stacked, 11)
    }

    private func count(_ name: String, _ config: ModelConfig) throws -> Int {
        try ModelRegistry.make(name: name, config: config, device: .cpu).store.parameterCount
    }

    func testPaperSizes() throws {
        let paper: (Int) -> Int = { $0 }
        let expected: [(String, ModelConfig, Int)] = [
            ("stae", ModelConfig(height: 256, width: 256), stae(c: 1, paper)),
            ("convstae", ModelConfig(height: 256, width: 256), convSTAE(c: 1, paper)),
            ("convlstm-ae", ModelConfig(height: 225, width: 225), convLSTMAE(c: 1, paper)),
            ("conv-ae", ModelConfig(height: 227, width: 227), convAE(stacked: 10, paper)),
        ]
        for (name, config, parameters) in expected {
            XCTAssertEqual(try ModelRegistry.type(named: name).paperConfig, config, name)
            XCTAssertEqual(try count(name, config), parameters, name)
        }
        XCTAssertEqual([1_069_185, 1_051_041, 24_893_442, 8_384_138], expected.map(\.2))
    }

    /// The `CPU=1` pipelines' sizes: UCSD frames at 180x120 (pipelines/datasets/ucsd.mk) and Moving MNIST at
    /// 64x64 (pipelines/datasets/mmnist.mk, the only place conv-ae trains on a CPU).
    func testCPUSizesAndColour() throws {
        let full: (Int) -> Int = { $0 }, half: (Int) -> Int = { $0 / 2 }, quarter: (Int) -> Int = { $0 / 4 }
        let cpu: [(String, ModelConfig, Int)] = [
            ("stae", ModelConfig(height: 120, width: 180, widthMultiplier: 0.5), stae(c: 1, half)),
            ("convstae", ModelConfig(height: 120, width: 180), convSTAE(c: 1, full)),
            ("convlstm-ae", ModelConfig(height: 120, width: 180, widthMultiplier: 0.5), convLSTMAE(c: 1, half)),
            ("conv-ae", ModelConfig(height: 64, width: 64, widthMultiplier: 0.25), convAE(stacked: 10, quarter)),
        ]
        for (name, config, expected) in cpu {
            XCTAssertEqual(try count(name, config), expected, name)
        }
        XCTAssertEqual([275_521, 1_051_041, 6_228_994, 756_650], cpu.map(\.2))
        XCTAssertEqual(try count("convstae", ModelConfig(height: 64, width: 64, channels: 3, widthMultiplier: 0.25)), convSTAE(c: 3, quarter))
    }
}
