import ArgumentParser
import CLIKit
import Synth

struct MovingShapesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moving-shapes",
        abstract: "Squares walking along a path in front of a fixed background; needs no download.",
        discussion: """
        2 to 4 squares walk along a path across the middle third of the frame, in straight lines \
        at a regular speed (a fortieth of the width per frame, +-20%). Test anomalies begin between a \
        quarter and half way through a video (frames n/4 to n/2): 'fast', a square crossing at 3-4 \
        times walking speed; 'shape', a triangle crossing; 'off-path', a walker turning off the path. \
        Default size 64x64.

        Examples:
          synth-video moving-shapes --split train -o shapes-train.vt
          synth-video moving-shapes --split test --anomaly off-path -o test.vt
        """)

    enum AnomalyChoice: String, CaseIterable, ExpressibleByArgument {
        case fast, shape
        case offPath = "off-path"
        case all
    }

    @OptionGroup var options: GeneratorOptions

    @Option(help: "Test anomaly: fast, shape, off-path, or all (taking turns; the default).")
    var anomaly: AnomalyChoice?

    var size: FrameSize { options.size ?? FrameSize(width: 64, height: 64) }

    func validate() throws {
        try options.checkAnomalySplit(anomaly != nil)
        guard size.width >= 16, size.height >= 16 else { throw ValidationError("--size must be at least 16x16") }
    }

    func run() throws {
        try options.refuseOverwriting()
        try options.checkVideoFits(size)
        let kinds: [MovingShapes.Anomaly] = switch anomaly ?? .all {
        case .fast: [.fast]
        case .shape: [.shape]
        case .offPath: [.offPath]
        case .all: MovingShapes.Anomaly.allCases
        }
        let generator = MovingShapes(width: size.width, height: size.height, frames: options.frames, seed: options.seed)
        try options.write(dataset: "moving-shapes", source: "synth-video moving-shapes split=\(options.split.rawValue) seed=\(options.seed)") { index in
            generator.video(index, split: options.split, anomaly: plannedAnomaly(of: kinds, video: index, split: options.split))
        }
    }
}
