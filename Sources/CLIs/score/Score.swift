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
        Measures: sse (sum of squared error), l2 (its root), pixel-l2 (each pixel's error norm summed \
        over the frame, Hasan and Nayak et al.'s e(t); on grey frames the sum of absolute errors), psnr \
        (negated), luo (Luo et al.'s eq. 3, convlstm-ae), luo-l2 (its square root, as the authors' test \
        script scores). \
        Windows map to frames by window-start (the tutorial: a window's error, the sum of its frames' \
        or for l2 the norm of the whole window, scores the frame it starts at), last-frame, mean over \
        every window holding the frame, or second-half (Luo et al.'s test script: a window scores only \
        its last T/2 frames, whose memory is warm; cut windows T/2 apart so each frame is scored once \
        (with augment-strides --to-end, a video's last few frames twice, averaged); a video's first T/2 \
        frames, rounded down, take the score of the frame T - T/2 after them, as that script does). Extra \
        columns: regularity_luo = 1-(e-min)/(max-min) (Luo, Hasan) and abnormality_tutorial = \
        (e-min)/|max| (the tutorial, Nayak; |max| keeps the order for the negated psnr), per video.
        Beyond the papers: --patch K gathers each frame's error from its worst K x K patch instead of \
        the whole frame (small objects are not diluted), and --smooth N averages each video's scores \
        over N frames.

        Examples:
          augment-strides --strides 1 --step 5 --to-end test-frames.vt -o test-clips.vt
          reconstruct -m ped2.ckpt test-clips.vt | score --measure luo-l2 --mapping second-half -o scores.csv
          score recon.vt --maps maps/ > scores.csv
          score recon.vt --patch 32 --smooth 9 -o scores.csv
        """)

    @Argument(help: "Reconstruction records; '-' for stdin.")
    var input = "-"

    @Option(name: .shortAndLong, help: "CSV to write; '-' for stdout.")
    var output = "-"

    @Option(help: "sse, l2, pixel-l2, psnr, luo or luo-l2.")
    var measure = FrameScorer.Measure.sse

    @Option(help: "window-start, last-frame, mean or second-half. A mapping that leaves frames the clips hold unscored between scored ones (window-start over windows cut several frames apart) is warned about on stderr.")
    var mapping = FrameScorer.Mapping.windowStart

    @Option(parsing: .unconditional, help: ArgumentHelp("Score each frame by its worst K x K patch (pixels) instead of the whole frame.", valueName: "K"))
    var patch: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Average each video's scores over the N frames centred on each frame (N odd).", valueName: "N"))
    var smooth = 1

    func validate() throws {
        if let patch, patch < 1 { throw ValidationError("--patch must be at least 1, got \(patch)") }
        if smooth < 1 || smooth % 2 == 0 { throw ValidationError("--smooth must be an odd number of frames (1, 3, 5, ...), got \(smooth)") }
    }

    @Option(help: ArgumentHelp("Also write per-pixel error heatmaps as DIR/VIDEO/FRAME.png, one per frame, as the records arrive: a run that fails part way leaves those of the frames before the failure, each PNG whole. Once all are drawn, those an earlier complete run drew in the same folders, of frames this run's clips do not hold, are removed (each folder's .vadkit-heatmaps lists its run's frames; no other file is touched).", valueName: "DIR"))
    var maps: String?

    func run() throws {
        try refuseOverwriting(inputs: [("input", input)], outputs: [("--output", output)])
        var scorer = FrameScorer(measure: measure, mapping: mapping, pooling: patch.map { .worstPatch($0) } ?? .frame, smoothing: smooth)
        let reader = try StreamFiles.reader(input)
        // Opened before the work, so that an output that cannot be written is refused at once.
        let out = try OutputFile(path: output)
        var heatmaps = maps.map(ErrorMaps.init(directory:))
        while let record = try reader.read() {
            try scorer.add(record, source: reader.source)
            try heatmaps?.write(record, source: reader.source)
        }
        try StreamFiles.requireRecords(reader, "reconstruction")
        try heatmaps?.removeStale()
        try out.write(scorer.table().csv())
        try out.commit()
        // Not an error (a user may mean it), but most likely windows cut for another mapping.
        let gaps = scorer.unscoredBetweenScored()
        if let first = gaps.first {
            let unscored = gaps.map(\.unscored).reduce(0, +), held = gaps.map(\.held).reduce(0, +)
            standardError("score: warning: --mapping \(mapping.rawValue) left \(unscored) of the \(held) frames the clips hold unscored between scored ones "
                + "(video \(first.video): \(first.unscored) of \(first.held)); windows cut more than one frame apart want --mapping mean or second-half")
        }
    }
}

extension FrameScorer.Measure: ExpressibleByArgument {}
extension FrameScorer.Mapping: ExpressibleByArgument {}
