import ArgumentParser

/// A frame size as the programs take it: `WxH` (`180x120`), or `N` for a square.
public struct FrameSize: ExpressibleByArgument, Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The largest side taken: beyond 8K video, and small enough that no frame's pixel count overflows.
    public static let largestSide = 16384

    public init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), let width = parts[0], let height = parts.last!,
              (1...Self.largestSide).contains(width), (1...Self.largestSide).contains(height) else { return nil }
        self.init(width: width, height: height)
    }
}
