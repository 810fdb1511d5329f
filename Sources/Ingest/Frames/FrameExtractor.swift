import Foundation
import ImageIO
import TensorStream

/// What `frames-extract` reads and how it cuts the output.
public struct ExtractionOptions: Sendable {
    public var channels: ImageChannels = .native
    public var every = 1
    public var maxFrames: Int?
    /// Frames per record, which bounds memory however long a video is.
    public var chunk = 32
    public var skipBad = false
    public var resizer = FrameResizer(width: nil, height: nil, filter: .area)
    public var dataset = ""
    /// Decoding threads (nil: every core), for sharing the machine with other work.
    public var threads: Int?

    public init() {}
}

/// Reads every frame of a source and emits frame records of up to `chunk` frames.
public struct FrameExtractor {
    public let options: ExtractionOptions
    /// Unreadable files skipped under `skipBad`.
    public private(set) var skipped = 0
    public private(set) var frames = 0

    public init(options: ExtractionOptions) { self.options = options }

    public mutating func extract(_ video: VideoSource, warn: (String) -> Void, emit: (Record) throws -> Void) throws {
        var reader: FrameReader
        do {
            switch video.kind {
            case .images(let paths): reader = ImageFolderReader(paths: paths, channels: options.channels, every: options.every, threads: options.threads)
            case .file: reader = try VideoFileReader(path: video.path, channels: options.channels, every: options.every, threads: options.threads)
            }
        } catch where options.skipBad {
            warn("skipping \(error)")
            skipped += 1
            return
        }
        var emitted = 0
        var badFrames = 0
        while options.maxFrames.map({ emitted < $0 }) ?? true {
            let want = min(options.chunk, (options.maxFrames ?? Int.max) - emitted)
            let batch: [(index: Int, image: Image)]
            do {
                batch = try reader.read(want) { error in
                    guard options.skipBad else { throw error }
                    warn("skipping \(error)")
                    badFrames += 1
                }
            } catch where options.skipBad {
                warn("skipping the rest of \(video.path): \(error)")
                skipped += 1
                break
            }
            if batch.isEmpty { break }
            let stacked = try options.resizer.stack(batch.map(\.image), source: video.path)
            try emit(FrameRecord.make(dataset: options.dataset, video: video.id, indices: batch.map(\.index), source: video.path,
                                      pixels: stacked.pixels, channels: stacked.channels, height: stacked.height, width: stacked.width))
            emitted += batch.count
        }
        skipped += badFrames
        frames += emitted
    }
}
