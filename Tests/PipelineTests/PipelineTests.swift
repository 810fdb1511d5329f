import Foundation
import TensorStream
import TestSupport
import XCTest

/// The repository root, for running its Makefile.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path

func make(_ arguments: [String]) throws -> ProgramRun {
    try runCommand("/usr/bin/env", ["make", "--no-print-directory", "-C", repository, "BIN=\(productsDirectory().path)"] + arguments)
}

final class PipelineTests: XCTestCase {
    var root: String!
    override func setUp() { root = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    /// The main job end to end on generated data, small enough for a test: every stage, an AUC
    /// clearly better than chance, and reconstructions better than the mean training frame.
    func testQuickDemoDetectsAnomalies() throws {
        // One thread, so that the sums run in one order whatever the machine's cores.
        let run = try make(["demo", "QUICK=1", "THREADS=1", "RESULTS=\(root!)"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // 0.914-0.969 over ten trainings (seeds 1-5, 200 and 600 steps).
        let auc = try XCTUnwrap(try json(root + "/demo/metrics.json")["auc"] as? Double)
        XCTAssertGreaterThan(auc, 0.75, "AUC \(auc)")
        // These few shapes on a dark ground are easy: the mean training frame's error alone ranks them
        // at AUC 0.92, within the trained network's spread over seeds, so AUC cannot tell whether the
        // network learned more than the background. Its errors can: the frame errors (sse) it leaves
        // must be well below the mean frame's, 0.42-0.64 of them over seeds 1-5 (1.06-1.15 after 200
        // steps, when it had not yet learned the background).
        let work = root + "/demo/work/"
        let rows = try String(contentsOfFile: root + "/demo/scores.csv", encoding: .utf8)
        let baseline = try meanFrameScores(train: work + "train-frames.vt", test: work + "test-frames.vt", rows: root + "/demo/scores.csv")
        func meanScore(_ csv: String) throws -> Double {
            let scores = try csv.split(separator: "\n").dropFirst().map { try XCTUnwrap(Double($0.split(separator: ",")[2])) }
            return scores.reduce(0, +) / Double(scores.count)
        }
        let network = try meanScore(rows), meanFrame = try meanScore(baseline)
        XCTAssertLessThan(network, 0.85 * meanFrame, "the network's mean frame error \(network), the mean training frame's \(meanFrame)")
        XCTAssertTrue(run.text.contains("demo: AUC "), run.text)
        XCTAssertTrue(run.text.contains("demo (tuned scoring): AUC "), run.text)
        for file in ["scores.csv", "roc.csv", "roc.svg", "run.json", "curves/01.svg", "tuned/choice.txt", "tuned/validation-sweep.tsv", "tuned/metrics.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/demo/" + file), file)
        }
        // run.json names what made the figures: the command, the frame size and the training options.
        let record = try json(root + "/demo/run.json")
        XCTAssertTrue((record["command"] as? String ?? "").hasPrefix("make demo QUICK=1"), "\(record)")
        XCTAssertEqual(record["frames"] as? String, "64x64")
        XCTAssertTrue((record["train"] as? String ?? "").hasPrefix("stae "), "\(record)")
        // A second run has nothing to do: every stage is a file that is up to date.
        let stages = try make(["\(root!)/demo/metrics.json", "\(root!)/demo/tuned/metrics.json", "QUICK=1", "RESULTS=\(root!)", "--question"])
        XCTAssertEqual(stages.status, 0, "metrics.json is up to date")
        // Other options redo the stages they feed, and only those.
        let rescore = try make(["\(root!)/demo/metrics.json", "QUICK=1", "RESULTS=\(root!)", "demo_SCORE_ARGS=--measure psnr --mapping mean", "--dry-run"])
        XCTAssertTrue(rescore.text.contains("score --measure psnr --mapping mean"), rescore.text)
        XCTAssertTrue(rescore.text.contains("evaluate --scores"), rescore.text)
        XCTAssertFalse(rescore.text.contains("/train ") || rescore.text.contains("synth-video"), rescore.text)
        // Other options asked for and dropped before anything was made with them (a run without QUICK=1
        // stopped at once, here by a goal make has no rule for) leave every stage as it was.
        let goals = ["\(root!)/demo/metrics.json", "\(root!)/demo/tuned/metrics.json", "RESULTS=\(root!)"]
        let quickTraining = "stae --width-mult 0.25 --max-steps 600 --batch 8 --lr 1e-3 --checkpoint-every 200 --seed 1\n"
        XCTAssertNotEqual(try make(["\(root!)/demo/no-such-file", "RESULTS=\(root!)"]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: work + "train.opts", encoding: .utf8), "stae --width-mult 0.25 --max-steps 3000 --batch 8 --lr 1e-3 --checkpoint-every 200 --seed 1\n")
        let back = try make(goals + ["QUICK=1"])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertFalse(back.text.contains("synth-video") || back.text.contains("/train ") || back.text.contains("/score "), back.text)
        XCTAssertEqual(try String(contentsOfFile: work + "train.opts", encoding: .utf8), quickTraining)
        XCTAssertNotEqual(try make(["\(root!)/demo/no-such-file", "RESULTS=\(root!)"]).status, 0)
        XCTAssertEqual(try make(goals + ["QUICK=1", "--question"]).status, 0, "a look finds the stages made with QUICK=1 up to date too")
        // A part-way training that a training with other options set aside (here one that cannot
        // start: no programs) comes back with its options.
        try FileManager.default.copyItem(atPath: work + "model.ckpt", toPath: work + "model.ckpt.part")
        let otherTraining = try make(goals + ["QUICK=1", "demo_TRAIN_ARGS=--max-steps 5", "BIN=\(root!)/no-programs"])
        XCTAssertNotEqual(otherTraining.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work + "model.ckpt.part"))
        XCTAssertEqual(try make(goals + ["QUICK=1", "--question"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work + "model.ckpt.part"), "the part is back")
        XCTAssertEqual(try String(contentsOfFile: work + "train.opts", encoding: .utf8), quickTraining)
        try FileManager.default.removeItem(atPath: work + "model.ckpt.part")
        // Training and the test clips' reconstruction draw their progress bars (on a terminal), but
        // not beside other jobs, whose bars would overwrite theirs.
        func longStages(_ flags: [String]) throws -> [Substring] {
            try make(["\(root!)/demo/metrics.json", "QUICK=1", "RESULTS=\(root!)", "--dry-run", "--always-make"] + flags).text
                .split(separator: "\n").filter { $0.contains("/train ") || $0.contains("/reconstruct ") && $0.contains("test-clips.vt |") }
        }
        let alone = try longStages([]), sideBySide = try longStages(["-j2"])
        XCTAssertEqual(alone.count, 2, "\(alone)")
        XCTAssertFalse(alone.contains { $0.contains("--quiet") }, "\(alone)")
        XCTAssertEqual(sideBySide.count, 2, "\(sideBySide)")
        XCTAssertTrue(sideBySide.allSatisfy { $0.contains("--quiet") }, "\(sideBySide)")
        let full = try make(["\(root!)/demo/metrics.json", "RESULTS=\(root!)", "--dry-run"])
        XCTAssertTrue(full.text.contains("synth-video moving-shapes --quiet --split train --videos 40"), full.text)
        XCTAssertTrue(full.text.contains("--max-steps 3000"), full.text)
        // A command about another experiment, without QUICK=1, leaves the demo's options alone.
        let other = try make(["\(root!)/mmnist-appearance-conv-ae/work/train.opts", "RESULTS=\(root!)"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertEqual(try make(["\(root!)/demo/metrics.json", "QUICK=1", "RESULTS=\(root!)", "--question"]).status, 0)
        // QUICK=0 is off, as no QUICK is; without RESULTS=, a smoke run writes apart from real runs.
        XCTAssertEqual(try make(["\(root!)/demo/metrics.json", "RESULTS=\(root!)", "QUICK=0", "--dry-run"]).text, full.text)
        XCTAssertTrue(try make(["demo", "QUICK=1", "--dry-run", "--always-make"]).text.contains(" results/quick/demo/work/"))
        // A new evaluation replaces the curves folder: no curve of an earlier run is left among its own.
        try Data("<svg/>".utf8).write(to: URL(fileURLWithPath: root + "/demo/curves/99.svg"))
        let reevaluate = try make(["\(root!)/demo/metrics.json", "QUICK=1", "RESULTS=\(root!)", "demo_EVAL_ARGS=--normalize per-video"])
        XCTAssertEqual(reevaluate.status, 0, reevaluate.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/demo/curves/99.svg"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/demo/curves/01.svg"))
        // Made with other options, a stage is made again when the first ones come back.
        XCTAssertEqual(try make(["\(root!)/demo/metrics.json", "QUICK=1", "RESULTS=\(root!)", "--question"]).status, 1)
        // The tuned scores are evaluated again too, but not made again: no clip is reconstructed.
        let retune = try make(["\(root!)/demo/tuned/metrics.json", "QUICK=1", "RESULTS=\(root!)", "demo_EVAL_ARGS=--normalize per-video", "--dry-run"])
        XCTAssertTrue(retune.text.contains("score-with-choice.sh evaluate"), retune.text)
        XCTAssertFalse(retune.text.contains("score-with-choice.sh score"), retune.text)
    }

    /// The sweep that chooses scoring on painted frames can always land on the paper's own: every
    /// experiment with a sweep tries its paper scoring's measure and mapping.
    func testEverySweepTriesThePapersOwnScoring() throws {
        let fields = "$(v:_SWEEP_MEASURES=)|$($(v))|$($(v:_SWEEP_MEASURES=_SWEEP_MAPPINGS))|$($(v:_SWEEP_MEASURES=_SCORE_ARGS))"
        let listing = try make(["-s", "--eval", "sweep-plan: ; @$(foreach v,$(filter %_SWEEP_MEASURES,$(.VARIABLES)),echo '\(fields)';)",
                                "sweep-plan", "QUICK=1", "DATA=\(root!)/none"])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let rows = listing.text.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertTrue(Set(rows.map { $0[0] }).isSuperset(of: ["ped1-convstae", "ped2-convstae", "ped2-convlstm-ae", "avenue-convlstm-ae", "demo"]), listing.text)
        for row in rows {
            XCTAssertEqual(row.count, 4, listing.text)
            let measures = row[1].split(separator: " ").map(String.init), mappings = row[2].split(separator: " ").map(String.init)
            let paper = row[3].split(separator: " ").map(String.init)
            func option(_ name: String) -> String? { paper.firstIndex(of: name).map { paper[$0 + 1] } }
            let measure = try XCTUnwrap(option("--measure"), row[0]), mapping = try XCTUnwrap(option("--mapping"), row[0])
            XCTAssertTrue(mappings.contains(mapping), "\(row[0]): \(mapping) not in \(mappings)")
            XCTAssertTrue(measures.contains(measure), "\(row[0]): \(measure) not in \(measures)")
        }
    }

    /// Scoring chosen on painted pseudo-anomalies: the sweep table holds every combination, the choice
    /// is its best row, the test set is scored with it, and an experiment sharing another's training
    /// reuses that model instead of training its own.
    /// Runs on MNIST's test digits where ../shared/data has them, else on made-up ones.
    func testTunedScoringIsChosenOnPaintedNormalFrames() throws {
        // A copy, to be dated anew below.
        let shared = URL(fileURLWithPath: repository).appendingPathComponent("../shared/data/mnist/t10k-images-idx3-ubyte.gz").standardized.path
        let data = root + "/data", digits = data + "/mnist/t10k-images-idx3-ubyte.gz"
        if FileManager.default.fileExists(atPath: shared) {
            try FileManager.default.createDirectory(atPath: data + "/mnist", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: shared, toPath: digits)
        } else {
            try writeMadeUpDigits(to: digits)
        }
        let run = try make(["mmnist-motion-conv-ae", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.text.contains("mmnist-motion-conv-ae (tuned scoring): AUC "), run.text)
        let tuned = root + "/mmnist-motion-conv-ae/tuned/"
        let table = try String(contentsOfFile: tuned + "validation-sweep.tsv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        // 2 measures x 1 mapping x 2 poolings (whole, 64/8 = 8) x 2 smoothings x 3 normalisations.
        XCTAssertEqual(table.count, 1 + 24)
        XCTAssertTrue(table.dropFirst().contains { $0[0].contains("--patch 8") })
        let best = table.dropFirst().max { Double($0[2])! < Double($1[2])! }!
        let choice = try String(contentsOfFile: tuned + "choice.txt", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(choice.map(String.init), [String(best[0]), String(best[1])])
        XCTAssertNotNil(try json(tuned + "metrics.json"))
        let own = try Data(contentsOf: URL(fileURLWithPath: root + "/mmnist-appearance-conv-ae/work/model.ckpt"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/mmnist-motion-conv-ae/work/model.ckpt")), own)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/mmnist-motion-conv-ae/work/train-clips.vt"))
        // Its validation videos are drawn from the training digits, so it keeps their fingerprint too,
        // though it extracts no training frames of its own: a change to MNIST redoes them.
        XCTAssertEqual(try String(contentsOfFile: root + "/mmnist-motion-conv-ae/work/validation-data.stamp", encoding: .utf8),
                       try String(contentsOfFile: root + "/mmnist-appearance-conv-ae/work/train-data.stamp", encoding: .utf8))
        // And a second run has nothing to do (the validation stage once redated that stamp, so every
        // other run trained again).
        let goals = [root + "/mmnist-motion-conv-ae/metrics.json", root + "/mmnist-motion-conv-ae/tuned/metrics.json"]
        let settled = try make(goals + ["QUICK=1", "DATA=\(data)", "RESULTS=\(root!)", "--question"])
        XCTAssertEqual(settled.status, 0, "up to date after one run")
        // The digits copied anew in place, newly dated: every frames stage reads them again and, finding
        // its frames as they were, keeps them and all that follows; only the evaluations, whose labels
        // the test frames command writes again, are redone.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: digits)
        let redated = try make(goals + ["QUICK=1", "DATA=\(data)", "RESULTS=\(root!)"])
        XCTAssertEqual(redated.status, 0, redated.stderr)
        // Its own test and validation frames; for the model it shares, the training frames and the test
        // and validation frames of the experiment that trains it, whose training waits for them.
        XCTAssertEqual(redated.text.components(separatedBy: "synth-video moving-mnist").count - 1, 5,
                       "test and validation frames of both, training frames of the model's: \(redated.text)")
        for stage in ["/train ", "augment-strides", "reconstruct", "sweep-scoring.sh", "score-with-choice.sh score"] {
            XCTAssertFalse(redated.text.contains(stage), "\(stage) redone for the same frames: \(redated.text)")
        }
        XCTAssertTrue(redated.text.contains("/evaluate "), redated.text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/mmnist-motion-conv-ae/work/validation-frames.vt.new"))
        XCTAssertEqual(try make(goals + ["QUICK=1", "DATA=\(data)", "RESULTS=\(root!)", "--question"]).status, 0, "up to date again")
    }

    /// A Ped1 pipeline on the dataset as UCSD distributes it (UCSD_Anomaly_Dataset.v1p2/UCSDped1 with
    /// TIFF frames, Test001_gt mask folders and Test/UCSDped1.m), made up small: every stage runs and
    /// the evaluation covers exactly the test videos' frames.
    func testUCSDLayoutPipeline() throws {
        let data = try makeUCSDPed1()
        // A frame cut short, as UCSD ships UCSDped1/Test/Test017/142.tif: skipped with a warning naming
        // it, its number kept (the labels stay aligned), unscored; the test set is read before training.
        let damaged = data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped1/Test/Test002/005.tif"
        let whole = try Data(contentsOf: URL(fileURLWithPath: damaged))
        try whole.prefix(whole.count - 200).write(to: URL(fileURLWithPath: damaged))
        let first = try assertQuickRunScoresBothTestVideos("ped1-convlstm-ae", data: data, frames: 79, anomalous: 29)
        XCTAssertTrue(first.stderr.contains("Test002/005.tif: "), first.stderr)
        let scored = try String(contentsOfFile: root + "/results/ped1-convlstm-ae/scores.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(scored.filter { $0.hasPrefix("Test002,") }.map { Int($0.split(separator: ",")[1])! }, [0, 1, 2, 3] + Array(5..<40))
        let testFrames = first.text.range(of: "UCSDped1/Test -o "), training = first.text.range(of: "/train ")
        XCTAssertLessThan(testFrames?.lowerBound ?? first.text.endIndex, training?.lowerBound ?? first.text.startIndex, first.text)
        // The same folder spelled relative to the checkout, with a trailing slash, makes the same options,
        // so the run is up to date; run.json still records DATA as typed.
        let relative = String(repeating: "../", count: repository.split(separator: "/").count) + data.dropFirst() + "/"
        let results = root + "/results/ped1-convlstm-ae/"
        let again = try make([results + "metrics.json", results + "tuned/metrics.json", "QUICK=1", "DATA=\(relative)", "RESULTS=\(root!)/results", "--question"])
        XCTAssertEqual(again.status, 0, "every stage is up to date under DATA=\(relative)")
        XCTAssertEqual(try json(results + "run.json")["command"] as? String, "make ped1-convlstm-ae QUICK=1 DATA=\(data)")
        // A corrected label file redoes the evaluations, not the figures of the labels before.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)],
                                              ofItemAtPath: data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped1/Test/UCSDped1.m")
        for metrics in ["metrics.json", "tuned/metrics.json"] {
            let stale = try make([results + metrics, "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results", "--question"])
            XCTAssertEqual(stale.status, 1, "\(metrics) is out of date once its labels change")
        }
        // The label file lies among the test videos, but only the evaluations read it.
        func upToDate(_ stage: String) throws -> Bool {
            try make([results + "work/\(stage).vt", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results", "--question"]).status == 0
        }
        XCTAssertTrue(try upToDate("test-frames"), "a label file is not a frame")
        // A training frame dated anew, as copying a dataset afresh dates every file, makes the training
        // data read again, not the test data.
        let trainingFrame = data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped1/Train/Train002/007.tif"
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: trainingFrame)
        XCTAssertFalse(try upToDate("train-frames"), "a training frame has a new date")
        XCTAssertFalse(try upToDate("validation-frames"), "the validation frames are painted training frames")
        XCTAssertTrue(try upToDate("test-frames"), "no test frame changed")
        // Masks, hidden files and notes are never read as frames.
        for (file, text) in [("Test/Test001_gt/002.bmp.tif", "not a mask"), ("Test/.DS_Store", ""), ("Test/Test002/notes.txt", "n")] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped1/" + file))
            XCTAssertTrue(try upToDate("test-frames"), "\(file) is not a frame")
        }
        func modelDate() throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: results + "work/model.ckpt")[.modificationDate] as? Date
        }
        let trained = try modelDate()
        let redo = try make([results + "metrics.json", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"])
        XCTAssertEqual(redo.status, 0, redo.stderr)
        let extractions = redo.text.split(separator: "\n").filter { $0.contains("frames-extract") }
        XCTAssertEqual(extractions.count, 1, redo.text)
        XCTAssertTrue(extractions.first?.contains("UCSDped1/Train -o ") ?? false, "the training frames, not the test frames: \(extractions)")
        // Its frames come out as before, so the clips and the model trained on them stay, and the next
        // run has nothing to read.
        XCTAssertFalse(redo.text.contains("augment-strides") || redo.text.contains("/train "), "the same frames keep their model: \(redo.text)")
        XCTAssertEqual(try modelDate(), trained)
        XCTAssertTrue(try upToDate("train-frames"))
        XCTAssertTrue(try upToDate("validation-frames"))
        // A training frame whose pixels change retrains.
        try writeTIFF(walkwayFrame(30, width: 36, height: 24, racing: false), width: 36, height: 24, to: trainingFrame)
        let retrain = try make([results + "metrics.json", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"])
        XCTAssertEqual(retrain.status, 0, retrain.stderr)
        XCTAssertTrue(retrain.text.contains("/train "), "new frames train a new model: \(retrain.text)")
        XCTAssertNotEqual(try modelDate(), trained)
        XCTAssertTrue(try upToDate("train-frames"))
        // A new test video does redo the test frames.
        try writeTIFF(walkwayFrame(0, width: 36, height: 24, racing: false), width: 36, height: 24,
                      to: data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped1/Test/Test003/001.tif")
        XCTAssertFalse(try upToDate("test-frames"), "a test video was added")
        // One frame is too short for a clip: its figures say the labels' third video went unscored.
        try Data("TestVideoFile = {};\nTestVideoFile{end+1}.gt_frame = [21:40];\nTestVideoFile{end+1}.gt_frame = [1:10];\nTestVideoFile{end+1}.gt_frame = [1:1];\n".utf8)
            .write(to: URL(fileURLWithPath: data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped1/Test/UCSDped1.m"))
        let partial = try make(["ped1-convlstm-ae", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"])
        XCTAssertEqual(partial.status, 0, partial.stderr)
        XCTAssertTrue(partial.text.contains("ped1-convlstm-ae: AUC ") && partial.text.contains(" videos; unscored: 03)\n"), partial.text)
    }

    /// holdout-sweep.sh after a QUICK run: a second model trained on Train001 alone, objects painted
    /// into the unseen Train002 and cut as the experiment cuts its test clips, every score option tried
    /// on them, and the test set scored with the experiment's own model and the winner.
    func testHoldoutSweepChoosesOnUnseenVideos() throws {
        let data = try makeUCSDPed1(), ped1 = data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped1"
        try assertQuickRunScoresBothTestVideos("ped1-convlstm-ae", data: data)
        let results = root + "/results", size = "180x120"
        let record = try json(results + "/ped1-convlstm-ae/run.json")
        XCTAssertEqual(record["frames"] as? String, size)
        func holdoutSweep(held: String, kept: [String]) throws -> ProgramRun {
            try runCommand("/usr/bin/env", ["RESULTS=\(results)", "BIN=\(productsDirectory().path)", repository + "/pipelines/holdout-sweep.sh",
                                            "ped1-convlstm-ae", size, "--model convlstm-ae --width-mult 0.125 --max-steps 4",
                                            ped1 + "/Train/" + held, kept.map { ped1 + "/Train/" + $0 }.joined(separator: " "), "luo-l2 psnr", "second-half mean",
                                            ped1 + "/Test/UCSDped1.m", "--strides 1 --step 5"])
        }
        let run = try holdoutSweep(held: "Train002", kept: ["Train001"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let work = results + "/ped1-convlstm-ae/work/holdout/", out = results + "/ped1-convlstm-ae/holdout/"
        let steps = try String(contentsOfFile: work + "loss.jsonl", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(steps.count, 4, "the validation model trains on its own")
        // Windows of 10 frames 5 apart over the one 40-frame held-out video: 7 clips, as the test set's are cut.
        let clips = try runCommand(productsDirectory().path + "/tensor-info", ["--no-stats", work + "clips.vt"])
        XCTAssertEqual(clips.text.split(separator: "\n").filter { $0.hasPrefix("record ") }.count, 7, clips.text)
        // 2 measures x 2 mappings x 2 poolings (whole, 120/8 = 15) x 2 smoothings x 3 normalisations.
        let table = try String(contentsOfFile: out + "validation-sweep.tsv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        XCTAssertEqual(table.count, 1 + 48)
        let best = table.dropFirst().max { Double($0[2])! < Double($1[2])! }!
        let choice = try String(contentsOfFile: out + "choice.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(choice, [String(best[0]), String(best[1])])
        let metrics = try json(out + "metrics.json")
        XCTAssertEqual(metrics["frames"] as? Int, 80)
        XCTAssertEqual(metrics["anomalous_frames"] as? Int, 30)
        // Other kept videos (here both made-up ones, which are alike) train a model of their own rather
        // than resume the finished one of the first.
        let first = try Data(contentsOf: URL(fileURLWithPath: work + "model.ckpt"))
        let other = try holdoutSweep(held: "Train002", kept: ["Train001", "Train002"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: work + "model.ckpt")), first)
        XCTAssertEqual(try String(contentsOfFile: work + "loss.jsonl", encoding: .utf8).split(separator: "\n").count, 4)
    }

    /// The GPU route (README, Another libtorch (CUDA)) dry-run on the CPU: an experiment packed here, its programs
    /// unpacked and the shim rebuilt as on a machine without Swift, then run from the pack by
    /// device-experiment.sh, gives what `make` gives, byte for byte.
    func testDeviceScriptsReproduceThePipeline() throws {
        // The pack takes the programs as shipped: release builds with Swift's runtime linked in (`make build`).
        let release = repository + "/.build/release"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: release + "/bench-model-step"), "no release programs in \(release): run 'make build'")
        let data = try makeUCSDPed1(), pack = root + "/pack", experiment = "ped1-convlstm-ae"
        let scripts = repository + "/scripts/"
        let packed = try runCommand("/usr/bin/env", ["PACK_ROOT=\(pack)", "BIN=\(release)", "EXPERIMENT=\(experiment)",
                                                     "QUICK=1", "DATA=\(data)", "XZ_PRESET=0", "FRAMES_PART_KIB=1", scripts + "device-pack.sh"])
        XCTAssertEqual(packed.status, 0, packed.stderr)
        // Capped at 1 KiB, the frames are cut into parts, each shipped in a run of its own.
        let parts = Int(try String(contentsOfFile: pack + "/device/experiment/frames.parts", encoding: .utf8).split(separator: " ")[0]) ?? 0
        XCTAssertGreaterThan(parts, 2)
        XCTAssertTrue(packed.text.contains("device-pack: \(pack)/device-frames-\(parts) holds ")
                      && packed.text.contains("device-pack: \(parts) runs there while the machine is held"), packed.text)
        // Without an experiment it packs the programs alone, and says how much each run would ship.
        let programsOnly = try runCommand("/usr/bin/env", ["PACK_ROOT=\(root!)/programs-only", "BIN=\(release)", "XZ_PRESET=0", scripts + "device-pack.sh"])
        XCTAssertEqual(programsOnly.status, 0, programsOnly.stderr)
        XCTAssertTrue(programsOnly.text.contains("of the 64 MiB a run may ship"), programsOnly.text)
        let lib = try FileManager.default.contentsOfDirectory(atPath: pack + "/device/lib")
        XCTAssertTrue(lib.contains("libjpeg.so.62") && lib.contains("libtiff.so.6"), "\(lib)")
        XCTAssertFalse(lib.contains { $0.hasPrefix("libc.") || $0.hasPrefix("libvadtorch") || $0.hasPrefix("ld-linux") }, "\(lib)")

        let check = try runCommand("/usr/bin/env", ["PACK_ROOT=\(pack)", "DEVICE=cpu", "PYTHON=/usr/bin/python3", "SECTIONS=none",
                                                    scripts + "device-check.sh", root + "/check"])
        XCTAssertEqual(check.status, 0, check.text + check.stderr)
        // A part not yet shipped is named, and nothing runs.
        let last = "\(pack)/device-frames-\(parts)"
        try FileManager.default.moveItem(atPath: last, toPath: last + ".away")
        let early = try runCommand("/usr/bin/env", ["PACK_ROOT=\(pack)", "DEVICE=cpu", scripts + "device-experiment.sh", root + "/early"])
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("ship \(last) (part \(parts) of \(parts) of the frames)"), early.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/early/\(experiment)"))
        try FileManager.default.moveItem(atPath: last + ".away", toPath: last)
        let run = try runCommand("/usr/bin/env", ["PACK_ROOT=\(pack)", "DEVICE=cpu", scripts + "device-experiment.sh", root + "/report"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.text.hasPrefix("\(experiment): AUC "), run.text)
        let untar = try runCommand("/usr/bin/env", ["tar", "-C", root!, "-xzf", root + "/report/\(experiment).tar.gz"])
        XCTAssertEqual(untar.status, 0, untar.stderr)

        let pipeline = try runCommand("/usr/bin/env", ["make", "--no-print-directory", "-C", repository, "BIN=\(release)", experiment,
                                                       "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"])
        XCTAssertEqual(pipeline.status, 0, pipeline.stderr)
        for name in ["loss.jsonl", "scores.csv", "metrics.json", "roc.csv", "curves/01.svg"] {
            let device = try Data(contentsOf: URL(fileURLWithPath: root + "/\(experiment)/" + name))
            XCTAssertEqual(device, try Data(contentsOf: URL(fileURLWithPath: root + "/results/\(experiment)/" + name)), name)
        }
        let record = try json(root + "/\(experiment)/run.json")
        XCTAssertEqual(record["train_steps_logged"] as? Int, 10)
        XCTAssertEqual(record["frames"] as? String, "180x120")

        // A training that outlasts its budget is stopped; the last checkpoint is scored and the record says so.
        // The budget's clock is played by a stand-in for timeout(1) that stops the training as soon as its
        // first checkpoint is written, so that how fast this machine trains cannot decide the outcome.
        let fakeBin = root + "/fake-bin"
        try FileManager.default.createDirectory(atPath: fakeBin, withIntermediateDirectories: true)
        try Data("""
            #!/bin/bash
            # timeout -s SIGNAL SECONDS COMMAND...: runs COMMAND until the files after its -o and its --log
            # exist (train puts the log in place just after the checkpoint), then stops it.
            signal=$2; shift 3
            previous=; for word in "$@"; do [ "$previous" = -o ] && output=$word; [ "$previous" = --log ] && log=$word; previous=$word; done
            "$@" & pid=$!
            while { [ ! -e "$output" ] || [ ! -e "$log" ]; } && kill -0 $pid 2>/dev/null; do sleep 0.05; done
            kill -s "$signal" $pid 2>/dev/null && { wait $pid; exit 124; }
            wait $pid

            """.utf8).write(to: URL(fileURLWithPath: fakeBin + "/timeout"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeBin + "/timeout")
        let path = fakeBin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let capped = try runCommand("/usr/bin/env", ["PATH=\(path)", "PACK_ROOT=\(pack)", "DEVICE=cpu", "TRAIN_EXTRA=--max-steps 1000000",
                                                     "TRAIN_BUDGET_S=4", "CHECKPOINT_EVERY=2", scripts + "device-experiment.sh", root + "/capped"])
        XCTAssertEqual(capped.status, 0, capped.stderr)
        XCTAssertTrue(capped.stderr.contains("training stopped after 4 s"), capped.stderr)
        let cut = root + "/capped/cut"
        try FileManager.default.createDirectory(atPath: cut, withIntermediateDirectories: true)
        XCTAssertEqual(try runCommand("/usr/bin/env", ["tar", "-C", cut, "-xzf", root + "/capped/\(experiment).tar.gz"]).status, 0)
        let cappedRecord = try json(cut + "/\(experiment)/run.json")
        XCTAssertTrue((cappedRecord["train_stopped"] as? String ?? "").contains("scored from the checkpoint of step"), "\(cappedRecord)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cut + "/\(experiment)/metrics.json"))

        // Unpacked as the README says, `make results` lists the device run with its own command.
        try FileManager.default.moveItem(atPath: root + "/\(experiment)", toPath: root + "/results/\(experiment)/device")
        let listing = try make(["results", "RESULTS=\(root!)/results"])
        let line = listing.text.split(separator: "\n").first { $0.hasPrefix("\(experiment) (device run)") && $0.contains(" auc ") }
        XCTAssertTrue(line?.contains("EXPERIMENT=\(experiment) QUICK=1 DATA=\(data) scripts/device-pack.sh") ?? false, listing.text)
        // A device run trained otherwise lies in device-WHAT/ and is listed under that name.
        try FileManager.default.copyItem(atPath: root + "/results/\(experiment)/device", toPath: root + "/results/\(experiment)/device-adam")
        let both = try make(["results", "RESULTS=\(root!)/results"]).text
        XCTAssertTrue(both.contains("\n\(experiment) (device run, adam) ") && both.contains("\n\(experiment) (device run) "), both)
    }

    /// Ped1 as UCSD distributes it, made up small (see testUCSDLayoutPipeline); returns the DATA folder.
    func makeUCSDPed1() throws -> String {
        // The pipeline prefers the checkout's data/labels over a dataset's own Test/UCSDped1.m.
        try XCTSkipIf(FileManager.default.fileExists(atPath: repository + "/data/labels/UCSDped1.m"),
                      "this checkout holds data/labels/UCSDped1.m, which would replace the made-up dataset's labels")
        let data = root + "/data", ped1 = root + "/data/UCSD_Anomaly_Dataset.v1p2/UCSDped1"
        for (folder, anomalous) in [("Train/Train001", 0..<0), ("Train/Train002", 0..<0), ("Test/Test001", 20..<40), ("Test/Test002", 0..<10)] {
            for t in 0..<40 {
                try writeTIFF(walkwayFrame(t, width: 36, height: 24, racing: anomalous.contains(t)), width: 36, height: 24,
                              to: "\(ped1)/\(folder)/\(String(format: "%03d", t + 1)).tif")
            }
        }
        try writeTIFF([UInt8](repeating: 255, count: 24 * 36), width: 36, height: 24, to: ped1 + "/Test/Test001_gt/001.bmp.tif")
        try Data("TestVideoFile = {};\nTestVideoFile{end+1}.gt_frame = [21:40];\nTestVideoFile{end+1}.gt_frame = [1:10];\n".utf8)
            .write(to: URL(fileURLWithPath: ped1 + "/Test/UCSDped1.m"))
        return data
    }

    /// The Avenue pipeline on the dataset's layout (training_videos/ and testing_videos/ of MPEG-4
    /// .avi files, decoded through ffmpeg) with Liu et al.'s one-line-per-video labels, made up small:
    /// every stage runs, label key 0 meets video 01, and the evaluation covers exactly the test frames.
    func testAvenueLayoutPipeline() throws {
        let data = root + "/data"
        for (video, anomalous) in [("training_videos/01", 0..<0), ("training_videos/02", 0..<0), ("testing_videos/01", 20..<40), ("testing_videos/02", 0..<10)] {
            let frames = (0..<40).flatMap { walkwayFrame($0, width: 64, height: 36, racing: anomalous.contains($0)) }
            try FileManager.default.createDirectory(atPath: data + "/avenue/" + (video as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let encode = try runCommand("/usr/bin/env", ["ffmpeg", "-v", "error", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "64x36", "-r", "25",
                                                         "-i", "-", "-c:v", "mpeg4", "-q:v", "2", data + "/avenue/" + video + ".avi"], stdin: Data(frames))
            try XCTSkipIf(encode.status != 0, "ffmpeg cannot make an MPEG-4 .avi here: \(encode.stderr)")
        }
        try FileManager.default.createDirectory(atPath: data + "/labels", withIntermediateDirectories: true)
        let labels = "0\t" + String(repeating: "0", count: 20) + String(repeating: "1", count: 20) + "\n"
            + "1\t" + String(repeating: "1", count: 10) + String(repeating: "0", count: 30) + "\n"
        try Data(labels.utf8).write(to: URL(fileURLWithPath: data + "/labels/avenue-frame-labels.txt"))

        try assertQuickRunScoresBothTestVideos("avenue-convlstm-ae", data: data)
        let record = try json(root + "/results/avenue-convlstm-ae/run.json")
        XCTAssertEqual(record["frames"] as? String, "192x108")
        // The dataset's own masks, where fetch-avenue puts them, are taken before Liu et al.'s labels;
        // the same frames marked give the same figures, and only the evaluation is redone.
        let scipy = try runCommand("/usr/bin/python3", ["-c", "import scipy.io"])
        if scipy.status == 0 {
            let before = try json(root + "/results/avenue-convlstm-ae/metrics.json")
            let masks = data + "/avenue/testing_label_mask"
            let write = try runCommand("/usr/bin/python3", ["-c", """
                import numpy as np, scipy.io as sio, os
                os.makedirs('\(masks)')
                for video, marked in ((1, range(20, 40)), (2, range(0, 10))):
                    cells = np.empty((1, 40), dtype=object)
                    for frame in range(40):
                        cells[0, frame] = np.zeros((36, 64), dtype=bool)
                        if frame in marked: cells[0, frame][5:9, 30:34] = True
                    sio.savemat(os.path.join('\(masks)', '%d_label.mat' % video), {'volLabel': cells}, do_compression=True)
                """])
            XCTAssertEqual(write.status, 0, write.stderr)
            let rerun = try assertQuickRunScoresBothTestVideos("avenue-convlstm-ae", data: data)
            XCTAssertTrue(rerun.text.contains("/evaluate --scores ") && rerun.text.contains("avenue/testing_label_mask"), rerun.text)
            XCTAssertFalse(rerun.text.contains("/train "), rerun.text)
            XCTAssertEqual(try json(root + "/results/avenue-convlstm-ae/metrics.json")["auc"] as? Double, before["auc"] as? Double)
            // A mask corrected in place changes its own date, not its folder's: both evaluations are redone.
            let folderDate = try FileManager.default.attributesOfItem(atPath: masks)[.modificationDate] as? Date
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: masks + "/2_label.mat")
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: masks)[.modificationDate] as? Date, folderDate)
            for name in ["metrics.json", "tuned/metrics.json"] {
                let stale = try make([root + "/results/avenue-convlstm-ae/" + name, "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results", "--question"])
                XCTAssertEqual(stale.status, 1, name)
            }
        }
        // The same command with the dataset gone fails, naming it, rather than print the figures
        // stages made earlier as if they were this run's.
        let gone = try make(["avenue-convlstm-ae", "QUICK=1", "DATA=\(root!)/gone", "RESULTS=\(root!)/results"])
        XCTAssertNotEqual(gone.status, 0)
        XCTAssertTrue(gone.stderr.contains("\(root!)/gone/avenue/training_videos is missing: 'make fetch-avenue'"), gone.stderr)
        XCTAssertFalse(gone.text.contains("AUC"), gone.text)
    }

    /// Twenty 28x28 "digits" (an idx file, gzipped, as MNIST ships): a bright bar each, at its own
    /// place and slant, for the Moving MNIST pipelines where the real digits are absent.
    func writeMadeUpDigits(to path: String) throws {
        var bytes: [UInt8] = [0, 0, 0x08, 3, 0, 0, 0, 20, 0, 0, 0, 28, 0, 0, 0, 28]
        for k in 0..<20 {
            for y in 0..<28 {
                for x in 0..<28 { bytes.append(abs(x - 6 - k / 2 - (y * (k % 5)) / 7) <= 2 && (4..<24).contains(y) ? 255 : 0) }
            }
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let plain = String(path.dropLast(3))
        try Data(bytes).write(to: URL(fileURLWithPath: plain))
        XCTAssertEqual(try runCommand("/usr/bin/env", ["gzip", plain]).status, 0)
    }

    /// The JSON object in the file at PATH.
    func json(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any], file: file, line: line)
    }

    /// CSV rows video,frame,score for the rows of ROWS (a scores.csv), each scored by the frame's sum
    /// of squared differences from the mean training frame: what a model that learned only the
    /// background would score.
    func meanFrameScores(train: String, test: String, rows: String) throws -> String {
        /// Every frame of a stream of whole-video frame records, by video and frame index.
        func frames(_ path: String) throws -> [String: [Int: ArraySlice<UInt8>]] {
            var videos: [String: [Int: ArraySlice<UInt8>]] = [:]
            let reader = try RecordReader(path: path)
            while let record = try reader.read() {
                let pixels = try XCTUnwrap(record["frames"]), indices = try XCTUnwrap(record.metadata["frames"].flatMap(Record.decodeIntegers))
                let size = pixels.shape.dropFirst().reduce(1, *)
                for (position, frame) in indices.enumerated() {
                    videos[record.metadata["video"]!, default: [:]][frame] = pixels.bytes[position * size ..< (position + 1) * size]
                }
            }
            return videos
        }
        let training = try frames(train).values.flatMap(\.values)
        var mean = [Double](repeating: 0, count: try XCTUnwrap(training.first).count)
        for frame in training { for (i, pixel) in frame.enumerated() { mean[i] += Double(pixel) / 255 / Double(training.count) } }
        let testing = try frames(test)
        var csv = "video,frame,score\n"
        for row in try String(contentsOfFile: rows, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ","), video = String(fields[0]), frame = try XCTUnwrap(Int(fields[1]))
            let pixels = try XCTUnwrap(testing[video]?[frame])
            let score = zip(pixels, mean).reduce(0.0) { sum, pair in sum + (Double(pair.0) / 255 - pair.1) * (Double(pair.0) / 255 - pair.1) }
            csv += "\(video),\(frame),\(score)\n"
        }
        return csv
    }

    /// Runs EXPERIMENT QUICK on a made-up dataset of two 40-frame test videos, 20 + 10 frames anomalous
    /// (the layout tests above), and checks that both scorings cover exactly those frames.
    @discardableResult
    func assertQuickRunScoresBothTestVideos(_ experiment: String, data: String, frames: Int = 80, anomalous: Int = 30,
                                            file: StaticString = #filePath, line: UInt = #line) throws -> ProgramRun {
        let run = try make([experiment, "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"])
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        for name in ["metrics.json", "tuned/metrics.json"] {
            let path = root + "/results/\(experiment)/" + name
            let metrics = try json(path, file: file, line: line)
            XCTAssertEqual(metrics["videos"] as? Int, 2, name, file: file, line: line)
            XCTAssertEqual(metrics["frames"] as? Int, frames, name, file: file, line: line)
            XCTAssertEqual(metrics["anomalous_frames"] as? Int, anomalous, name, file: file, line: line)
        }
        return run
    }

    /// THREADS=N caps every stage that would take all cores (frames-extract, train, reconstruct), and
    /// is not an option of a result: the stages record the same options with it as without.
    func testThreadsCapTheLongStagesAndChangeNoResult() throws {
        let data = root + "/data"
        for folder in ["ped2/training/frames/01", "ped2/testing/frames/01", "labels"] {
            try FileManager.default.createDirectory(atPath: data + "/" + folder, withIntermediateDirectories: true)
        }
        try Data("0\t0011\n".utf8).write(to: URL(fileURLWithPath: data + "/labels/ped2-frame-labels.txt"))
        let common = ["QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"]
        let plan = try make(["-n", "ped2-convstae", "THREADS=1"] + common)
        XCTAssertEqual(plan.status, 0, plan.stderr)
        let lines = plan.text.split(separator: "\n")
        for program in ["/frames-extract ", "/train ", "/reconstruct "] {
            let runs = lines.filter { $0.contains(program) }
            XCTAssertFalse(runs.isEmpty, "\(program) in \(plan.text)")
            XCTAssertTrue(runs.allSatisfy { $0.contains(" --threads 1 ") }, "\(runs)")
        }
        func options(_ extra: [String]) throws -> String {
            let stages = "train-frames test-frames validation train score"
            let listing = try make(["-s", "--eval", "options: ; @$(foreach s,\(stages),echo '$(ped2-convstae_OPTIONS_$(s))';)", "options"] + extra + common)
            XCTAssertEqual(listing.status, 0, listing.stderr)
            return listing.text
        }
        XCTAssertEqual(try options(["THREADS=1"]), try options([]))
        XCTAssertTrue(try options([]).contains("frames-extract --quiet --gray"))
    }

    /// A dataset that is not where the pipeline looks stops it before its first stage (not at evaluate,
    /// hours of training later), naming the missing path and the fetch target that gets it.
    func testMissingDatasetStopsBeforeAnyStage() throws {
        // An earlier run's options: a run with the wrong DATA= must leave them, or the next right one would redo every stage.
        let options = root + "/results/ped2-convlstm-ae/work/train-frames.opts"
        try FileManager.default.createDirectory(atPath: root + "/results/ped2-convlstm-ae/work", withIntermediateDirectories: true)
        try Data("frames-extract --gray elsewhere\n".utf8).write(to: URL(fileURLWithPath: options))
        let empty = try make(["ped2-convlstm-ae", "QUICK=1", "DATA=\(root!)/data", "RESULTS=\(root!)/results"])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.hasPrefix("ped2-convlstm-ae: \(root!)/data/UCSD_Anomaly_Dataset.v1p2/UCSDped2/Train is missing: 'make fetch-ped2'"), empty.stderr)
        XCTAssertEqual(try String(contentsOfFile: options, encoding: .utf8), "frames-extract --gray elsewhere\n")

        // The pipeline also looks for labels in the checkout's own data/labels, where fetch-avenue says to put them.
        try XCTSkipIf(FileManager.default.fileExists(atPath: repository + "/data/labels/avenue-frame-labels.txt"),
                      "this checkout holds data/labels/avenue-frame-labels.txt, so no Avenue labels can be missing")
        for folder in ["training_videos", "testing_videos"] {
            try FileManager.default.createDirectory(atPath: root + "/data/avenue/" + folder, withIntermediateDirectories: true)
        }
        let unlabelled = try make(["avenue-convlstm-ae", "QUICK=1", "DATA=\(root!)/data", "RESULTS=\(root!)/results"])
        XCTAssertNotEqual(unlabelled.status, 0)
        XCTAssertTrue(unlabelled.stderr.hasPrefix("avenue-convlstm-ae: \(root!)/data/avenue/testing_label_mask is missing: 'make fetch-avenue'"), unlabelled.stderr)
        // A masks folder without masks is no labels; beside Liu et al.'s frames their label file is the one named.
        try FileManager.default.createDirectory(atPath: root + "/liu/avenue/testing_label_mask", withIntermediateDirectories: true)
        for folder in ["training/frames/01", "testing/frames/01"] {
            try FileManager.default.createDirectory(atPath: root + "/liu/avenue/" + folder, withIntermediateDirectories: true)
        }
        let frames = try make(["avenue-convlstm-ae", "QUICK=1", "DATA=\(root!)/liu", "RESULTS=\(root!)/results"])
        XCTAssertNotEqual(frames.status, 0)
        XCTAssertTrue(frames.stderr.hasPrefix("avenue-convlstm-ae: \(root!)/liu/labels/avenue-frame-labels.txt is missing: 'make fetch-avenue'"), frames.stderr)
    }

    /// The frames/NN layouts Liu et al. and MNAD distribute, DATA/ped2 and DATA/avenue/{training,testing}/frames,
    /// are found as the names the pipelines prefer are, with Ped2's one-line-per-video labels.
    func testFrameFolderLayoutsOfLiuEtAlAreFound() throws {
        try XCTSkipIf(FileManager.default.fileExists(atPath: repository + "/data/labels"),
                      "this checkout holds data/labels, whose label files the pipelines would take first")
        let data = root + "/data"
        func plan(_ experiment: String, reads expected: [String], labels: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let plan = try make(["-n", experiment, "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"])
            XCTAssertEqual(plan.status, 0, plan.stderr, file: file, line: line)
            for text in expected { XCTAssertTrue(plan.text.contains(text), "\(experiment): \(text) in \(plan.text)", file: file, line: line) }
            // The labels evaluate reads; make names DATA relative to the checkout, which may share folders with it.
            let given = plan.text.split(separator: "\n").filter { $0.contains("/evaluate --scores ") }.compactMap { command -> String? in
                let words = command.split(separator: " ")
                return words.firstIndex(of: "--labels").map { String(words[$0 + 1]) }
            }
            XCTAssertFalse(given.isEmpty, plan.text, file: file, line: line)
            XCTAssertTrue(given.allSatisfy { $0.hasSuffix("/data/labels/" + labels) }, "\(experiment): \(given)", file: file, line: line)
        }
        func makeFolders(_ folders: [String]) throws {
            for folder in folders { try FileManager.default.createDirectory(atPath: data + "/" + folder, withIntermediateDirectories: true) }
        }
        try makeFolders(["ped2/training/frames/01", "avenue/training/frames/01", "avenue/testing/frames/01", "labels"])
        for labels in ["ped2-frame-labels.txt", "avenue-frame-labels.txt"] {
            try Data("0\t0011\n".utf8).write(to: URL(fileURLWithPath: data + "/labels/" + labels))
        }
        // Half a layout: the missing split is named in its spelling.
        let half = try make(["ped2-convstae", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results"])
        XCTAssertNotEqual(half.status, 0)
        XCTAssertTrue(half.stderr.hasPrefix("ped2-convstae: \(data)/ped2/testing/frames is missing: "), half.stderr)
        // Half a layout of a generic name does not hide the archive beside it.
        try makeFolders(["UCSD_Anomaly_Dataset.v1p2/UCSDped2/Train/Train001", "UCSD_Anomaly_Dataset.v1p2/UCSDped2/Test/Test001"])
        try plan("ped2-convstae", reads: ["/UCSDped2/Train -o ", "/UCSDped2/Test -o "], labels: "ped2-frame-labels.txt")
        try makeFolders(["ped2/testing/frames/01"])
        for (experiment, dataset) in [("ped2-convstae", "ped2"), ("avenue-convlstm-ae", "avenue")] {
            try plan(experiment, reads: ["/data/\(dataset)/training/frames -o ", "/data/\(dataset)/testing/frames -o "], labels: "\(dataset)-frame-labels.txt")
        }
    }

    /// compare-auc.py's paired bootstrap over the frames evaluate pooled: a detector that ranks every
    /// anomalous frame first beats one that guesses on every resample; resampling is by video (a lead
    /// held on one video of 20 vanishes whenever that video is not drawn); bad input is refused.
    func testCompareAUCBootstrapsOverVideos() throws {
        let python = "/usr/bin/python3"
        try XCTSkipIf(try runCommand(python, ["-c", "import sklearn"]).status != 0, "no scikit-learn for /usr/bin/python3 (make setup installs python3-sklearn)")
        // 20 videos of 10 frames, frames 5-7 anomalous; scored from frame 2 on, rows newest first.
        var labelLines = "", perfect = "", guess = "", oneVideo = ""
        for video in 1...20 {
            let labels = (0..<10).map { $0 >= 5 && $0 < 8 ? 1 : 0 }
            labelLines += "\(video - 1)\t" + labels.map(String.init).joined() + "\n"
            for frame in (2..<10).reversed() {
                let key = String(format: "%02d,%d,", video, frame)
                let noise = Double((video * 31 + frame * 17) % 23) / 23
                perfect += key + "\(Double(labels[frame]) + noise / 2)\n"
                guess += key + "\(noise)\n"
                // Perfect on video 01 only, the guess everywhere else.
                oneVideo += key + "\(video == 1 ? Double(labels[frame]) + noise / 2 : noise)\n"
            }
        }
        let header = "video,frame,score\n"
        for (name, text) in [("labels.txt", labelLines), ("perfect.csv", header + perfect), ("guess.csv", header + guess),
                             ("one-video.csv", header + oneVideo), ("short.csv", header + "01,2,1\n01,6,2\n"),
                             ("normal-frames.csv", "video,frame,score,anomalous\n01,0,0.0,0\n01,1,1.0,0\n")] {
            try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8)
        }
        for name in ["perfect", "guess", "one-video", "short"] {
            let pooled = try runProgram("evaluate", ["--scores", root + "/\(name).csv", "--labels", root + "/labels.txt",
                                                     "--normalize", "per-video", "--frames", root + "/\(name)-frames.csv"])
            XCTAssertEqual(pooled.status, 0, pooled.stderr)
        }
        func compare(_ a: String, _ b: String) throws -> (ProgramRun, [String: Any]) {
            let run = try runCommand(python, [repository + "/pipelines/compare-auc.py", root + "/\(a)-frames.csv", root + "/\(b)-frames.csv", "--resamples", "400"])
            return (run, (try? JSONSerialization.jsonObject(with: run.stdout)) as? [String: Any] ?? [:])
        }
        let (better, result) = try compare("perfect", "guess")
        XCTAssertEqual(better.status, 0, better.stderr)
        XCTAssertEqual(result["auc_a"] as? Double, 1.0)
        XCTAssertEqual(result["share_not_above"] as? Double, 0.0)
        XCTAssertGreaterThan((result["difference_95"] as? [Double])?.first ?? 0, 0.2)
        // Video 01 is missing from a draw of 20 with chance (19/20)^20 = 0.36; then the two tie.
        let (byVideo, lead) = try compare("one-video", "guess")
        XCTAssertEqual(byVideo.status, 0, byVideo.stderr)
        XCTAssertGreaterThan(lead["difference"] as? Double ?? 0, 0)
        XCTAssertEqual(lead["share_not_above"] as? Double ?? 0, 0.36, accuracy: 0.08)
        let (same, tie) = try compare("guess", "guess")
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(tie["difference_95"] as? [Double], [0, 0])
        for (a, b, message) in [("short", "guess", "do not pool the same frames"), ("normal", "normal", "all of one class")] {
            let (refused, _) = try compare(a, b)
            XCTAssertEqual(refused.status, 1, refused.stderr)
            XCTAssertTrue(refused.stderr.hasPrefix("compare-auc: ") && refused.stderr.contains(message), refused.stderr)
        }
    }

    /// fetch recipes against a local file:// copy: checksum verified, mismatch refused, nothing half-written.
    func testFetchFromALocalCopy() throws {
        let mnist = repository + "/../shared/data/mnist"
        guard FileManager.default.fileExists(atPath: mnist) else { throw XCTSkip("../shared/data/mnist is absent") }
        func md5(_ path: String) throws -> String {
            String(try runCommand("/usr/bin/env", ["md5sum", path]).text.prefix(32))
        }
        let images = mnist + "/t10k-images-idx3-ubyte.gz", labels = mnist + "/t10k-labels-idx1-ubyte.gz"
        // The default pins, the MD5s of MNIST's idx files, hold for any faithful copy: ../shared's
        // was compressed anew (its .gz MD5s are not torchvision's).
        let good = try make(["fetch-mnist", "DATA=\(root!)", "MNIST_URL=file://\(images)", "MNIST_LABELS_URL=file://\(labels)"])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/mnist/t10k-images-idx3-ubyte.gz")),
                       try Data(contentsOf: URL(fileURLWithPath: images)))
        // A .gz whose content differs, or that does not decompress, is refused under them.
        let altered = root + "/altered.gz", cut = root + "/cut.gz"
        XCTAssertEqual(try runCommand("/bin/sh", ["-c", "gzip -dc '\(labels)' | head -c 9000 | gzip > '\(altered)'"]).status, 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: labels))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
        for (copy, complaint) in [(altered, "expected gunzip-md5:27ae3e4e09519cfbb04c329615203637, got gunzip-md5:"), (cut, "what file://\(cut) gave does not decompress cleanly")] {
            let refused = try make(["fetch-mnist", "DATA=\(root!)/refused", "MNIST_URL=file://\(images)", "MNIST_LABELS_URL=file://\(copy)"])
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.stderr.contains(complaint), refused.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/refused/mnist/t10k-labels-idx1-ubyte.gz"))
        }

        // A file already there is held to a pinned checksum too.
        let pinned = try make(["fetch-mnist", "DATA=\(root!)", "MNIST_CHECKSUM=md5:00000000000000000000000000000000"])
        XCTAssertNotEqual(pinned.status, 0)
        XCTAssertTrue(pinned.stderr.contains("is there but its checksum is md5:\(try md5(images))") && pinned.stderr.contains("set MNIST_CHECKSUM="), pinned.stderr)

        let other = root + "/other"
        let wrong = try make(["fetch-mnist", "DATA=\(other)", "MNIST_URL=file://\(images)", "MNIST_CHECKSUM=md5:00000000000000000000000000000000"])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("checksum mismatch") && wrong.stderr.contains("MNIST_CHECKSUM="), wrong.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: other + "/mnist"), [], "no partial download left")

        let offline = try make(["fetch-mnist", "DATA=\(other)", "MNIST_URL=file://\(root!)/nowhere.gz"])
        XCTAssertNotEqual(offline.status, 0)
        XCTAssertTrue(offline.stderr.contains("download it by hand"), offline.stderr)
        // The labels' message names the target a user runs, fetch-mnist.
        let labelsOffline = try make(["fetch-mnist", "DATA=\(other)", "MNIST_URL=file://\(images)", "MNIST_CHECKSUM=md5:\(try md5(images))",
                                      "MNIST_LABELS_URL=file://\(root!)/nowhere.gz"])
        XCTAssertNotEqual(labelsOffline.status, 0)
        XCTAssertTrue(labelsOffline.stderr.contains("then run make fetch-mnist again"), labelsOffline.stderr)
    }

    /// fetch-avenue from a local copy of the archive's layout: the videos and the dataset's own masks
    /// land where the pipeline reads them.
    func testFetchAvenueFromALocalCopy() throws {
        let archive = root + "/Avenue_Dataset.zip"
        let made = try runCommand("/usr/bin/python3", ["-c", """
            import zipfile
            with zipfile.ZipFile('\(archive)', 'w') as z:
                for name in ('training_videos/01.avi', 'testing_videos/01.avi', 'ground_truth_demo/testing_label_mask/1_label.mat',
                             'ground_truth_demo/ground_truth_show.m'):
                    z.writestr('Avenue Dataset/' + name, name)
            """])
        XCTAssertEqual(made.status, 0, made.stderr)
        let fetched = try make(["fetch-avenue", "DATA=\(root!)/data", "AVENUE_URL=file://\(archive)"])
        XCTAssertEqual(fetched.status, 0, fetched.stderr)
        for name in ["training_videos/01.avi", "testing_videos/01.avi", "testing_label_mask/1_label.mat"] {
            XCTAssertEqual(try String(contentsOfFile: root + "/data/avenue/" + name, encoding: .utf8).hasSuffix(name), true, name)
        }
        let plan = try make(["-n", "avenue-convlstm-ae", "QUICK=1", "DATA=\(root!)/data", "RESULTS=\(root!)/results"])
        XCTAssertTrue(plan.text.contains("/data/avenue/testing_label_mask "), plan.text)
    }

    /// An archive that does not read through (UCSD publishes no checksum, so only reading finds out)
    /// leaves nothing unpacked to pass for the dataset, and says to remove it; a good one then unpacks.
    func testADamagedArchiveLeavesNothingUnpacked() throws {
        let source = root + "/source/UCSD_Anomaly_Dataset.v1p2"
        for split in ["UCSDped1/Train/Train001", "UCSDped1/Test/Test001", "UCSDped2/Train/Train001"] {
            try FileManager.default.createDirectory(atPath: source + "/" + split, withIntermediateDirectories: true)
            try Data(repeating: 7, count: 100_000).write(to: URL(fileURLWithPath: source + "/" + split + "/001.tif"))
        }
        let archive = root + "/UCSD_Anomaly_Dataset.tar.gz", damaged = root + "/damaged.tar.gz"
        XCTAssertEqual(try runCommand("/bin/tar", ["-czf", archive, "-C", root + "/source", "UCSD_Anomaly_Dataset.v1p2"]).status, 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: archive))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: damaged))
        let data = root + "/data"
        let bad = try make(["fetch-ped2", "DATA=\(data)", "UCSD_URL=file://\(damaged)"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("fetch-ucsd: \(data)/downloads/UCSD_Anomaly_Dataset.tar.gz is damaged (")
                      && bad.stderr.contains("remove it and run make fetch-ucsd again"), bad.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data), ["downloads"])
        try FileManager.default.removeItem(atPath: data + "/downloads/UCSD_Anomaly_Dataset.tar.gz")
        let good = try make(["fetch-ped2", "DATA=\(data)", "UCSD_URL=file://\(archive)"])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: data + "/UCSD_Anomaly_Dataset.v1p2/UCSDped2/Train/Train001/001.tif"))
    }

    /// Stopping make (SIGTERM, as kill or a cron timeout sends it) stops its training too, so the next
    /// make resumes the checkpoint instead of starting a second trainer beside the first.
    func testStoppingMakeStopsTheTraining() throws {
        let data = try makeUCSDPed1()
        let part = root + "/results/ped1-convlstm-ae/work/model.ckpt.part"
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        run.arguments = ["make", "--no-print-directory", "-C", repository, "BIN=\(productsDirectory().path)", "ped1-convlstm-ae", "QUICK=1",
                         "DATA=\(data)", "RESULTS=\(root!)/results", "ped1-convlstm-ae_TRAIN_ARGS=--width-mult 0.125 --max-steps 100000 --checkpoint-every 2"]
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: part), run.isRunning, Date() < deadline { usleep(100_000) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: part), "training reached its first checkpoint")
        // A second make meanwhile (an overlapping cron job) is refused by the training's lock, and leaves
        // the first one's process id file alone, so the first can still be stopped below.
        // Before it changes anything: with other options it would otherwise rewrite train.opts and drop the
        // part, and the first training's model would pass for the new options'.
        let options = root + "/results/ped1-convlstm-ae/work/train.opts"
        let optionsBefore = try Data(contentsOf: URL(fileURLWithPath: options))
        let overlapping = try make(["ped1-convlstm-ae", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results",
                                    "ped1-convlstm-ae_TRAIN_ARGS=--width-mult 0.125 --max-steps 99999 --checkpoint-every 2"])
        XCTAssertEqual(overlapping.status, 2)
        XCTAssertTrue(overlapping.stderr.contains("*** ped1-convlstm-ae is training (process ") && overlapping.stderr.contains("); wait for it to finish or stop it"),
                      overlapping.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: options)), optionsBefore)
        XCTAssertTrue(FileManager.default.fileExists(atPath: part))
        // A look (make -n) is answered, and changes nothing either.
        let look = try make(["ped1-convlstm-ae", "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results", "-n",
                             "ped1-convlstm-ae_TRAIN_ARGS=--width-mult 0.125 --max-steps 99999 --checkpoint-every 2"])
        XCTAssertEqual(look.status, 0, look.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: options)), optionsBefore)
        // make results names the training, and how far it has come.
        let listing = try make(["results", "RESULTS=\(root!)/results"])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        XCTAssertTrue(listing.text.hasPrefix("ped1-convlstm-ae: training now, step ") && listing.text.contains(" of 100000 ("), listing.text)
        run.terminate()
        let stopping = Date().addingTimeInterval(30)
        while run.isRunning, Date() < stopping { usleep(100_000) }
        usleep(1_000_000)
        let trainers = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { $0.allSatisfy(\.isNumber) }.filter { pid in
            let command = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return command.contains(part) && !command.hasPrefix("/bin/bash") && !command.contains("/usr/bin/time")
        }
        XCTAssertEqual(trainers, [], "no train left running on \(part)")
        XCTAssertFalse(run.isRunning, "make stopped")
        let work = try FileManager.default.contentsOfDirectory(atPath: root + "/results/ped1-convlstm-ae/work")
        XCTAssertEqual(work.filter { $0.hasPrefix("train.pid") || $0.hasSuffix(".lock") }, [], "no process id or lock file left")
        XCTAssertFalse(try make(["results", "RESULTS=\(root!)/results"]).text.contains("training now"))
        // Whatever was left is stopped here, so that a failure cannot leave the suite waiting on it.
        for pid in trainers { kill(pid_t(pid)!, SIGKILL) }
        run.waitUntilExit()

        // The dataset copied anew in place, every file newly dated: its frames are read again, come out
        // the same, and the clips stay older than the part-way model, which the next make resumes.
        let checkpoint = try Data(contentsOf: URL(fileURLWithPath: part))
        let redated = Date().addingTimeInterval(5)
        for case let file as String in FileManager.default.enumerator(atPath: data)! {
            try FileManager.default.setAttributes([.modificationDate: redated], ofItemAtPath: data + "/" + file)
        }
        let clips = root + "/results/ped1-convlstm-ae/work/train-clips.vt"
        let frames = try make([clips, "QUICK=1", "DATA=\(data)", "RESULTS=\(root!)/results",
                               "ped1-convlstm-ae_TRAIN_ARGS=--width-mult 0.125 --max-steps 100000 --checkpoint-every 2"])
        XCTAssertEqual(frames.status, 0, frames.stderr)
        XCTAssertTrue(frames.text.contains("frames-extract") && !frames.text.contains("augment-strides"), frames.text)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: part)), checkpoint)
        func date(_ path: String) throws -> Date { try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date }
        XCTAssertGreaterThan(try date(part), try date(clips), "the training recipe keeps a part newer than its clips")
    }

    /// `make results` lists what it can read: a damaged metrics.json is named in one line and left
    /// out, the rest listed, and the command fails.
    func testResultsListsAroundADamagedFile() throws {
        for (name, text) in [("whole", "{\"auc\": 0.75, \"eer\": 0.25}"), ("cut", "{\"auc\": 0.5"), ("bare", "{\"auc\": 0.5}")] {
            try FileManager.default.createDirectory(atPath: root + "/results/" + name, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/results/\(name)/metrics.json"))
        }
        try Data("{\"command\": \"make whole\", \"commit\": \"abc1234\"}".utf8).write(to: URL(fileURLWithPath: root + "/results/whole/run.json"))
        try Data("The run of abc1234, rescored.\n".utf8).write(to: URL(fileURLWithPath: root + "/results/whole/README.md"))
        let listing = try make(["results", "RESULTS=\(root!)/results"])
        XCTAssertNotEqual(listing.status, 0)
        XCTAssertTrue(listing.text.contains("whole       auc     0.750"), listing.text)
        XCTAssertTrue(listing.text.contains("make whole (see README.md)"), "a README about this run is pointed to: \(listing.text)")
        // A later run (another commit) leaves the README behind; it no longer speaks for the figures.
        try Data("{\"command\": \"make whole\", \"commit\": \"def5678\"}".utf8).write(to: URL(fileURLWithPath: root + "/results/whole/run.json"))
        XCTAssertFalse(try make(["results", "RESULTS=\(root!)/results"]).text.contains("(see README.md)"))
        XCTAssertFalse(listing.text.contains("cut") || listing.text.contains("bare"), listing.text)
        let complaints = listing.stderr.split(separator: "\n").filter { $0.hasPrefix("results: ") }
        XCTAssertEqual(complaints.count, 2, listing.stderr)
        XCTAssertTrue(complaints.contains { $0.hasPrefix("results: \(root!)/results/cut/metrics.json: ") && $0.hasSuffix("; left out") }, listing.stderr)
        XCTAssertTrue(complaints.contains { $0 == "results: \(root!)/results/bare/metrics.json: no eer; left out" }, listing.stderr)
    }

    /// A training holding its lock is named below the table with the step its log has reached; before
    /// its first checkpoint the log there is an earlier run's, older than the lock, and says nothing.
    func testResultsNamesATrainingInProgress() throws {
        let work = root + "/results/ped2-convstae/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try Data("{\"auc\": 0.75, \"eer\": 0.25}".utf8).write(to: URL(fileURLWithPath: root + "/results/ped2-convstae/metrics.json"))
        try Data("convstae --max-steps 12000\n".utf8).write(to: URL(fileURLWithPath: work + "/train.opts"))
        try Data("{\"step\": 5000}\n".utf8).write(to: URL(fileURLWithPath: work + "/loss.jsonl"))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: work + "/loss.jsonl")
        XCTAssertFalse(try make(["results", "RESULTS=\(root!)/results"]).text.contains("training now"), "no lock held")
        let lock = open(work + "/.model.ckpt.part.lock", O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(lock, LOCK_EX | LOCK_NB), 0)
        defer { close(lock) }
        let early = try make(["results", "RESULTS=\(root!)/results"])
        XCTAssertEqual(early.status, 0, early.stderr)
        XCTAssertTrue(early.text.contains("ped2-convstae  auc     0.750") && early.text.hasSuffix("\n\nped2-convstae: training now, before its first checkpoint (of 12000 steps) (\(work)/loss.jsonl)\n"),
                      early.text)
        // A run resumed from a checkpoint there says so.
        try Data().write(to: URL(fileURLWithPath: work + "/model.ckpt.part"))
        XCTAssertTrue(try make(["results", "RESULTS=\(root!)/results"]).text.contains("training now, resumed, before its next checkpoint (of 12000 steps)"))
        // Its own log, the last line still being written.
        try Data("{\"step\": 1}\n{\"step\": 2}\n{\"ste".utf8).write(to: URL(fileURLWithPath: work + "/loss.jsonl"))
        XCTAssertTrue(try make(["results", "RESULTS=\(root!)/results"]).text.hasSuffix("\nped2-convstae: training now, step 2 of 12000 (\(work)/loss.jsonl)\n"))
    }

    /// DATA is one folder: empty (a script's unset variable) or with a space, make refuses it in one
    /// line before doing anything, rather than fetching under / or into the folder's parent.
    func testDataThatIsNotOneFolderIsRefused() throws {
        for data in ["", "\(root!)/my data"] {
            let run = try make(["fetch-mnist", "DATA=\(data)", "-n"])
            XCTAssertEqual(run.status, 2, data)
            XCTAssertTrue(run.stderr.contains("*** DATA must name one folder, with no spaces in its path (got '\(data)')"), run.stderr)
        }
    }
}

