import Engine
import Foundation
import TensorStream
import XCTest

/// A run saved and resumed midway must land on the same bits as one that never stopped.
final class CheckpointTests: XCTestCase {
    private struct TinyModel {
        let store = ParameterStore()
        let conv: Conv2d
        let cell: ConvLSTMCell
        init() throws {
            conv = try Conv2d(store.root("conv"), inChannels: 1, outChannels: 2, kernel: (3, 3), padding: (1, 1))
            cell = try ConvLSTMCell(store.root("lstm"), inputChannels: 2, hiddenChannels: 2)
        }
        func loss() throws -> Tensor {
            // Fresh random data each step, so the generator state matters to resuming exactly.
            let x = try Tensor.rand([2, 1, 6, 6])
            let h = try cell(conv(x), cell.zeroState(batch: 2, height: 6, width: 6, like: x)).hidden
            return try Loss.mse(h.mean(dims: [1], keepDims: true), x)
        }
        func train(_ optimizer: Optimizer, steps: Int) throws -> [Double] {
            try (0..<steps).map { _ in
                try optimizer.zeroGrad(store)
                let l = try loss()
                try l.backward()
                try optimizer.step()
                return try l.item()
            }
        }
    }

    private var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "vadkit-ckpt-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testResumeContinuesExactly() throws {
        try Runtime.seed(3)
        let straight = try TinyModel()
        let straightAdam = Adam(straight.store, learningRate: 0.01)
        let straightLosses = try straight.train(straightAdam, steps: 8)

        try Runtime.seed(3)
        let first = try TinyModel()
        let firstAdam = Adam(first.store, learningRate: 0.01)
        let firstLosses = try first.train(firstAdam, steps: 4)
        let path = directory + "/tiny.ckpt"
        try Checkpoint.capture(model: "tiny", hyperParameters: ["lr": "0.01"], epoch: 0, step: 4, store: first.store, optimizer: firstAdam)
            .write(to: path)

        try Runtime.seed(99)  // a different generator state and different initial weights
        let resumed = try TinyModel()
        let resumedAdam = Adam(resumed.store, learningRate: 0.01)
        let saved = try Checkpoint.read(from: path)
        XCTAssertEqual(saved.model, "tiny")
        XCTAssertEqual(saved.hyperParameters, ["lr": "0.01"])
        XCTAssertEqual(saved.step, 4)
        try saved.restore(into: resumed.store, optimizer: resumedAdam, source: path)
        XCTAssertEqual(resumedAdam.stepCount, 4)
        let resumedLosses = try resumed.train(resumedAdam, steps: 4)

        XCTAssertEqual(firstLosses + resumedLosses, straightLosses)
        for (a, b) in zip(straight.store.entries, resumed.store.entries) {
            XCTAssertEqual(try a.tensor.host(), try b.tensor.host(), a.name)
        }
    }

    func testLoadRefusesAMismatchedModel() throws {
        let store = ParameterStore()
        _ = try store.root.parameter("w", [3], .zeros)
        let path = directory + "/w.ckpt"
        try Checkpoint.capture(model: "m", hyperParameters: [:], epoch: 1, step: 2, store: store, optimizer: nil).write(to: path)
        let other = ParameterStore()
        _ = try other.root.parameter("w", [4], .zeros)
        XCTAssertThrowsError(try Checkpoint.read(from: path).restore(into: other, optimizer: nil, source: path)) {
            XCTAssertEqual(String(describing: $0), "load: \(path): 'w' is [3], the model expects [4]")
        }
        XCTAssertThrowsError(try Checkpoint.read(from: directory + "/missing.ckpt"))
        // A file holding two checkpoint records is not a checkpoint: which would be meant?
        let record = try XCTUnwrap(try RecordReader(path: path).read())
        let out = try OutputFile(path: directory + "/twice.ckpt")
        let writer = RecordWriter(out)
        try writer.write(record)
        try writer.write(record)
        try out.commit()
        XCTAssertThrowsError(try Checkpoint.read(from: directory + "/twice.ckpt")) {
            XCTAssertEqual(String(describing: $0), "\(self.directory!)/twice.ckpt: holds more than one record; a checkpoint is one")
        }
    }

    /// Optimiser state of another shape, or for a parameter the model lacks, is refused as the
    /// checkpoint is restored (not at the first step, in libtorch's words), naming the checkpoint;
    /// so is a generator state that is not libtorch's.
    func testRestoreRefusesOptimiserAndGeneratorStateThatDoesNotFit() throws {
        let store = ParameterStore()
        let w = try store.root.parameter("w", [3], .zeros)
        let adam = Adam(store, learningRate: 0.1)
        try w.sum().backward()
        try adam.step()
        let path = directory + "/w.ckpt"
        let good = try Checkpoint.capture(model: "m", hyperParameters: [:], epoch: 0, step: 1, store: store, optimizer: adam)
        func restoring(_ change: (inout Checkpoint) -> Void) -> String {
            var saved = good
            change(&saved)
            do {
                try saved.restore(into: store, optimizer: Adam(store, learningRate: 0.1), source: path)
                return "restored"
            } catch { return String(describing: error) }
        }
        XCTAssertEqual(restoring { _ in }, "restored")
        XCTAssertEqual(restoring { $0.optimizer!.tensors[0].tensor = HostTensor(f32: [1, 2], shape: [2]) },
                       "\(path): adam state: \(good.optimizer!.tensors[0].name) has shape [2], its parameter [3]")
        XCTAssertEqual(restoring { $0.optimizer!.tensors.append((name: "m.gone", tensor: HostTensor(f32: [1], shape: [1]))) },
                       "\(path): adam state: m.gone belongs to no parameter of this model")
        XCTAssertEqual(restoring { $0.randomState = HostTensor(u8: [7], shape: [1]) },
                       "\(path): rng.cpu (u8 [1]) is not libtorch's CPU generator state")
    }
}
