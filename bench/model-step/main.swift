// Times a model from the registry as the trainer and the scorer run it: one training step (zero
// grads, prepare u8 pixels, loss, backward, the model's own optimiser) and scoring throughput
// (prepare + reconstruct without autograd). bench/model_step.py is the same networks in PyTorch.
import ArgumentParser
import CLIKit
import Engine
import EngineCLI
import Foundation
import Models

@main
struct ModelStepBench: Tool {
    static let configuration = CommandConfiguration(
        commandName: "bench-model-step",
        abstract: "Time a model's training step and scoring throughput through the Swift engine; prints one JSON line.",
        discussion: "Example:\n  bench-model-step --model stae --size 128x128 --width-mult 0.25 --steps 10")

    @OptionGroup var engine: EngineOptions
    @Option(help: "stae or convlstm-ae (any registered model works).") var model = "stae"
    @Option(help: ArgumentHelp("Frame size WxH.", valueName: "WxH")) var size = "128x128"
    @Option(help: "Scale every hidden channel count.") var widthMult = 0.25
    @Option(help: "Clips per batch.") var batch = 4
    @Option(help: "Frames per clip.") var time = 10
    @Option(help: "Frame channels (1 grey, 3 colour).") var channels = 1
    @Option(help: "Timed steps (training steps, then scoring batches).") var steps = 20
    @Option(help: "Untimed warm-up steps before each of the two timings.") var warmup = 3

    func run() throws {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else { throw UsageError("--size must look like 128x128, got '\(size)'") }
        guard steps > 0, warmup >= 0 else { throw UsageError("--steps must be positive and --warmup not negative") }
        let device = try engine.apply()
        let config = ModelConfig(height: parts[1], width: parts[0], channels: channels, clipLength: time, widthMultiplier: widthMult)
        let net = try ModelRegistry.make(name: model, config: config, device: device)
        let optimizer = try net.makeOptimizer(learningRate: nil)
        let pixels = try (Tensor.rand([batch, time, channels, config.height, config.width]) * 255.0).to(.u8, device: device)

        let train = try timings {
            try optimizer.zeroGrad(net.store)
            let loss = try net.loss(net.prepare(pixels))
            try loss.backward()
            try optimizer.step()
            _ = try loss.item()  // waits for the step, on any device
        }
        net.training = false
        let score = try timings {
            _ = try Runtime.withoutGrad { try net.reconstruct(net.prepare(pixels)) }
            try Runtime.synchronize(device)
        }

        print(String(format: "{\"impl\": \"swift\", \"model\": \"%@\", \"device\": \"%@\", \"threads\": %d, \"batch\": %d, \"time\": %d, \"channels\": %d, \"height\": %d, \"width\": %d, \"width_mult\": %g, \"params\": %d, \"steps\": %d, \"train_step_ms\": %.2f, \"train_step_mean_ms\": %.2f, \"score_clips_per_s\": %.2f}",
                     model, device.description, Runtime.threads, batch, time, channels, config.height, config.width, widthMult,
                     net.store.parameterCount, steps, train.median, train.mean, Double(batch) / (score.median / 1e3)))
    }

    /// Median and mean milliseconds of `body` over `steps` runs after `warmup` untimed ones.
    func timings(_ body: () throws -> Void) throws -> (median: Double, mean: Double) {
        for _ in 0..<warmup { try body() }
        var times: [Double] = []
        for _ in 0..<steps {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return (times[times.count / 2], times.reduce(0, +) / Double(times.count))
    }
}
