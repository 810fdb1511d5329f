import Foundation

/// Small standalone SVG line charts: the ROC, and a video's score curve with its anomalous frames
/// shaded, like the figures in the Ped1 tutorial.
public enum Plots {
    private static let width = 640.0, height = 360.0, margin = 48.0

    private static func frame(_ title: String, xLabel: String, yLabel: String, body: String) -> String {
        let plotW = width - 2 * margin, plotH = height - 2 * margin
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(width / 2)" y="20" text-anchor="middle" font-size="14">\(escape(title))</text>
            \(body)
            <rect x="\(margin)" y="\(margin)" width="\(plotW)" height="\(plotH)" fill="none" stroke="black"/>
            <text x="\(width / 2)" y="\(height - 12)" text-anchor="middle">\(escape(xLabel))</text>
            <text x="14" y="\(height / 2)" text-anchor="middle" transform="rotate(-90 14 \(height / 2))">\(escape(yLabel))</text>
            </svg>

            """
    }

    private static func polyline(_ points: [(Double, Double)], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, color: String) -> String {
        let plotW = width - 2 * margin, plotH = height - 2 * margin
        let xSpan = max(xRange.upperBound - xRange.lowerBound, 1e-12), ySpan = max(yRange.upperBound - yRange.lowerBound, 1e-12)
        let coordinates = points.map { x, y in
            String(format: "%.2f,%.2f", margin + (x - xRange.lowerBound) / xSpan * plotW, margin + plotH - (y - yRange.lowerBound) / ySpan * plotH)
        }
        return "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(coordinates.joined(separator: " "))\"/>"
    }

    public static func roc(_ roc: ROC, title: String) -> String {
        let curve = polyline(roc.points.map { ($0.falsePositiveRate, $0.truePositiveRate) }, xRange: 0...1, yRange: 0...1, color: "#c0392b")
        let chance = polyline([(0, 0), (1, 1)], xRange: 0...1, yRange: 0...1, color: "#bbbbbb")
        return frame(String(format: "%@ (AUC %.4f, EER %.4f)", title, roc.auc, roc.equalErrorRate),
                     xLabel: "false positive rate", yLabel: "true positive rate", body: chance + "\n" + curve)
    }

    /// `frames` and `scores` in frame order; `anomalous` flags the labelled frames.
    public static func scoreCurve(frames: [Int], scores: [Double], anomalous: [Bool], title: String, yLabel: String) -> String {
        let lo = scores.min() ?? 0, hi = scores.max() ?? 1
        let first = Double(frames.first ?? 0), last = Double(max(frames.last ?? 1, (frames.first ?? 0) + 1))
        let plotW = width - 2 * margin, plotH = height - 2 * margin
        var shading = ""
        for (i, frame) in frames.enumerated() where anomalous[i] {
            let x = margin + (Double(frame) - first) / (last - first) * plotW
            shading += String(format: "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"#f5b7b1\"/>", x, margin, max(plotW / (last - first), 1), plotH)
        }
        let curve = polyline(zip(frames, scores).map { (Double($0), $1) }, xRange: first...last, yRange: lo...max(hi, lo + 1e-12), color: "#1f4e79")
        return frame(title, xLabel: "frame", yLabel: yLabel, body: shading + "\n" + curve)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
