extension Image {
    /// This image with the requested channels, converted as PIL's convert('L') / convert('RGB') do.
    public func converted(to target: ImageChannels) -> Image {
        var image = self
        image.convert(to: target)
        return image
    }

    /// Converts in place, reusing the pixel buffer.
    mutating func convert(to target: ImageChannels) {
        switch (target, channels) {
        case (.gray, 3): rgbToGrey()
        case (.rgb, 1): greyToRGB()
        default: break
        }
    }

    /// PIL's luma in 16-bit fixed point: L = (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16.
    private mutating func rgbToGrey() {
        let count = width * height
        pixels.withUnsafeMutableBufferPointer { p in
            // Pixel i is written at i, after reading 3i..3i+2, so the buffer can be shared.
            for i in 0..<count {
                let r = UInt32(p[3 * i]), g = UInt32(p[3 * i + 1]), b = UInt32(p[3 * i + 2])
                p[i] = UInt8(truncatingIfNeeded: (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
            }
        }
        pixels.removeLast(2 * count)
        channels = 1
    }

    private mutating func greyToRGB() {
        let count = width * height
        pixels.append(contentsOf: repeatElement(0, count: 2 * count))
        pixels.withUnsafeMutableBufferPointer { p in
            // Backwards, so each grey sample is read before its RGB triple overwrites it.
            var i = count - 1
            while i >= 0 {
                let v = p[i]
                p[3 * i] = v
                p[3 * i + 1] = v
                p[3 * i + 2] = v
                i -= 1
            }
        }
        channels = 3
    }

    /// Keeps one sample of each RGB pixel whose three are equal (a palette of greys).
    mutating func keepGreyOfGreyRGB() {
        let count = width * height
        pixels.withUnsafeMutableBufferPointer { p in
            for i in 0..<count { p[i] = p[3 * i] }
        }
        pixels.removeLast(2 * count)
        channels = 1
    }
}
