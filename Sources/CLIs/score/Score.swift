import ArgumentParser
import CLIKit
import Foundation
import Scoring
import TensorStream

@main
struct Score: Tool {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Per-frame anomaly scores from reconstruction records, as CSV video,frame,score (higher = more anomalous).",
        discussion: """
        Measures: sse (sum of squared error), l2, psnr (negated), luo (Luo et al.'s eq. 3, convlstm-ae). \
        Windows map to frames by window-start (the tutorial, Nayak et al.: a window's summed error \
        scores the frame it starts at), last-frame, or mean over every window holding the frame. Extra \
        columns: regularity_luo = 1-(e-min)/(max-min) (Luo, Hasan) and abnormality_tutorial = \
        (e-min)/max (the tutorial, Nayak), per video.

        Examples:
          reconstruct -m ped2.ckpt test-clips.vt | score --measure luo --mapping last-frame -o scores.csv
          score recon.vt --maps maps/ > scores.csv
        """)

    @Argument(help: "Reconstruction records; '-' for stdin.")
    var input = "-"

    @Option(name: .shortAndLong, help: "CSV to write; '-' for stdout.")
    var output = "-"

    @Option(help: "sse, l2, psnr or luo.")
    var measure = "sse"

    @Option(help: "window-start, last-frame or mean.")
    var mapping = "window-start"

    @Option(help: ArgumentHelp("Also write per-pixel error heatmaps as DIR/VIDEO/FRAME.png.", valueName: "DIR"))
    var maps: String?

    func run() throws {
        guard let kind = FrameScorer.Measure(rawValue: measure) else {
            throw UsageError("--measure must be one of \(FrameScorer.Measure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let windows = FrameScorer.Mapping(rawValue: mapping) else {
            throw UsageError("--mapping must be one of \(FrameScorer.Mapping.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var scorer = FrameScorer(measure: kind, mapping: windows)
        let reader = try StreamFiles.reader(input)
        while let record = try reader.read() {
            try scorer.add(record, source: reader.source)
            if let maps { try ErrorMaps.write(record, to: maps, source: reader.source) }
        }
        let out = try OutputFile(path: output)
        try out.write(scorer.table().csv())
        try out.commit()
    }
}
