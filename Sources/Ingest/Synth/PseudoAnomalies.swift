/// Pseudo-anomalies painted into normal footage. Training videos hold only normal frames, so they say
/// nothing about how well a score separates anomalies; painting objects that move or look wrong into
/// them gives a labelled set on which scoring choices can be compared without touching a test set's
/// labels. The objects stand in for what fixed-camera anomalies usually are: something fast crossing
/// the scene (a bike among walkers) and something that does not belong (a cart).
public struct PseudoAnomalies: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A patch of the scene crossing the whole frame within one event.
        case fastObject = "fast-object"
        /// A patch of the scene with its brightness inverted, drifting at walking pace.
        case foreignObject = "foreign-object"
    }

    /// One event per `period` frames, `duration` frames long, at a seeded place in its period.
    public let period: Int
    public let duration: Int
    /// The object's side as a fraction of the frame's height.
    public let objectScale: Double
    public let kinds: [Kind]
    public let seed: UInt64
    /// The smallest object painted, so frames must be at least this many pixels high and wide.
    public static let minimumSide = 4
    /// The object of each video's current event, cut from the event's first frame.
    private var objects: [String: (event: Int, pixels: [UInt8])] = [:]

    public init(period: Int = 60, duration: Int = 30, objectScale: Double = 0.125, kinds: [Kind] = Kind.allCases, seed: UInt64 = 1) {
        precondition(period > duration && duration > 1 && !kinds.isEmpty, "PseudoAnomalies: needs period > duration > 1 and a kind")
        self.period = period
        self.duration = duration
        self.objectScale = objectScale
        self.kinds = kinds
        self.seed = seed
    }

    /// Where an event is: which kind, where its object comes from, its path across the frame.
    struct Event {
        let kind: Kind
        let start: Int
        let side: Int
        /// Places the object may be cut from; the most textured one is taken, so that it holds people
        /// or things rather than bare ground.
        let sources: [(x: Int, y: Int)]
        let from: (x: Double, y: Double)
        let velocity: (x: Double, y: Double)

        /// The event of `period` number `number` in `video`: a function of the seed alone, so frames can
        /// arrive in records of any length.
        init(_ anomalies: PseudoAnomalies, video: String, number: Int, height: Int, width: Int) {
            var random = SynthRandom(seed: anomalies.seed, stream: [Self.hash(video), UInt64(number)])
            kind = anomalies.kinds[random.int(below: anomalies.kinds.count)]
            start = number * anomalies.period + random.int(below: anomalies.period - anomalies.duration + 1)
            side = max(PseudoAnomalies.minimumSide, min(height, width, Int((anomalies.objectScale * Double(height)).rounded())))
            var candidates: [(x: Int, y: Int)] = []
            for _ in 0..<8 { candidates.append((random.int(below: width - side + 1), random.int(below: height - side + 1))) }
            sources = candidates
            let y = random.uniform(0, Double(height - side))
            let leftToRight = random.sign() > 0
            let travel = Double(width - side)
            switch kind {
            case .fastObject:
                from = (leftToRight ? 0 : travel, y)
                velocity = ((leftToRight ? 1 : -1) * travel / Double(anomalies.duration - 1), random.uniform(-0.5, 0.5))
            case .foreignObject:
                from = (random.uniform(0, travel), y)
                velocity = ((leftToRight ? 1 : -1) * 0.5, 0)
            }
        }

        /// FNV-1a over the name's bytes: the same number on every machine, unlike `hashValue`.
        static func hash(_ name: String) -> UInt64 {
            name.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        }
    }

    /// Paints the events that cover these frames of `video` ([N, C, H, W] bytes, source frame numbers
    /// `indices`, in order) and returns each frame's label, 1 where an object was painted.
    public mutating func paint(_ pixels: inout [UInt8], indices: [Int], video: String, channels: Int, height: Int, width: Int) -> [UInt8] {
        let frameSize = channels * height * width
        return indices.enumerated().map { position, index in
            let event = Event(self, video: video, number: index / period, height: height, width: width)
            let t = index - event.start
            guard t >= 0, t < duration else { return 0 }
            let base = position * frameSize
            if objects[video]?.event != index / period || t == 0 {
                objects[video] = (index / period, cut(pixels, base: base, event: event, channels: channels, height: height, width: width))
            }
            let object = objects[video]!.pixels
            let side = event.side
            // Clamped, so that every labelled frame shows the whole object.
            let x = min(width - side, max(0, Int((event.from.x + event.velocity.x * Double(t)).rounded())))
            let y = min(height - side, max(0, Int((event.from.y + event.velocity.y * Double(t)).rounded())))
            Self.forEachPixel(ofSquare: side, at: (x, y), channels: channels, height: height, width: width) { inFrame, inObject in
                pixels[base + inFrame] = object[inObject]
            }
            return 1
        }
    }

    /// The event's object: the most varied of its candidate squares in this frame, inverted for a
    /// foreign object.
    private func cut(_ pixels: [UInt8], base: Int, event: Event, channels: Int, height: Int, width: Int) -> [UInt8] {
        let side = event.side
        func square(_ source: (x: Int, y: Int)) -> [UInt8] {
            var object = [UInt8](repeating: 0, count: channels * side * side)
            Self.forEachPixel(ofSquare: side, at: source, channels: channels, height: height, width: width) { inFrame, inObject in
                object[inObject] = pixels[base + inFrame]
            }
            return object
        }
        func variance(_ values: [UInt8]) -> Double {
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            return values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
        }
        let object = event.sources.map(square).max { variance($0) < variance($1) }!
        return event.kind == .foreignObject ? object.map { 255 - $0 } : object
    }

    /// Visits the square of `side` with its top-left corner at `corner` in a [C, H, W] frame: each
    /// pixel's index in the frame and in a [C, side, side] object.
    private static func forEachPixel(ofSquare side: Int, at corner: (x: Int, y: Int), channels: Int, height: Int, width: Int,
                                     _ visit: (_ inFrame: Int, _ inObject: Int) -> Void) {
        for channel in 0..<channels {
            for row in 0..<side {
                for column in 0..<side {
                    visit((channel * height + corner.y + row) * width + corner.x + column, (channel * side + row) * side + column)
                }
            }
        }
    }
}
