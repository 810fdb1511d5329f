import Foundation

/// Frame-level ground truth for a dataset's test videos, keyed by canonical video name
/// (see `VideoID`), in the order the source lists them.
public struct GroundTruth: Equatable, Sendable {
    /// One video's truth: explicit per-frame flags (label text files, masks), or anomalous ranges
    /// when the source does not say how many frames there are (UCSD's `.m` files).
    public enum Video: Equatable, Sendable {
        case frames([Bool])
        /// 0-based inclusive ranges.
        case ranges([ClosedRange<Int>])
    }

    public private(set) var order: [String] = []
    public private(set) var videos: [String: Video] = [:]
    /// Where the truth came from, for messages.
    public let source: String

    public init(source: String) { self.source = source }

    mutating func add(_ name: String, _ video: Video) throws {
        guard videos[name] == nil else { throw LabelError("\(source): video \(name) is listed twice") }
        order.append(name)
        videos[name] = video
    }

    /// How many frames the truth itself says `video` has (nil for range-only sources).
    public func frameCount(video: String) -> Int? {
        if case .frames(let flags) = videos[VideoID.canonical(video)] { return flags.count }
        return nil
    }

    /// Per-frame flags for `video` with `frameCount` frames (true = anomalous).
    public func flags(video: String, frameCount: Int) throws -> [Bool] {
        let name = VideoID.canonical(video)
        guard let truth = videos[name] else { throw LabelError("\(source): no labels for video \(name)") }
        switch truth {
        case .frames(let flags):
            guard flags.count == frameCount else {
                throw LabelError("\(source): video \(name) has \(flags.count) labelled frames, the scores have \(frameCount)")
            }
            return flags
        case .ranges(let ranges):
            // Scores may stop short of a video's end (the last windows' frames, a --max-frames run),
            // so ranges past `frameCount` are cut, not refused.
            var flags = [Bool](repeating: false, count: frameCount)
            for range in ranges where range.lowerBound < frameCount {
                for i in range.clamped(to: 0...(frameCount - 1)) { flags[i] = true }
            }
            return flags
        }
    }
}

public struct LabelError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
