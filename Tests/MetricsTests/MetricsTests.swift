import Foundation
import Metrics
import Randomness
import TestSupport
import XCTest

final class MetricsTests: XCTestCase {
    func testHandWorkedCurve() throws {
        // Scores 0.9(+) 0.8(-) 0.8(+) 0.1(-): thresholds inf, 0.9, 0.8, 0.1.
        let roc = try ROC(scores: [0.9, 0.8, 0.8, 0.1], labels: [true, false, true, false])
        XCTAssertEqual(roc.points.map(\.falsePositiveRate), [0, 0, 0.5, 1])
        XCTAssertEqual(roc.points.map(\.truePositiveRate), [0, 0.5, 1, 1])
        // Area: 0.5 * (0.5 + 1) / 2 + 0.5 * 1 = 0.875 (the tie counts half).
        XCTAssertEqual(roc.auc, 0.875)
        // FPR + TPR - 1 crosses zero halfway along the segment (0, 0.5) -> (0.5, 1).
        XCTAssertEqual(roc.equalErrorRate, 0.25)
        XCTAssertThrowsError(try ROC(scores: [1, 2], labels: [true, true]))
        XCTAssertThrowsError(try ROC(scores: [1], labels: [true, false]))
        XCTAssertEqual(normalizedPerVideo([2, 4, 3]), [0, 1, 0.5])
        XCTAssertEqual(normalizedPerVideo([5, 5]), [0, 0])
    }

    func testEqualPrecisionRecallAccuracy() throws {
        // At threshold 0.7: TP 2, FP 1, FN 1 -> precision = recall = 2/3, accuracy 4/6.
        let m = try EqualPrecisionRecall(scores: [0.9, 0.8, 0.7, 0.6, 0.2, 0.1], labels: [true, false, true, true, false, false])
        XCTAssertEqual(m.threshold, 0.7)
        XCTAssertEqual(m.precision, 2.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(m.recall, 2.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(m.accuracy, 4.0 / 6, accuracy: 1e-15)
        // A normal frame on top: above 0.8 nothing anomalous is caught, and precision = recall = 0
        // there means nothing. At 0.8: TP 1, FP 1, FN 1 -> 1/2 = 1/2, accuracy 2/4.
        let normalOnTop = try EqualPrecisionRecall(scores: [0.9, 0.8, 0.7, 0.1], labels: [false, true, true, false])
        XCTAssertEqual(normalOnTop.threshold, 0.8)
        XCTAssertEqual(normalOnTop.accuracy, 0.5, accuracy: 1e-15)
        // Precision never equals recall: the closest pair. At 0.8: precision 1/2, recall 1 (gap 1/2;
        // lower thresholds only add false alarms), accuracy 3/4.
        let nowhereEqual = try EqualPrecisionRecall(scores: [0.9, 0.8, 0.7, 0.6], labels: [false, true, false, false])
        XCTAssertEqual(nowhereEqual.threshold, 0.8)
        XCTAssertEqual(nowhereEqual.precision, 0.5, accuracy: 1e-15)
        XCTAssertEqual(nowhereEqual.recall, 1)
        XCTAssertEqual(nowhereEqual.accuracy, 0.75, accuracy: 1e-15)
        // Two thresholds equally close, the higher one taken. At 0.9: precision 1, recall 1/2; at 0.5
        // (three tied frames): precision 1/2, recall 1; both gaps are 1/2. At 0.9 the accuracy is 3/4
        // (at 0.5 it would be 2/4).
        let tie = try EqualPrecisionRecall(scores: [0.9, 0.5, 0.5, 0.5], labels: [true, true, false, false])
        XCTAssertEqual(tie.threshold, 0.9)
        XCTAssertEqual(tie.precision, 1)
        XCTAssertEqual(tie.recall, 0.5)
        XCTAssertEqual(tie.accuracy, 0.75, accuracy: 1e-15)
    }

    /// AUC and EER against scikit-learn on random scores with many ties.
    func testAgreesWithScikitLearn() throws {
        let python = "/usr/bin/python3"
        let probe = try runCommand(python, ["-c", "import sklearn"])
        try XCTSkipIf(probe.status != 0, "no scikit-learn for /usr/bin/python3 (make setup installs python3-sklearn)")
        // Seeded, so that a tie a trial trips over comes back on the next run.
        var generator = SplitMix64(seed: 2024)
        for trial in 0..<6 {
            let n = [50, 400, 3000][trial % 3]
            let labels = (0..<n).map { _ in Double.random(in: 0..<1, using: &generator) < 0.3 }
            // Coarse scores (many ties) for half the trials, fine ones for the rest.
            let scores = labels.map { label in
                let s = Double.random(in: 0..<1, using: &generator) + (label ? 0.3 : 0)
                return trial < 3 ? (s * 10).rounded() / 10 : s
            }
            let roc = try ROC(scores: scores, labels: labels)
            let script = """
                import sys, json
                import numpy as np
                from sklearn.metrics import roc_auc_score, roc_curve
                d = json.load(sys.stdin)
                y, s = np.array(d["labels"]), np.array(d["scores"])
                fpr, tpr, _ = roc_curve(y, s)
                f = fpr + tpr - 1
                i = np.nonzero(f >= 0)[0][0]
                eer = fpr[i - 1] + (-f[i - 1] / (f[i] - f[i - 1])) * (fpr[i] - fpr[i - 1])
                print(repr(roc_auc_score(y, s)), repr(eer))
                """
            let input = try JSONSerialization.data(withJSONObject: ["labels": labels.map { $0 ? 1 : 0 }, "scores": scores])
            let run = try runCommand(python, ["-c", script], stdin: input)
            XCTAssertEqual(run.status, 0, run.stderr)
            let values = run.text.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines))! }
            XCTAssertEqual(roc.auc, values[0], accuracy: 1e-9, "trial \(trial)")
            XCTAssertEqual(roc.equalErrorRate, values[1], accuracy: 1e-9, "trial \(trial)")
        }
    }
}
