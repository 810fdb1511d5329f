import Foundation
import Metrics
import TestSupport
import XCTest

final class EvaluateCommandTests: XCTestCase {
    var root: String!
    override func setUp() { root = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    private func write(_ text: String, _ name: String) throws -> String {
        try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8)
        return root + "/" + name
    }

    private func summary(_ run: ProgramRun) throws -> [String: Any] {
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    }

    func testSummaryPlotsAndNormalisation() throws {
        // Video 01 scores high where labelled; video 02 is on another scale.
        let scores = try write("""
            video,frame,score,note
            01,0,0.1,a
            01,1,0.9,b
            01,2,0.8,c
            Test002,0,10,d
            Test002,1,30,e
            Test002,2,20,f
            """, "scores.csv")
        // Video 03 is labelled but has no scores: the summary names it.
        let labels = try write("0\t011\n1\t010\n2\t0001\n", "labels.txt")
        let raw = try summary(runProgram("evaluate", ["--scores", scores, "--labels", labels]))
        XCTAssertEqual(raw["frames"] as? Int, 6)
        XCTAssertEqual(raw["anomalous_frames"] as? Int, 3)
        XCTAssertEqual(raw["videos"] as? Int, 2)
        XCTAssertEqual(raw["unscored_videos"] as? [String], ["03"])
        // Raw: positives 0.9, 0.8, 30 against negatives 0.1, 10, 20 -> 5 of 9 pairs ordered.
        XCTAssertEqual(raw["auc"] as? Double ?? -1, 5.0 / 9, accuracy: 1e-12)
        let normalized = try summary(runProgram("evaluate", ["--scores", scores, "--labels", labels, "--normalize", "per-video",
                                                             "--roc", root + "/roc", "--curves", root + "/curves", "--frames", root + "/pooled.csv"]))
        // Per video: 01 -> 0, 1, 0.875; 02 -> 0, 1, 0.5: positives 1, 0.875, 1 beat negatives 0, 0, 0.5.
        XCTAssertEqual(normalized["auc"] as? Double, 1)
        XCTAssertEqual(normalized["eer"] as? Double, 0)
        XCTAssertEqual(normalized["normalize"] as? String, "per-video")
        let roc = try String(contentsOfFile: root + "/roc.csv", encoding: .utf8)
        XCTAssertTrue(roc.hasPrefix("threshold,fpr,tpr\ninf,0.0,0.0\n"), roc)
        XCTAssertTrue(try String(contentsOfFile: root + "/roc.svg", encoding: .utf8).contains("AUC 1.0000"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/curves").sorted(), ["01.svg", "02.svg"])
        // The frames as pooled: canonical video names, normalised scores, labels.
        XCTAssertEqual(try String(contentsOfFile: root + "/pooled.csv", encoding: .utf8), """
            video,frame,score,anomalous
            01,0,0.0,0
            01,1,1.0,1
            01,2,0.875,1
            02,0,0.0,0
            02,1,1.0,1
            02,2,0.5,0

            """)
        // Another column: `note` holds no numbers, and an unknown column is named.
        XCTAssertTrue(try runProgram("evaluate", ["--scores", scores, "--labels", labels, "--column", "note"]).stderr.contains("note 'a' is not a finite number"))
        XCTAssertTrue(try runProgram("evaluate", ["--scores", scores, "--labels", labels, "--column", "psnr"]).stderr.contains("no column 'psnr' (columns: score, note)"))
        // A regularity column is high on normal frames, so it is evaluated as 1 - regularity: here
        // regularity falls as the score rises within each video, giving 8/9 (regularity itself: 1/9).
        let regular = try write("""
            video,frame,score,regularity_luo
            01,0,0.1,0.9
            01,1,0.9,0.1
            01,2,0.8,0.2
            Test002,0,10,0.25
            Test002,1,30,0.0
            Test002,2,20,0.125
            """, "regular.csv")
        let byRegularity = try summary(runProgram("evaluate", ["--scores", regular, "--labels", labels, "--column", "regularity_luo"]))
        XCTAssertEqual(byRegularity["auc"] as? Double ?? -1, 8.0 / 9, accuracy: 1e-12)
        // An output over an input is refused before anything is written.
        for input in [scores, labels] {
            let before = try Data(contentsOf: URL(fileURLWithPath: input))
            let over = try runProgram("evaluate", ["--scores", scores, "--labels", labels, "--frames", input])
            XCTAssertEqual(over.status, 2, over.stderr)
            XCTAssertTrue(over.stderr.hasPrefix("evaluate: --frames \(input) is the "), over.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: input)), before)
        }
        for option in ["--roc", "--frames", "--curves"] {
            XCTAssertEqual(try runProgram("evaluate", ["--scores", scores, "--labels", labels, option, "-"]).status, 2, option)
        }
        // The same labels as a UCSD .m file give the same figures.
        let m = try write("TestVideoFile{end+1}.gt_frame = [2:3];\nTestVideoFile{end+1}.gt_frame = [2:2];\n", "gt.m")
        XCTAssertEqual(try summary(runProgram("evaluate", ["--scores", scores, "--labels", m]))["auc"] as? Double, raw["auc"] as? Double)
    }

