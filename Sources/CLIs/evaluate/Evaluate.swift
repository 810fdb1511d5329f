import ArgumentParser
import CLIKit
import Foundation
import Labels
import Metrics
import TensorStream

@main
struct Evaluate: Tool {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Frame-level ROC AUC, EER and accuracy at precision = recall of per-frame scores against ground truth.",
        discussion: """
        Pools every scored frame of every video, as the papers report, and prints a JSON summary on \
        stdout (its unscored_videos lists labelled videos no score row names). Labels come from a \
        UCSD .m file, a one-line-per-video label file (.txt), a folder of pixel-mask folders, or CUHK \
        Avenue's folder of MATLAB masks (testing_label_mask/N_label.mat). Score \
        rows meet labels by video: video 01 is the first test video (key 0 in label files, Test001 in \
        UCSD's layout).

        Examples:
          evaluate --scores scores.csv --labels UCSDped2/Test/UCSDped2.m --normalize per-video
          evaluate --scores scores.csv --labels ../shared/data/ucsd-ped2/testing/masks --roc roc --curves plots/
          evaluate --scores scores.csv --labels labels.txt --normalize per-video --frames pooled.csv
          evaluate --scores scores.csv --labels avenue/testing_label_mask --normalize per-video
        """)

    @Option(help: "Score CSV (video,frame,score,...); '-' for stdin.")
    var scores: String

    @Option(help: "Ground truth: .m, one-line-per-video .txt, a folder of mask folders, or a folder of N_label.mat masks (Avenue).")
    var labels: String

    @Option(help: "The CSV column to evaluate: score, or an extra column such as abnormality_tutorial (a regularity_* column, high where frames are normal, is taken as 1 - regularity).")
    var column = "score"

    @Option(help: "none, or per-video min-max before pooling.")
    var normalize = FrameEvaluation.Normalization.none

    @Option(help: ArgumentHelp("Write the ROC as PREFIX.csv and PREFIX.svg.", valueName: "PREFIX"))
    var roc: String?

    @Option(help: ArgumentHelp("Write one SVG score curve per video, anomalous frames shaded.", valueName: "DIR"))
    var curves: String?

    @Option(help: ArgumentHelp("Write the pooled frames as CSV: video,frame,score (normalised where asked),anomalous.", valueName: "PATH"))
    var frames: String?

    func validate() throws {
        if roc == "-" { throw ValidationError("--roc takes a prefix for two files (PREFIX.csv, PREFIX.svg), not '-'") }
        if frames == "-" { throw ValidationError("--frames needs a file: stdout carries the JSON summary") }
        if curves == "-" { throw ValidationError("--curves needs a folder, not '-'") }
        if labels == "-" { throw ValidationError("--labels needs a file or folder, not '-': its name tells its format (.m, .txt, or a folder of masks)") }
    }

    func run() throws {
        let input = try InputFile(path: scores)
        let text = String(decoding: try input.readToEnd(), as: UTF8.self)
        let table = try ScoreTable.parse(text, source: input.name).scoredBy(column, source: input.name)
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: labels, isDirectory: &isFolder)
        let truth = !isFolder.boolValue ? try LabelFiles.read(path: labels)
            : LabelFiles.holdsMATMasks(labels) ? try LabelFiles.fromMATMasks(root: labels) : try LabelFiles.fromMasks(root: labels)
        let evaluation = try FrameEvaluation(scores: table, source: input.name, truth: truth, normalization: normalize)

        // The curves' names come from the videos, so the outputs are known only now.
        let curvePaths = curves.map { folder in evaluation.videos.map { "\(folder)/\($0.name.replacingOccurrences(of: "/", with: "_")).svg" } } ?? []
        let written = (roc.map { [("--roc", $0 + ".csv"), ("--roc", $0 + ".svg")] } ?? []) + (frames.map { [("--frames", $0)] } ?? [])
            + curvePaths.map { ("--curves", $0) }
        try refuseOverwriting(inputs: [("--scores", scores), ("--labels", labels)], outputs: written)

        // Every output goes to its temporary before any is renamed into place, so a run that cannot
        // write one of them leaves none.
        var outputs: [OutputFile] = []
        if let roc {
            outputs.append(try Self.pending(evaluation.rocCSV, at: roc + ".csv"))
            outputs.append(try Self.pending(Plots.roc(evaluation.roc, title: "ROC"), at: roc + ".svg"))
        }
        if let frames {
            outputs.append(try Self.pending(evaluation.pooledFrames.csv(), at: frames))
        }
        if let curves {
            // Made last, so that a failure among the other outputs leaves no new folder behind.
            try makeOutputFolder(curves)
            for (video, path) in zip(evaluation.videos, curvePaths) {
                let svg = Plots.scoreCurve(frames: video.frames, scores: video.scores, anomalous: video.anomalous,
                                           title: "video \(video.name)", yLabel: normalize == .perVideo ? "score (min-max per video)" : "score")
                outputs.append(try Self.pending(svg, at: path))
            }
        }
        for output in outputs { try output.commit() }
        try Self.pending(evaluation.summaryJSON + "\n", at: "-").commit()
    }

    /// `text` written to a temporary beside `path`, which `commit` renames into place.
    private static func pending(_ text: String, at path: String) throws -> OutputFile {
        let out = try OutputFile(path: path)
        try out.write(text)
        try out.flush()
        return out
    }
}

extension FrameEvaluation.Normalization: ExpressibleByArgument {}
