import Randomness
import Foundation
import TensorStream
import TestSupport
import Training
import XCTest

/// Clip records of seeded noise, [T, 1, H, W] u8, enough for a few batches.
func writeClips(_ path: String, count: Int, length: Int = 10, size: Int = 64) throws {
    var generator = SplitMix64(seed: 11)
    let out = try OutputFile(path: path)
    let writer = RecordWriter(out)
    for i in 0..<count {
        let bytes = (0..<(length * size * size)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try writer.write(Record(tensors: [("clip", HostTensor(u8: bytes, shape: [length, 1, size, size]))],
                                metadata: ["video": "01", "frames": Record.encodeIntegers(Array(i..<(i + length))), "stride": "1"]))
    }
    try out.commit()
}

final class ShuffleTests: XCTestCase {
    func testShuffleBufferIsSeededAndLosesNothing() {
        func order(_ seed: UInt64) -> [Int] {
            var buffer = ShuffleBuffer<Int>(capacity: 8, seed: seed)
            var out: [Int] = []
            for i in 0..<50 { if let x = buffer.push(i) { out.append(x) } }
            return out + buffer.drain()
        }
        XCTAssertEqual(order(1), order(1))
        XCTAssertNotEqual(order(1), order(2))
        XCTAssertEqual(order(1).sorted(), Array(0..<50))
        XCTAssertNotEqual(order(1), Array(0..<50))
    }

    func testBatchesCoverAnEpochInFixedOrder() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeClips(directory + "/c.vt", count: 7, size: 8)
        let batches = try ClipBatches(path: directory + "/c.vt", batchSize: 3, shuffleCapacity: 4, seed: 5)
        XCTAssertEqual(batches.clipShape, [10, 1, 8, 8])
        func epoch(_ n: Int) throws -> [[UInt8]] {
            let queue = batches.epoch(n)
            var out: [[UInt8]] = []
            while let batch = try queue.next() { out.append(batch.pixels.bytes) }
            return out
        }
        let first = try epoch(0)
        XCTAssertEqual(first.map { $0.count / 640 }, [3, 3, 1])
        // Every clip of the file once, none twice, in some order.
        var clips: [[UInt8]] = []
        let reader = try RecordReader(path: directory + "/c.vt")
        while let record = try reader.read() { clips.append(record["clip"]!.bytes) }
        let batched = first.flatMap { batch in stride(from: 0, to: batch.count, by: 640).map { Array(batch[$0 ..< $0 + 640]) } }
        XCTAssertEqual(batched.map { $0.description }.sorted(), clips.map { $0.description }.sorted())
        XCTAssertNotEqual(batched, clips, "shuffled")
        XCTAssertEqual(try epoch(0), first, "an epoch's order is a function of seed and epoch")
        XCTAssertNotEqual(try epoch(1), first)
        // Leaving an epoch early stops its reader: what it had queued drains, then the epoch ends
        // in a cancellation instead of reading on to the end of the file.
        try writeClips(directory + "/long.vt", count: 40, size: 8)
        let queue = try ClipBatches(path: directory + "/long.vt", batchSize: 1, shuffleCapacity: 1, seed: 5).epoch(0)
        _ = try queue.next()
        queue.cancel()
        var drained = 0
        XCTAssertThrowsError(try { while try queue.next() != nil { drained += 1 } }()) { XCTAssertTrue($0 is CancellationError, "\($0)") }
        XCTAssertLessThanOrEqual(drained, 2, "the queue holds two batches at most")
    }

    /// A clip of another shape stops both an epoch and the mean-frame pass, naming the file.
    func testClipsOfAnotherShapeAreRefused() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/mixed.vt"
        let out = try OutputFile(path: path)
        let writer = RecordWriter(out)
        for size in [8, 6] {
            try writer.write(Record(tensors: [("clip", HostTensor(u8: [UInt8](repeating: 9, count: 2 * size * size), shape: [2, 1, size, size]))],
                                    metadata: ["video": "01", "frames": Record.encodeIntegers([0, 1]), "stride": "1"]))
        }
        try out.commit()
        let batches = try ClipBatches(path: path, batchSize: 1, shuffleCapacity: 1, seed: 0)
        let message = "\(path): clip shape [2, 1, 6, 6] differs from the first clip's [2, 1, 8, 8]"
        XCTAssertThrowsError(try batches.meanFrame()) { XCTAssertEqual(String(describing: $0), message) }
        let queue = batches.epoch(0)
        XCTAssertThrowsError(try { while try queue.next() != nil {} }()) { XCTAssertEqual(String(describing: $0), message) }
    }
}

