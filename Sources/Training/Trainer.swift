import Engine
import Foundation
import Models
import TensorStream

/// How long and how `train` trains.
public struct TrainingPlan: Sendable {
    public enum Schedule: String, CaseIterable, Sendable { case constant, cosine }
    /// An optimiser other than the model's paper one, with PyTorch's defaults.
    public enum OptimizerChoice: String, CaseIterable, Sendable {
        case adam, adagrad

        func make(_ store: ParameterStore, learningRate: Double?) -> Optimizer {
            switch self {
            case .adam: Adam(store, learningRate: learningRate ?? 1e-3)
            case .adagrad: Adagrad(store, learningRate: learningRate ?? 0.01)
            }
        }
    }

    public var epochs = 1
    public var maxSteps: Int?
    public var batchSize: Int
    public var learningRate: Double?
    /// nil: the model's paper optimiser.
    public var optimizer: OptimizerChoice?
    public var schedule = Schedule.constant
    public var shuffleCapacity = 256
    public var seed: UInt64 = 0
    public var checkpointPath: String
    public var checkpointEvery = 500
    public var logPath: String?
    /// Centre the model's input on the mean frame of the training clips, for a model with an
    /// `inputCentre` (`train` refuses the flag for the others).
    public var subtractMean = false

    public init(batchSize: Int, checkpointPath: String) {
        self.batchSize = batchSize
        self.checkpointPath = checkpointPath
    }
}

/// What the loop reports after each step.
public struct StepReport: Sendable {
    public let step: Int
    public let epoch: Int
    public let loss: Double
    public let learningRate: Double
    public let clips: Int
}

/// The training loop: batches from `ClipBatches`, one optimiser step each, a JSON-lines loss log,
/// atomic checkpoints every N steps and at the end. A run resumed from a checkpoint continues
/// exactly: the model, optimiser and generator state are restored, each epoch's data order is a
/// function of the seed and the epoch, and the batches an interrupted epoch already used are skipped.
public final class Trainer {
    public let model: AnomalyModel
    public let plan: TrainingPlan
    private let data: ClipBatches
    private let optimizer: Optimizer
    private let device: Device
    /// The learning rate before any schedule: the plan's, or the model's paper value.
    private let baseRate: Double
    public private(set) var step = 0
    public private(set) var epoch = 0
    private var stepInEpoch = 0

    public init(model: AnomalyModel, data: ClipBatches, plan: TrainingPlan, device: Device) throws {
        self.model = model
        self.data = data
        self.plan = plan
        self.device = device
        // Fails now, not at the first checkpoint hundreds of steps later, if it cannot be written.
        _ = try OutputFile(path: plan.checkpointPath)
        optimizer = try plan.optimizer.map { $0.make(model.store, learningRate: plan.learningRate) }
            ?? model.makeOptimizer(learningRate: plan.learningRate)
        baseRate = optimizer.learningRate
    }

    /// Everything a checkpoint needs to rebuild and continue this run.
    private var hyperParameters: [String: String] {
        model.config.hyperParameters.merging([
            "batch_size": String(plan.batchSize), "seed": String(plan.seed), "shuffle": String(plan.shuffleCapacity),
            "schedule": plan.schedule.rawValue, "base_lr": String(baseRate), "step_in_epoch": String(stepInEpoch),
            "subtract_mean": String(plan.subtractMean), "max_steps": plan.maxSteps.map(String.init) ?? "none",
            "epochs": String(plan.epochs),
        ]) { $1 }
    }

    /// The saved settings a resumed run must share to continue the same run, with the option that sets
    /// each. The step limit and epochs may change under a constant rate (a resume may extend a run),
    /// not under the cosine schedule, which they set.
    private static let continuedSettings = [("batch_size", "--batch"), ("seed", "--seed"), ("shuffle", "--shuffle"),
                                            ("schedule", "--schedule"), ("base_lr", "--lr"), ("subtract_mean", "--subtract-mean")]
    private static let scheduleSettings = [("max_steps", "--max-steps"), ("epochs", "--epochs")]


    /// Continues from the plan's checkpoint; false when there is none yet.
    public func resume() throws -> Bool {
        guard FileManager.default.fileExists(atPath: plan.checkpointPath) else { return false }
        let saved = try Checkpoint.read(from: plan.checkpointPath)
        guard saved.model == type(of: model).name else {
            throw IOFailure("\(plan.checkpointPath): holds a \(saved.model) model, not \(type(of: model).name)")
        }
        let savedConfig: ModelConfig
        do { savedConfig = try ModelConfig(hyperParameters: saved.hyperParameters) } catch { throw IOFailure("\(plan.checkpointPath): \(error)") }
        guard savedConfig == model.config else {
            let saved = savedConfig.hyperParameters, wanted = model.config.hyperParameters
            // Both come from ModelConfig.hyperParameters, so they have the same keys.
            let differences = saved.sorted { $0.key < $1.key }.filter { wanted[$0.key] != $0.value }.map { "\($0.key) \($0.value) (this run \(wanted[$0.key]!))" }
            throw IOFailure("\(plan.checkpointPath): was trained with \(differences.joined(separator: ", "))")
        }
        // The restore checks the optimiser first: another optimiser also has another default rate.
        try saved.restore(into: model.store, optimizer: optimizer, source: plan.checkpointPath)
        // Checkpoints from before a setting was saved lack its key and are not held to it.
        let current = hyperParameters
        let held = Self.continuedSettings + (plan.schedule == .cosine ? Self.scheduleSettings : [])
        let changed = held.compactMap { key, option in
            saved.hyperParameters[key].flatMap { $0 == current[key] ? nil : "\(option) \($0) (this run \(current[key]!))" }
        }
        guard changed.isEmpty else {
            throw IOFailure("\(plan.checkpointPath): was trained with \(changed.joined(separator: ", ")); resume with the same options, or remove it to start afresh")
        }
        step = saved.step
        epoch = saved.epoch
        stepInEpoch = Int(saved.hyperParameters["step_in_epoch"] ?? "0") ?? 0
        return true
    }

