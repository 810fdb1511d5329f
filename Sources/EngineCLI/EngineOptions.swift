import ArgumentParser
import CLIKit
import Engine
import Foundation

/// `--device`, `--threads` and `--seed`, for every program that computes with the engine.
public struct EngineOptions: ParsableArguments {
    @Option(help: "cpu, cuda or cuda:N.")
    public var device: String = "cpu"

    @Option(parsing: .unconditional, help: "Intra-op threads (default: all cores).")
    public var threads: Int?

    @Option(parsing: .unconditional, help: "Seed for libtorch's generators (in train also for the shuffle buffer), so CPU runs repeat exactly.")
    public var seed: UInt64 = 0

    public init() {}

    public func validate() throws {
        try validateThreads(threads)
    }

    /// Applies the settings and returns the device to compute on.
    public func apply() throws -> Device {
        let target: Device
        do { target = try Device(parsing: device) } catch { throw UsageError(String(describing: error)) }
        Runtime.flushDenormals()
        try target.checkAvailable()
        try Runtime.setThreads(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        try Runtime.seed(seed)
        return target
    }
}
