import ArgumentParser
import CLIKit
import Engine
import EngineCLI
import Foundation
import Models
import TensorStream
import Training

@main
struct Train: Tool {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an anomaly model on clips of normal footage; writes a checkpoint.",
        discussion: """
        Streams clip records (from augment-strides) through a seeded shuffle buffer in batches, with \
        the model's paper optimiser unless told otherwise. The clip size (T, C, H, W) sets the model's \
        input size. Checkpoints are written atomically every --checkpoint-every steps and at the end; \
        --resume continues a killed run exactly where its last checkpoint left it, given the same \
        batch, seed, shuffle, schedule, rate and --subtract-mean (other values are refused); with a \
        constant rate, a larger --max-steps or --epochs extends the run. One run at a time writes a \
        checkpoint: another started on it is refused while the first runs (.NAME.lock beside it).

        Examples:
          train --model convlstm-ae train-clips.vt -o ped2.ckpt --epochs 5 --log loss.jsonl
          train --model stae clips.vt -o stae.ckpt --max-steps 2000 --width-mult 0.25 --resume
          train --model convlstm-ae clips.vt -o luo.ckpt --max-steps 8000 --subtract-mean
        """)

    @Argument(help: "Clip records to train on; '-' for stdin (spooled to a temporary file for multiple epochs).")
    var input: String

    @Option(help: "Model: \(ModelRegistry.names.joined(separator: ", ")).")
    var model: String

    @Option(name: [.customShort("o"), .customLong("checkpoint")], help: "Checkpoint to write (and to resume from): a file, or /dev/null to keep none; not a pipe.")
    var checkpoint: String

    @Option(parsing: .unconditional, help: "Scale every layer's channel count (e.g. 0.25 for a CPU-sized model).")
    var widthMult = 1.0

    @Option(parsing: .unconditional, help: "Passes over the data (default: 1, or as many as --max-steps needs).")
    var epochs: Int?

    @Option(parsing: .unconditional, help: "Stop after this many optimiser steps in all (or at --epochs, whichever comes first).")
    var maxSteps: Int?

    @Option(parsing: .unconditional, help: "Clips per batch (default: the paper's).")
    var batch: Int?

    @Option(parsing: .unconditional, help: "Learning rate (default: the paper's).")
    var lr: Double?

    @Option(help: "Optimiser instead of the model's paper one, with PyTorch's defaults: adam (lr 1e-3) or adagrad (lr 0.01).")
    var optimizer: TrainingPlan.OptimizerChoice?

    @Option(help: "Learning-rate schedule: constant or cosine (annealed to zero over the run).")
    var schedule = TrainingPlan.Schedule.constant

    @Option(parsing: .unconditional, help: "Shuffle buffer size in clips (1: the file's order).")
    var shuffle = 256

    @Option(parsing: .unconditional, help: "Steps between checkpoints.")
    var checkpointEvery = 500

    @Option(help: "Write one JSON line per step (step, epoch, loss, lr) to this file as it trains. A file replaces an earlier log with the first checkpoint, so it always goes with the checkpoint beside it (follow it with tail -F); a resumed run keeps the lines up to its checkpoint.")
    var log: String?

    @Flag(help: "Centre the input on the training clips' mean frame, as Luo et al.'s net subtracts its mean image (convlstm-ae).")
    var subtractMean = false

    @Flag(help: "Continue from --checkpoint if it exists.")
    var resume = false

    @OptionGroup var engine: EngineOptions

    @Flag(help: "No progress report.")
    var quiet = false

    func validate() throws {
        guard checkpoint != "-", !OutputFile.isStream(checkpoint) else {
            throw ValidationError("--checkpoint must name a file: it is rewritten every --checkpoint-every steps and read back by --resume")
        }
        guard epochs.map({ $0 >= 1 }) ?? true, maxSteps.map({ $0 >= 1 }) ?? true, batch.map({ $0 >= 1 }) ?? true, checkpointEvery >= 1 else {
            throw ValidationError("--epochs, --max-steps, --batch and --checkpoint-every must be positive")
        }
        if let lr, !lr.isFinite || lr <= 0 { throw ValidationError("--lr must be a positive number, got \(lr)") }
        guard widthMult.isFinite, widthMult > 0 else { throw ValidationError("--width-mult must be a positive number, got \(widthMult)") }
        guard shuffle >= 1 else { throw ValidationError("--shuffle must be at least 1 clip, got \(shuffle)") }
    }

    func run() throws {
        guard ModelRegistry.names.contains(model) else {
            throw UsageError("unknown model '\(model)'; choose one of \(ModelRegistry.names.joined(separator: ", "))")
        }
        try refuseOverwriting(inputs: [("input", input)], outputs: [("--checkpoint", checkpoint)] + (log.map { [("--log", $0)] } ?? []))
        // A device (/dev/null, to train for the log alone) keeps no checkpoint: nothing to protect or resume.
        let keepsCheckpoint = !OutputFile.isDevice(checkpoint)
        // A second run on the same checkpoint (an overlapping cron job) is refused, not interleaved.
        let claim = keepsCheckpoint ? try WriterLock(path: checkpoint) : nil
        let device = try engine.apply()
        let spool = input == "-" ? try Spool.standardInput() : nil
        // Messages about the clips name stdin, never the spool file.
        try withExtendedLifetime((claim, spool)) {
            try train(path: spool?.path ?? input, name: spool == nil ? input : "stdin", device: device, resuming: resume && keepsCheckpoint)
        }
    }

    private func train(path: String, name: String, device: Device, resuming: Bool) throws {
        let shape = try ClipBatches.clipShape(path: path, name: name)
        let config = ModelConfig(height: shape[2], width: shape[3], channels: shape[1], clipLength: shape[0], widthMultiplier: widthMult)
        let network = try ModelRegistry.make(name: model, config: config, device: device)
        guard !subtractMean || network.inputCentre != nil else {
            throw UsageError("--subtract-mean: \(model) takes no input mean (convlstm-ae does)")
        }
        var plan = TrainingPlan(batchSize: batch ?? type(of: network).defaultBatchSize, checkpointPath: checkpoint)
        plan.epochs = epochs ?? (maxSteps == nil ? 1 : Int.max)
        plan.maxSteps = maxSteps
        plan.learningRate = lr
        plan.optimizer = optimizer
        plan.schedule = schedule
        plan.shuffleCapacity = shuffle
        plan.seed = engine.seed
        plan.checkpointEvery = checkpointEvery
        plan.logPath = log
        plan.subtractMean = subtractMean
        let data = try ClipBatches(path: path, name: name, batchSize: plan.batchSize, shuffleCapacity: shuffle, seed: engine.seed)
        let trainer = try Trainer(model: network, data: data, plan: plan, device: device)
        if resuming { _ = try trainer.resume() }
        let progress = ProgressBar("train", total: ProgressBar.draws(quiet: quiet) ? try trainer.plannedSteps() : nil, unit: "steps",
                                   quiet: quiet, done: trainer.step)
        try trainer.run { report in progress.advance() }
        progress.finish()
    }
}

/// Standard input copied to a temporary file, so that training can read it once per epoch. The copy
/// is a scratch file, so it goes when the spool does, or when a signal ends the run. A user's runs
/// keep their copies under one name, so the next `train -` removes the copy a killed run left.
struct Spool {
    private let copy: OutputFile
    var path: String { copy.temporaryLocation! }

    static func standardInput() throws -> Spool {
        let input = try InputFile(path: "-")
        var folder = NSTemporaryDirectory()
        if folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        let copy = try OutputFile(scratchIn: folder, base: "vadkit-train-stdin-\(getuid()).vt")
        while true {
            let chunk = try input.read(upTo: 1 << 20)
            if chunk.isEmpty { break }
            try copy.write(chunk)
        }
        try copy.flush()
        return Spool(copy: copy)
    }
}

extension TrainingPlan.Schedule: ExpressibleByArgument {}
extension TrainingPlan.OptimizerChoice: ExpressibleByArgument {}