    /// Trains until the plan's epochs or step limit; `report` sees every step.
    public func run(report: (StepReport) -> Void) throws {
        // The cosine schedule spans the step limit where there is one, even if the epochs end first.
        let total = try plan.maxSteps ?? (plan.schedule == .cosine ? plan.epochs * batchesPerEpoch() : Int.max)
        let schedule = CosineAnnealing(baseRate: baseRate, totalSteps: total)
        let log = try plan.logPath.map { try LossLog(path: $0, keepingStepsUpTo: step) }
        // A resumed run has its centre from the checkpoint.
        if plan.subtractMean, step == 0, let centre = model.inputCentre {
            try Runtime.withoutGrad { try centre.copy(from: Tensor(data.meanFrame()).to(centre.dtype, device: device)) }
        }
        model.training = true
        epochs: while epoch < plan.epochs, step < total {
            let queue = data.epoch(epoch)
            defer { queue.cancel() }
            for _ in 0..<stepInEpoch where try queue.next() != nil {}
            while step < total, let batch = try queue.next() {
                optimizer.learningRate = plan.schedule == .cosine ? schedule.rate(atStep: step) : baseRate
                try optimizer.zeroGrad(model.store)
                let clips = try model.prepare(Tensor(batch.pixels).to(device: device))
                let loss = try model.loss(clips)
                try loss.backward()
                try optimizer.step()
                step += 1
                stepInEpoch += 1
                let value = try loss.item()
                guard value.isFinite else { throw IOFailure("training diverged: loss is \(value.isNaN ? "NaN" : "\(value)") at step \(step)") }
                let entry = StepReport(step: step, epoch: epoch, loss: value, learningRate: optimizer.learningRate, clips: batch.count)
                try log?.append(entry)
                report(entry)
                if step % plan.checkpointEvery == 0 { try saveCheckpoint(log) }
                if step >= total { break epochs }
            }
            epoch += 1
            stepInEpoch = 0
        }
        try saveCheckpoint(log)
    }

    private func saveCheckpoint(_ log: LossLog?) throws {
        try Checkpoint.capture(model: type(of: model).name, hyperParameters: hyperParameters, epoch: epoch, step: step,
                               store: model.store, optimizer: optimizer).write(to: plan.checkpointPath)
        try log?.checkpointSaved()
    }

    /// Where the run will stop: the step limit or the last epoch's last batch, whichever comes first.
    public func plannedSteps() throws -> Int {
        guard plan.epochs != Int.max else { return plan.maxSteps ?? Int.max }
        let (byEpochs, overflow) = plan.epochs.multipliedReportingOverflow(by: try batchesPerEpoch())
        return min(plan.maxSteps ?? Int.max, overflow ? Int.max : byEpochs)
    }

    /// Counted by reading the clips once, and only where a schedule or a progress bar needs it.
    private var countedBatches: Int?
    private func batchesPerEpoch() throws -> Int {
        if let countedBatches { return countedBatches }
        let reader = try data.records()
        var clips = 0
        while try reader.read() != nil { clips += 1 }
        countedBatches = (clips + plan.batchSize - 1) / plan.batchSize
        return countedBatches!
    }
}

/// The loss log: one JSON object per step. A file is replaced only with the run's first checkpoint,
/// so the log there always goes with the checkpoint there: a run that fails or is stopped before it
/// has saved anything leaves the previous log as it was; from then on lines are appended and flushed
/// (`tail -F` follows the file across the replacement). A device or pipe (`--log /dev/stdout`) is
/// written line by line from the start.
final class LossLog {
    private let path: String
    /// The new log: until the first checkpoint for a file, throughout for a device or pipe.
    private var output: OutputFile?
    private var handle: FileHandle?

    /// Starts the new log from the lines up to `lastStep`: steps a killed run logged after its last
    /// checkpoint are run again on resume, and must not appear twice.
    init(path: String, keepingStepsUpTo lastStep: Int) throws {
        self.path = path
        let kept = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").filter { line in
            guard let data = line.data(using: .utf8), let entry = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let step = entry["step"] as? Int else { return false }
            return step <= lastStep
        }
        let output = try OutputFile(path: path)
        try output.write(kept.map { $0 + "\n" }.joined())
        self.output = output
    }

    private var isFile: Bool { output?.temporaryLocation != nil }

    func append(_ r: StepReport) throws {
        let line = Data("{\"step\": \(r.step), \"epoch\": \(r.epoch), \"loss\": \(r.loss), \"lr\": \(r.learningRate)}\n".utf8)
        if let handle { return try handle.write(contentsOf: line) }
        try output?.write(line)
        if !isFile { try output?.flush() }
    }

    /// Puts a new log file in place once the checkpoint it goes with is.
    func checkpointSaved() throws {
        guard let output, isFile else { return }
        try output.commit()
        self.output = nil
        guard let handle = FileHandle(forWritingAtPath: path) else { throw IOFailure("\(path): cannot open the loss log") }
        handle.seekToEndOfFile()
        self.handle = handle
    }
}
