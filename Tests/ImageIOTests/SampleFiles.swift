import Foundation

/// Small files built without PIL, so the error paths are tested everywhere.
enum SampleFiles {
    /// A 24 x 16 colour baseline JPEG (4:2:0, quality 60) that PIL wrote once.
    static let jpeg = [UInt8](Data(base64Encoded: """
        /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5a\
        YVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAAR\
        CAAQABgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEG\
        E1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWG\
        h4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEB\
        AQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYk\
        NOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0\
        tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDjINOwfu1pw6d6LW5Bp3P3cVpwad0+Xioh\
        VOXB5j5mFb6d7UV10GndPl6UV1xraH0dLMvd3P/Z
        """)!)

    /// An uncompressed little-endian TIFF in one strip; the tags say what the arguments say.
    static func tiff(width: Int, height: Int, samples: Int, bits: Int = 8, photometric: Int) -> [UInt8] {
        let pixelBytes = width * height * samples * bits / 8
        var out: [UInt8] = Array("II".utf8) + le16(42) + le32(8)
        let entries: [(tag: Int, type: Int, value: Int)] = [
            (256, 4, width), (257, 4, height), (258, 3, bits), (259, 3, 1), (262, 3, photometric),
            (273, 4, 0), (277, 3, samples), (278, 4, height), (279, 4, pixelBytes), (284, 3, 1),
        ]
        let dataOffset = 8 + 2 + entries.count * 12 + 4
        out += le16(entries.count)
        for entry in entries {
            // One value each (bits per sample is given once, which libtiff accepts), left-justified.
            let value = entry.tag == 273 ? dataOffset : entry.value
            out += le16(entry.tag) + le16(entry.type) + le32(1) + (entry.type == 3 ? le16(value) + le16(0) : le32(value))
        }
        out += le32(0)
        return out + (0..<pixelBytes).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    }

    /// A bottom-up BMP with a 40-byte header; `compression` and `bits` go into the header unchecked.
    static func bmp(width: Int, height: Int, bits: Int = 24, compression: Int = 0, headerSize: Int = 40) -> [UInt8] {
        let stride = (width * bits + 31) / 32 * 4
        let palette = bits <= 8 ? (1 << bits) * 4 : 0
        let offset = 14 + 40 + palette
        var out: [UInt8] = Array("BM".utf8) + le32(offset + stride * height) + le32(0) + le32(offset)
        out += le32(headerSize) + le32(width) + le32(height) + le16(1) + le16(bits) + le32(compression)
        out += le32(stride * height) + le32(2835) + le32(2835) + le32(0) + le32(0)
        out += (0..<palette).map { UInt8(truncatingIfNeeded: $0 / 4) }
        return out + (0..<(stride * height)).map { UInt8(truncatingIfNeeded: $0 &* 13) }
    }

    private static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    private static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }
}
