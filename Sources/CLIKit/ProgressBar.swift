import Foundation
import TensorStream

/// A one-line progress report with rate and ETA, drawn on stderr only when stderr is a terminal
/// this program has the foreground of and the user did not ask for quiet, so pipelines, cron logs and
/// a job sent to the background (`make ... &`) stay clean.
public final class ProgressBar {
    private let label: String
    private let unit: String
    private let total: Int?
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    public private(set) var count: Int
    /// Where this run started (a resumed run starts part-way), for the rate and the ETA.
    private let startCount: Int

    public init(_ label: String, total: Int?, unit: String, quiet: Bool, done: Int = 0) {
        self.label = label
        count = done
        startCount = done
        self.total = total
        self.unit = unit
        enabled = Self.draws(quiet: quiet)
    }

    /// Whether a bar would be drawn: known before making one, for a total that costs work to count.
    public static func draws(quiet: Bool) -> Bool {
        !quiet && isatty(STDERR_FILENO) == 1 && inForeground
    }

    /// Asked again before each draw: a job sent to the background after it started (Ctrl-Z, bg) stops
    /// drawing.
    private static var inForeground: Bool { tcgetpgrp(STDERR_FILENO) == getpgrp() }

    public func advance(by n: Int = 1) {
        count += n
        guard enabled else { return }
        let now = Date()
        if now.timeIntervalSince(lastDraw) >= 0.1 || count == total, Self.inForeground {
            lastDraw = now
            draw(now)
        }
    }

    public func finish() {
        guard enabled, Self.inForeground else { return }
        draw(Date())
        writeStandardError("\n")
        OpenStderrLine.set(false)
    }

    private func draw(_ now: Date) {
        let elapsed = max(now.timeIntervalSince(started), 1e-9)
        let rate = Double(count - startCount) / elapsed
        var line = "\(label) \(count)"
        if let total, total > 0 {
            let fraction = min(Double(count) / Double(total), 1)
            let width = 24
            let filled = Int(fraction * Double(width))
            line = "\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(count)/\(total)"
            let remaining = rate > 0 ? Double(total - count) / rate : 0
            line += String(format: " %.1f %@/s ETA %@", rate, unit, Self.clock(remaining))
        } else {
            line += String(format: " %@ %.1f %@/s", unit, rate, unit)
        }
        OpenStderrLine.set(true)
        writeStandardError("\r\u{1B}[K" + line)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
