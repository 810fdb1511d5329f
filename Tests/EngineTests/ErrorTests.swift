import Engine
import TestSupport
import XCTest

/// Every kind of shape mismatch comes back as a Swift error naming the op and the shapes; none aborts.
final class ErrorTests: XCTestCase {
    func testConvolutionChannelMismatchNamesOpAndShapes() throws {
        let x = try Tensor.zeros([4, 3, 64, 64])
        let w = try Tensor.zeros([8, 1, 3, 3])
        XCTAssertEqual(errorMessage { try x.conv2d(w) }, "conv2d: input [4,3,64,64] has 3 channels, weight expects 1")
        let wt = try Tensor.zeros([2, 8, 3, 3])
        XCTAssertEqual(errorMessage { try x.convTranspose2d(wt) }, "conv_transpose2d: input [4,3,64,64] has 3 channels, weight expects 2")
    }

    func testMismatchesCaughtFromLibtorch() throws {
        let a = try Tensor.zeros([2, 3]), b = try Tensor.zeros([4, 3]), c = try Tensor.zeros([5, 7])
        let cases: [(String, () throws -> Any)] = [
            ("add: [2,3] and [4,3]:", { try a + b }),
            ("matmul: [2,3] and [5,7]:", { try a.matmul(c) }),
            ("cat: [2,3] and [5,7]:", { try Tensor.cat([a, c], dim: 0) }),
            ("reshape: [2,3]:", { try a.reshaped([4, 2]) }),
            ("linear: input [2,3] has 3 features, weight expects 7", { try a.linear(c) }),
            ("mse_loss: [2,3] and [4,3]:", { try Loss.mse(a, b) }),
            ("layer_norm: [2,3]:", { try a.layerNorm([7]) }),
            ("conv2d: [2,3] and [5,7]:", { try a.conv2d(c) }),
            ("max_pool2d: [2,3]:", { try a.maxPool2d(kernel: (5, 5)) }),
            ("split: [2,3]:", { try a.split(sizes: [1, 1], dim: 1) }),
            ("slice: [2,3]:", { try a.sliced(dim: 4, 0..<1) }),
            ("backward: [2,3]:", { try a.requiringGrad().backward() }),
            ("cross_entropy: [2,3] and [4,3]:", { try Loss.crossEntropy(a, b) }),
            ("squeeze: [2,3]:", { try a.squeezed(0) }),
            ("tensor:", { try Tensor([1, 2, 3] as [Float], shape: [2, 2]) }),
        ]
        for (prefix, body) in cases {
            let text = errorMessage(body)
            XCTAssertTrue(text.hasPrefix(prefix), "expected '\(prefix)...', got '\(text)'")
            XCTAssertFalse(text.contains("\n"), "one line: \(text)")
        }
    }

    func testCUDAOnACPUBuildIsAClearError() throws {
        try XCTSkipIf(Runtime.cudaAvailable, "this libtorch has CUDA")
        let text = errorMessage { try Tensor.zeros([2]).to(device: .cuda(0)) }
        XCTAssertTrue(text.contains("no CUDA"), text)
        XCTAssertThrowsError(try Device(parsing: "gpu"))
        XCTAssertEqual(try Device(parsing: "cuda:1"), .cuda(1))
    }
}
