/// One video to read: a folder of frame images or a video file.
public struct VideoSource: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Frame image paths in frame order.
        case images([String])
        /// A file ffmpeg decodes.
        case file
    }

    /// The video's name in records: its path below the scanned root, less `frames/` folders
    /// (`01`, `Test001`, `training/01`), or the folder or file name when the root is the video.
    public let id: String
    /// The folder or file read.
    public let path: String
    public let kind: Kind
}
