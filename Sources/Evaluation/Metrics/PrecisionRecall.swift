/// Accuracy at the threshold where precision equals recall: the figure Ben-Ari & Shwartz-Ziv report
/// as "EER". Among the distinct score thresholds that catch at least one anomalous frame, the one
/// with the smallest |precision - recall| (the highest such threshold on a tie) is taken, calling
/// frames with score >= threshold anomalous. Thresholds that catch none are left out: there
/// precision and recall are both 0, equal without meaning anything.
public struct EqualPrecisionRecall: Equatable, Sendable {
    public let threshold: Double
    public let precision: Double
    public let recall: Double
    public let accuracy: Double

    public init(scores: [Double], labels: [Bool]) throws {
        let roc = try ROC(scores: scores, labels: labels)
        let total = Double(scores.count)
        var best: (gap: Double, point: EqualPrecisionRecall)?
        for point in roc.points.dropFirst() where point.truePositiveRate > 0 {
            let tp = point.truePositiveRate * Double(roc.positives)
            let fp = point.falsePositiveRate * Double(roc.negatives)
            let precision = tp / (tp + fp)
            let recall = point.truePositiveRate
            let accuracy = (tp + Double(roc.negatives) - fp) / total
            let gap = abs(precision - recall)
            if best == nil || gap < best!.gap {
                best = (gap, EqualPrecisionRecall(threshold: point.threshold, precision: precision, recall: recall, accuracy: accuracy))
            }
        }
        self = best!.point
    }

    private init(threshold: Double, precision: Double, recall: Double, accuracy: Double) {
        self.threshold = threshold
        self.precision = precision
        self.recall = recall
        self.accuracy = accuracy
    }
}

/// Per-video min-max normalisation, (s - min) / (max - min), which Luo et al., MNAD and Liu et al.
/// apply before pooling videos. A constant video maps to zeros.
public func normalizedPerVideo(_ scores: [Double]) -> [Double] {
    guard let lo = scores.min(), let hi = scores.max(), hi > lo else { return scores.map { _ in 0 } }
    return scores.map { ($0 - lo) / (hi - lo) }
}
