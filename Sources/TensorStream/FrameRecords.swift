/// The record conventions the pipeline stages share, so every producer (frames-extract, synth-video)
/// and consumer (augment-strides, train, score) agrees on names and metadata.
///
/// A **frame record** holds consecutive frames of one video: tensor `frames`, u8 [N, C, H, W]
/// (C = 1 grey or 3 RGB), with metadata `dataset`, `video`, `frames` (the N 0-based source frame
/// indices) and `source` (the file or folder read). A long video spans many frame records. Records
/// of test videos with known ground truth may add `labels`, one 0/1 character per frame.
///
/// A **clip record** holds one training or test window: tensor `clip`, u8 [T, C, H, W], with the same
/// metadata plus `stride` (frames between consecutive clip frames).
public enum FrameRecord {
    public static let framesTensor = "frames"
    public static let clipTensor = "clip"

    public enum Key {
        public static let dataset = "dataset"
        public static let video = "video"
        public static let frames = "frames"
        public static let source = "source"
        public static let stride = "stride"
        public static let labels = "labels"
    }

    /// A frame record for `indices.count` frames stacked in `pixels` ([N, C, H, W], u8).
    public static func make(dataset: String, video: String, indices: [Int], source: String,
                            pixels: [UInt8], channels: Int, height: Int, width: Int) -> Record {
        Record(tensors: [(framesTensor, HostTensor(u8: pixels, shape: [indices.count, channels, height, width]))],
               metadata: [Key.dataset: dataset, Key.video: video, Key.frames: Record.encodeIntegers(indices), Key.source: source])
    }

    /// Where a record sits, for messages: `SOURCE: record N (video V)`, N its 0-based place in the stream.
    public static func place(_ source: String, record number: Int, video: String?) -> String {
        "\(source): record \(number)" + (video.map { " (video \($0))" } ?? "")
    }

    /// The frames and their indices of the frame record at `number` in `source`, validated.
    public static func frames(of record: Record, number: Int, in source: String) throws -> (pixels: HostTensor, indices: [Int], video: String) {
        func fail(_ problem: String) -> IOFailure { IOFailure("\(place(source, record: number, video: record.metadata[Key.video])): \(problem)") }
        guard let pixels = record[framesTensor] else { throw fail("no '\(framesTensor)' tensor (not a frame record)") }
        guard pixels.dtype == .u8, pixels.shape.count == 4 else {
            throw fail("'\(framesTensor)' must be u8 [N,C,H,W], got \(pixels.dtype.rawValue) \(pixels.shape)")
        }
        guard let video = record.metadata[Key.video] else { throw fail("no 'video' metadata") }
        guard let indices = record.metadata[Key.frames].flatMap(Record.decodeIntegers), indices.count == pixels.shape[0] else {
            throw fail("'frames' metadata must list \(pixels.shape[0]) frame indices")
        }
        return (pixels, indices, video)
    }

    /// The clip of a clip record, validated as u8 [T, C, H, W].
    public static func clip(of record: Record, in source: String) throws -> HostTensor {
        guard let clip = record[clipTensor] else {
            throw IOFailure("\(source): record without a '\(clipTensor)' tensor (run augment-strides first)")
        }
        guard clip.dtype == .u8, clip.shape.count == 4 else {
            throw IOFailure("\(source): '\(clipTensor)' must be u8 [T,C,H,W], got \(clip.dtype.rawValue) \(clip.shape)")
        }
        return clip
    }
}
