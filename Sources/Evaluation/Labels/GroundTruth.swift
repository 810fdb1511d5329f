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

    /// Whether each of `frames` (0-based) of `video` is anomalous. Scores may stop short of a video's
    /// end (the last windows' frames, a --max-frames run), so ranges are not cut to a length; frames
    /// past what per-frame labels cover are refused.
    public func anomalous(video: String, frames: [Int]) throws -> [Bool] {
        let name = VideoID.canonical(video)
        guard let truth = videos[name] else { throw LabelError("\(source): no labels for video \(name)") }
        switch truth {
        case .frames(let flags):
            if let beyond = frames.first(where: { $0 >= flags.count }) {
                throw LabelError("scores for video \(name) reach frame \(beyond), but \(source) labels \(flags.count) frames")
            }
            return frames.map { flags[$0] }
        case .ranges(let ranges):
            return frames.map { frame in ranges.contains { $0.contains(frame) } }
        }
    }
}

public struct LabelError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
