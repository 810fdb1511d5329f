/// The sizes a model is built for: frames of height x width with `channels` (1 grey, 3 colour),
/// clips of `clipLength` frames, and `widthMultiplier` scaling every hidden channel count (1 is the
/// paper's network; 0.25 a quarter-width one that trains on a laptop CPU).
public struct ModelConfig: Sendable, Equatable {
    public var height: Int, width: Int, channels: Int, clipLength: Int, widthMultiplier: Double

    public init(height: Int, width: Int, channels: Int = 1, clipLength: Int = 10, widthMultiplier: Double = 1) {
        self.height = height
        self.width = width
        self.channels = channels
        self.clipLength = clipLength
        self.widthMultiplier = widthMultiplier
    }

    private static let keys = (height: "height", width: "width", channels: "channels", clipLength: "clip_length",
                               widthMultiplier: "width_multiplier")

    /// The config as checkpoint metadata. Doubles print in Swift's shortest round-tripping form.
    public var hyperParameters: [String: String] {
        [Self.keys.height: String(height), Self.keys.width: String(width), Self.keys.channels: String(channels),
         Self.keys.clipLength: String(clipLength), Self.keys.widthMultiplier: String(widthMultiplier)]
    }

    /// Reads `hyperParameters` back; other keys (a trainer's own settings) are ignored.
    public init(hyperParameters values: [String: String]) throws {
        func text(_ key: String) throws -> String {
            guard let text = values[key] else { throw ModelError("model config: no '\(key)' in the hyper-parameters") }
            return text
        }
        func integer(_ key: String) throws -> Int {
            let value = try text(key)
            guard let number = Int(value) else { throw ModelError("model config: '\(key)' is '\(value)', not an integer") }
            return number
        }
        let multiplier = try text(Self.keys.widthMultiplier)
        guard let widthMultiplier = Double(multiplier) else {
            throw ModelError("model config: '\(Self.keys.widthMultiplier)' is '\(multiplier)', not a number")
        }
        self.init(height: try integer(Self.keys.height), width: try integer(Self.keys.width),
                  channels: try integer(Self.keys.channels), clipLength: try integer(Self.keys.clipLength),
                  widthMultiplier: widthMultiplier)
    }

    /// A paper's channel count at this width, never below one.
    func scaled(_ channels: Int) -> Int { Swift.max(1, Int((Double(channels) * widthMultiplier).rounded())) }

    /// Checks what every model needs; sizes are checked per model against its strides.
    func validate(model: String) throws {
        guard height > 0, width > 0 else { throw ModelError("\(model): frame size \(width)x\(height) is not positive") }
        guard channels == 1 || channels == 3 else {
            throw ModelError("\(model): frames have \(channels) channels; use 1 (grey) or 3 (colour)")
        }
        guard clipLength >= 1 else { throw ModelError("\(model): clip length \(clipLength) is below 1") }
        guard widthMultiplier > 0, widthMultiplier.isFinite else {
            throw ModelError("\(model): width multiplier \(widthMultiplier) is not a positive number")
        }
    }
}

/// A model that cannot be built or fed as asked; the message is one line naming the model.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