final class TrainCommandTests: XCTestCase {
    var root: String!
    override func setUp() { root = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    private func train(_ extra: [String]) throws -> ProgramRun {
        try runProgram("train", ["--model", "stae", "--width-mult", "0.125", "--batch", "2", "--epochs", "100", "--threads", "1", "--seed", "3",
                                 "--quiet", root + "/clips.vt"] + extra)
    }

    private func losses(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// The progress bar (steps done of all, the rate, the time left) is drawn on a terminal, and
    /// nowhere else: not into a file or pipe, not under --quiet.
    func testProgressIsDrawnOnATerminalOnly() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let arguments = ["--model", "stae", "--width-mult", "0.125", "--batch", "2", "--threads", "1", "--max-steps", "3", "-o", "/dev/null", root + "/clips.vt"]
        let piped = try runProgram("train", arguments)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stderr, "")
        // script(1) runs the program on a terminal of its own and copies what is drawn there to stdout.
        func onATerminal(_ extra: [String]) throws -> ProgramRun {
            let words = [productsDirectory().appendingPathComponent("train").path] + arguments + extra
            return try runCommand("/usr/bin/env", ["script", "-qec", words.map { "'\($0)'" }.joined(separator: " "), "/dev/null"])
        }
        let drawn = try onATerminal([])
        XCTAssertEqual(drawn.status, 0, drawn.text)
        XCTAssertTrue(drawn.text.contains("train [########################] 3/3 ") && drawn.text.contains(" steps/s ETA 0:00"), drawn.text)
        let quiet = try onATerminal(["--quiet"])
        XCTAssertEqual(quiet.status, 0, quiet.text)
        XCTAssertFalse(quiet.text.contains("train ["), quiet.text)
        // Epochs give the bar its end too, where they stop the run before the step limit: 2 epochs of 4
        // clips in batches of 2.
        let epochs = try runCommand("/usr/bin/env", ["script", "-qec", ([productsDirectory().appendingPathComponent("train").path]
            + ["--model", "stae", "--width-mult", "0.125", "--batch", "2", "--threads", "1", "--epochs", "2", "--max-steps", "100", "-o", "/dev/null", root + "/clips.vt"])
            .map { "'\($0)'" }.joined(separator: " "), "/dev/null"])
        XCTAssertTrue(epochs.text.contains("] 4/4 "), epochs.text)
    }

