/// Netpbm greymaps and pixmaps: binary P5/P6 and ASCII P2/P3, read as PIL 9.4 reads them. A maxval
/// other than 255 is scaled as PIL scales it, round(v / maxval * 255); PIL opens a greymap with a
/// maxval over 255 as 32-bit mode I, scaled to 0..65535, which its convert('L') clips to 255, and we
/// give that same clipped result. Bitmaps (P1/P4) are refused.
enum PNMDecoder {
    static func decode(_ bytes: [UInt8]) throws -> Image {
        var reader = PNMTokens(bytes: bytes)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P") else { throw Problem("not a PNM file") }
        let kind = bytes[1]
        reader.position = 2
        guard kind != UInt8(ascii: "1"), kind != UInt8(ascii: "4") else { throw Problem("PBM bitmaps (P1, P4) are not supported") }
        guard (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(kind) else { throw Problem("unsupported PNM type P\(Character(UnicodeScalar(kind)))") }
        let binary = kind >= UInt8(ascii: "5")
        let channels = kind == UInt8(ascii: "3") || kind == UInt8(ascii: "6") ? 3 : 1
        let width = try reader.headerNumber(), height = try reader.headerNumber(), maxval = try reader.headerNumber()
        guard (1...65535).contains(maxval) else { throw Problem("PNM maxval must be 1 to 65535, got \(maxval)") }
        let count = try pixelByteCount(width: width, height: height, channels: channels)
        let scale = ScaleTable(maxval: maxval, grey: channels == 1)
        let pixels = binary
            ? try binarySamples(bytes, from: reader.position, count: count, maxval: maxval, scale: scale)
            : try asciiSamples(bytes, from: reader.position, count: count, maxval: maxval, scale: scale)
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    private static func binarySamples(_ bytes: [UInt8], from start: Int, count: Int, maxval: Int, scale: ScaleTable) throws -> [UInt8] {
        let wide = maxval > 255  // two bytes per sample, big-endian
        guard (bytes.count - start) >> (wide ? 1 : 0) >= count else { throw Problem("truncated PNM data") }
        if maxval == 255 { return Array(bytes[start..<(start + count)]) }
        return bytes.withUnsafeBufferPointer { input in
            scale.table.withUnsafeBufferPointer { table in
                [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
                    let source = input.baseAddress! + start
                    if wide {
                        for i in 0..<count { output[i] = table[Int(source[2 * i]) << 8 | Int(source[2 * i + 1])] }
                    } else {
                        for i in 0..<count { output[i] = table[Int(source[i])] }
                    }
                    initialized = count
                }
            }
        }
    }

    /// Decimal samples separated by whitespace; comments run from '#' to the end of the line.
    private static func asciiSamples(_ bytes: [UInt8], from start: Int, count: Int, maxval: Int, scale: ScaleTable) throws -> [UInt8] {
        var pixels = [UInt8]()
        pixels.reserveCapacity(count)
        var reader = PNMTokens(bytes: bytes)
        reader.position = start
        while pixels.count < count {
            guard let value = try reader.number(naming: "sample") else { throw Problem("truncated PNM data") }
            guard value <= maxval else { throw Problem("PNM sample \(value) exceeds maxval \(maxval)") }
            pixels.append(scale.table[value])
        }
        return pixels
    }
}

/// PIL's sample scaling as a lookup table over every value a sample can hold.
private struct ScaleTable {
    let table: [UInt8]

    init(maxval: Int, grey: Bool) {
        // PIL scales a wide greymap to 0...65535 (mode I), then clips it to 255 converting to L.
        let top = grey && maxval > 255 ? 65535.0 : 255.0
        let size = maxval > 255 ? 65536 : 256
        table = (0..<size).map { value in
            // Python's round() is half-to-even on the same double arithmetic.
            let scaled = min(top, (Double(value) / Double(maxval) * top).rounded(.toNearestOrEven))
            return UInt8(min(scaled, 255))
        }
    }
}

/// PIL's PNM tokenizer: whitespace-separated tokens of at most 10 characters; a '#' starts a comment
/// that runs to the end of the line and is cut out, even from the middle of a token.
private struct PNMTokens {
    let bytes: [UInt8]
    var position = 0

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (0x09...0x0D).contains(c) }

    /// The next header number, leaving `position` just past the one whitespace byte that ends it.
    mutating func headerNumber() throws -> Int {
        guard let value = try number(naming: "header value") else { throw Problem("truncated PNM header") }
        return value
    }

    /// The next token as a number, or nil at the end of the data.
    mutating func number(naming what: String) throws -> Int? {
        var token = [UInt8]()
        while position < bytes.count {
            let c = bytes[position]
            position += 1
            if Self.isSpace(c) {
                if token.isEmpty { continue }
                break
            }
            if c == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                position += 1
                continue
            }
            token.append(c)
            if token.count > 10 { throw Problem("PNM token too long: \(String(decoding: token, as: UTF8.self))") }
        }
        if token.isEmpty { return nil }
        guard token.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(String(decoding: token, as: UTF8.self)) else {
            throw Problem("invalid PNM \(what) '\(String(decoding: token, as: UTF8.self))'")
        }
        return value
    }
}
