/// The formats told apart by their first bytes (signatures), whatever the file is called.
enum ImageFormat {
    case png, jpeg, tiff, bmp, pnm

    init?(sniffing bytes: [UInt8]) {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
                    || starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B]) {
            self = .tiff  // classic and BigTIFF, either byte order
        } else if starts([0x42, 0x4D]) {
            self = .bmp
        } else if bytes.count >= 3, bytes[0] == UInt8(ascii: "P"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[1]),
                  [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(bytes[2]) {
            self = .pnm
        } else {
            return nil
        }
    }
}
