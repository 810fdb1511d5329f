// swift-tools-version:6.0
import PackageDescription

// The engine links libvadtorch.so, the C shim over libtorch that `make shim` builds outside SwiftPM
// (SwiftPM would link a C++ target statically into every executable, and the point of the shim is to
// be swappable: the same binaries run against a CUDA libtorch by pointing at another libvadtorch.so).
let shimDirectory = Context.environment["VADKIT_SHIM_DIR"] ?? "\(Context.packageDirectory)/build/lib"
let linkShim: [LinkerSetting] = [
    .unsafeFlags(["-L\(shimDirectory)", "-Xlinker", "--enable-new-dtags", "-Xlinker", "-rpath", "-Xlinker", shimDirectory])
]

let package = Package(
    name: "VADKit",
    products: [
        .executable(name: "tensor-info", targets: ["tensor-info"]),
        .executable(name: "frames-extract", targets: ["frames-extract"]),
        .executable(name: "augment-strides", targets: ["augment-strides"]),
        .executable(name: "inject-anomalies", targets: ["inject-anomalies"]),
        .executable(name: "train", targets: ["train"]),
        .executable(name: "reconstruct", targets: ["reconstruct"]),
        .executable(name: "score", targets: ["score"]),
        .executable(name: "evaluate", targets: ["evaluate"]),
        .executable(name: "synth-video", targets: ["synth-video"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Stream format and byte I/O: no libtorch, so ingest and tools can use it alone.
        .target(name: "TensorStream", path: "Sources/TensorStream"),
        // The C ABI over ATen and its safe Swift wrapper.
        .systemLibrary(name: "CTorch", path: "Sources/CTorch"),
        .target(name: "Engine", dependencies: ["CTorch", "TensorStream"], path: "Sources/Engine", linkerSettings: linkShim),
        // Footage to frame records: dataset layouts, ffmpeg, resizing.
        .target(name: "Ingest", dependencies: ["ImageIO", "Engine", "TensorStream"], path: "Sources/Ingest/Frames"),
        // The papers' autoencoders over the engine, registered by name.
        .target(name: "Models", dependencies: ["Engine"], path: "Sources/Models"),
        // Frames to clips: temporal strides and sliding windows.
        .target(name: "Clips", dependencies: ["TensorStream"], path: "Sources/Clips"),
        // Frame-level ground truth: UCSD .m files, one-line-per-video label files, pixel masks.
        .target(name: "Labels", dependencies: ["ImageIO", "TensorStream", "CZlib"], path: "Sources/Evaluation/Labels"),
        // A seeded generator shared by shuffling and synthetic data.
        .target(name: "Randomness", path: "Sources/Randomness"),
        // Training: shuffled batches, the loop, checkpoints and exact resume.
        .target(name: "Training", dependencies: ["Models", "Engine", "Randomness", "TensorStream"], path: "Sources/Training"),
        // Reconstructions to per-frame scores.
        .target(name: "Scoring", dependencies: ["Models", "Engine", "Metrics", "ImageIO", "TensorStream"], path: "Sources/Scoring"),
        // Frame-level metrics: ROC, AUC, EER, accuracy at precision = recall.
        .target(name: "Metrics", dependencies: ["Labels", "TensorStream"], path: "Sources/Evaluation/Metrics"),
        // Conventions every command-line program shares.
        .target(name: "CLIKit", dependencies: [
            "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIKit"),
        // Engine settings shared by programs that compute (--device, --threads, --seed).
        .target(name: "EngineCLI", dependencies: [
            "CLIKit", "Engine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/EngineCLI"),
        // Frame images: libjpeg, libpng and libtiff behind a small C layer (their errors longjmp),
        // BMP and PNM in Swift; pixels equal PIL's.
        .target(name: "CImageCodecs", path: "Sources/Ingest/ImageIO/CCodecs", linkerSettings: [
            .linkedLibrary("jpeg"), .linkedLibrary("png"), .linkedLibrary("tiff"),
        ]),
        .target(name: "ImageIO", dependencies: ["CImageCodecs", "TensorStream"], path: "Sources/Ingest/ImageIO", exclude: ["CCodecs"]),
        .executableTarget(name: "tensor-info", dependencies: [
            "CLIKit", "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/tensor-info"),

        .executableTarget(name: "frames-extract", dependencies: [
            "CLIKit", "Ingest", "ImageIO", "Engine", "TensorStream",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/frames-extract"),
        .executableTarget(name: "augment-strides", dependencies: [
            "CLIKit", "Clips", "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/augment-strides"),

        .executableTarget(name: "train", dependencies: [
            "CLIKit", "EngineCLI", "Engine", "Models", "Training", "TensorStream",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/train"),
        .executableTarget(name: "reconstruct", dependencies: [
            "CLIKit", "EngineCLI", "Models", "Scoring", "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/reconstruct"),
        .executableTarget(name: "score", dependencies: [
            "CLIKit", "Scoring", "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/score"),
        .executableTarget(name: "evaluate", dependencies: [
            "CLIKit", "Labels", "Metrics", "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/evaluate"),
        // Ingest: data the project makes itself (zlib reads MNIST's .gz files).
        .systemLibrary(name: "CZlib", path: "Sources/Ingest/System/CZlib"),
        .target(name: "Synth", dependencies: ["TensorStream", "Randomness", "CZlib"], path: "Sources/Ingest/Synth"),
        .executableTarget(name: "inject-anomalies", dependencies: [
            "CLIKit", "Labels", "Synth", "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/inject-anomalies"),
        .executableTarget(name: "synth-video", dependencies: [
            "CLIKit", "Synth", "TensorStream", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLIs/synth-video"),

        .executableTarget(name: "bench-convlstm-step", dependencies: [
            "Engine", "EngineCLI", "CLIKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "bench/convlstm-step"),
        .executableTarget(name: "bench-model-step", dependencies: [
            "Engine", "EngineCLI", "CLIKit", "Models", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "bench/model-step"),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TensorStreamTests", dependencies: ["TensorStream", "TestSupport"], path: "Tests/TensorStreamTests"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"], path: "Tests/EngineTests"),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "TestSupport"], path: "Tests/ImageIOTests"),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Engine", "TestSupport"], path: "Tests/ModelsTests"),
        .testTarget(name: "ClipsTests", dependencies: ["Clips", "TensorStream", "TestSupport"], path: "Tests/ClipsTests"),
        .testTarget(name: "LabelsTests", dependencies: ["Labels", "TestSupport"], path: "Tests/LabelsTests"),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "ImageIO", "Clips", "TensorStream", "TestSupport"], path: "Tests/IngestTests"),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Randomness", "TestSupport"], path: "Tests/MetricsTests"),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "Randomness", "TensorStream", "TestSupport"], path: "Tests/SynthTests"),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Randomness", "TensorStream", "TestSupport"], path: "Tests/TrainingTests"),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Metrics", "ImageIO", "TensorStream", "TestSupport"], path: "Tests/ScoringTests"),
        .testTarget(name: "PipelineTests", dependencies: ["TensorStream", "TestSupport"], path: "Tests/PipelineTests"),
        .testTarget(name: "CLITests", dependencies: ["TensorStream", "TestSupport"], path: "Tests/CLITests"),
    ]
)
