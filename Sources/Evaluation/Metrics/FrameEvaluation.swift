import Labels
import TensorStream

/// Scores joined to ground truth and pooled over all frames of all videos, as the papers report.
public struct FrameEvaluation: Sendable {
    public enum Normalization: String, CaseIterable, Sendable {
        case none
        /// Min-max within each video before pooling (Luo et al., MNAD, Liu et al.).
        case perVideo = "per-video"
    }

    public struct Video: Sendable {
        public let name: String
        public let frames: [Int]
        public let scores: [Double]
        public let anomalous: [Bool]
    }

    public let videos: [Video]
    public let roc: ROC
    public let equalPrecisionRecall: EqualPrecisionRecall
    public let normalization: Normalization
    /// Videos the labels name that no score row does: a scoring run that lost a video would otherwise
    /// only show in `videos`, while its AUC moves.
    public let unscoredVideos: [String]

    /// `source` names the scores in messages.
    public init(scores: ScoreTable, source: String, truth: GroundTruth, normalization: Normalization) throws {
        guard !scores.rows.isEmpty else { throw MetricError("\(source): no score rows") }
        var videos: [Video] = []
        for (name, rows) in scores.videos {
            let frames = rows.map(\.frame), raw = rows.map(\.score)
            videos.append(Video(name: name, frames: frames, scores: normalization == .perVideo ? normalizedPerVideo(raw) : raw,
                                anomalous: try truth.anomalous(video: name, frames: frames)))
        }
        self.videos = videos
        self.normalization = normalization
        let scored = Set(videos.map { VideoID.canonical($0.name) })
        unscoredVideos = truth.order.filter { !scored.contains($0) }
        let pooledScores = videos.flatMap(\.scores), pooledLabels = videos.flatMap(\.anomalous)
        let anomalous = pooledLabels.filter { $0 }.count
        guard anomalous > 0, anomalous < pooledLabels.count else {
            throw MetricError("\(source): all \(pooledLabels.count) scored frames are \(anomalous > 0 ? "anomalous" : "normal") in \(truth.source); the ROC needs both kinds")
        }
        roc = try ROC(scores: pooledScores, labels: pooledLabels)
        equalPrecisionRecall = try EqualPrecisionRecall(scores: pooledScores, labels: pooledLabels)
    }

    /// The summary `evaluate` prints: one JSON object, keys sorted.
    public var summaryJSON: String {
        let fields: [(String, String)] = [
            ("accuracy_at_equal_precision_recall", "\(equalPrecisionRecall.accuracy)"),
            ("anomalous_frames", "\(roc.positives)"),
            ("auc", "\(roc.auc)"),
            ("eer", "\(roc.equalErrorRate)"),
            ("frames", "\(roc.positives + roc.negatives)"),
            ("normal_frames", "\(roc.negatives)"),
            ("normalize", "\"\(normalization.rawValue)\""),
            ("unscored_videos", "[" + unscoredVideos.map(jsonQuoted).joined(separator: ", ") + "]"),
            ("videos", "\(videos.count)"),
        ]
        return "{" + fields.map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}"
    }

    /// The frames pooled, as pooled: each frame's score (normalised where asked) and, in the extra
    /// column `anomalous`, its label. What a comparison of two detectors resamples (compare-auc.py).
    public var pooledFrames: ScoreTable {
        ScoreTable(extraColumns: ["anomalous"], rows: videos.flatMap { video in
            video.frames.indices.map { i in
                ScoreTable.Row(video: video.name, frame: video.frames[i], score: video.scores[i], extras: [video.anomalous[i] ? "1" : "0"])
            }
        })
    }

    public var rocCSV: String {
        "threshold,fpr,tpr\n" + roc.points.map { "\($0.threshold),\($0.falsePositiveRate),\($0.truePositiveRate)" }.joined(separator: "\n") + "\n"
    }
}
