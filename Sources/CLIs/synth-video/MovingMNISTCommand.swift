import ArgumentParser
import CLIKit
import Synth

struct MovingMNISTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moving-mnist",
        abstract: "Moving MNIST from MNIST's idx files, as Luo et al. or Ben-Ari & Shwartz-Ziv make it.",
        discussion: """
        --protocol luo: two digits start at the centre and move horizontally (default 225x225). \
        Every test video carries an anomaly: 'appearance', a 3x3 white box in 5 consecutive frames; \
        'motion', straight for the first half of the frames, random after.
        --protocol ben-ari: two digits bounce independently, the standard Moving MNIST (default \
        64x64). Anomalies in the last frame: 'temporal', the first frame again; 'spatial', a black \
        square over a digit.
        The idx file may be gzip-compressed or plain.

        Examples:
          synth-video moving-mnist --mnist t10k-images-idx3-ubyte.gz --protocol luo \\
              --split train -o luo-train.vt
          synth-video moving-mnist --mnist t10k-images-idx3-ubyte.gz \\
              --protocol ben-ari --split test --labels ben-ari.txt -o ben-ari-test.vt
        """)

    enum ProtocolChoice: String, CaseIterable, ExpressibleByArgument {
        case luo
        case benAri = "ben-ari"
    }

    enum AnomalyChoice: String, CaseIterable, ExpressibleByArgument {
        case appearance, motion, temporal, spatial, all
    }

    @OptionGroup var options: GeneratorOptions

    @Option(help: ArgumentHelp("MNIST images (idx, e.g. t10k-images-idx3-ubyte.gz).", valueName: "PATH"))
    var mnist: String

    @Option(name: .customLong("protocol"), help: "Whose protocol: luo or ben-ari.")
    var paper: ProtocolChoice

    @Option(help: "Test anomaly: appearance or motion (luo), temporal or spatial (ben-ari), or all (taking turns; the default).")
    var anomaly: AnomalyChoice?

    func validate() throws {
        try options.checkAnomalySplit(anomaly != nil)
        let fits: Set<AnomalyChoice> = paper == .luo ? [.appearance, .motion, .all] : [.temporal, .spatial, .all]
        if let anomaly, !fits.contains(anomaly) {
            throw ValidationError("--anomaly \(anomaly.rawValue) is not part of the \(paper.rawValue) protocol")
        }
    }

    func run() throws {
        try options.refuseOverwriting(inputs: [("--mnist", mnist)])
        let digits = try DigitImages(path: mnist)
        let size = options.size ?? (paper == .luo ? FrameSize(width: 225, height: 225) : FrameSize(width: 64, height: 64))
        guard size.width >= digits.columns + 4, size.height >= digits.rows + 4 else {
            throw UsageError("--size must be at least \(digits.columns + 4)x\(digits.rows + 4) for \(digits.columns)x\(digits.rows) digits")
        }
        try options.checkVideoFits(size)
        let source = "synth-video moving-mnist \(paper.rawValue) split=\(options.split.rawValue) seed=\(options.seed) mnist=\(mnist)"
        let split = options.split
        switch paper {
        case .luo:
            let generator = LuoMovingMNIST(digits: digits, width: size.width, height: size.height, frames: options.frames, seed: options.seed)
            let kinds: [LuoMovingMNIST.Anomaly] = anomaly == .appearance ? [.appearance] : anomaly == .motion ? [.motion] : LuoMovingMNIST.Anomaly.allCases
            try options.write(dataset: "moving-mnist-luo", source: source) { index in
                generator.video(index, split: split, anomaly: plannedAnomaly(of: kinds, video: index, split: split, plan: LuoMovingMNIST.anomalousVideos))
            }
        case .benAri:
            let generator = BenAriMovingMNIST(digits: digits, width: size.width, height: size.height, frames: options.frames, seed: options.seed)
            let kinds: [BenAriMovingMNIST.Anomaly] = anomaly == .temporal ? [.temporal] : anomaly == .spatial ? [.spatial] : BenAriMovingMNIST.Anomaly.allCases
            try options.write(dataset: "moving-mnist-ben-ari", source: source) { index in
                generator.video(index, split: split, anomaly: plannedAnomaly(of: kinds, video: index, split: split, plan: BenAriMovingMNIST.anomalousVideos))
            }
        }
    }
}
