import Randomness
/// Shuffles a stream too large for memory: holds up to `capacity` items and, once full, emits a
/// random one for each new arrival; `drain` empties it in random order. Seeded, so an epoch's order
/// repeats exactly, which `train --resume` relies on.
public struct ShuffleBuffer<Item> {
    private var items: [Item] = []
    private let capacity: Int
    private var generator: SplitMix64

    public init(capacity: Int, seed: UInt64) {
        self.capacity = max(capacity, 1)
        generator = SplitMix64(seed: seed)
    }

    /// Adds an item; returns one to emit once the buffer is full.
    public mutating func push(_ item: Item) -> Item? {
        guard items.count >= capacity else {
            items.append(item)
            return nil
        }
        let i = Int.random(in: 0..<items.count, using: &generator)
        let out = items[i]
        items[i] = item
        return out
    }

    public mutating func drain() -> [Item] {
        items.shuffle(using: &generator)
        defer { items.removeAll() }
        return items
    }
}
