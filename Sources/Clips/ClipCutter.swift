import TensorStream

/// Turns a stream of frame records into clip records, remembering only the frames that a window can
/// still need (the widest window's span), so memory stays bounded whatever the video's length.
/// Frames are numbered by their position in the stream of each video; the source frame indices, and
/// the frame labels where the frame records carry them, travel in each clip's metadata.
public final class ClipCutter {
    public let windows: ClipWindows
    private var video: String?
    private var metadata: [String: String] = [:]
    private var position = 0
    /// The last `maximumSpan` frames: (source index, pixels of one frame, its label if known).
    private var recent: [(index: Int, pixels: ArraySlice<UInt8>, label: Character?)] = []
    private var frameShape: [Int] = []

    public init(windows: ClipWindows) { self.windows = windows }

    /// Feeds one frame record; returns the clips completed by its frames.
    public func consume(_ record: Record, source: String) throws -> [Record] {
        let (pixels, indices, videoID) = try FrameRecord.frames(of: record, in: source)
        let shape = Array(pixels.shape.dropFirst())
        if videoID != video {
            video = videoID
            position = 0
            recent.removeAll(keepingCapacity: true)
            frameShape = shape
            metadata = record.metadata
            metadata[FrameRecord.Key.labels] = nil
        } else if shape != frameShape {
            throw ClipError("\(source): video \(videoID) changes frame shape from \(frameShape) to \(shape)")
        }
        let frameBytes = shape.reduce(1, *)
        let labels = record.metadata[FrameRecord.Key.labels].map(Array.init).flatMap { $0.count == indices.count ? $0 : nil }
        var clips: [Record] = []
        for (n, index) in indices.enumerated() {
            recent.append((index, pixels.bytes[(n * frameBytes)..<((n + 1) * frameBytes)], labels?[n]))
            if recent.count > windows.maximumSpan { recent.removeFirst(recent.count - windows.maximumSpan) }
            for (stride, start) in windows.windows(endingAt: position) {
                clips.append(clip(stride: stride, start: start))
            }
            position += 1
        }
        return clips
    }

    private func clip(stride: Int, start: Int) -> Record {
        // recent.last is at `position`; the frame at position p sits (position - p) places before it.
        let picks = (0..<windows.length).map { recent[recent.count - 1 - (position - (start + $0 * stride))] }
        var bytes = [UInt8]()
        bytes.reserveCapacity(picks.count * picks[0].pixels.count)
        for pick in picks { bytes.append(contentsOf: pick.pixels) }
        var meta = metadata
        meta[FrameRecord.Key.frames] = Record.encodeIntegers(picks.map(\.index))
        meta[FrameRecord.Key.stride] = String(stride)
        let labels = picks.compactMap(\.label)
        if labels.count == picks.count { meta[FrameRecord.Key.labels] = String(labels) }
        return Record(tensors: [(FrameRecord.clipTensor, HostTensor(u8: bytes, shape: [windows.length] + frameShape))], metadata: meta)
    }
}
