import ArgumentParser
import CLIKit
import Labels
import Synth
import TensorStream

@main
struct InjectAnomalies: Tool {
    static let configuration = CommandConfiguration(
        commandName: "inject-anomalies",
        abstract: "Paint pseudo-anomalies into normal frame records and label them, to tune scoring on training data.",
        discussion: """
        Every --period frames of each video, a --duration-frame event starts at a seeded place: a \
        fast-object (a square of the scene, --scale of the frame's height, crossing the whole frame) or \
        a foreign-object (such a square with its brightness inverted, drifting at walking pace). The \
        labels file has one line per video, KEY<TAB>0101..., as evaluate reads it: KEY is the 0-based \
        video number for numbered videos (0 for video 01), the video's name otherwise. Use it on training footage held out from training, or on the training \
        footage itself, to compare score options without looking at a test set's labels.

        Examples:
          frames-extract UCSDped2/Train --gray --size 128x128 | inject-anomalies --labels val.txt -o val.vt
          inject-anomalies --kinds fast-object --period 100 frames.vt --labels val.txt -o val.vt
        """)

    @Argument(help: "Frame records; '-' for stdin.")
    var input = "-"

    @Option(name: .shortAndLong, help: "Where to write the painted frame records; '-' for stdout.")
    var output = "-"

    @Option(help: ArgumentHelp("Where to write the frame labels.", valueName: "FILE"))
    var labels: String

    @Option(parsing: .unconditional, help: "Frames between event starts.")
    var period = 60

    @Option(parsing: .unconditional, help: "Frames each event lasts.")
    var duration = 30

    @Option(parsing: .unconditional, help: "Object side as a fraction of the frame's height.")
    var scale = 0.125

    @Option(help: "Comma-separated kinds: fast-object, foreign-object.")
    var kinds = "fast-object,foreign-object"

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        guard duration > 1, period > duration else { throw ValidationError("--period must exceed --duration, and --duration be at least 2") }
        guard scale > 0, scale <= 1 else { throw ValidationError("--scale must be in (0, 1], got \(scale)") }
        _ = try parsedKinds()
    }

    func parsedKinds() throws -> [PseudoAnomalies.Kind] {
        let names = kinds.split(separator: ",")
        guard !names.isEmpty else { throw ValidationError("--kinds needs at least one kind (fast-object, foreign-object)") }
        return try names.map { name in
            guard let kind = PseudoAnomalies.Kind(rawValue: String(name)) else {
                throw ValidationError("--kinds: unknown kind '\(name)' (fast-object, foreign-object)")
            }
            return kind
        }
    }

    func run() throws {
        try refuseOverwriting(inputs: [("input", input)], outputs: [("--output", output), ("--labels", labels)])
        var painter = PseudoAnomalies(period: period, duration: duration, objectScale: scale, kinds: try parsedKinds(), seed: seed)
        let reader = try StreamFiles.reader(input)
        let out = try StreamFiles.binaryOutput(output)
        // Opened before any work and synced before the stream is committed, so that labels that
        // cannot be written leave an earlier stream as it was.
        let labelsFile = try OutputFile(path: labels)
        let writer = RecordWriter(out)
        var videos: [String] = []
        var flags: [String: [Int: UInt8]] = [:]
        while var record = try reader.read() {
            let number = reader.recordsRead - 1
            let (frames, indices, video) = try FrameRecord.frames(of: record, number: number, in: reader.source)
            var pixels = frames.bytes
            let (c, h, w) = (frames.shape[1], frames.shape[2], frames.shape[3])
            // A record without frames would list its video with nothing to label, and frames smaller
            // than the smallest object leave it nowhere to go.
            let place = FrameRecord.place(reader.source, record: number, video: video)
            guard !indices.isEmpty else { throw IOFailure("\(place) holds no frames") }
            // A frame given twice (a record repeated, say) would be labelled once but painted twice.
            var inRecord = Set<Int>()
            if let again = indices.first(where: { flags[video]?[$0] != nil || !inRecord.insert($0).inserted }) {
                throw IOFailure("\(place): frame \(again) appears again; labels need frames 0..n-1 once each")
            }
            let side = PseudoAnomalies.minimumSide
            guard h >= side, w >= side else { throw IOFailure("\(place): \(w)x\(h) frames are too small to paint (at least \(side)x\(side))") }
            let painted = painter.paint(&pixels, indices: indices, video: video, channels: c, height: h, width: w)
            record.tensors = record.tensors.map { $0.name == FrameRecord.framesTensor ? (name: $0.name, tensor: HostTensor(u8: pixels, shape: frames.shape)) : $0 }
            record.metadata[FrameRecord.Key.labels] = FrameLabels.line(painted)
            try writer.write(record)
            if flags[video] == nil { videos.append(video) }
            for (index, flag) in zip(indices, painted) { flags[video, default: [:]][index] = flag }
        }
        try StreamFiles.requireRecords(reader, "frame")
        let keyed = try videos.map { video in
            let perFrame = flags[video]!
            guard perFrame.keys.min() == 0, perFrame.count == perFrame.keys.max()! + 1 else {
                throw IOFailure("\(reader.source): video \(video) does not hold frames 0..n-1 once each; labels need every frame")
            }
            return (key: VideoID.labelKey(video), labels: (0..<perFrame.count).map { perFrame[$0]! })
        }
        try labelsFile.write(FrameLabels.text(keyed: keyed))
        try labelsFile.sync()
        try out.commit()
        try labelsFile.commit()
    }
}
