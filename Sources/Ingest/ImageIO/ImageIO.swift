import TensorStream

/// Reads the image files video datasets ship as frames, giving exactly the pixels PIL 9.4 gives, and
/// writes PNG and PGM/PPM.
///
/// Natively a file decodes to 1 channel when it holds no colour (greyscale JPEG, PNG, TIFF, PNM; a
/// palette of greys) and to 3 (RGB) otherwise; alpha and transparency are dropped. `.gray` and `.rgb`
/// equal PIL's convert('L') and convert('RGB'), including PIL's 16-bit rules: 16-bit RGB, RGBA and
/// grey+alpha PNG keep the high byte; 16-bit grey PNG and PGM (PIL's mode I) are clipped to 255, not
/// scaled; other PNM maxvals are scaled, round(v / maxval * 255).
///
/// Where we part from PIL: damaged JPEG entropy data is an error (PIL returns the damaged pixels; we
/// refuse truncation as PIL does, and also a corrupt scan); libpng checks the CRCs of PNG image data,
/// which PIL skips; TIFF is limited to 8-bit greyscale and RGB, BMP to 8/24/32-bit, PNM to P2/P3/P5/P6.
public enum ImageIO {
    /// File name extensions (lower-case) of the formats read.
    public static let extensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff", "bmp", "pgm", "ppm", "pnm"]

    /// Reads and decodes an image file; errors are ImageErrors naming `path`.
    public static func read(path: String, channels: ImageChannels = .native) throws -> Image {
        let bytes: [UInt8]
        do {
            bytes = try readWholeFile(path)
        } catch let problem as Problem {
            throw ImageError(path: path, problem: problem.text)
        }
        return try decode(bytes, name: path, channels: channels)
    }

    /// Decodes a file's bytes, recognising the format by its first bytes; `name` labels errors.
    public static func decode(_ bytes: [UInt8], name: String, channels: ImageChannels = .native) throws -> Image {
        do {
            var image: Image
            switch ImageFormat(sniffing: bytes) {
            case .png:
                let decoded = try CDecoder.png.decode(bytes)
                image = decoded.image
                if decoded.greyPalette, channels != .rgb { image.keepGreyOfGreyRGB() }
            case .jpeg: image = try CDecoder.jpeg.decode(bytes).image
            case .tiff: image = try CDecoder.tiff.decode(bytes).image
            case .bmp: image = try BMPDecoder.decode(bytes)
            case .pnm: image = try PNMDecoder.decode(bytes)
            case nil:
                throw Problem(bytes.isEmpty ? "empty file" : "not a PNG, JPEG, TIFF, BMP or PNM image")
            }
            image.convert(to: channels)
            return image
        } catch let problem as Problem {
            throw ImageError(path: name, problem: problem.text)
        }
    }

    /// Writes a PNG, atomically: to a temporary name beside `path`, renamed when complete.
    public static func writePNG(_ image: Image, to path: String) throws {
        try write(to: path) { try PNGEncoder.encode(image) }
    }

    /// Writes binary PGM (P5) for 1 channel or PPM (P6) for 3, atomically.
    public static func writePNM(_ image: Image, to path: String) throws {
        try write(to: path) {
            try image.validate()
            return Array("P\(image.channels == 1 ? 5 : 6)\n\(image.width) \(image.height)\n255\n".utf8) + image.pixels
        }
    }

    private static func write(to path: String, encode: () throws -> [UInt8]) throws {
        do {
            let bytes = try encode()
            let file = try OutputFile(path: path)
            try file.write(bytes)
            try file.commit()
        } catch let problem as Problem {
            throw ImageError(path: path, problem: problem.text)
        } catch let failure as IOFailure {
            // IOFailure already reads "PATH: problem".
            let prefix = "\(path): "
            let text = failure.description
            throw ImageError(path: path, problem: text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
        }
    }
}