/// A made-up fixed camera: a bright square walks across a dark gradient; in the anomalous frames a
/// second one races past.
func walkwayFrame(_ t: Int, width: Int, height: Int, racing: Bool) -> [UInt8] {
    (0..<(width * height)).map { i in
        let (y, x) = (i / width, i % width)
        let walker = abs(x - (t / 2) % width) < 3 && abs(y - height / 3) < 3
        let racer = racing && abs(x - (t * 5) % width) < 3 && abs(y - 2 * height / 3) < 3
        return walker || racer ? 230 : UInt8(20 + x)
    }
}

/// A baseline TIFF: uncompressed 8-bit grey, one strip, little-endian, as UCSD's frames are stored.
func writeTIFF(_ pixels: [UInt8], width: Int, height: Int, to path: String) throws {
    var bytes: [UInt8] = [0x49, 0x49, 42, 0, 8, 0, 0, 0]
    func append16(_ v: Int) { bytes += [UInt8(v & 255), UInt8(v >> 8 & 255)] }
    func append32(_ v: Int) { append16(v & 0xffff); append16(v >> 16) }
    let entries: [(tag: Int, type: Int, value: Int)] = [
        (256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
        (273, 4, 8 + 2 + 9 * 12 + 4), (277, 3, 1), (278, 4, height), (279, 4, width * height),
    ]
    append16(entries.count)
    for entry in entries {
        append16(entry.tag)
        append16(entry.type)
        append32(1)
        append32(entry.value)
    }
    append32(0)
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes + pixels).write(to: URL(fileURLWithPath: path))
}
