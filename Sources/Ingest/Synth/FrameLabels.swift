/// Frame-level ground truth in the text format the evaluation code of Liu et al. distributes (see
/// `../shared/data/labels/ped2-frame-labels.txt`): one line per video, `KEY<TAB>0101...`, one character
/// per frame, 1 = anomalous, KEY the 0-based video index.
public enum FrameLabels {
    public static func line(_ labels: [UInt8]) -> String { String(labels.map { $0 == 0 ? "0" : "1" }) }

    /// Videos keyed by their 0-based index, in order.
    public static func text(_ videos: [[UInt8]]) -> String {
        text(keyed: videos.enumerated().map { (key: String($0.offset), labels: $0.element) })
    }

    public static func text(keyed videos: [(key: String, labels: [UInt8])]) -> String {
        videos.map { "\($0.key)\t\(line($0.labels))\n" }.joined()
    }
}
