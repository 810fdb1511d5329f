import TensorStream

/// One generated video with its ground truth, as every generator returns it.
public struct SynthVideo: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Grey frames, [frames, 1, height, width].
    public var pixels: [UInt8]
    /// One per frame: 1 where an anomaly is visible or active.
    public var labels: [UInt8]
    /// The moving things, frame by frame.
    public var tracks: [Track]

    public var frameCount: Int { labels.count }

    /// The video as one frame record (see `FrameRecord`); test videos carry their labels as metadata.
    public func record(dataset: String, index: Int, source: String, labelled: Bool) -> Record {
        var record = FrameRecord.make(dataset: dataset, video: Self.id(index), indices: Array(0..<frameCount), source: source,
                                      pixels: pixels, channels: 1, height: height, width: width)
        if labelled { record.metadata[FrameRecord.Key.labels] = FrameLabels.line(labels) }
        return record
    }

    /// Video ids are 1-based and two digits wide, as UCSD names its videos: "01", "02", ..., "100".
    public static func id(_ index: Int) -> String {
        let number = String(index + 1)
        return number.count < 2 ? "0" + number : number
    }
}

/// Where one object is in every frame: its top-left corner in pixels, before rounding to the grid.
public struct Track: Equatable, Sendable {
    public enum Shape: String, Sendable { case digit, square, triangle }
    public var shape: Shape
    public var sprite: Sprite
    public var x: [Double]
    public var y: [Double]
}

extension Canvas {
    /// Each track's sprite drawn in every frame, in order.
    mutating func draw(_ tracks: [Track], blend: Blend) {
        for track in tracks {
            for t in 0..<count { draw(track.sprite, frame: t, x: track.x[t], y: track.y[t], blend: blend) }
        }
    }
}

/// Training videos (never anomalous) or test videos (some or all of them anomalous). The split is part of
/// every video's random stream, so a seed gives different training and test videos.
public enum Split: String, CaseIterable, Sendable {
    case train, test

    var stream: UInt64 { self == .train ? 0 : 1 }
}

/// Which test videos carry an anomaly, as each paper builds its test set.
public enum AnomalousVideos: Sendable {
    /// Every second video from the first (01, 03, 05, ...): a test set of normal and anomalous videos.
    case everySecond
    /// Every video.
    case every
}

/// The anomaly test video `index` (0-based) carries under `plan`; several kinds take turns.
public func plannedAnomaly<Kind>(of kinds: [Kind], video index: Int, split: Split, plan: AnomalousVideos = .everySecond) -> Kind? {
    guard split == .test, !kinds.isEmpty else { return nil }
    switch plan {
    case .every: return kinds[index % kinds.count]
    case .everySecond: return index % 2 == 0 ? kinds[(index / 2) % kinds.count] : nil
    }
}
