import Engine
import Models

/// Small configurations that keep every model's strides intact and run in milliseconds.
enum Small {
    static let configs: [String: ModelConfig] = [
        "stae": ModelConfig(height: 32, width: 32, channels: 1, clipLength: 3, widthMultiplier: 0.125),
        "convstae": ModelConfig(height: 32, width: 48, channels: 3, clipLength: 3, widthMultiplier: 0.125),
        "convlstm-ae": ModelConfig(height: 33, width: 33, channels: 1, clipLength: 3, widthMultiplier: 1.0 / 16),
        "conv-ae": ModelConfig(height: 40, width: 44, channels: 1, clipLength: 4, widthMultiplier: 1.0 / 16),
    ]

    static func model(_ name: String, seed: UInt64 = 1) throws -> AnomalyModel {
        try Runtime.seed(seed)
        return try ModelRegistry.make(name: name, config: configs[name]!, device: .cpu)
    }

    /// u8 clips [batch, T, C, H, W] of a bright square moving right over a dark gradient: structure a
    /// model can learn, the same every time.
    static func pixels(_ config: ModelConfig, batch: Int) throws -> Tensor {
        let (t, c, h, w) = (config.clipLength, config.channels, config.height, config.width)
        var values: [UInt8] = []
        values.reserveCapacity(batch * t * c * h * w)
        for b in 0..<batch {
            for step in 0..<t {
                for channel in 0..<c {
                    for y in 0..<h {
                        for x in 0..<w {
                            let left = 2 + 3 * step + 5 * b, top = h / 3 + channel
                            let inSquare = (left..<(left + 8)).contains(x) && (top..<(top + 8)).contains(y)
                            values.append(inSquare ? 230 : UInt8(20 + (40 * y) / h))
                        }
                    }
                }
            }
        }
        return try Tensor(values, shape: [batch, t, c, h, w])
    }
}
