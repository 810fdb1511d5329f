import ArgumentParser
import CLIKit
import Foundation
import Synth
import TensorStream

@main
struct SynthVideoTool: Tool {
    static let configuration = CommandConfiguration(
        commandName: "synth-video",
        abstract: "Generate short grey videos with frame-level anomaly labels: moving shapes, or Moving MNIST as two papers make it.",
        discussion: """
        Writes one frame record per video (u8 [frames, 1, height, width]; metadata dataset, video \
        01, 02, ..., frames, source, and on test videos labels, one 0/1 per frame). Training videos \
        are normal; in the test split every second video, from the first, carries an anomaly (every \
        video for Moving MNIST as Luo et al. make it), and the labels mark the frames where it \
        shows. The same seed and options give the same bytes.

        Examples:
          synth-video moving-shapes --split train --videos 200 -o shapes-train.vt
          synth-video moving-shapes --split test --labels test.txt -o test.vt
          synth-video moving-mnist --mnist t10k-images-idx3-ubyte.gz --protocol luo \\
              --split test --anomaly motion -o luo-motion.vt
          synth-video moving-shapes --videos 2 | tensor-info -
        """,
        subcommands: [MovingShapesCommand.self, MovingMNISTCommand.self])

    func run() throws { throw UsageError("name a generator: moving-shapes or moving-mnist") }
}

/// The options every generator takes.
struct GeneratorOptions: ParsableArguments {
    @Option(help: "train (all normal) or test (every second video anomalous; every video for moving-mnist --protocol luo).")
    var split: Split = .train

    @Option(parsing: .unconditional, help: "Number of videos.")
    var videos = 100

    @Option(parsing: .unconditional, help: "Frames per video.")
    var frames = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Frame size, each side at most 16384 (default: the generator's own).", valueName: "WxH"))
    var size: FrameSize?

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Output stream; '-' for stdout.")
    var output = "-"

    @Option(name: .customLong("labels"), help: ArgumentHelp("Also write frame labels here, one line per video: KEY<TAB>0101..., KEY the 0-based video index.", valueName: "FILE"))
    var labelsPath: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard videos >= 1 else { throw ValidationError("--videos must be at least 1") }
        guard (2...100_000).contains(frames) else { throw ValidationError("--frames must be from 2 to 100000") }
    }

    /// Each video is made whole in memory and copied once into its record, so one that twice over
    /// exceeds the machine's memory is refused before any work, instead of failing to allocate.
    func checkVideoFits(_ size: FrameSize) throws {
        let gib = Double(1 << 30)
        let bytes = Double(frames) * Double(size.width) * Double(size.height)
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        guard 2 * bytes <= memory else {
            throw UsageError(String(format: "--frames %d of %dx%d make one video of %.1f GiB, held twice while written; this machine has %.1f GiB of memory: ask for fewer or smaller frames",
                                    frames, size.width, size.height, bytes / gib, memory / gib))
        }
    }

    /// `--anomaly` makes sense only for test videos.
    func checkAnomalySplit(_ given: Bool) throws {
        if given, split == .train { throw ValidationError("--anomaly needs --split test: training videos are all normal") }
    }

    /// Refuses outputs that name one file, or an input (`mnist`) of the generator; each generator's
    /// `run` calls it first.
    func refuseOverwriting(inputs: [(option: String, path: String)] = []) throws {
        try CLIKit.refuseOverwriting(inputs: inputs, outputs: [("--output", output)] + (labelsPath.map { [("--labels", $0)] } ?? []))
    }

    /// Generates `videos` videos into the output stream, and the labels file if asked.
    func write(dataset: String, source: String, video: (Int) -> SynthVideo) throws {
        let output = try StreamFiles.binaryOutput(self.output)
        // Opened before any work and synced before the stream is committed, so that labels that
        // cannot be written leave an earlier stream as it was.
        let labelsFile = try labelsPath.map(OutputFile.init(path:))
        let writer = RecordWriter(output)
        let progress = ProgressBar("synth-video", total: videos, unit: "videos", quiet: quiet)
        var labels: [[UInt8]] = []
        for index in 0..<videos {
            let generated = video(index)
            try writer.write(generated.record(dataset: dataset, index: index, source: source, labelled: split == .test))
            labels.append(generated.labels)
            progress.advance()
        }
        progress.finish()
        try labelsFile?.write(FrameLabels.text(labels))
        try labelsFile?.sync()
        try output.commit()
        try labelsFile?.commit()
    }
}

/// `--size 64x64`, or `--size 64` for a square.
extension Split: ExpressibleByArgument {}
