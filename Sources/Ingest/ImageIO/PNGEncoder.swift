import CImageCodecs

/// 8-bit grey or RGB PNG through libpng, at its defaults (zlib level 6, adaptive filtering).
enum PNGEncoder {
    static func encode(_ image: Image) throws -> [UInt8] {
        try image.validate()
        var message = [CChar](repeating: 0, count: Int(VAD_CODEC_ERROR_SIZE))
        var png: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            vad_png_encode(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels), &png, &size, &message)
        }
        guard status == 0, let png else { throw Problem(cString(message)) }
        defer { vad_codec_free(png) }
        return Array(UnsafeBufferPointer(start: png, count: size))
    }
}
