import Foundation

/// A fresh directory under the system's temporary folder.
public func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "vadkit-test-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Python with NumPy, preferring Debian's interpreter (which `make setup` equips) over others on PATH.
public func pythonWithNumpy() -> String? {
    for candidate in ["/usr/bin/python3", "python3"] {
        if let run = try? runCommand("/usr/bin/env", [candidate, "-c", "import numpy"]), run.status == 0 { return candidate }
    }
    return nil
}

/// What a finished process left.
public struct ProgramRun: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: String
    public var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// The directory holding the programs `swift build` made beside this test bundle.
public func productsDirectory() -> URL {
    let fromBundle = Bundle.main.bundleURL
    if FileManager.default.fileExists(atPath: fromBundle.appendingPathComponent("tensor-info").path) { return fromBundle }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug")
}

/// Runs one of the package's programs.
public func runProgram(_ name: String, _ arguments: [String], stdin: Data? = nil) throws -> ProgramRun {
    try runCommand(productsDirectory().appendingPathComponent(name).path, arguments, stdin: stdin)
}

/// Settings make, the pipelines and the scripts read from the environment. A test gives the ones it
/// means on the command line (`env NAME=value ...`, `make NAME=value`); the ones the tests were started
/// with (`make test CPU=1`, an exported DATA, or the jobserver of `make -j2 test`, whose descriptors a
/// make inside a test does not have) must not reach its programs.
private let settingsTestsGive: Set<String> = [
    "MAKEFLAGS", "MFLAGS", "GNUMAKEFLAGS", "MAKELEVEL", "MAKEOVERRIDES",
    "QUICK", "CPU", "THREADS", "DEVICE", "DATA", "DATA_TYPED", "RESULTS", "BIN", "OUT", "EXPERIMENT", "SECTIONS", "PACK_ROOT",
    "TRAIN_EXTRA", "TRAIN_BUDGET_S", "CHECKPOINT_EVERY", "PAPER_WIDTH", "FETCH_TARGET", "XZ_PRESET",
    "AVENUE", "UCSD_ROOT", "MNIST_IMAGES",
]

/// Runs an executable; stdin, stdout and stderr go through files, so no pipe can fill and block.
public func runCommand(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> ProgramRun {
    let scratch = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let paths = ["in", "out", "err"].map { scratch + "/" + $0 }
    try (stdin ?? Data()).write(to: URL(fileURLWithPath: paths[0]))
    _ = FileManager.default.createFile(atPath: paths[1], contents: nil)
    _ = FileManager.default.createFile(atPath: paths[2], contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.filter { !settingsTestsGive.contains($0.key) }
    process.standardInput = stdin == nil ? FileHandle.nullDevice : try FileHandle(forReadingFrom: URL(fileURLWithPath: paths[0]))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: paths[1]))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: paths[2]))
    try process.run()
    process.waitUntilExit()
    return ProgramRun(status: process.terminationStatus,
                      stdout: try Data(contentsOf: URL(fileURLWithPath: paths[1])),
                      stderr: try String(contentsOfFile: paths[2], encoding: .utf8))
}

/// What a throwing expression fails with, as a program would print it ("no error" when it succeeds).
public func errorMessage(_ body: () throws -> Any) -> String {
    do {
        _ = try body()
        return "no error"
    } catch {
        return String(describing: error)
    }
}
