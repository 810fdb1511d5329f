import Foundation
import Metrics
import TensorStream

/// Turns clip-level reconstructions into one score per source frame.
public struct FrameScorer {
    public enum Measure: String, CaseIterable, Sendable {
        /// ||I_t - R_t||^2
        case sse
        /// ||I_t - R_t||; under window-start the root of the window's summed squared error, ||I - R||
        /// over its T frames, as the tutorial's notebook takes it (not a sum of the frames' norms; with
        /// worst-patch pooling, the root of the frames' pooled errors summed).
        case l2
        /// Each pixel's error norm summed over the frame (Hasan et al., Nayak et al.'s eqs. 10-11); on
        /// grey frames the sum of absolute errors.
        case pixelL2 = "pixel-l2"
        /// Negated PSNR, so that higher means more anomalous like the others.
        case psnr
        /// Luo et al.'s eq. 3 (convlstm-ae only).
        case luo
        /// The square root of eq. 3: what the authors' test.py feeds to eq. 4, so what their tables
        /// report. Per-video min-max is not linear in the root, so the two rank frames across videos
        /// differently.
        case luoL2 = "luo-l2"

        /// Eq. 3 needs the previous-frame reconstructions, which cost as much again to compare.
        var usesEq3: Bool { self == .luo || self == .luoL2 }
    }

    /// How overlapping windows give a frame its score.
    public enum Mapping: String, CaseIterable, Sendable {
        /// The tutorial: a window's error belongs to the frame it starts at. The window's error is
        /// the sum of its frames' (for `l2`, the norm of the whole window).
        case windowStart = "window-start"
        /// The last frame of each window gets its own error (one window per frame in test mode).
        case lastFrame = "last-frame"
        /// Every frame averages its error over all windows that contain it.
        case mean
        /// Luo et al.'s test script: a window of T frames scores only its last T/2, whose ConvLSTM
        /// memory already holds T/2 frames or more (at a window's first frame eq. 3 even lacks its
        /// previous-frame term, so it would score about half). With windows T/2 apart
        /// (`augment-strides --strides 1 --step 5` for T = 10) each frame is scored once (with `--to-end`,
        /// the frames a video's last window shares with the one before are scored twice, averaged). A frame
        /// no window scores this way (the start of a video) takes the score of the frame T - T/2
        /// after it in its window, as that script does.
        case secondHalf = "second-half"
    }

    public let measure: Measure
    public let mapping: Mapping
    public let pooling: FrameErrors.Pooling
    /// Frames in the centred moving average each video's scores pass through (1 = none). Not in the
    /// ConvLSTM papers; later work smooths scores this way because anomalies last many frames.
    public let smoothing: Int
    private var sums: [String: [Int: (total: Double, count: Int)]] = [:]
    /// second-half: frames seen only in a window's first half, and the frame whose score they take.
    private var standIns: [String: [Int: Int]] = [:]
    private var videoOrder: [String] = []
    /// Each video's windows so far (their frame lists) and their stride, to catch streams that mix
    /// two videos under one id or windows cut at several strides.
    private var windows: [String: Set<[Int]>] = [:]
    private var strides: [String: Int] = [:]

    public init(measure: Measure, mapping: Mapping, pooling: FrameErrors.Pooling = .frame, smoothing: Int = 1) {
        self.measure = measure
        self.mapping = mapping
        self.pooling = pooling
        self.smoothing = max(1, smoothing)
    }

    public mutating func add(_ record: Record, source: String) throws {
        let errors = try FrameErrors(record: record, source: source, pooling: pooling, withLuo: measure.usesEq3)
        let values: [Double]?
        switch measure {
        case .sse: values = errors.squaredError
        case .l2: values = errors.l2
        case .pixelL2: values = errors.pixelL2
        case .psnr: values = errors.psnr.map { -$0 }
        case .luo: values = errors.luo
        case .luoL2: values = errors.luoL2
        }
        guard let values else {
            throw IOFailure("\(source): --measure \(measure.rawValue) needs a model that reconstructs the previous frame (convlstm-ae)")
        }
        guard values.allSatisfy(\.isFinite) else {
            throw IOFailure("\(source): the reconstruction's error is not a finite number (a model whose training diverged?)")
        }
        guard let video = record.metadata[FrameRecord.Key.video],
              let frames = record.metadata[FrameRecord.Key.frames].flatMap(Record.decodeIntegers), frames.count == values.count else {
            throw IOFailure("\(source): record lacks 'video' or a 'frames' list of \(values.count) indices")
        }
        // A clip says the stride it was cut at; frame numbers alone mislead where a frame is missing
        // (frames-extract --skip-bad), as the numbers jump there.
        let stride = record.metadata[FrameRecord.Key.stride].flatMap(Int.init) ?? zip(frames.dropFirst(), frames).map { $0 - $1 }.min() ?? 1
        try checkWindow(frames, stride: stride, of: video, source: source)
        if sums[video] == nil { videoOrder.append(video) }
        switch mapping {
        case .windowStart:
            let windowError = measure == .l2 ? errors.squaredError.reduce(0, +).squareRoot() : values.reduce(0, +)
            accumulate(video, frames[0], windowError)
        case .lastFrame: accumulate(video, frames[frames.count - 1], values[values.count - 1])
        case .mean: for (frame, value) in zip(frames, values) { accumulate(video, frame, value) }
        case .secondHalf:
            let cold = frames.count / 2, partnerOffset = frames.count - cold
            for (position, (frame, value)) in zip(frames, values).enumerated() {
                if position >= cold {
                    accumulate(video, frame, value)
                } else {
                    standIns[video, default: [:]][frame] = frames[position + partnerOffset]
                }
            }
        }
    }

