/// Windows BMP, read as PIL reads it: uncompressed 8-bit palette, 24-bit and 32-bit pixels (plain, or
/// BI_BITFIELDS with byte-aligned masks; alpha dropped), rows bottom-up or top-down. A palette whose
/// entries are all grey gives a grey image. RLE, 1/4/16-bit and embedded JPEG/PNG are refused.
enum BMPDecoder {
    static func decode(_ bytes: [UInt8]) throws -> Image {
        let layout = try BMPLayout(bytes)
        let width = layout.width, height = layout.height, stride = layout.stride
        let channels = layout.channels
        let count = try pixelByteCount(width: width, height: height, channels: channels)
        guard layout.dataOffset <= bytes.count, (bytes.count - layout.dataOffset) / stride >= height else {
            throw Problem("truncated BMP data")
        }
        let pixels = bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
                for y in 0..<height {
                    let sourceRow = layout.topDown ? y : height - 1 - y
                    let source = input.baseAddress! + layout.dataOffset + sourceRow * stride
                    layout.convertRow(source, into: output.baseAddress! + y * width * channels)
                }
                initialized = count
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }
}

/// Where a BMP's pixels are and how to turn a row of them into grey or RGB samples.
private struct BMPLayout {
    enum Samples {
        /// 256 RGB triples (missing entries black), and whether every entry is grey.
        case palette([UInt8], grey: Bool)
        /// Bytes per pixel and the byte holding each of red, green and blue.
        case direct(size: Int, red: Int, green: Int, blue: Int)
    }

    let width: Int
    let height: Int
    let topDown: Bool
    let dataOffset: Int
    let stride: Int
    let samples: Samples

    var channels: Int {
        if case .palette(_, grey: true) = samples { return 1 }
        return 3
    }

    init(_ bytes: [UInt8]) throws {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        guard bytes.count >= 18 else { throw Problem("truncated BMP header") }
        let headerSize = Int(u32(14))
        guard [12, 40, 52, 56, 64, 108, 124].contains(headerSize) else {
            throw Problem("unsupported BMP header (\(headerSize) bytes)")
        }
        guard bytes.count >= 14 + headerSize else { throw Problem("truncated BMP header") }
        let bits: Int, compression: UInt32, colours: Int, entrySize: Int, signedHeight: Int
        if headerSize == 12 {  // OS/2 core header: 16-bit sizes, 3-byte palette entries
            (width, signedHeight, bits, compression, colours, entrySize) = (u16(18), u16(20), u16(24), 0, 0, 3)
        } else {
            width = Int(Int32(bitPattern: u32(18)))
            signedHeight = Int(Int32(bitPattern: u32(22)))
            (bits, compression, colours, entrySize) = (u16(28), u32(30), Int(u32(46)), 4)
        }
        topDown = signedHeight < 0
        height = abs(signedHeight)
        guard width > 0, height > 0 else { throw Problem("image has no pixels (\(width) x \(signedHeight))") }
        switch compression {
        case 0, 3: break
        case 1, 2: throw Problem("RLE-compressed BMP is not supported")
        case 4, 5: throw Problem("BMP holding a JPEG or PNG is not supported")
        default: throw Problem("unsupported BMP compression (\(compression))")
        }
        guard [8, 24, 32].contains(bits) else { throw Problem("\(bits)-bit BMP is not supported (only 8, 24 and 32-bit)") }
        stride = (width * bits + 31) / 32 * 4
        var offset = Int(u32(10))
        if bits == 8 {
            guard compression == 0 else { throw Problem("8-bit BMP with bit fields is not supported") }
            let entries = min(colours == 0 ? 256 : colours, 256)
            let start = 14 + headerSize
            guard bytes.count >= start + entries * entrySize else { throw Problem("truncated BMP palette") }
            var table = [UInt8](repeating: 0, count: 256 * 3)
            var grey = true
            for i in 0..<entries {
                let entry = start + i * entrySize  // stored blue, green, red
                table[3 * i] = bytes[entry + 2]
                table[3 * i + 1] = bytes[entry + 1]
                table[3 * i + 2] = bytes[entry]
                grey = grey && table[3 * i] == table[3 * i + 1] && table[3 * i + 1] == table[3 * i + 2]
            }
            samples = .palette(table, grey: grey)
            // Some writers point the data at the palette; PIL then starts after it, and so do we.
            if offset == start { offset += (colours == 0 ? 256 : colours) * entrySize }
        } else if compression == 3 {
            guard bytes.count >= 66 else { throw Problem("truncated BMP header") }
            let masks = [u32(54), u32(58), u32(62)]
            if masks == [0, 0, 0] {
                samples = .direct(size: bits / 8, red: 2, green: 1, blue: 0)
            } else {
                let byteOf = masks.map { mask in (0..<bits / 8).first { mask == 0xFF << (8 * $0) } }
                guard let red = byteOf[0], let green = byteOf[1], let blue = byteOf[2] else {
                    throw Problem("unsupported BMP bit fields (masks must each be one byte)")
                }
                samples = .direct(size: bits / 8, red: red, green: green, blue: blue)
            }
        } else {
            samples = .direct(size: bits / 8, red: 2, green: 1, blue: 0)
        }
        dataOffset = offset
    }

    func convertRow(_ source: UnsafePointer<UInt8>, into row: UnsafeMutablePointer<UInt8>) {
        switch samples {
        case .palette(let table, let grey):
            table.withUnsafeBufferPointer { rgb in
                if grey {
                    for x in 0..<width { row[x] = rgb[3 * Int(source[x])] }
                } else {
                    for x in 0..<width {
                        let entry = 3 * Int(source[x])
                        row[3 * x] = rgb[entry]
                        row[3 * x + 1] = rgb[entry + 1]
                        row[3 * x + 2] = rgb[entry + 2]
                    }
                }
            }
        case .direct(let size, let red, let green, let blue):
            for x in 0..<width {
                let pixel = source + x * size
                row[3 * x] = pixel[red]
                row[3 * x + 1] = pixel[green]
                row[3 * x + 2] = pixel[blue]
            }
        }
    }
}