    /// What ends a run while its bar is drawn, an error or a signal, starts a line of its own rather
    /// than being glued to the bar's.
    func testAnErrorOrASignalEndsTheBarsLine() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let train = productsDirectory().appendingPathComponent("train").path
        // Stopped once its log shows a step done (so its bar is drawn), under bash, which says nothing
        // of a background job's death that could end the line for it.
        let log = root + "/stopped.jsonl"
        let stopped = try runCommand("/usr/bin/env", ["SHELL=/bin/bash", "script", "-qec", "'\(train)' --model stae --width-mult 0.125 --batch 2 --threads 1 "
            + "--max-steps 100000 --checkpoint-every 1 --log '\(log)' -o '\(root!)/stopped.ckpt' '\(root!)/clips.vt' & "
            + "for wait in $(seq 600); do [ -s '\(log)' ] && break; sleep 0.1; done; sleep 0.3; kill -TERM $!; wait $!; echo after", "/dev/null"])
        XCTAssertNotNil(stopped.text.range(of: "ETA [0-9:]+\r\n", options: .regularExpression), "the bar's line ended: \(stopped.text)")
        // A terminal ends lines with \r\n, one Character to Swift.
        let lines = stopped.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(lines.contains("after"), "a line of its own: \(stopped.text)")
        // A damaged record after a whole one: reconstruct draws its first clip, then fails on the next.
        XCTAssertEqual(try runProgram("train", ["--model", "stae", "--width-mult", "0.125", "--batch", "2", "--threads", "1", "--max-steps", "1",
                                                "--quiet", "-o", root + "/m.ckpt", root + "/clips.vt"]).status, 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: root + "/clips.vt"))
        try whole.prefix(whole.count - 100).write(to: URL(fileURLWithPath: root + "/cut.vt"))
        let failed = try runCommand("/usr/bin/env", ["script", "-qec", "'\(productsDirectory().appendingPathComponent("reconstruct").path)' --threads 1 "
            + "--batch 1 -m '\(root!)/m.ckpt' -o '\(root!)/r.vt' '\(root!)/cut.vt'", "/dev/null"])
        XCTAssertNotEqual(failed.status, 0, failed.text)
        XCTAssertTrue(failed.text.contains("reconstruct 1 clips"), "the bar was drawn: \(failed.text)")
        XCTAssertTrue(failed.text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("reconstruct: \(root!)/cut.vt: record 3 ") }, failed.text)
    }

    /// A run killed after its last checkpoint and resumed logs the same losses as one never stopped.
    func testResumeMatchesAnUninterruptedRun() throws {
        try writeClips(root + "/clips.vt", count: 6)
        let straight = try train(["--max-steps", "6", "--checkpoint-every", "3", "--log", root + "/straight.jsonl", "-o", root + "/straight.ckpt"])
        XCTAssertEqual(straight.status, 0, straight.stderr)
        XCTAssertEqual(try losses(root + "/straight.jsonl").count, 6)

        // Train to a checkpoint at step 3, keep a copy, run on to step 5, then "crash" back to the copy.
        XCTAssertEqual(try train(["--max-steps", "3", "--log", root + "/resumed.jsonl", "-o", root + "/run.ckpt"]).status, 0)
        try FileManager.default.copyItem(atPath: root + "/run.ckpt", toPath: root + "/step3.ckpt")
        XCTAssertEqual(try train(["--max-steps", "5", "--resume", "--log", root + "/resumed.jsonl", "-o", root + "/run.ckpt"]).status, 0)
        try FileManager.default.removeItem(atPath: root + "/run.ckpt")
        try FileManager.default.moveItem(atPath: root + "/step3.ckpt", toPath: root + "/run.ckpt")
        let resumed = try train(["--max-steps", "6", "--resume", "--log", root + "/resumed.jsonl", "-o", root + "/run.ckpt"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try losses(root + "/resumed.jsonl"), try losses(root + "/straight.jsonl"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/run.ckpt")),
                       try Data(contentsOf: URL(fileURLWithPath: root + "/straight.ckpt")), "same weights, optimiser and step")
    }

    /// Under --schedule cosine, step k (from 1) trains at lr (1 + cos(pi (k - 1) / K)) / 2 of K steps,
    /// and the log says so.
    func testCosineScheduleIsTheRateOfEachLoggedStep() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let run = try train(["--max-steps", "4", "--schedule", "cosine", "--lr", "0.01", "--log", root + "/log.jsonl", "-o", root + "/run.ckpt"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rates = try losses(root + "/log.jsonl").map { line in
            try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["lr"] as? Double)
        }
        let expected = [0.01, 0.005 * (1 + 0.5.squareRoot()), 0.005, 0.005 * (1 - 0.5.squareRoot())]
        XCTAssertEqual(rates.count, 4)
        for (rate, want) in zip(rates, expected) { XCTAssertEqual(rate, want, accuracy: 1e-12) }
    }

    /// reconstruct batches clips, but each output record holds its own clip, metadata and
    /// reconstruction, whatever the batch size (a short last batch included).
    func testReconstructBatchesKeepEachClipItsOwn() throws {
        try writeClips(root + "/clips.vt", count: 5)
        XCTAssertEqual(try train(["--max-steps", "1", "-o", root + "/m.ckpt"]).status, 0)
        func records(_ path: String) throws -> [Record] {
            let reader = try RecordReader(path: path)
            var all: [Record] = []
            while let record = try reader.read() { all.append(record) }
            return all
        }
        func reconstruct(batch: Int) throws -> [Record] {
            let run = try runProgram("reconstruct", ["--quiet", "--threads", "1", "--batch", "\(batch)", "-m", root + "/m.ckpt",
                                                     "-o", root + "/r\(batch).vt", root + "/clips.vt"])
            XCTAssertEqual(run.status, 0, run.stderr)
            return try records(root + "/r\(batch).vt")
        }
        func floats(_ tensor: HostTensor?) throws -> [Float] {
            try XCTUnwrap(tensor).bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        }
        let clips = try records(root + "/clips.vt"), single = try reconstruct(batch: 1), batched = try reconstruct(batch: 3)
        XCTAssertEqual(single.count, 5)
        XCTAssertEqual(batched.count, 5)
        for (index, (clip, (one, three))) in zip(clips, zip(single, batched)).enumerated() {
            for (key, value) in clip.metadata {
                XCTAssertEqual(one.metadata[key], value, "clip \(index) \(key)")
                XCTAssertEqual(three.metadata[key], value, "clip \(index) \(key)")
            }
            XCTAssertEqual(one["input"]?.bytes, clip["clip"]?.bytes, "clip \(index)")
            XCTAssertEqual(three["input"]?.bytes, clip["clip"]?.bytes, "clip \(index)")
            let difference = zip(try floats(one["recon"]), try floats(three["recon"])).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(difference, 1e-5, "clip \(index)")
        }
        XCTAssertNotEqual(try floats(batched[0]["recon"]), try floats(batched[1]["recon"]), "each clip its own reconstruction")
    }

    /// A resume whose model config differs names just the settings that differ, both ways, in one line.
    func testResumeUnderAnotherConfigNamesTheDifferences() throws {
        try writeClips(root + "/clips.vt", count: 2)
        let ckpt = root + "/run.ckpt"
        XCTAssertEqual(try train(["--max-steps", "1", "-o", ckpt]).status, 0)
        try writeClips(root + "/clips.vt", count: 2, size: 32)
        let mismatch = try train(["--max-steps", "2", "--resume", "--width-mult", "0.25", "-o", ckpt])
        XCTAssertEqual(mismatch.status, 1)
        XCTAssertEqual(mismatch.stderr, "train: \(ckpt): was trained with height 64 (this run 32), width 64 (this run 32), width_multiplier 0.125 (this run 0.25)\n")
    }

    /// A resume under options that would make it another run (batch, seed, shuffle, schedule, rate,
    /// input centring) is refused, naming them; a longer step limit only extends the run.
    func testResumeUnderOtherRunSettingsIsRefused() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let ckpt = root + "/run.ckpt"
        XCTAssertEqual(try train(["--max-steps", "1", "-o", ckpt]).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: ckpt))
        let changed = try train(["--max-steps", "2", "--resume", "--batch", "4", "--seed", "7", "--schedule", "cosine", "-o", ckpt])
        XCTAssertEqual(changed.status, 1)
        XCTAssertEqual(changed.stderr, "train: \(ckpt): was trained with --batch 2 (this run 4), --seed 3 (this run 7), --schedule constant (this run cosine), --max-steps 1 (this run 2); resume with the same options, or remove it to start afresh\n")
        let rate = try train(["--max-steps", "2", "--resume", "--lr", "0.5", "--shuffle", "1", "-o", ckpt])
        XCTAssertEqual(rate.status, 1)
        XCTAssertTrue(rate.stderr.contains("--shuffle 256 (this run 1), --lr 0.0001 (this run 0.5)"), rate.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ckpt)), before, "the checkpoint is left alone")
        XCTAssertEqual(try train(["--max-steps", "2", "--resume", "-o", ckpt]).status, 0)
        // The cosine schedule is set by the step limit: another limit would be another run.
        let cosine = root + "/cosine.ckpt"
        XCTAssertEqual(try train(["--max-steps", "1", "--schedule", "cosine", "-o", cosine]).status, 0)
        let longer = try train(["--max-steps", "3", "--schedule", "cosine", "--resume", "-o", cosine])
        XCTAssertEqual(longer.status, 1)
        XCTAssertTrue(longer.stderr.contains("--max-steps 1 (this run 3)"), longer.stderr)

        let centred = root + "/centred.ckpt"
        XCTAssertEqual(try runProgram("train", ["--model", "convlstm-ae", "--width-mult", "0.125", "--threads", "1", "--quiet",
                                                "--max-steps", "1", "-o", centred, root + "/clips.vt"]).status, 0)
        let late = try runProgram("train", ["--model", "convlstm-ae", "--width-mult", "0.125", "--threads", "1", "--quiet",
                                            "--max-steps", "2", "--resume", "--subtract-mean", "-o", centred, root + "/clips.vt"])
        XCTAssertEqual(late.status, 1)
        XCTAssertTrue(late.stderr.contains("--subtract-mean false (this run true)"), late.stderr)
    }

    /// `--optimizer` replaces the paper's (stae trains with Adam), and a resume under another optimiser
    /// is refused rather than starting that optimiser's state from nothing.
    func testOptimizerOverrideIsSavedAndCheckedOnResume() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let ckpt = root + "/run.ckpt"
        let run = try train(["--max-steps", "2", "--optimizer", "adagrad", "-o", ckpt])
        XCTAssertEqual(run.status, 0, run.stderr)
        let saved = try XCTUnwrap(try RecordReader(path: ckpt).read())
        XCTAssertEqual(saved.metadata["vadkit.optimizer"], "adagrad")
        XCTAssertTrue(saved.tensors.contains { $0.name.hasPrefix("optimizer.sum.") })
        XCTAssertFalse(saved.tensors.contains { $0.name.hasPrefix("optimizer.exp_avg") })
        let before = try Data(contentsOf: URL(fileURLWithPath: ckpt))
        let mismatch = try train(["--max-steps", "4", "--resume", "-o", ckpt])
        XCTAssertEqual(mismatch.status, 1)
        XCTAssertEqual(mismatch.stderr, "train: \(ckpt): was trained with adagrad, not adam\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ckpt)), before, "the checkpoint is left alone")
        XCTAssertEqual(try train(["--max-steps", "4", "--resume", "--optimizer", "adagrad", "-o", ckpt]).status, 0)
        XCTAssertEqual(try train(["--optimizer", "lbfgs", "-o", root + "/x.ckpt"]).status, 2)
    }

    /// `--subtract-mean` saves the mean of every frame of every training clip as convlstm-ae's input
    /// centre; without it the centre is mid-grey, and a model that takes no centre refuses the flag.
    func testSubtractMeanSavesTheTrainingClipsMeanFrame() throws {
        try writeClips(root + "/clips.vt", count: 3, length: 4, size: 32)
        func savedCentre(_ extra: [String]) throws -> HostTensor {
            let ckpt = root + "/luo.ckpt"
            let run = try runProgram("train", ["--model", "convlstm-ae", "--width-mult", "0.0625", "--batch", "2", "--max-steps", "1",
                                               "--threads", "1", "--quiet", "-o", ckpt, root + "/clips.vt"] + extra)
            XCTAssertEqual(run.status, 0, run.stderr)
            let saved = try XCTUnwrap(try RecordReader(path: ckpt).read())
            return try XCTUnwrap(saved.tensors.first { $0.name == "model.input_centre" }?.tensor)
        }
        var sums = [Double](repeating: 0, count: 32 * 32)
        let reader = try RecordReader(path: root + "/clips.vt")
        while let record = try reader.read() {
            for (i, pixel) in record.tensors[0].tensor.bytes.enumerated() { sums[i % sums.count] += Double(pixel) }
        }
        let centre = try savedCentre(["--subtract-mean"])
        XCTAssertEqual(centre.shape, [1, 32, 32])
        for (saved, sum) in zip(centre.doubles(), sums) { XCTAssertEqual(saved, sum / (12 * 255), accuracy: 1e-6) }
        XCTAssertEqual(Set(try savedCentre([]).doubles()), [0.5])

        let refused = try train(["--subtract-mean", "-o", root + "/stae.ckpt"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--subtract-mean: stae takes no input mean (convlstm-ae does)"), refused.stderr)
    }

    /// Rates and sizes that would train nonsense (NaN weights) are usage errors naming the option.
    func testNonsenseRatesAndSizesAreUsageErrors() throws {
        try writeClips(root + "/clips.vt", count: 2)
        for (option, value) in [("--lr", "nan"), ("--lr", "-1"), ("--lr", "0"), ("--lr", "inf"), ("--shuffle", "0"), ("--shuffle", "-5"),
                                ("--width-mult", "nan"), ("--width-mult", "0")] {
            // Both spellings: a value that starts with a dash must reach validation, not read as missing.
            for spelled in [["\(option)=\(value)"], [option, value]] {
                let run = try train(["--max-steps", "1"] + spelled + ["-o", root + "/x.ckpt"])
                XCTAssertEqual(run.status, 2, "\(spelled): \(run.stderr)")
                XCTAssertTrue(run.stderr.hasPrefix("train: \(option) must be "), run.stderr)
            }
        }
    }

    /// The log on disk goes with the checkpoint on disk: a fresh run that fails before its first
    /// checkpoint leaves both as they were, and one that gets there replaces both.
    func testAFailedRunLeavesTheLogOfTheCheckpoint() throws {
        try writeClips(root + "/clips.vt", count: 4)
        XCTAssertEqual(try train(["--max-steps", "2", "--log", root + "/loss.jsonl", "-o", root + "/m.ckpt"]).status, 0)
        let log = try Data(contentsOf: URL(fileURLWithPath: root + "/loss.jsonl"))
        let model = try Data(contentsOf: URL(fileURLWithPath: root + "/m.ckpt"))
        let diverged = try train(["--max-steps", "3", "--lr", "1e30", "--log", root + "/loss.jsonl", "-o", root + "/m.ckpt"])
        XCTAssertEqual(diverged.status, 1)
        XCTAssertTrue(diverged.stderr.hasPrefix("train: training diverged: loss is "), diverged.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/loss.jsonl")), log)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/m.ckpt")), model)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root).sorted(), ["clips.vt", "loss.jsonl", "m.ckpt"])
        XCTAssertEqual(try train(["--max-steps", "3", "--log", root + "/loss.jsonl", "-o", root + "/m.ckpt"]).status, 0)
        XCTAssertEqual(try losses(root + "/loss.jsonl").count, 3)
    }

    /// A log that is a pipe (`--log /dev/stdout | ...`) is written line by line through the run's
    /// checkpoints; only a file waits for the first one.
    func testALogOnAPipeGetsEveryLine() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let run = try train(["--max-steps", "3", "--checkpoint-every", "1", "--log", "/dev/stdout", "-o", root + "/m.ckpt"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.text.split(separator: "\n").map { $0.prefix(11) }, ["{\"step\": 1,", "{\"step\": 2,", "{\"step\": 3,"])
    }

    /// Clips read from stdin are copied to a temporary file, which a signal removes with the run; the
    /// copy of a run killed outright, which no handler sees, goes with the next run from stdin.
    func testTheStdinCopyGoesWhenARunIsStopped() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let scratch = root + "/tmp"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let train = productsDirectory().appendingPathComponent("train").path
        let run = try runCommand("/bin/sh", ["-c", "TMPDIR=\"$1\" timeout -s INT 3 \"$0\" --model stae --width-mult 0.125 --threads 1 --quiet "
                                                 + "--max-steps 100000 -o \"$2\" - < \"$3\"", train, scratch, root + "/s.ckpt", root + "/clips.vt"])
        XCTAssertEqual(run.status, 124, "stopped by the signal: \(run.stderr)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])

        let killed = try runCommand("/bin/sh", ["-c", "TMPDIR=\"$1\" timeout -s KILL 3 \"$0\" --model stae --width-mult 0.125 --threads 1 --quiet "
                                                    + "--max-steps 100000 -o \"$2\" - < \"$3\"", train, scratch, root + "/k.ckpt", root + "/clips.vt"])
        XCTAssertEqual(killed.status, 137, "killed: \(killed.stderr)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch).count, 1, "SIGKILL leaves the copy")
        let next = try runCommand("/bin/sh", ["-c", "TMPDIR=\"$1\" \"$0\" --model stae --width-mult 0.125 --threads 1 --quiet "
                                                  + "--max-steps 1 -o \"$2\" - < \"$3\"", train, scratch, root + "/n.ckpt", root + "/clips.vt"])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])

        // The copy's name is never opened itself: a FIFO or a link planted there in a shared TMPDIR
        // neither blocks the run nor receives the copy.
        XCTAssertEqual(mkfifo(scratch + "/vadkit-train-stdin-\(getuid()).vt", 0o644), 0)
        let planted = try runCommand("/bin/sh", ["-c", "TMPDIR=\"$1\" timeout 60 \"$0\" --model stae --width-mult 0.125 --threads 1 --quiet "
                                                     + "--max-steps 1 -o \"$2\" - < \"$3\"", train, scratch, root + "/p.ckpt", root + "/clips.vt"])
        XCTAssertEqual(planted.status, 0, planted.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), ["vadkit-train-stdin-\(getuid()).vt"])
    }

    /// A second run on a checkpoint another run is writing (an overlapping cron job) is refused at once,
    /// naming the file and the process; the claim goes with the run, however it ends.
    func testOneRunAtATimeWritesACheckpoint() throws {
        try writeClips(root + "/clips.vt", count: 4)
        let checkpoint = root + "/m.ckpt", lockFile = root + "/.m.ckpt.lock"
        let first = Process()
        first.executableURL = productsDirectory().appendingPathComponent("train")
        first.arguments = ["--model", "stae", "--width-mult", "0.125", "--threads", "1", "--quiet", "--max-steps", "100000",
                           "--resume", root + "/clips.vt", "-o", checkpoint]
        try first.run()
        defer { if first.isRunning { first.terminate() } }
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: lockFile), Date() < deadline { usleep(20_000) }

        let second = try train(["--max-steps", "1", "--resume", "-o", checkpoint])
        XCTAssertEqual(second.status, 1)
        XCTAssertEqual(second.stderr, "train: \(checkpoint): process \(first.processIdentifier) is writing it (\(lockFile)); wait for it to finish or stop it\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint), "the refused run wrote nothing")
        // Another checkpoint beside it is another claim.
        XCTAssertEqual(try train(["--max-steps", "1", "-o", root + "/other.ckpt"]).status, 0)

        first.terminate()
        first.waitUntilExit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: lockFile), "a signal ends the claim and removes its file")
        // A lock file left by a run that could not remove it (kill -9) is taken over.
        try Data("999999\n".utf8).write(to: URL(fileURLWithPath: lockFile))
        let after = try train(["--max-steps", "1", "-o", checkpoint])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root).sorted(), ["clips.vt", "m.ckpt", "other.ckpt"])

        // A lock file that is a link (planted in a shared folder) is refused, and what it names is left as it was.
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: root + "/victim"))
        try FileManager.default.createSymbolicLink(atPath: lockFile, withDestinationPath: root + "/victim")
        let planted = try train(["--max-steps", "1", "-o", checkpoint])
        XCTAssertEqual(planted.status, 1)
        XCTAssertEqual(planted.stderr, "train: \(checkpoint): its lock file \(lockFile) is a symbolic link; remove it\n")
        XCTAssertEqual(try String(contentsOfFile: root + "/victim", encoding: .utf8), "precious\n")
    }

    /// Every checkpoint replaces the last, so a pipe or a descriptor, which would get them one after
    /// another, is a usage error; /dev/null trains for the log alone, and nothing is put beside it.
    func testACheckpointIsAFile() throws {
        try writeClips(root + "/clips.vt", count: 4)
        XCTAssertEqual(mkfifo(root + "/fifo", 0o644), 0)
        for target in ["/dev/stdout", "/dev/fd/1", root + "/fifo"] {
            let run = try train(["--max-steps", "1", "-o", target])
            XCTAssertEqual(run.status, 2, target)
            XCTAssertTrue(run.stderr.contains("--checkpoint must name a file"), run.stderr)
        }
        let discarded = try train(["--max-steps", "2", "--checkpoint-every", "1", "--log", root + "/log.jsonl", "-o", "/dev/null"])
        XCTAssertEqual(discarded.status, 0, discarded.stderr)
        XCTAssertEqual(try losses(root + "/log.jsonl").count, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/dev/.null.lock"))
        // There is nothing to resume from in /dev/null: the run starts afresh.
        XCTAssertEqual(try train(["--max-steps", "1", "--resume", "-o", "/dev/null"]).status, 0)
    }

    /// A checkpoint whose settings make no model is named in the one-line error.
    func testABrokenCheckpointIsNamed() throws {
        try writeClips(root + "/clips.vt", count: 2)
        XCTAssertEqual(try train(["--max-steps", "1", "-o", root + "/m.ckpt"]).status, 0)
        var record = try XCTUnwrap(try RecordReader(path: root + "/m.ckpt").read())
        record.metadata["vadkit.hparams"] = "{\"width\": \"64\"}"
        let out = try OutputFile(path: root + "/broken.ckpt")
        try RecordWriter(out).write(record)
        try out.commit()
        let reconstruct = try runProgram("reconstruct", ["--quiet", "--threads", "1", "-m", root + "/broken.ckpt", "-o", root + "/r.vt", root + "/clips.vt"])
        XCTAssertEqual(reconstruct.status, 1)
        XCTAssertTrue(reconstruct.stderr.hasPrefix("reconstruct: \(root!)/broken.ckpt: "), reconstruct.stderr)
        XCTAssertEqual(reconstruct.stderr.split(separator: "\n").count, 1, reconstruct.stderr)
        let resume = try train(["--max-steps", "2", "--resume", "-o", root + "/broken.ckpt"])
        XCTAssertEqual(resume.status, 1)
        XCTAssertTrue(resume.stderr.hasPrefix("train: \(root!)/broken.ckpt: "), resume.stderr)
    }

    func testTruncatedStdinIsNamedStdin() throws {
        try writeClips(root + "/clips.vt", count: 2)
        let clips = try Data(contentsOf: URL(fileURLWithPath: root + "/clips.vt"))
        let run = try runProgram("train", ["--model", "stae", "--width-mult", "0.125", "--threads", "1", "--quiet", "-o", root + "/x.ckpt", "-"],
                                 stdin: clips.dropLast(10))
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("train: stdin: record 1 at byte "), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
    }

    func testBadArgumentsAndInputs() throws {
        try writeClips(root + "/clips.vt", count: 2)
        XCTAssertEqual(try runProgram("train", ["--model", "nope", "-o", root + "/x.ckpt", root + "/clips.vt"]).status, 2)
        XCTAssertEqual(try train(["--schedule", "linear", "-o", root + "/x.ckpt"]).status, 2)
        XCTAssertEqual(try train(["-o", "-"]).status, 2, "a checkpoint is rewritten and read back: not stdout")
        let clips = try Data(contentsOf: URL(fileURLWithPath: root + "/clips.vt"))
        let overClips = try train(["-o", root + "/clips.vt"])
        XCTAssertEqual(overClips.status, 2)
        XCTAssertEqual(overClips.stderr.split(separator: "\n").first, "train: --checkpoint \(root!)/clips.vt is the input file; write it elsewhere")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/clips.vt")), clips)
        XCTAssertEqual(try train(["-o", root + "/x.ckpt", "--log", root + "/x.ckpt"]).status, 2)
        XCTAssertEqual(try train(["--max-steps", "1", "-o", root + "/m.ckpt"]).status, 0)
        let model = try Data(contentsOf: URL(fileURLWithPath: root + "/m.ckpt"))
        let overModel = try runProgram("reconstruct", ["--quiet", "--threads", "1", "-m", root + "/m.ckpt", "-o", root + "/m.ckpt", root + "/clips.vt"])
        XCTAssertEqual(overModel.status, 2)
        XCTAssertTrue(overModel.stderr.hasPrefix("reconstruct: --output \(root!)/m.ckpt is the --model file"), overModel.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/m.ckpt")), model)
        let nothing = try runProgram("reconstruct", ["--quiet", "--threads", "1", "-m", root + "/m.ckpt", "-o", root + "/r.vt", "-"], stdin: Data())
        XCTAssertEqual(nothing.status, 1)
        XCTAssertEqual(nothing.stderr, "reconstruct: stdin: no clip records\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/r.vt"))
        XCTAssertEqual(try train(["--device", "tpu", "-o", root + "/x.ckpt"]).status, 2)
        XCTAssertEqual(try train(["--threads", "100000", "-o", root + "/x.ckpt"]).status, 2)
        // Clips of another size say what the model takes, in the options that make its clips.
        try writeClips(root + "/small.vt", count: 1, size: 32)
        let small = try runProgram("reconstruct", ["--quiet", "--threads", "1", "-m", root + "/m.ckpt", "-o", root + "/r.vt", root + "/small.vt"])
        XCTAssertEqual(small.status, 1)
        XCTAssertEqual(small.stderr, "reconstruct: \(root!)/small.vt: clip shape [10, 1, 32, 32] does not match the model's [10, 1, 64, 64] (T, C, H, W): "
            + "it takes frames from frames-extract --size 64x64 --gray, cut by augment-strides -T 10\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/r.vt"))
        let named = try runProgram("reconstruct", ["--quiet", "-m", "stae", "-o", root + "/r.vt", root + "/clips.vt"])
        XCTAssertEqual(named.status, 2)
        XCTAssertTrue(named.stderr.hasPrefix("reconstruct: --model takes the checkpoint train wrote (its -o file), not a model name like 'stae'"), named.stderr)
        let bothStdin = try runProgram("reconstruct", ["--quiet", "-m", "-", "-o", root + "/r.vt", "-"], stdin: Data())
        XCTAssertEqual(bothStdin.status, 2)
        XCTAssertTrue(bothStdin.stderr.hasPrefix("reconstruct: --model and the clips cannot both come from stdin"), bothStdin.stderr)
        try "not a stream".write(toFile: root + "/bad.vt", atomically: true, encoding: .utf8)
        let bad = try runProgram("train", ["--model", "stae", "-o", root + "/x.ckpt", root + "/bad.vt"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("train: \(root!)/bad.vt: record 0"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/x.ckpt"))
        // A checkpoint that cannot be written stops the run before its first step, not at the end.
        let nowhere = try train(["--max-steps", "2", "--log", root + "/log.jsonl", "-o", root + "/no/such/x.ckpt"])
        XCTAssertEqual(nowhere.status, 1)
        XCTAssertEqual(nowhere.stderr, "train: \(root!)/no/such/x.ckpt: cannot create a lock file beside it: No such file or directory\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/log.jsonl"), "no step was taken")
        // Errors in clips read from stdin name stdin, not the spool file.
        let empty = try runProgram("train", ["--model", "stae", "-o", root + "/x.ckpt", "-"], stdin: Data())
        XCTAssertEqual(empty.stderr, "train: stdin: no clip records\n")
    }
}
