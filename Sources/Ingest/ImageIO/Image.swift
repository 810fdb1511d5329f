/// A decoded frame: 8-bit samples, row-major, channels interleaved (HWC).
public struct Image: Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// 1 (grey) or 3 (RGB).
    public var channels: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}

/// The channels a decoder delivers: the file's own (grey stays grey, colour is RGB), or a conversion
/// equal to PIL's convert('L') / convert('RGB').
public enum ImageChannels: Sendable {
    case native, gray, rgb
}

/// A file that cannot be read, decoded or written; `description` is one line, "PATH: problem".
public struct ImageError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "\(path): \(problem)" }

    init(path: String, problem: String) {
        self.path = path
        self.problem = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// What went wrong inside a decoder or encoder, before the path is known.
struct Problem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// PIL's limit (twice `Image.MAX_IMAGE_PIXELS`): a corrupt or hostile header must not make us
/// allocate gigabytes.
let maximumPixels = 178_956_970

/// The byte count of an image with these dimensions, refusing empty and oversized ones.
func pixelByteCount(width: Int, height: Int, channels: Int) throws -> Int {
    guard width > 0, height > 0 else { throw Problem("image has no pixels (\(width) x \(height))") }
    guard width <= maximumPixels / height else {
        throw Problem("image too large (\(width) x \(height) is over \(maximumPixels) pixels)")
    }
    return width * height * channels
}

extension Image {
    /// Refuses an image whose fields disagree, before anything is written.
    func validate() throws {
        guard channels == 1 || channels == 3 else { throw Problem("cannot write an image with \(channels) channels (only 1 or 3)") }
        let expected = try pixelByteCount(width: width, height: height, channels: channels)
        guard pixels.count == expected else {
            throw Problem("image holds \(pixels.count) bytes, but \(width) x \(height) x \(channels) needs \(expected)")
        }
    }
}
