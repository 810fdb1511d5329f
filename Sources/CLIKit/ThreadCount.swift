import ArgumentParser

/// Checks a `--threads` value, for every program that takes one: past 1024 it is a typo, and each
/// thread is started.
public func validateThreads(_ threads: Int?) throws {
    if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be from 1 to 1024, got \(threads)") }
}
