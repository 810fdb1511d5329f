import TensorStream

/// Frame-level ground truth in the text format the evaluation code of Liu et al. distributes (see
/// `../shared/data/labels/ped2-frame-labels.txt`): one line per video, `KEY<TAB>0101...`, one character
/// per frame, 1 = anomalous, KEY the 0-based video index.
public enum FrameLabels {
    public static func line(_ labels: [UInt8]) -> String { String(labels.map { $0 == 0 ? "0" : "1" }) }

    public static func text(_ videos: [[UInt8]]) -> String {
        videos.enumerated().map { "\($0.offset)\t\(line($0.element))\n" }.joined()
    }

    /// Writes the file atomically: it appears complete or not at all.
    public static func write(_ videos: [[UInt8]], to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write(text(videos))
        try file.commit()
    }
}
