import CImageCodecs

/// The decoders written in C (libjpeg, libpng and libtiff behind setjmp), which share one shape:
/// open reads the header, read decodes straight into the image's buffer, close frees.
enum CDecoder {
    case jpeg, png, tiff

    /// The image in the channels the file has; `greyPalette` marks a PNG whose palette is all greys.
    func decode(_ bytes: [UInt8]) throws -> (image: Image, greyPalette: Bool) {
        var message = [CChar](repeating: 0, count: Int(VAD_CODEC_ERROR_SIZE))
        return try bytes.withUnsafeBufferPointer { input in
            var header = vad_image_header()
            guard let decoder = open(input.baseAddress, input.count, &header, &message) else { throw Problem(cString(message)) }
            defer { close(decoder) }
            let width = Int(header.width), height = Int(header.height), channels = Int(header.channels)
            let count = try pixelByteCount(width: width, height: height, channels: channels)
            var status: Int32 = 0
            let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                status = read(decoder, buffer.baseAddress, &message)
                initialized = status == 0 ? count : 0
            }
            guard status == 0 else { throw Problem(cString(message)) }
            return (Image(width: width, height: height, channels: channels, pixels: pixels), header.grey_palette != 0)
        }
    }

    private func open(_ data: UnsafePointer<UInt8>?, _ size: Int, _ header: UnsafeMutablePointer<vad_image_header>,
                      _ error: UnsafeMutablePointer<CChar>) -> OpaquePointer? {
        switch self {
        case .jpeg: vad_jpeg_open(data, size, header, error)
        case .png: vad_png_open(data, size, header, error)
        case .tiff: vad_tiff_open(data, size, header, error)
        }
    }

    private func read(_ decoder: OpaquePointer, _ pixels: UnsafeMutablePointer<UInt8>?, _ error: UnsafeMutablePointer<CChar>) -> Int32 {
        switch self {
        case .jpeg: vad_jpeg_read(decoder, pixels, error)
        case .png: vad_png_read(decoder, pixels, error)
        case .tiff: vad_tiff_read(decoder, pixels, error)
        }
    }

    private func close(_ decoder: OpaquePointer) {
        switch self {
        case .jpeg: vad_jpeg_close(decoder)
        case .png: vad_png_close(decoder)
        case .tiff: vad_tiff_close(decoder)
        }
    }
}

/// A NUL-terminated C message.
func cString(_ message: [CChar]) -> String {
    String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