    /// A frame's score averages or picks among its windows, which is only sound when they come from
    /// one video cut at one stride: training clips (strides 1,2,3) or two streams that each hold a
    /// video 01 would otherwise merge silently.
    private mutating func checkWindow(_ frames: [Int], stride: Int, of video: String, source: String) throws {
        if let first = strides[video], first != stride {
            throw IOFailure("\(source): video \(video) mixes windows of stride \(first) and \(stride); score clips cut at one stride (augment-strides --strides 1)")
        }
        strides[video] = stride
        guard windows[video, default: []].insert(frames).inserted else {
            throw IOFailure("\(source): video \(video) has the window of frames \(frames[0])-\(frames[frames.count - 1]) twice: two videos share the id, or a stream came twice")
        }
    }

    private mutating func accumulate(_ video: String, _ frame: Int, _ value: Double) {
        let old = sums[video, default: [:]][frame] ?? (0, 0)
        sums[video, default: [:]][frame] = (old.total + value, old.count + 1)
    }

    /// One row per scored frame. Extra columns give the per-video regularity of Luo/Hasan,
    /// 1 - (e - min)/(max - min), and the tutorial/Nayak abnormality (e - min)/|max|, so that the two
    /// normalisations are never confused.
    public func table() -> ScoreTable {
        var table = ScoreTable(extraColumns: ["regularity_luo", "abnormality_tutorial"])
        for video in videoOrder {
            let scored = sums[video, default: [:]], standingIn = standIns[video, default: [:]].filter { scored[$0.key] == nil }
            func meanScore(_ frame: Int) -> Double { scored[frame]!.total / Double(scored[frame]!.count) }
            let frames = (Array(scored.keys) + Array(standingIn.keys)).sorted()
            let scores = Self.movingAverage(frames.map { meanScore(standingIn[$0] ?? $0) }, frames: frames, window: smoothing)
            let lo = scores.min()!, hi = scores.max()!
            for (frame, (score, scaled)) in zip(frames, zip(scores, normalizedPerVideo(scores))) {
                let regularity = 1 - scaled
                // |max| keeps the order for negated PSNR, whose scores are negative.
                let abnormality = hi != 0 ? (score - lo) / abs(hi) : 0
                table.rows.append(.init(video: video, frame: frame, score: score, extras: ["\(regularity)", "\(abnormality)"]))
            }
        }
        return table
    }

    /// Frames the clips hold that the mapping left unscored between two scored frames of their video,
    /// per video: window-start or last-frame over windows several frames apart scores only one frame
    /// in each step. (The frames before a video's first score or after its last are the mapping's
    /// edges, not gaps.)
    public func unscoredBetweenScored() -> [(video: String, unscored: Int, held: Int)] {
        videoOrder.compactMap { video in
            let scored = Set(sums[video, default: [:]].keys).union(standIns[video, default: [:]].keys)
            let held = Set(windows[video, default: []].joined())
            guard let first = scored.min(), let last = scored.max() else { return nil }
            let unscored = held.filter { $0 > first && $0 < last && !scored.contains($0) }.count
            return unscored > 0 ? (video, unscored, held.count) : nil
        }
    }

    /// Centred moving average over frame numbers (sorted): each score becomes the mean of the scores
    /// of frames within window/2 of it, so rows scored every tenth frame are not smoothed across ten
    /// windows' worth of video; near the ends and gaps it averages the frames that exist.
    static func movingAverage(_ values: [Double], frames: [Int], window: Int) -> [Double] {
        guard window > 1 else { return values }
        let half = window / 2
        var first = 0, last = 0, sum = 0.0
        return frames.indices.map { i in
            while last < frames.count, frames[last] <= frames[i] + half { sum += values[last]; last += 1 }
            while frames[first] < frames[i] - half { sum -= values[first]; first += 1 }
            return sum / Double(last - first)
        }
    }
}
