/// Which windows of a video become clips.
///
/// A clip of `length` T with stride s takes frames p, p+s, ..., p+(T-1)s, spanning (T-1)s+1 frames.
/// Window starts are `step` frames apart (per stride); `step == nil` means non-overlapping,
/// i.e. T*s apart, as the Ped1 tutorial's augmentation cuts them (its notebook also takes every
/// phase of a stride, starts 0..<s; here only the windows from frame 0). For a video of n frames that gives
///
///     clips(n, s) = n >= span ? (n - span) / step + 1 : 0,   span = (T-1)s + 1
///
/// per stride (integer division). Test mode is strides [1] with step 1: every sliding window.
/// `reachingEnd` adds, per stride, one window flush with the video's last frame where the grid stops
/// short of it, so that the last frames are in a window too (Luo et al.'s test script scores a video's
/// last frames; windows of 10, 5 apart, would leave up to 4 of them out).
public struct ClipWindows: Equatable, Sendable {
    public let length: Int
    public let strides: [Int]
    public let step: Int?
    public let reachingEnd: Bool

    public init(length: Int, strides: [Int], step: Int?, reachingEnd: Bool = false) throws {
        guard (1...Self.largest).contains(length) else { throw ClipError("clip length must be from 1 to \(Self.largest), got \(length)") }
        guard !strides.isEmpty, strides.allSatisfy({ (1...Self.largest).contains($0) }) else {
            throw ClipError("strides must be from 1 to \(Self.largest), got \(strides)")
        }
        guard step.map({ $0 >= 1 }) ?? true else { throw ClipError("step must be positive, got \(step!)") }
        self.length = length
        self.strides = strides
        self.step = step
        self.reachingEnd = reachingEnd
    }

    /// The largest clip length or stride: a window spans at most a million frames, about ten hours at
    /// 30 frames a second, and its span cannot overflow.
    static let largest = 1000

    /// Every stride-1 window, one starting at each frame.
    public static func sliding(length: Int) throws -> ClipWindows { try ClipWindows(length: length, strides: [1], step: 1) }

    public func span(_ stride: Int) -> Int { (length - 1) * stride + 1 }
    public func startSpacing(_ stride: Int) -> Int { step ?? length * stride }
    /// Frames a streaming cutter must remember: the widest window.
    public var maximumSpan: Int { strides.map(span).max()! }
    /// Frames the shortest video with a clip has: the narrowest window.
    public var minimumSpan: Int { strides.map(span).min()! }

    /// The documented count for a video of `frames` frames.
    public func clipCount(frames: Int) -> Int {
        strides.reduce(0) { total, s in total + (frames >= span(s) ? (frames - span(s)) / startSpacing(s) + 1 : 0) }
            + windows(endingLast: frames).count
    }

    /// Under `reachingEnd`, the windows flush with the end of a video of `frames` frames that the grid
    /// does not already end there.
    public func windows(endingLast frames: Int) -> [(stride: Int, start: Int)] {
        guard reachingEnd else { return [] }
        return strides.compactMap { s in
            let start = frames - span(s)
            return start > 0 && start % startSpacing(s) != 0 ? (s, start) : nil
        }
    }

    /// Strides whose window ends at position `end` (0-based within the video), with its start position.
    public func windows(endingAt end: Int) -> [(stride: Int, start: Int)] {
        strides.compactMap { s in
            let start = end - (span(s) - 1)
            return start >= 0 && start % startSpacing(s) == 0 ? (s, start) : nil
        }
    }
}

public struct ClipError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