    func testBadInputs() throws {
        let labels = try write("0\t01\n", "labels.txt")
        let tooLong = try write("video,frame,score\n01,0,1\n01,5,2\n", "long.csv")
        let run = try runProgram("evaluate", ["--scores", tooLong, "--labels", labels])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("evaluate: "), run.stderr)
        let garbage = try write("video,frame,score\n01,zero,1\n", "bad.csv")
        XCTAssertEqual(try runProgram("evaluate", ["--scores", garbage, "--labels", labels]).stderr,
                       "evaluate: \(root!)/bad.csv:2: frame 'zero' is not a 0-based index\n")
        let twice = try write("video,frame,score\n01,0,1\n01,0,2\n", "twice.csv")
        XCTAssertTrue(try runProgram("evaluate", ["--scores", twice, "--labels", labels]).stderr.contains("scored twice"))
        XCTAssertEqual(try runProgram("evaluate", ["--scores", tooLong, "--labels", labels, "--normalize", "zscore"]).status, 2)
        XCTAssertEqual(try runProgram("evaluate", ["--labels", labels]).status, 2)
        let unknown = try write("video,frame,score\n07,0,1\n", "unknown.csv")
        XCTAssertEqual(try runProgram("evaluate", ["--scores", unknown, "--labels", labels]).stderr, "evaluate: \(labels): no labels for video 07\n")
    }

    /// A CSV saved on Windows (CR LF, a byte-order mark) evaluates as its Unix original; errors name
    /// the line in the file, blank lines counted; one video under two names is refused, not pooled twice.
    func testWindowsFilesLineNumbersAndAliases() throws {
        let labels = try write("0\t0011\n", "labels.txt")
        let unix = "video,frame,score\n01,0,1\n01,1,3\n01,2,2\n01,3,4\n"
        let windows = try write("\u{FEFF}" + unix.replacingOccurrences(of: "\n", with: "\r\n"), "windows.csv")
        XCTAssertEqual(try summary(runProgram("evaluate", ["--scores", windows, "--labels", labels]))["auc"] as? Double, 0.75)
        let blanks = try write("video,frame,score\n\n\n01,0,0.5\n\n01,1,x\n", "blanks.csv")
        XCTAssertEqual(try runProgram("evaluate", ["--scores", blanks, "--labels", labels]).stderr,
                       "evaluate: \(blanks):6: score 'x' is not a finite number\n")
        let aliases = try write("video,frame,score\n01,0,1\n01,1,3\nTest001,1,3\n", "aliases.csv")
        let twice = try runProgram("evaluate", ["--scores", aliases, "--labels", labels])
        XCTAssertEqual(twice.status, 1)
        XCTAssertEqual(twice.stderr, "evaluate: \(aliases):4: video Test001 frame 1 is scored twice (line 3 too)\n")
    }

    /// Outputs that would land on each other are refused before any is written, the per-video
    /// curves included; labels cannot come from stdin, since a label file's name tells its format.
    func testClashingOutputsAndLabelsFromStdin() throws {
        let scores = try write("video,frame,score\n01,0,1\n01,1,2\n", "scores.csv")
        let labels = try write("0\t01\n", "labels.txt")
        let clash = try runProgram("evaluate", ["--scores", scores, "--labels", labels, "--roc", root + "/out/01", "--curves", root + "/out"])
        XCTAssertEqual(clash.status, 2)
        XCTAssertTrue(clash.stderr.hasPrefix("evaluate: --curves and --roc both name \(root!)/out/01.svg"), clash.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/out"))
        let stdin = try runProgram("evaluate", ["--scores", scores, "--labels", "-"], stdin: Data("0\t01\n".utf8))
        XCTAssertEqual(stdin.status, 2)
        XCTAssertTrue(stdin.stderr.contains("--labels needs a file or folder, not '-'"), stdin.stderr)
    }

    /// Label files that cannot be read, and scores that cannot make an ROC, are named with the reason.
    func testUnusableLabelsAndScoresAreNamed() throws {
        let labels = try write("0\t01\n", "labels.txt"), scores = try write("video,frame,score\n01,0,1\n01,1,2\n", "scores.csv")
        func failure(_ scores: String, _ labels: String) throws -> String {
            let run = try runProgram("evaluate", ["--scores", scores, "--labels", labels])
            XCTAssertEqual(run.status, 1)
            return run.stderr
        }
        XCTAssertEqual(try failure(scores, root + "/missing.txt"), "evaluate: \(root!)/missing.txt: No such file or directory\n")
        let binary = root + "/labels.bin"
        try Data([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0xff, 0x00]).write(to: URL(fileURLWithPath: binary))
        XCTAssertEqual(try failure(scores, binary), "evaluate: \(binary): not UTF-8 text, so not a label file (.m, or KEY<TAB>FLAGS lines)\n")
        let headerOnly = try write("video,frame,score\n", "header.csv")
        XCTAssertEqual(try failure(headerOnly, labels), "evaluate: \(headerOnly): no score rows\n")
        let normal = try write("0\t00\n", "normal.txt"), anomalous = try write("0\t11\n", "anomalous.txt")
        XCTAssertEqual(try failure(scores, normal), "evaluate: \(scores): all 2 scored frames are normal in \(normal); the ROC needs both kinds\n")
        XCTAssertEqual(try failure(scores, anomalous), "evaluate: \(scores): all 2 scored frames are anomalous in \(anomalous); the ROC needs both kinds\n")
    }

    /// Outputs are renamed into place only once all are written, so a run that cannot write one leaves none.
    func testAFailedOutputLeavesNoneOfTheOthers() throws {
        let scores = try write("video,frame,score\n01,0,1\n01,1,2\n", "scores.csv")
        let labels = try write("0\t01\n", "labels.txt")
        let lost = try runProgram("evaluate", ["--scores", scores, "--labels", labels, "--roc", root + "/roc", "--curves", root + "/curves",
                                               "--frames", root + "/nodir/x.csv"])
        XCTAssertEqual(lost.status, 1)
        XCTAssertEqual(lost.stderr, "evaluate: \(root!)/nodir/x.csv: cannot create a temporary file beside it: No such file or directory\n")
        let blocked = try runProgram("evaluate", ["--scores", scores, "--labels", labels, "--roc", root + "/roc", "--curves", scores])
        XCTAssertEqual(blocked.status, 1)
        XCTAssertEqual(blocked.stderr, "evaluate: \(scores): exists and is not a folder\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root).sorted(), ["labels.txt", "scores.csv"])
    }

    func testScoreTableRoundTrip() throws {
        let table = ScoreTable(extraColumns: ["psnr"], rows: [.init(video: "01", frame: 3, score: 0.1 + 0.2, extras: ["31.5"])])
        XCTAssertEqual(try ScoreTable.parse(table.csv(), source: "t"), table)
        // Videos are named after folders; commas and quotes survive, quoted as RFC 4180 has it.
        let awkward = ScoreTable(rows: [.init(video: "cam,1", frame: 0, score: 1), .init(video: "say \"hi\"", frame: 1, score: 2)])
        XCTAssertEqual(awkward.csv(), "video,frame,score\n\"cam,1\",0,1.0\n\"say \"\"hi\"\"\",1,2.0\n")
        XCTAssertEqual(try ScoreTable.parse(awkward.csv(), source: "t"), awkward)
    }
}
