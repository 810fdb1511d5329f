import Foundation
import Synth
import TensorStream
import TestSupport
import XCTest

/// The shared MNIST test digits, located from this file: the repository root's ../shared/data/mnist.
let mnistDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/data/mnist").standardized.path
let mnistImages = mnistDirectory + "/t10k-images-idx3-ubyte.gz"
let mnistLabels = mnistDirectory + "/t10k-labels-idx1-ubyte.gz"

func requireMNIST() throws {
    guard FileManager.default.fileExists(atPath: mnistImages) else {
        throw XCTSkip("MNIST test digits absent: \(mnistImages) (they live in ../shared/data, beside the repository)")
    }
}

/// An idx file of unsigned bytes, as MNIST's are laid out.
func idxBytes(shape: [Int], values: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
    for d in shape { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
    return bytes + values
}

func write(_ bytes: [UInt8], to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

/// Ten 28x28 "digits" the tests make themselves: a bright blob each, in a different place and size,
/// so the protocol tests run without the shared data.
func syntheticDigitsFile(in directory: String) throws -> String {
    var values: [UInt8] = []
    for k in 0..<10 {
        let cx = 9 + k % 10, cy = 8 + (k * 3) % 12, r = 4 + k % 4
        for y in 0..<28 {
            for x in 0..<28 {
                let d = (x - cx) * (x - cx) + (y - cy) * (y - cy)
                values.append(d <= r * r ? UInt8(255 - min(200, d * 8)) : 0)
            }
        }
    }
    let path = directory + "/digits-idx3-ubyte"
    try write(idxBytes(shape: [10, 28, 28], values: values), to: path)
    return path
}

/// The digit sets the protocol tests run on: the synthetic ones, and MNIST's when present.
func digitSets(in directory: String) throws -> [DigitImages] {
    var sets = [try DigitImages(path: try syntheticDigitsFile(in: directory))]
    if FileManager.default.fileExists(atPath: mnistImages) { sets.append(try DigitImages(path: mnistImages)) }
    return sets
}

extension SynthVideo {
    var frameSize: Int { width * height }
    func frame(_ t: Int) -> ArraySlice<UInt8> { pixels[(t * frameSize)..<((t + 1) * frameSize)] }
    func pixel(_ t: Int, _ y: Int, _ x: Int) -> UInt8 { pixels[(t * height + y) * width + x] }

    /// The frames that differ from `other`'s.
    func framesDiffering(from other: SynthVideo) -> [Int] {
        pixels.withUnsafeBytes { a in
            other.pixels.withUnsafeBytes { b in
                (0..<frameCount).filter { memcmp(a.baseAddress! + $0 * frameSize, b.baseAddress! + $0 * frameSize, frameSize) != 0 }
            }
        }
    }

    /// (y, x) of every pixel of frame t that differs from `other`'s (or is nonzero, without `other`).
    func pixelsDiffering(from other: SynthVideo? = nil, frame t: Int) -> [(y: Int, x: Int)] {
        let base = t * frameSize
        let reference = other?.pixels ?? [UInt8](repeating: 0, count: pixels.count)
        var found: [(y: Int, x: Int)] = []
        pixels.withUnsafeBufferPointer { a in
            reference.withUnsafeBufferPointer { b in
                var i = base
                while i < base + frameSize {
                    if a[i] != b[i] { found.append(((i - base) / width, (i - base) % width)) }
                    i += 1
                }
            }
        }
        return found
    }

    /// (y, x) of every nonzero pixel of frame t.
    func ink(_ t: Int) -> [(y: Int, x: Int)] { pixelsDiffering(frame: t) }

    var labelledFrames: [Int] { labels.indices.filter { labels[$0] == 1 } }

    /// Intensity-weighted centre of frame t.
    func centroid(_ t: Int) -> (x: Double, y: Double) {
        var mass = 0.0, sx = 0.0, sy = 0.0
        for (y, x) in ink(t) {
            let v = Double(pixel(t, y, x))
            mass += v
            sx += v * Double(x)
            sy += v * Double(y)
        }
        return (sx / mass, sy / mass)
    }
}
