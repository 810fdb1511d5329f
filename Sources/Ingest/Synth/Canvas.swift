/// A small grey picture drawn into frames (a digit, a shape); 0 is transparent.
public struct Sprite: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "Sprite: \(pixels.count) pixels for \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// How a sprite meets what is already drawn.
enum Blend {
    /// The brighter pixel wins: how Moving MNIST overlays digits.
    case maximum
    /// The sprite's nonzero pixels replace the frame's: solid objects over a background.
    case over
}

/// Grey frames being drawn, [count, height, width] bytes; everything clips at the frame's edges.
struct Canvas {
    let count: Int
    let height: Int
    let width: Int
    var pixels: [UInt8]

    init(count: Int, height: Int, width: Int) {
        self.count = count
        self.height = height
        self.width = width
        pixels = [UInt8](repeating: 0, count: count * height * width)
    }

    var frameSize: Int { height * width }

    func frame(_ t: Int) -> ArraySlice<UInt8> { pixels[(t * frameSize)..<((t + 1) * frameSize)] }

    subscript(t: Int, y: Int, x: Int) -> UInt8 { pixels[(t * height + y) * width + x] }

    /// Every frame set to `background`, one frame's worth of pixels.
    mutating func fill(with background: [UInt8]) {
        for t in 0..<count { pixels.replaceSubrange((t * frameSize)..<((t + 1) * frameSize), with: background) }
    }

    /// Draws `sprite` in frame `t` with its top-left corner at (x, y), rounded to the nearest pixel.
    mutating func draw(_ sprite: Sprite, frame t: Int, x: Double, y: Double, blend: Blend) {
        let left = Int(x.rounded()), top = Int(y.rounded())
        let rows = clip(top, sprite.height, to: height), columns = clip(left, sprite.width, to: width)
        let base = t * frameSize
        sprite.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for row in rows {
                    let from = (row - top) * sprite.width - left, to = base + row * width
                    for column in columns {
                        let value = source[from + column]
                        switch blend {
                        case .maximum: target[to + column] = max(target[to + column], value)
                        case .over: if value != 0 { target[to + column] = value }
                        }
                    }
                }
            }
        }
    }

    /// Paints a rectangle of `value` in frame `t`.
    mutating func paint(frame t: Int, x: Int, y: Int, width w: Int, height h: Int, value: UInt8) {
        let columns = clip(x, w, to: width)
        for row in clip(y, h, to: height) {
            let start = (t * height + row) * width
            for column in columns { pixels[start + column] = value }
        }
    }

    /// Frame `source` copied over frame `target`.
    mutating func copyFrame(_ source: Int, to target: Int) {
        pixels.replaceSubrange((target * frameSize)..<((target + 1) * frameSize), with: frame(source))
    }
}

/// The part of `start..<start + length` inside `0..<limit`.
func clip(_ start: Int, _ length: Int, to limit: Int) -> Range<Int> {
    let low = max(0, start), high = min(limit, start + length)
    return low < high ? low..<high : 0..<0
}
