import Foundation
import TensorStream

/// Reading the label files datasets ship.
public enum LabelFiles {
    /// Reads a `.m` (UCSD) or one-line-per-video text file, chosen by extension.
    public static func read(path: String) throws -> GroundTruth {
        // InputFile says why a file cannot be read (no such file, permission denied, a folder).
        guard let text = String(validating: try InputFile(path: path).readToEnd(), as: UTF8.self) else {
            throw LabelError("\(path): not UTF-8 text, so not a label file (.m, or KEY<TAB>FLAGS lines)")
        }
        return path.hasSuffix(".m") ? try parseUCSD(text, source: path) : try parseFrameLines(text, source: path)
    }

    /// UCSD's MATLAB ground truth: one `TestVideoFile{end+1}.gt_frame = [61:180];` line per test video,
    /// 1-based inclusive ranges, several per video separated by commas (`[5:90, 140:200]`). A video
    /// is numbered as MATLAB would number it: `{end+1}` is the next, `{3}` the third; `%` starts a comment.
    public static func parseUCSD(_ text: String, source: String) throws -> GroundTruth {
        var truth = GroundTruth(source: source)
        var highest = 0
        for (lineNumber, fullLine) in TextLines.numbered(text) {
            let line = fullLine.prefix { $0 != "%" }
            guard line.contains("gt_frame") else { continue }
            guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]"), open < close else {
                throw LabelError("\(source):\(lineNumber): expected gt_frame = [a:b, ...]")
            }
            var ranges: [ClosedRange<Int>] = []
            for part in line[line.index(after: open)..<close].split(separator: ",") {
                let ends = part.split(separator: ":").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard ends.count == 2, let a = ends[0], let b = ends[1], a >= 1, a <= b else {
                    throw LabelError("\(source):\(lineNumber): '\(part.trimmingCharacters(in: .whitespaces))' is not a range a:b with 1 <= a <= b")
                }
                ranges.append((a - 1)...(b - 1))
            }
            let number = try videoIndex(line[..<open], next: highest + 1, at: "\(source):\(lineNumber)")
            highest = max(highest, number)
            try truth.add(VideoID.numbered(number), .ranges(ranges))
        }
        guard highest > 0 else { throw LabelError("\(source): no gt_frame lines") }
        return truth
    }

    /// The video a `.m` line assigns: `{end+1}` (or no braces) is `next`, `{k}` is video k.
    private static func videoIndex(_ target: Substring, next: Int, at place: String) throws -> Int {
        guard let open = target.firstIndex(of: "{"), let close = target.firstIndex(of: "}"), open < close else { return next }
        let index = target[target.index(after: open)..<close].filter { !$0.isWhitespace }
        if index == "end+1" { return next }
        guard let number = Int(index), number >= 1 else {
            throw LabelError("\(place): video index {\(index)} is neither end+1 nor a number from 1")
        }
        return number
    }

    /// One line per video: `KEY<TAB>0101...`, one character per frame, 1 = anomalous; the flags are the
    /// last field, so a KEY may hold spaces. A numeric KEY is the 0-based video index (so key 0 is
    /// video 01, and -1 the video a 0-based folder numbering calls 0); other keys name the video, less
    /// a data file's extension (ShanghaiTech's `01_0014.npy`).
    public static func parseFrameLines(_ text: String, source: String) throws -> GroundTruth {
        var truth = GroundTruth(source: source)
        for (lineNumber, line) in TextLines.numbered(text) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let gap = trimmed.lastIndex(where: { $0 == "\t" || $0 == " " }) else {
                throw LabelError("\(source):\(lineNumber): expected KEY<TAB>FLAGS")
            }
            let key = trimmed[..<gap].trimmingCharacters(in: .whitespaces), flags = trimmed[trimmed.index(after: gap)...]
            guard flags.allSatisfy({ $0 == "0" || $0 == "1" }) else {
                throw LabelError("\(source):\(lineNumber): flags must be 0 or 1")
            }
            let name: String
            if let index = Int(key), index >= -1 {
                name = VideoID.numbered(index + 1)
            } else if let dot = key.lastIndex(of: "."), dataExtensions.contains(String(key[key.index(after: dot)...])) {
                name = String(key[..<dot])
            } else {
                name = key
            }
            try truth.add(name, .frames(flags.map { $0 == "1" }))
        }
        guard !truth.order.isEmpty else { throw LabelError("\(source): no KEY<TAB>FLAGS lines") }
        return truth
    }

    /// Extensions that name a video's data file rather than the video.
    static let dataExtensions: Set<String> = ["npy", "mat", "txt", "avi", "mp4", "mkv", "mov"]
}
