import TensorStream

/// Grey images from an idx array of shape [count, rows, columns]: MNIST's digits, as sprites.
public struct DigitImages: Sendable {
    public let count: Int
    public let rows: Int
    public let columns: Int
    private let pixels: [UInt8]

    public init(path: String) throws {
        let array = try IDXArray(path: path)
        guard array.shape.count == 3, array.shape.allSatisfy({ $0 > 0 }) else {
            throw IOFailure("\(path): expected images [count, rows, columns] in the idx file, found shape \(array.shape)")
        }
        (count, rows, columns) = (array.shape[0], array.shape[1], array.shape[2])
        pixels = array.values
    }

    public func sprite(_ index: Int) -> Sprite {
        let size = rows * columns
        return Sprite(width: columns, height: rows, pixels: Array(pixels[(index * size)..<((index + 1) * size)]))
    }
}
