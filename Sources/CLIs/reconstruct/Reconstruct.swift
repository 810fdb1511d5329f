import ArgumentParser
import CLIKit
import EngineCLI
import Foundation
import Models
import Scoring
import TensorStream

@main
struct Reconstruct: Tool {
    static let configuration = CommandConfiguration(
        commandName: "reconstruct",
        abstract: "Run a trained model over clips; each output record holds the clip and its reconstructions.",
        discussion: """
        Output records keep each clip's metadata and hold `input` (the u8 clip) and `recon` (f32 in \
        [0, 1]), plus `recon_prev` for convlstm-ae (step t's reconstruction of frame t-1). Batched, \
        without autograd.

        Examples:
          augment-strides --test test-frames.vt | reconstruct -m ped2.ckpt | score -o scores.csv
          reconstruct -m ped2.ckpt test-clips.vt -o recon.vt --device cuda --batch 32
        """)

    @Argument(help: "Clip records; '-' for stdin.")
    var input = "-"

    @Option(name: [.customShort("m"), .long], help: "Checkpoint written by train.")
    var model: String

    @Option(name: .shortAndLong, help: "Where to write reconstruction records; '-' for stdout.")
    var output = "-"

    @Option(parsing: .unconditional, help: "Clips per batch.")
    var batch = 8

    @OptionGroup var engine: EngineOptions

    @Flag(help: "No progress report.")
    var quiet = false

    func run() throws {
        try refuseOverwriting(inputs: [("--model", model), ("input", input)], outputs: [("--output", output)])
        guard batch >= 1 else { throw UsageError("--batch must be positive") }
        if model == "-", input == "-" { throw UsageError("--model and the clips cannot both come from stdin; name a file for one") }
        // train's --model is an architecture; here it is what train wrote.
        if ModelRegistry.names.contains(model), !FileManager.default.fileExists(atPath: model) {
            throw UsageError("--model takes the checkpoint train wrote (its -o file), not a model name like '\(model)'")
        }
        let device = try engine.apply()
        let reconstructor = try Reconstructor(checkpoint: model, device: device)
        let reader = try StreamFiles.reader(input)
        let out = try StreamFiles.binaryOutput(output)
        let writer = RecordWriter(out)
        let progress = ProgressBar("reconstruct", total: nil, unit: "clips", quiet: quiet)
        var pending: [Record] = []
        func flush() throws {
            for record in try reconstructor.reconstruct(pending, source: reader.source) { try writer.write(record) }
            progress.advance(by: pending.count)
            pending.removeAll(keepingCapacity: true)
        }
        while let record = try reader.read() {
            pending.append(record)
            if pending.count == batch { try flush() }
        }
        try flush()
        progress.finish()
        try StreamFiles.requireRecords(reader, "clip")
        try out.commit()
    }
}
