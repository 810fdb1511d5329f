/// Datasets name the same test video differently: `01` in the frames/NN layout, `Test001` in UCSD's
/// own layout, key `0` in the one-line-per-video label files. Labels and scores meet on one
/// canonical name: numbered videos become two-digit, 1-based (`01`); other names stay as they are
/// (ShanghaiTech's `01_0014`).
public enum VideoID {
    /// The canonical name of a video as a folder, a score row or a stream record names it.
    public static func canonical(_ name: String) -> String {
        var stem = Substring(name)
        for prefix in ["Test", "Train", "test", "train"] where stem.hasPrefix(prefix) {
            let rest = stem.dropFirst(prefix.count)
            if !rest.isEmpty, rest.allSatisfy(\.isNumber) { stem = rest }
        }
        if let number = Int(stem), stem.allSatisfy(\.isNumber) { return numbered(number) }
        return name
    }

    /// The key a one-line-per-video label file gives this video: its 0-based number for numbered
    /// videos (`01` and `Test001` are key `0`, a folder `0` key `-1`), else its name.
    /// `LabelFiles.parseFrameLines` reads it back.
    public static func labelKey(_ name: String) -> String {
        let video = canonical(name)
        return Int(video).map { String($0 - 1) } ?? video
    }

    /// The canonical name of the video with 1-based position `number`.
    public static func numbered(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
}
