import TensorStream

/// Turns a stream of frame records into clip records, remembering only the frames that a window can
/// still need (the widest window's span), so memory stays bounded whatever the video's length.
/// Frames are numbered by their position in the stream of each video; the source frame indices, and
/// the frame labels where the frame records carry them, travel in each clip's metadata.
public final class ClipCutter {
    public let windows: ClipWindows
    /// Told of each video that ends without a single clip, with its frame count.
    public var onTooShort: (_ video: String, _ frames: Int) -> Void = { _, _ in }
    private var video: String?
    private var metadata: [String: String] = [:]
    private var position = 0
    /// The last `maximumSpan` frames: (source index, pixels of one frame, its label if known).
    private var recent: [(index: Int, pixels: ArraySlice<UInt8>, label: Character?)] = []
    private var frameShape: [Int] = []

    public init(windows: ClipWindows) { self.windows = windows }

    /// Feeds the frame record at `number` in `source`; returns the clips completed by its frames (and
    /// the last clips of the video before it, when this record starts another).
    public func consume(_ record: Record, number: Int, source: String) throws -> [Record] {
        let (pixels, indices, videoID) = try FrameRecord.frames(of: record, number: number, in: source)
        let shape = Array(pixels.shape.dropFirst())
        var clips: [Record] = []
        if videoID != video {
            clips = finish()
            video = videoID
            position = 0
            recent.removeAll(keepingCapacity: true)
            frameShape = shape
            metadata = record.metadata
            metadata[FrameRecord.Key.labels] = nil
        } else if shape != frameShape {
            throw ClipError("\(FrameRecord.place(source, record: number, video: videoID)) changes frame shape from \(frameShape) to \(shape)")
        }
        // A record given twice, or frames out of order, would cut clips that run backwards in time.
        var previous = recent.last?.index
        for index in indices {
            if let previous, index <= previous {
                throw ClipError("\(FrameRecord.place(source, record: number, video: videoID)): frame \(index) follows frame \(previous); a video's frame indices must increase")
            }
            previous = index
        }
        let frameBytes = shape.reduce(1, *)
        let labels = record.metadata[FrameRecord.Key.labels].map(Array.init).flatMap { $0.count == indices.count ? $0 : nil }
        for (n, index) in indices.enumerated() {
            recent.append((index, pixels.bytes[(n * frameBytes)..<((n + 1) * frameBytes)], labels?[n]))
            if recent.count > windows.maximumSpan { recent.removeFirst(recent.count - windows.maximumSpan) }
            for (stride, start) in windows.windows(endingAt: position) {
                clips.append(clip(stride: stride, start: start, newest: position))
            }
            position += 1
        }
        return clips
    }

    /// Ends the current video and returns its windows flush with its end (`ClipWindows.reachingEnd`),
    /// telling `onTooShort` if it gave no clip; call after the last record.
    public func finish() -> [Record] {
        guard let video else { return [] }
        if windows.clipCount(frames: position) == 0 { onTooShort(video, position) }
        self.video = nil
        return windows.windows(endingLast: position).map { clip(stride: $0.stride, start: $0.start, newest: position - 1) }
    }

    /// The window of `stride` from `start`, `newest` being the position of the latest frame kept.
    private func clip(stride: Int, start: Int, newest: Int) -> Record {
        // recent.last is at `newest`; the frame at position p sits (newest - p) places before it.
        let picks = (0..<windows.length).map { recent[recent.count - 1 - (newest - (start + $0 * stride))] }
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
