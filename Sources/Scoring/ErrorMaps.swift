import Foundation
import ImageIO
import TensorStream

/// Per-pixel error heatmaps: the frame in grey with its absolute reconstruction error laid over it
/// in red, one PNG per frame, at DIR/VIDEO/FRAME.png.
public struct ErrorMaps {
    public let directory: String
    /// Frames already drawn, per video: overlapping windows hold a frame several times.
    private var drawn: [String: Set<Int>] = [:]

    public init(directory: String) { self.directory = directory }

    /// Draws every frame of the clip not drawn before, so each frame of a video is drawn once, from
    /// the first window that holds it (for the last-frame and second-half mappings on their test
    /// cuts, the window that scores it, past the video's first window).
    public mutating func write(_ record: Record, source: String) throws {
        guard let input = record["input"], let recon = record["recon"], input.shape.count == 4,
              let video = record.metadata[FrameRecord.Key.video],
              let frames = record.metadata[FrameRecord.Key.frames].flatMap(Record.decodeIntegers), frames.count == input.shape[0] else {
            throw IOFailure("\(source): record needs 'input', 'recon', 'video' and 'frames' for --maps")
        }
        let (c, h, w) = (input.shape[1], input.shape[2], input.shape[3])
        let reconstructed = FrameErrors.floats(recon)
        let folder = directory + "/" + Self.folderName(video)
        try makeOutputFolder(folder)
        for (position, frame) in frames.enumerated() where drawn[video, default: []].insert(frame).inserted {
            let start = position * c * h * w
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
            try ImageIO.writePNG(Image(width: w, height: h, channels: 3, pixels: pixels), to: String(format: "%@/%06d.png", folder, frame))
        }
    }

    /// Removes, from each video's folder this run drew into, the heatmaps of frames it did not draw
    /// (an earlier run's, of a longer video or other windows), so a folder never mixes two runs. Other
    /// files, and the folders of videos this run did not hold, are left alone.
    public func removeStale() throws {
        for (video, frames) in drawn {
            let folder = directory + "/" + Self.folderName(video)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                guard let frame = Self.frame(ofHeatmap: name), !frames.contains(frame) else { continue }
                guard unlink(folder + "/" + name) == 0 || errno == ENOENT else {
                    throw IOFailure("\(folder)/\(name): cannot remove an earlier run's heatmap: \(String(cString: strerror(errno)))")
                }
            }
        }
    }

    /// The frame a file name holds a heatmap of, when it is one as `write` names them (`000042.png`).
    static func frame(ofHeatmap name: String) -> Int? {
        guard name.hasSuffix(".png"), let frame = Int(name.dropLast(4)), frame >= 0,
              name == String(format: "%06d.png", frame) else { return nil }
        return frame
    }

    /// The folder under DIR for a video id: one path component, never `.`, `..` or empty, so no id
    /// can point outside DIR.
    static func folderName(_ video: String) -> String {
        let name = video.replacingOccurrences(of: "/", with: "_")
        return name.allSatisfy { $0 == "." } ? "_" + name : name
    }
}
