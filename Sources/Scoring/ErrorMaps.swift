import Foundation
import ImageIO
import TensorStream

/// Per-pixel error heatmaps: the frame in grey with its absolute reconstruction error laid over it
/// in red, one PNG per frame, at DIR/VIDEO/FRAME.png. Each video's folder also lists, in
/// `.vadkit-heatmaps`, the frames the last complete run drew there, so the next one can tell its
/// own leftovers from anyone else's files.
public struct ErrorMaps {
    public let directory: String
    /// Frames already drawn, per folder under DIR (two video ids can share one, as `a/b` and `a_b`):
    /// overlapping windows hold a frame several times.
    private var drawn: [String: Set<Int>] = [:]
    static let manifestName = ".vadkit-heatmaps"

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
        let folderName = Self.folderName(video)
        let folder = directory + "/" + folderName
        try makeOutputFolder(folder)
        for (position, frame) in frames.enumerated() where drawn[folderName, default: []].insert(frame).inserted {
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
            try ImageIO.writePNG(Image(width: w, height: h, channels: 3, pixels: pixels), to: Self.heatmapPath(folder, frame))
        }
    }

    /// Once every heatmap is drawn: removes, from each folder this run drew into, the heatmaps the
    /// previous complete run listed there and this one did not draw (frames of a longer video, of
    /// other windows), then lists this run's. A folder so never mixes two runs, and no file this
    /// program did not list is touched.
    public func removeStale() throws {
        for (folderName, frames) in drawn {
            let folder = directory + "/" + folderName
            let manifest = folder + "/" + Self.manifestName
            for frame in try Self.listedFrames(manifest).subtracting(frames) {
                let path = Self.heatmapPath(folder, frame)
                guard unlink(path) == 0 || errno == ENOENT else {
                    let reason = String(cString: strerror(errno))
                    throw IOFailure("\(path): cannot remove an earlier run's heatmap: \(reason)")
                }
            }
            let list = try OutputFile(path: manifest)
            try list.write(frames.sorted().map { "\($0)\n" }.joined())
            try list.commit()
        }
    }

    /// Where a frame's heatmap lies in its video's folder: drawn there by `write`, removed by `removeStale`.
    static func heatmapPath(_ folder: String, _ frame: Int) -> String { String(format: "%@/%06d.png", folder, frame) }

    /// The frames a folder's list names; none when there is no list yet.
    static func listedFrames(_ manifest: String) throws -> Set<Int> {
        guard FileManager.default.fileExists(atPath: manifest) else { return [] }
        guard let text = try? String(contentsOfFile: manifest, encoding: .utf8) else {
            throw IOFailure("\(manifest): cannot read the list of earlier heatmaps")
        }
        var frames = Set<Int>()
        for line in text.split(separator: "\n") {
            guard let frame = Int(line), frame >= 0 else {
                throw IOFailure("\(manifest): '\(line)' is not a frame number; remove the file to start the list afresh")
            }
            frames.insert(frame)
        }
        return frames
    }

    /// The folder under DIR for a video id: one path component, never `.`, `..` or empty, so no id
    /// can point outside DIR.
    static func folderName(_ video: String) -> String {
        let name = video.replacingOccurrences(of: "/", with: "_")
        return name.allSatisfy { $0 == "." } ? "_" + name : name
    }
}
