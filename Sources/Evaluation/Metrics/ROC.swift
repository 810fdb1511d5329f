/// The receiver operating characteristic of anomaly scores against binary labels (true = anomalous),
/// calling a frame anomalous when its score is at least the threshold. One point per distinct score,
/// from the highest down, starting at (0, 0): the same points scikit-learn's `roc_curve` finds
/// before it drops collinear ones.
public struct ROC: Equatable, Sendable {
    public struct Point: Equatable, Sendable {
        public let threshold: Double
        public let falsePositiveRate: Double
        public let truePositiveRate: Double
    }

    public let points: [Point]
    public let positives: Int
    public let negatives: Int

    public init(scores: [Double], labels: [Bool]) throws {
        guard scores.count == labels.count else { throw MetricError("\(scores.count) scores but \(labels.count) labels") }
        guard !scores.contains(where: \.isNaN) else { throw MetricError("scores contain NaN") }
        positives = labels.filter { $0 }.count
        negatives = labels.count - positives
        guard positives > 0, negatives > 0 else {
            throw MetricError("ROC needs both normal and anomalous frames (got \(positives) anomalous, \(negatives) normal)")
        }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var points = [Point(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0)]
        var tp = 0, fp = 0
        for (rank, i) in order.enumerated() {
            if labels[i] { tp += 1 } else { fp += 1 }
            // Tied scores share one threshold: emit a point only after the last of a tie.
            if rank + 1 == order.count || scores[order[rank + 1]] != scores[i] {
                points.append(Point(threshold: scores[i], falsePositiveRate: Double(fp) / Double(negatives),
                                    truePositiveRate: Double(tp) / Double(positives)))
            }
        }
        self.points = points
    }

    /// Area under the curve by the trapezoid rule; ties count half, as in `roc_auc_score`.
    public var auc: Double {
        zip(points, points.dropFirst()).reduce(0) { area, pair in
            area + (pair.1.falsePositiveRate - pair.0.falsePositiveRate) * (pair.1.truePositiveRate + pair.0.truePositiveRate) / 2
        }
    }

    /// Equal error rate: the false-positive rate where it equals the false-negative rate (1 - TPR),
    /// on the straight segments joining the ROC points.
    public var equalErrorRate: Double {
        for (a, b) in zip(points, points.dropFirst()) {
            // f(x) = FPR + TPR - 1 rises from negative to non-negative along the curve.
            let fa = a.falsePositiveRate + a.truePositiveRate - 1
            let fb = b.falsePositiveRate + b.truePositiveRate - 1
            guard fa < 0, fb >= 0 else { continue }
            let t = -fa / (fb - fa)
            return a.falsePositiveRate + t * (b.falsePositiveRate - a.falsePositiveRate)
        }
        return points.last!.falsePositiveRate
    }
}

public struct MetricError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
