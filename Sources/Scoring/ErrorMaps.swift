import Foundation
import ImageIO
import TensorStream

/// Per-pixel error heatmaps: the frame in grey with its absolute reconstruction error laid over it
/// in red, one PNG per frame, at DIR/VIDEO/FRAME.png.
public enum ErrorMaps {
    /// Writes the map of each clip's last frame (in sliding test mode, every frame once).
    public static func write(_ record: Record, to directory: String, source: String) throws {
        guard let input = record["input"], let recon = record["recon"], input.shape.count == 4,
              let video = record.metadata[FrameRecord.Key.video],
              let frame = record.metadata[FrameRecord.Key.frames].flatMap(Record.decodeIntegers)?.last else {
            throw IOFailure("\(source): record needs 'input', 'recon', 'video' and 'frames' for --maps")
        }
        let (t, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let reconstructed = FrameErrors.floats(recon)
        let start = (t - 1) * c * h * w
        var pixels = [UInt8](repeating: 0, count: h * w * 3)
        for y in 0..<h {
            for x in 0..<w {
                var grey: Float = 0, error: Float = 0
                for channel in 0..<c {
                    let i = start + (channel * h + y) * w + x
                    let value = Float(input.bytes[i]) / 255
                    grey += value / Float(c)
                    error = max(error, abs(value - reconstructed[i]))
                }
                let base = grey * (1 - error) * 255
                let o = (y * w + x) * 3
                pixels[o] = UInt8(min(255, base + error * 255).rounded())
                pixels[o + 1] = UInt8(base.rounded())
                pixels[o + 2] = UInt8(base.rounded())
            }
        }
        let folder = directory + "/" + video.replacingOccurrences(of: "/", with: "_")
        try makeOutputFolder(folder)
        try ImageIO.writePNG(Image(width: w, height: h, channels: 3, pixels: pixels), to: String(format: "%@/%06d.png", folder, frame))
    }
}
