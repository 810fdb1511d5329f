// Times one training step (forward, backward, Adam) of the Ped1 tutorial model's recurrent core:
// ConvLSTM layers of 64, 32 and 64 channels (3x3) over 10 steps of 64x32x32 features, batch 4.
// bench/convlstm_step.py is the same network written the ordinary way in PyTorch.
import ArgumentParser
import CLIKit
import Engine
import EngineCLI
import Foundation

@main
struct ConvLSTMStepBench: Tool {
    static let configuration = CommandConfiguration(
        commandName: "bench-convlstm-step",
        abstract: "Time a ConvLSTM 64-32-64 training step through the Swift engine; prints one JSON line.",
        discussion: "Example:\n  bench-convlstm-step --steps 20 --threads 2")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Timed steps.") var steps = 20
    @Option(help: "Untimed warm-up steps.") var warmup = 3
    @Option(help: "Batch size.") var batch = 4
    @Option(help: "Time steps per clip.") var time = 10

    func run() throws {
        let device = try engine.apply()
        let store = ParameterStore(device: device)
        let layers = try zip([64, 64, 32], [64, 32, 64]).enumerated().map { i, channels in
            try ConvLSTMCell(store.root("lstm\(i)"), inputChannels: channels.0, hiddenChannels: channels.1)
        }
        let adam = Adam(store, learningRate: 1e-4)
        let clip = try Tensor.randn([batch, time, 64, 32, 32], device: device)

        func step() throws -> Double {
            try adam.zeroGrad(store)
            var x = clip
            for layer in layers { x = try layer.sequence(x).outputs }
            let loss = try Loss.mse(x, clip)
            try loss.backward()
            try adam.step()
            return try loss.item()  // forces the step to finish, on any device
        }

        for _ in 0..<warmup { _ = try step() }
        var times: [Double] = []
        for _ in 0..<steps {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let median = times[times.count / 2]
        let mean = times.reduce(0, +) / Double(times.count)
        print(String(format: "{\"impl\": \"swift\", \"device\": \"%@\", \"threads\": %d, \"steps\": %d, \"median_ms\": %.2f, \"mean_ms\": %.2f}",
                     device.description, Runtime.threads, steps, median, mean))
    }
}
